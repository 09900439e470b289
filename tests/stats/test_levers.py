"""The levers of issue 31: group-sequential boundaries, typical-post effect, adjustment, strata."""

import numpy as np
import pandas as pd
import pytest

from postlab.exceptions import AnalysisError
from postlab.stats import groupseq
from postlab.stats.comparison import compare
from postlab.stats.covariates import analyse
from postlab.stats.groupseq import LOOKS
from postlab.stats.metrics import metric


def test_obrien_fleming_boundaries_match_the_published_lan_demets_values():
    # ldbounds / gsDesign sfLDOF, five equally spaced looks, two-sided alpha 0.05
    found = groupseq.boundaries(np.arange(1, 6) / 5).z
    assert found == pytest.approx([4.8769, 3.3570, 2.6803, 2.2898, 2.0310], abs=2e-3)


def test_pocock_boundaries_match_the_published_lan_demets_values():
    found = groupseq.boundaries(np.arange(1, 6) / 5, spending="pocock").z
    assert found == pytest.approx([2.4380, 2.4268, 2.4101, 2.3966, 2.3859], abs=2e-3)


def test_unequal_and_extra_looks_spend_exactly_alpha():
    for fractions in ([0.13, 0.5, 0.52, 0.9, 1.0], [0.05, 1.0], [0.3, 0.6, 0.8]):
        bounds = groupseq.boundaries(fractions)
        assert groupseq.crossing(bounds, 0.0) == pytest.approx(
            groupseq.spent(min(fractions[-1], 1), 0.05), abs=1e-6
        )
    assert groupseq.boundaries([0.5, 1.0, 1.2]).z[-1] == groupseq.MAX_BOUNDARY


def test_inflation_of_weekly_obrien_fleming_looks_is_small():
    found = groupseq.computed_inflation(5, 0.05, 0.8, "obrien-fleming")
    assert 1.02 < found < 1.03  # J&T table 7.6: R = 1.026 for K = 5
    assert groupseq.inflation(5, spending="pocock") > 1.2
    with pytest.raises(AnalysisError, match="spending"):
        groupseq.spent(0.5, 0.05, "linear")


def test_the_tabled_inflation_is_the_computed_one_for_every_look_a_plan_uses():
    for (alpha, power, spending), table in groupseq.KNOWN_INFLATION.items():
        assert sorted(table) == list(LOOKS)
        for looks, tabled in table.items():
            found = groupseq.computed_inflation(looks, alpha, power, spending)
            assert tabled == pytest.approx(found, rel=1e-12), looks
    assert groupseq.inflation(7) == groupseq.computed_inflation(7, 0.05, 0.8, "obrien-fleming")


def _posts(n=240, lift=1.0, seed=3, zeros=0.2):
    rng = np.random.default_rng(seed)
    arm = np.where(np.arange(n) % 2 == 0, "a", "b")
    account = rng.choice(["@p", "@q", "@r"], n)
    level = {"@p": 0.01, "@q": 0.03, "@r": 0.06}
    impressions = rng.lognormal(6, 1.2, n).round() + 1
    rate = np.array([level[a] for a in account]) * np.exp(rng.normal(0, 0.6, n))
    rate = rate * np.where(arm == "b", lift, 1.0) * (rng.random(n) > zeros)
    return pd.DataFrame(
        {
            "arm": arm,
            "account": account,
            "impressions": impressions,
            "likes": rng.binomial(impressions.astype(int), np.minimum(rate, 1)),
            "published_at": pd.Timestamp("2024-01-01", tz="UTC")
            + pd.to_timedelta(np.arange(n) * 0.5, unit="D"),
        }
    )


def test_typical_post_keeps_zeros_with_an_offset_from_the_data():
    posts = _posts(lift=1.5)
    found = analyse(posts, "arm", "a", ["b"], metric("like_rate"), effect="typical-post")
    rates = posts["likes"] / posts["impressions"]
    assert found.offset == pytest.approx(np.quantile(rates[rates > 0], 0.1))
    assert found.posts == len(posts)  # the zeros are kept
    plain = compare(posts, control="a", metrics="like_rate", sequential=False)
    typical = compare(
        posts, control="a", metrics="like_rate", sequential=False, effect="typical-post"
    )
    assert typical.metrics[0].effect == "typical-post"
    assert "typical b post's like rate was" in typical.verdict.summary
    assert np.diff(np.log1p(typical.metrics[0].rel_ci)) < np.diff(np.log1p(plain.metrics[0].rel_ci))


def test_strata_take_out_the_accounts_and_report_the_variance_removed():
    posts = _posts()
    found = analyse(
        posts, "arm", "a", ["b"], metric("like_rate"), effect="typical-post", strata=["account"]
    )
    assert found.used == ["account"]
    assert found.fits["b"].variance_reduction > 0.2
    assert "less variance" in found.description


def test_recent_level_uses_only_earlier_posts():
    posts = _posts()
    shuffled = posts.sample(frac=1, random_state=1)
    one = analyse(posts, "arm", "a", ["b"], metric("like_rate"), covariates=["recent_level"])
    two = analyse(shuffled, "arm", "a", ["b"], metric("like_rate"), covariates=["recent_level"])
    assert one.fits["b"].log_effect == pytest.approx(two.fits["b"].log_effect, rel=1e-9)


def test_group_sequential_stops_once_and_its_interval_agrees():
    posts = _posts(n=400, lift=2.0)
    result = compare(posts, control="a", metrics="like_rate", planned_posts=400)
    row = result.metrics[0]
    assert result.verdict.decision == "adopt"
    assert "interval valid at every look:" in result.verdict.summary
    assert "stopped here" in row.method and row.rel_ci[0] > 0
    later = compare(posts, control="a", metrics="like_rate", planned_posts=400)
    assert later.metrics[0].rel_ci == row.rel_ci


def test_group_sequential_at_its_end_without_a_crossing_stops_testing():
    posts = _posts(n=200, lift=1.0, seed=5)
    result = compare(posts, control="a", metrics="like_rate", planned_posts=200, mde=0.05)
    assert (
        "planned posts are in" in result.verdict.summary
        or result.verdict.decision != "keep testing"
    )


def test_ols_hc3_matches_statsmodels():
    from statsmodels.regression.linear_model import OLS

    from postlab.stats.covariates import ols_hc3

    rng = np.random.default_rng(2)
    design = np.column_stack([np.ones(50), rng.random(50) < 0.5, rng.normal(size=(50, 3))])
    values = rng.standard_t(3, 50) + design[:, 1]
    params, cov, df = ols_hc3(values, design)
    reference = OLS(values, design).fit(cov_type="HC3")
    assert params == pytest.approx(reference.params, rel=1e-10)
    assert cov == pytest.approx(reference.cov_params(), rel=1e-8)
    assert df == reference.df_resid


def test_levers_from_history_are_faster_and_say_what_the_team_can_choose():
    from postlab.stats.levers import history_spreads, options

    history = _posts(n=300, zeros=0.05)
    spreads = history_spreads(history, "like_rate", 0.2, ratio_cv=1.2, arm_columns=["has_media"])
    assert "media" not in spreads.covariates and spreads.reduction["typical-post"] > 0.2
    assert 0 < spreads.typical_shift < np.log(1.2)
    found = {o.name.split(" (")[0]: o for o in options(spreads, 0.2, 6.0, alpha=0.05, power=0.8)}
    alone, together = found["alone"], found["all three together"]
    assert together.weeks < alone.weeks / 2 and together.now
    assert found["with 32 teams running it"].weeks < found["with 8 teams running it"].weeks
    assert not found["with 32 teams running it"].now


def test_the_levers_benchmark_runs_small():
    from benchmarks import bench_levers

    pool = _posts(n=200, zeros=0.05).assign(has_media=lambda p: np.arange(len(p)) % 3 == 0)
    rng = np.random.default_rng(0)
    effect, adjusted = bench_levers.LEVERS["all three"]
    truth = bench_levers.true_change(pool, "like_rate", effect)
    crossed, covered = bench_levers.run(pool, "like_rate", 40, effect, adjusted, 0.2, truth, rng)
    assert isinstance(crossed, bool) and isinstance(covered, bool)
    assert 0 < bench_levers.true_change(pool, "like_rate", "typical-post") < 0.2
