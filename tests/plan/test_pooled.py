"""Per-account effects and the random-effects pooled estimate, against metafor's published values."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from benchmarks.bench_plans import post_arrays
from postlab.exceptions import AnalysisError
from postlab.stats.comparison import compare
from postlab.stats.pooled import by_account, random_effects

# metafor's dat.bcg (Colditz et al. 1994): BCG vaccine trials, tpos tneg cpos cneg
BCG = [
    (4, 119, 11, 128),
    (6, 300, 29, 274),
    (3, 228, 11, 209),
    (62, 13536, 248, 12619),
    (33, 5036, 47, 5761),
    (180, 1361, 372, 1079),
    (8, 2537, 10, 619),
    (505, 87886, 499, 87892),
    (29, 7470, 45, 7232),
    (17, 1699, 65, 1600),
    (186, 50448, 141, 27197),
    (5, 2493, 3, 2338),
    (27, 16886, 29, 17825),
]


@pytest.fixture(scope="module")
def bcg():
    a, b, c, d = np.array(BCG, dtype=float).T
    log_rr = np.log(a / (a + b)) - np.log(c / (c + d))  # escalc(measure="RR")
    return log_rr, 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)


def test_reml_matches_metafor(bcg):
    # rma(yi, vi, data=dat) (REML): estimate -0.7145, se 0.1798, ci -1.0669 to -0.3622,
    # tau^2 0.3132, I^2 92.22 %, Q(df = 12) 152.2330
    fit = random_effects(*bcg, method="REML", hartung_knapp=False)
    assert fit.estimate == pytest.approx(-0.7145, abs=1e-4)
    assert fit.se == pytest.approx(0.1798, abs=1e-4)
    assert fit.ci == pytest.approx((-1.0669, -0.3622), abs=1e-4)
    assert fit.tau2 == pytest.approx(0.3132, abs=1e-4)
    assert fit.i2 == pytest.approx(0.9222, abs=1e-4)
    assert fit.q == pytest.approx(152.2330, abs=1e-4)
    # prediction interval: estimate +- z sqrt(tau^2 + se^2)
    half = 1.959964 * math.sqrt(fit.tau2 + fit.se**2)
    assert fit.prediction_interval() == pytest.approx((fit.estimate - half, fit.estimate + half))


def test_dersimonian_laird_matches_metafor(bcg):
    # metafor's tests (test_misc_metan_vs_rma.uni_with_dat.bcg.r): -0.7141, ci -1.0644 to -0.3638
    fit = random_effects(*bcg, method="DL", hartung_knapp=False)
    assert fit.estimate == pytest.approx(-0.7141, abs=1e-4)
    assert fit.ci == pytest.approx((-1.0644, -0.3638), abs=1e-4)


@pytest.mark.filterwarnings("ignore:`use_t=True` requires")  # about per-study intervals only
def test_hartung_knapp_matches_statsmodels(bcg):
    from statsmodels.stats.meta_analysis import combine_effects

    fit = random_effects(*bcg, method="PM", hartung_knapp=True)
    reference = combine_effects(*bcg, method_re="pm", use_t=True).summary_frame()
    row = reference.loc["random effect wls"]
    assert fit.estimate == pytest.approx(row["eff"], abs=1e-8)
    assert fit.se == pytest.approx(row["sd_eff"], abs=1e-8)
    assert fit.ci == pytest.approx((row["ci_low"], row["ci_upp"]), abs=1e-8)


def test_bad_inputs(bcg):
    with pytest.raises(AnalysisError, match="at least 2 estimates"):
        random_effects([0.1], [0.01])
    with pytest.raises(AnalysisError, match="positive variance"):
        random_effects([0.1, 0.2], [0.01, 0.0])
    with pytest.raises(AnalysisError, match="unknown method"):
        random_effects(*bcg, method="ML")


def _accounts(seed=0):
    """Three boroughs: humour lifts the rate by 40 % in two of them and not in the third."""
    rng = np.random.default_rng(seed)
    frames = []
    for account, lift in (("Eastmere", 0.4), ("Kingsfold", 0.4), ("Northbrook", 0.0)):
        for arm, arm_lift, n in (("serious", 0.0, 300), ("humorous", lift, 300)):
            engagements, impressions = post_arrays(rng, n, "mild", lift=arm_lift)
            frames.append(
                pd.DataFrame(
                    {
                        "account": account,
                        "arm": arm,
                        "engagements": engagements,
                        "impressions": impressions,
                    }
                )
            )
    frames.append(
        pd.DataFrame(
            {
                "account": "Westfield",
                "arm": ["serious"] * 5,
                "engagements": 3.0,
                "impressions": 100.0,
            }
        )
    )
    return pd.concat(frames, ignore_index=True)


def test_by_account_says_where_it_works():
    posts = _accounts()
    result = by_account(
        posts, arm="arm", control="serious", metric="engagement_rate", sequential=False
    )
    assert [a.account for a in result.accounts] == ["Eastmere", "Kingsfold", "Northbrook"]
    assert result.left_out == {"Westfield": "serious 5, humorous 0 posts"}
    own = compare(posts[posts["account"] == "Kingsfold"], "arm", "serious", sequential=False)
    own = own.result()
    assert result.accounts[1].ci == pytest.approx(own.rel_ci)
    assert result.counts() == {"better": 2, "worse": 0, "unclear": 1}
    assert (
        result.consistency() == "Humorous works in 2 of 3 accounts, unclear in 1; not everywhere."
    )
    low, high = result.prediction_interval()
    assert low < 0 < high and result.pooled.tau2 > 0
    assert result.prediction_sentence().startswith(
        "In a borough like these, expect engagement rate between"
    )
    assert result.confidence_interval().low < result.estimate < result.confidence_interval().high
    data = json.loads(json.dumps(result.to_dict()))
    assert data["counts"]["better"] == 2 and data["pooled_log"]["method"] == "REML"
    text = str(result)
    assert "pooled (random effects)" in text and "left out: Westfield" in text


def test_forest_plot_is_labelled_by_account():
    import matplotlib.pyplot as plt

    result = by_account(_accounts(1), arm="arm", control="serious", metric="engagement_rate")
    figure = result.figure()
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Eastmere (600 posts)") and labels[-1].startswith("pooled")
    assert ax.get_xlabel() == "change in engagement rate, humorous vs serious (%)"
    plt.close(figure)


def test_one_account_gives_no_pooled_estimate():
    posts = _accounts(2)
    result = by_account(posts[posts["account"] == "Eastmere"], arm="arm", control="serious")
    assert result.pooled is None and math.isnan(result.estimate)
    assert "Too few accounts" in result.prediction_sentence()


def test_compare_by_account_on_the_command_line(tmp_path, capsys):
    from postlab import cli

    path = tmp_path / "posts.csv"
    _accounts(3).to_csv(path, index=False)
    argv = ["compare", str(path), "--arm", "arm", "--control", "serious", "--by-account", "--fixed"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "engagement rate: humorous against serious, by account" in out
    assert "In a borough like these, expect engagement rate between" in out
    assert cli.main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_account"]["counts"]["better"] == 2 and "verdict" in data


def test_dersimonian_laird_truncates_tau2_and_knapp_hartung_keeps_its_floor():
    # metafor: rma(yi, vi, method="DL", test="adhoc") truncates tau² at 0 and floors the scale at 1
    effects, variances = np.array([0.12, 0.11, 0.13]), np.array([0.02, 0.03, 0.025])
    fit = random_effects(effects, variances, method="DL")
    w = 1 / variances
    mu, se = np.sum(w * effects) / np.sum(w), np.sqrt(1 / np.sum(w))
    assert fit.tau2 == 0.0
    assert fit.se == pytest.approx(se, rel=1e-12)  # the floor: not the residual scale (0.06)
    assert fit.ci == pytest.approx((mu - 4.302653 * se, mu + 4.302653 * se), abs=1e-6)
    assert "ad hoc floor" in str(fit)
