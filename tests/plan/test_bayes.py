"""method="bayes": a realistic prior, a fitted prior, a t likelihood, multiplicity, calibration."""

import numpy as np
import pandas as pd
import pytest
from scipy import special
from statsmodels.stats.multitest import multipletests

from benchmarks.bench_bayes import run
from benchmarks.bench_plans import post_arrays
from postlab import cli
from postlab.exceptions import AnalysisError
from postlab.stats.bayes import DEFAULT_PRIOR, Prior, fit_prior, posterior, prior_from_record
from postlab.stats.comparison import compare
from postlab.stats.delta import Moments


def _moments(seed, n, lift=0.0, setting="mild"):
    rng = np.random.default_rng(seed)
    return Moments.of(*post_arrays(rng, n, setting, lift=lift)), Moments.of(
        *post_arrays(rng, n, setting)
    )


def test_default_prior_is_stated():
    assert (DEFAULT_PRIOR.mean, DEFAULT_PRIOR.sd) == (0.0, 0.1)
    assert str(DEFAULT_PRIOR) == "normal prior on the log lift, mean 0, sd 0.1, default"
    with pytest.raises(AnalysisError):
        Prior(0.0, 0.0)


def test_many_posts_give_the_normal_conjugate_answer():
    mt, mc = _moments(1, 5000, lift=0.1)
    post = posterior(mt, mc)
    d_hat = np.log(mt.ratio / mc.ratio)
    precision = 1 / (mt.variance / mt.ratio**2 + mc.variance / mc.ratio**2)
    mean = d_hat * precision / (precision + 100)
    sd = np.sqrt(1 / (precision + 100))
    assert post.mean == pytest.approx(mean, abs=1e-4)
    assert post.sd == pytest.approx(sd, rel=1e-3)
    assert post.prob_above_zero() == pytest.approx(special.ndtr(mean / sd), abs=1e-4)


def test_the_t_likelihood_trusts_six_posts_less_than_a_normal_one():
    mt, mc = _moments(2, 6, lift=1.0)
    wide = Prior(0.0, 10.0)  # nearly flat: the likelihood's shape shows
    post = posterior(mt, mc, wide)
    d_hat = np.log(mt.ratio / mc.ratio)
    se = np.sqrt(mt.variance / mt.ratio**2 + mc.variance / mc.ratio**2)
    assert post.mean == pytest.approx(d_hat, abs=0.05 * se)
    assert post.sd > 1.1 * se  # a t on about 5-10 degrees of freedom is wider than its scale


def test_fit_prior_recovers_the_spread_of_past_lifts():
    rng = np.random.default_rng(3)
    true = rng.normal(0.05, 0.1, 300)
    se = rng.uniform(0.03, 0.08, 300)
    prior = fit_prior(np.expm1(true + rng.normal(0, se)), se)
    assert prior.mean == pytest.approx(0.05, abs=0.02)
    assert prior.sd == pytest.approx(0.1, abs=0.02)
    assert prior.source == "fitted to 300 past results"
    with pytest.raises(AnalysisError, match="need at least 3 past results"):
        fit_prior([0.1, 0.2], [0.05, np.nan])


def test_prior_from_the_demo_record():
    prior = prior_from_record("data/demo-record")
    assert prior.source == "fitted to 3 past results" and prior.sd > 0.1
    with pytest.raises(AnalysisError, match="no record results"):
        prior_from_record("no/such/record")


def _posts(seed, arms):
    rng = np.random.default_rng(seed)
    frames = []
    for name, (n, lift) in arms.items():
        engagements, impressions = post_arrays(rng, n, "mild", lift=lift)
        frames.append(
            pd.DataFrame(
                {
                    "arm": name,
                    "impressions": impressions,
                    "engagements": engagements,
                    "likes": np.floor(engagements * 0.6),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_compare_takes_a_prior_and_adjusts_for_multiplicity():
    posts = _posts(4, {"serious": (400, 0.0), "humorous": (400, 0.3), "warm": (400, 0.25)})
    result = compare(
        posts,
        "arm",
        "serious",
        metrics=["engagement_rate", "like_rate"],
        method="bayes",
        sequential=False,
    )
    primary = [m for m in result.metrics if m.primary]
    raw = [m.p_value for m in primary]
    assert [m.p_adjusted for m in primary] == pytest.approx(multipletests(raw, method="holm")[1])
    assert all("sd 0.1, default; t likelihood" in m.method for m in result.metrics)
    fitted = compare(
        posts, "arm", "serious", method="bayes", prior=Prior(0.2, 0.2, "fitted"), sequential=False
    )
    assert "mean 0.2, sd 0.2, fitted" in fitted.metrics[0].method
    loose = compare(posts, "arm", "serious", method="bayes", prior=0.5, sequential=False).metrics[0]
    assert loose.rel_effect > result.metrics[0].rel_effect  # a wider prior shrinks less


def test_compare_cli_prior_flag(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    _posts(5, {"serious": (60, 0.0), "humorous": (60, 0.3)}).to_csv(path, index=False)
    argv = ["compare", str(path), "--arm", "arm", "--control", "serious", "--fixed"]
    argv += ["--method", "bayes"]
    assert cli.main([*argv, "--prior", "data/demo-record"]) == 0
    assert "fitted to 3 past results" in capsys.readouterr().out
    assert cli.main([*argv, "--prior", str(tmp_path / "nothing")]) == 1
    assert "no record results (results.csv) to fit a prior to" in capsys.readouterr().err


def test_calibrated_where_the_old_prior_was_not():
    """Small version of ``python -m benchmarks bayes``."""
    small = run("heavy", 6, 3000, 0.1)
    assert small["aa_new"] <= 0.05 < small["aa_old"]  # the old method: 7 % at 6 posts
    assert small["right_old"] < 0.7  # "95 % probability" right about half the time
    assert small["claims_new"] == 0 or small["right_new"] >= 0.9
    larger = run("mild", 100, 3000, 0.2)
    assert larger["claims_new"] >= 30 and larger["right_new"] >= 0.95
    plausible = run("mild", 30, 3000, 0.1)  # true lifts as plausible as the prior says
    said, right, _ = plausible["leaning_new"]
    assert right == pytest.approx(said, abs=0.04)  # P(better) means what it says
    said, right, _ = plausible["leaning_old"]
    assert right < said - 0.1  # the old prior overstated it
