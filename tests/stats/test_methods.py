"""Each method on its own: permutation, bootstrap, bayes, regression adjustment, leave-one-out."""

import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from simulate import post_arrays, posts_frame

from postlab.exceptions import AnalysisError
from postlab.stats.bayes import posterior
from postlab.stats.bootstrap import bootstrap_test
from postlab.stats.comparison import compare
from postlab.stats.delta import Moments, delta_test, leave_one_out
from postlab.stats.robustness import ArmPosts, single_post_check


@pytest.fixture
def posts():
    return posts_frame(np.random.default_rng(11), {"serious": (50, 0.03), "humorous": (50, 0.04)})


def test_sequential_by_default_and_fixed_auto_by_size(posts, monkeypatch):
    assert compare(posts, "arm", "serious").metrics[0].method.startswith("confidence sequence")
    fixed = compare(posts, "arm", "serious", sequential=False).metrics[0]
    assert fixed.method == "studentised bootstrap (1,999 resamples)"
    monkeypatch.setattr(sys.modules["postlab.stats.comparison"], "STUDENTISED_BELOW", 40)
    large = compare(posts, "arm", "serious", sequential=False).metrics[0]
    assert large.method == "delta (Welch t on the log ratio)"


def test_fixed_sample_methods_need_the_fixed_analysis(posts):
    with pytest.raises(AnalysisError, match="permutation is a fixed-sample method"):
        compare(posts, "arm", "serious", method="permutation")


@pytest.mark.parametrize("method", ["auto", "delta", "permutation", "bootstrap", "bayes"])
@pytest.mark.parametrize("lift", [0.0, 0.25, 0.6])
def test_every_interval_agrees_with_its_test(method, lift):
    posts = posts_frame(
        np.random.default_rng(17), {"serious": (25, 0.03), "humorous": (25, 0.03 * (1 + lift))}
    )
    for sequential in (True, False) if method in ("auto", "delta") else (False,):
        row = compare(posts, "arm", "serious", method=method, sequential=sequential).metrics[0]
        excludes = row.rel_ci[0] > 0 or row.rel_ci[1] < 0
        assert row.significant == excludes, (method, sequential, row)
        if row.p_value is not None:
            assert (row.p_value < 0.05) == excludes


def test_studentised_and_permutation_are_reproducible_from_the_seed(posts):
    few = posts.groupby("arm").head(12)
    for method in ("auto", "permutation"):
        first = compare(few, "arm", "serious", method=method, seed=4, sequential=False).metrics[0]
        again = compare(few, "arm", "serious", method=method, seed=4, sequential=False).metrics[0]
        other = compare(few, "arm", "serious", method=method, seed=5, sequential=False).metrics[0]
        assert (again.p_value, again.rel_ci) == (first.p_value, first.rel_ci)
        assert other.p_value != first.p_value


def test_bootstrap_p_value_agrees_with_its_interval():
    rng = np.random.default_rng(3)
    for lift in (0.0, 0.15, 0.3, 0.5):
        xt, yt = post_arrays(rng, 80, rate=0.03 * (1 + lift))
        xc, yc = post_arrays(rng, 80)
        estimate = bootstrap_test(xt, yt, xc, yc, rng=1)
        excludes_zero = estimate.rel_ci[0] > 0 or estimate.rel_ci[1] < 0
        assert (estimate.p_value < 0.05) == excludes_zero
        assert estimate.rel_ci[0] < estimate.rel_effect < estimate.rel_ci[1]


def test_bootstrap_through_compare_for_a_mean_metric(posts):
    row = compare(
        posts,
        "arm",
        "serious",
        metrics=["impressions_per_post"],
        method="bootstrap",
        sequential=False,
    ).metrics[0]
    assert row.method == "bootstrap (BCa, 10,000 resamples)"
    delta = compare(
        posts, "arm", "serious", metrics=["impressions_per_post"], method="delta", sequential=False
    ).metrics[0]
    width = delta.abs_ci[1] - delta.abs_ci[0]
    assert row.abs_ci == pytest.approx(delta.abs_ci, abs=0.25 * width)


def test_bayes_probability_and_expected_loss_match_monte_carlo():
    rng = np.random.default_rng(5)
    xt, yt = post_arrays(rng, 60, rate=0.035)
    xc, yc = post_arrays(rng, 60)
    post = posterior(Moments.of(xt, yt), Moments.of(xc, yc))
    draws = np.random.default_rng(0).normal(post.mean, post.sd, 400_000)
    assert post.prob_above_zero() == pytest.approx((draws > 0).mean(), abs=0.003)
    assert post.expected_loss() == pytest.approx(np.maximum(0, 1 - np.exp(draws)).mean(), rel=0.02)


def test_bayes_states_its_prior_and_decides_by_its_tail_probability(posts):
    row = compare(posts, "arm", "serious", method="bayes", sequential=False).metrics[0]
    assert "normal prior on the log lift, mean 0, sd 0.1, default; t likelihood" in row.method
    assert row.p_value == pytest.approx(2 * min(row.prob_better, 1 - row.prob_better), abs=1e-9)
    assert row.significant == (row.rel_ci[0] > 0 or row.rel_ci[1] < 0)


def test_prior_pulls_a_small_sample_towards_no_change():
    rng = np.random.default_rng(6)
    xt, yt = post_arrays(rng, 6, rate=0.06)
    xc, yc = post_arrays(rng, 6)
    mt, mc = Moments.of(xt, yt), Moments.of(xc, yc)
    assert abs(posterior(mt, mc).mean) < abs(np.log(mt.ratio / mc.ratio))


def _weekday_posts(seed, n=300):
    """Rates that depend strongly on weekday; arms randomised, humorous 10 % better."""
    rng = np.random.default_rng(seed)
    posts = posts_frame(rng, {"serious": (n, 0.03), "humorous": (n, 0.03)})
    boost = np.where(posts["published_at"].dt.day_of_week >= 5, 3.0, 1.0)
    lift = np.where(posts["arm"] == "humorous", 1.1, 1.0)
    posts["engagements"] = rng.binomial(posts["impressions"].to_numpy(int), 0.01 * boost * lift)
    return posts


def test_regression_adjustment_narrows_the_interval():
    posts = _weekday_posts(21)
    plain = compare(posts, "arm", "serious", method="delta", sequential=False).metrics[0]
    adjusted = compare(posts, "arm", "serious", covariates=["weekday"], sequential=False).metrics[0]
    assert adjusted.method.startswith("ratio of sums; regression adjusted for weekday (OLS, HC3; ")
    assert adjusted.variance_reduction > 0.3
    assert np.diff(adjusted.rel_ci)[0] < 0.8 * np.diff(plain.rel_ci)[0]
    assert adjusted.rel_ci[0] < 0.1 < adjusted.rel_ci[1]


def test_regression_without_covariates_is_the_delta_method(posts):
    posts["constant"] = 1.0
    plain = compare(posts, "arm", "serious", method="delta", sequential=False).metrics[0]
    regression = compare(posts, "arm", "serious", covariates=["constant"], sequential=False)
    row = regression.metrics[0]
    assert row.abs_effect == pytest.approx(plain.abs_effect, rel=1e-9)
    # HC3 inflates each post's residual a little and the variance is taken at its upper
    # one-standard-error bound for the tails (covariates._tail_factor): a bit wider than Welch's
    assert 1 <= np.diff(row.abs_ci)[0] / np.diff(plain.abs_ci)[0] < 1.25
    assert "covariates constant left out" in regression.notes[0]


def test_pre_period_rate_from_history(posts):
    history = posts_frame(np.random.default_rng(12), {"old": (200, 0.03)})
    history["account"] = np.where(np.arange(200) % 2 == 0, "@a", "@b")
    posts["account"] = np.where(np.arange(len(posts)) % 2 == 0, "@a", "@b")
    result = compare(
        posts, "arm", "serious", covariates=["pre_rate"], history=history, sequential=False
    )
    assert "pre rate" in result.metrics[0].method
    with pytest.raises(AnalysisError, match="history="):
        compare(posts, "arm", "serious", covariates=["pre_rate"], sequential=False)
    sequential = compare(posts, "arm", "serious", covariates=["weekday"]).metrics[0]
    assert sequential.sequential and "confidence sequence" in sequential.method


def test_leave_one_out_from_sums_equals_refitting():
    rng = np.random.default_rng(8)
    x, y = post_arrays(rng, 9)
    fast = leave_one_out(x, y)
    for i in range(9):
        keep = np.arange(9) != i
        slow = Moments.of(x[keep], y[keep])
        for field in ("mean_x", "mean_y", "var_x", "var_y", "cov_xy"):
            assert getattr(fast, field)[i] == pytest.approx(getattr(slow, field), rel=1e-9)
        assert fast.ratio[i] == pytest.approx(slow.ratio, rel=1e-12)


def test_leave_one_out_flags_a_significance_flip():
    rng = np.random.default_rng(9)
    xt, yt = post_arrays(rng, 40, rate=0.03)
    xc, yc = post_arrays(rng, 40, rate=0.03)
    xt[0], yt[0] = 25_000, 100_000  # one viral post with a 25 % rate
    treatment = ArmPosts("humorous", xt, yt, np.array([f"t{i}" for i in range(40)]), 0)
    control = ArmPosts("serious", xc, yc, np.array([f"c{i}" for i in range(40)]), 0)
    post_id, note = single_post_check(treatment, control, 0.05)
    assert post_id == "t0"
    full = delta_test(Moments.of(xt, yt), Moments.of(xc, yc))
    without = delta_test(Moments.of(xt[1:], yt[1:]), Moments.of(xc, yc))
    if (full.p_value < 0.05) != (without.p_value < 0.05):
        assert "significant" in note
    else:
        assert "moves the change" in note


def test_bad_options_are_clear_errors(posts):
    with pytest.raises(AnalysisError, match="unknown method 'magic'"):
        compare(posts, "arm", "serious", method="magic")
    with pytest.raises(AnalysisError, match="alpha"):
        compare(posts, "arm", "serious", alpha=5)
    with pytest.raises(AnalysisError, match="unknown correction"):
        compare(posts, "arm", "serious", correction="bonf")
    with pytest.raises(AnalysisError, match="covariates work with method auto or delta"):
        compare(posts, "arm", "serious", method="bootstrap", covariates=True, sequential=False)
    with pytest.raises(AnalysisError, match="mde must be a share between 0 and 1"):
        compare(posts, "arm", "serious", mde=1.5)
    with pytest.raises(AnalysisError, match="cap must be a percentile"):
        compare(posts, "arm", "serious", cap=99)
    with pytest.raises(AnalysisError, match="planned_posts must be a whole number"):
        compare(posts, "arm", "serious", planned_posts=2.5)
    with pytest.raises(AnalysisError, match="needs column 'video_views'"):
        compare(posts, "arm", "serious", metrics=["view_rate"])


def test_arm_interval_uses_the_delta_variance(posts):
    row = compare(posts, "arm", "serious").arm_estimates().iloc[0]
    serious = posts[posts["arm"] == "serious"]
    m = Moments.of(serious["engagements"].to_numpy(float), serious["impressions"].to_numpy(float))
    half = stats.t.ppf(0.975, 49) * np.sqrt(m.variance)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((m.ratio - half, m.ratio + half))
    assert isinstance(row["value"], float) and not pd.isna(row["value"])
