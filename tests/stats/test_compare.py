"""compare(): the contract other parts of postlab rely on."""

import json

import numpy as np
import pandas as pd
import pytest
from simulate import posts_frame

import postlab
from postlab.exceptions import AnalysisError
from postlab.stats import METRICS, MeanMetric, RatioMetric, metric
from postlab.stats.comparison import compare


@pytest.fixture
def posts():
    return posts_frame(np.random.default_rng(3), {"serious": (60, 0.03), "humorous": (60, 0.036)})


def test_to_dict_has_the_contract_keys_and_is_json(posts):
    result = compare(posts, "arm", "serious", metrics=["engagement_rate", "impressions_per_post"])
    data = result.to_dict()
    assert list(data) == ["arms", "srm", "verdict", "metrics"]
    assert data["arms"] == [
        {"name": "serious", "role": "control", "posts": 60},
        {"name": "humorous", "role": "treatment", "posts": 60},
    ]
    assert {"decision", "summary", "posts_needed", "weeks_needed", "arm"} <= set(data["verdict"])
    assert {"observed", "expected", "p_value", "mismatch", "method"} <= set(data["srm"])
    row = data["metrics"][0]
    for key in [
        "metric",
        "control",
        "treatment",
        "control_value",
        "treatment_value",
        "abs_effect",
        "abs_ci",
        "rel_effect",
        "rel_ci",
        "p_value",
        "p_adjusted",
        "method",
        "prob_better",
        "significant",
        "control_numerator",
        "control_denominator",
        "control_median",
        "treatment_median",
        "control_n",
        "treatment_n",
        "excluded",
        "loo_post_id",
        "loo_note",
    ]:
        assert key in row, key
    assert row["metric"] == "engagement_rate" and row["primary"] is True
    assert json.loads(json.dumps(data)) == data
    assert isinstance(row["rel_ci"][0], float)


def test_ratio_is_sum_over_sum_per_arm(posts):
    row = compare(posts, "arm", "serious").metrics[0]
    humorous = posts[posts["arm"] == "humorous"]
    expected = humorous["engagements"].sum() / humorous["impressions"].sum()
    arm = row.treatment_arm
    assert arm.value == pytest.approx(float(expected))
    assert arm.numerator == pytest.approx(float(humorous["engagements"].mean()))
    assert arm.denominator == pytest.approx(float(humorous["impressions"].mean()))
    assert row.rel_effect == pytest.approx(arm.value / row.control_arm.value - 1)
    low, high = row.confidence_interval()
    assert low < row.rel_effect < high


def test_posts_missing_a_metric_are_left_out_and_counted(posts):
    posts.loc[posts.index[:7], "impressions"] = pd.NA
    row = compare(posts, "arm", "serious").metrics[0]
    assert row.excluded == 7
    assert row.control_arm.n + row.treatment_arm.n == 113


def test_posts_without_an_arm_are_counted_in_a_note(posts):
    posts.loc[posts.index[:4], "arm"] = pd.NA
    result = compare(posts, "arm", "serious")
    assert sum(a.posts for a in result.arms) == 116
    assert "4 posts have no arm value" in result.notes[0]


def test_printing_and_html_show_the_verdict(posts):
    result = compare(posts, "arm", "serious")
    text = str(result)
    assert "engagement rate (primary)" in text and result.verdict.summary in text
    assert "<table" in result._repr_html_()


def test_arm_estimates_for_plotting(posts):
    frame = compare(
        posts, "arm", "serious", metrics=["engagement_rate", "like_rate"]
    ).arm_estimates()
    assert list(frame.columns) == ["metric", "arm", "value", "ci_low", "ci_high", "posts"]
    assert len(frame) == 4
    assert (frame["ci_low"] < frame["value"]).all() and (frame["value"] < frame["ci_high"]).all()


def test_unknown_metric_lists_the_known_ones():
    with pytest.raises(AnalysisError, match="engagement_rate, like_rate"):
        metric("engagment_rate")


def test_user_metric_objects_work(posts):
    share = RatioMetric("like_share", "likes", "engagements", label="likes per engagement")
    result = compare(posts, "arm", "serious", metrics=[share, MeanMetric("imp", "impressions")])
    assert [m.label for m in result.metrics] == ["likes per engagement", "imp"]


def test_registry_labels_and_kinds():
    assert METRICS["engagement_rate"].label == "engagement rate"
    assert METRICS["engagement_rate"].denominator == "impressions"
    assert METRICS["video_views_per_post"].label == "views per post"
    assert {m.kind for m in METRICS.values()} == {"ratio", "mean"}


def test_bad_arm_and_control_are_named(posts):
    with pytest.raises(AnalysisError, match="no column 'style'"):
        compare(posts, "style", "serious")
    with pytest.raises(AnalysisError, match="control 'serius' is not a value of column 'arm'"):
        compare(posts, "arm", "serius")


def test_public_names():
    assert postlab.compare is compare
    assert postlab.power.posts_needed is postlab.stats.posts_needed


def test_capping_winsorises_at_a_percentile_of_both_arms_and_says_so(posts):
    viral = posts.index[posts["arm"] == "humorous"][0]
    posts.loc[viral, ["impressions", "engagements"]] = [2_000_000, 400_000]
    plain = compare(posts, "arm", "serious").metrics[0]
    capped_result = compare(posts, "arm", "serious", cap=0.95)
    capped = capped_result.metrics[0]
    limit = np.quantile(posts["engagements"].to_numpy(float), 0.95)
    assert capped.treatment_arm.numerator <= limit
    assert capped.treatment_arm.numerator < plain.treatment_arm.numerator
    assert capped.capped == 0.95 and capped_result.to_dict()["verdict"]["cap"] == 0.95
    assert "capped at the 95th percentile of both arms" in str(capped_result)
    assert "engagement rate (capped) than serious ones" in capped_result.verdict.summary


def test_the_public_compare_is_the_function_whatever_was_imported_before():
    import postlab
    import postlab.stats.comparison  # noqa: F401  (once shadowed the function of the same name)
    from postlab.stats import compare as public

    assert public is compare
    assert postlab.compare is compare
