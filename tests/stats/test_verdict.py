"""The verdict: one decision and one plain sentence, by the rules in the docs."""

import re

import numpy as np
import pandas as pd
import pytest
from simulate import posts_frame

from postlab.stats.comparison import compare


def _posts(seed, **arms):
    return posts_frame(np.random.default_rng(seed), arms)


def test_adopt_a_clearly_better_style():
    posts = _posts(1, serious=(300, 0.03), humorous=(300, 0.042))
    verdict = compare(posts, "arm", "serious").verdict
    assert verdict.decision == "adopt" and verdict.arm == "humorous"
    assert re.fullmatch(
        r"Humorous posts had a \d+ % higher engagement rate than serious ones "
        r"\(95 % interval valid at every look: \+\d+ % to \+\d+ %\): adopt humorous\.",
        verdict.summary,
    ), verdict.summary


def test_reject_a_clearly_worse_style():
    posts = _posts(2, serious=(300, 0.05), humorous=(300, 0.03))
    verdict = compare(posts, "arm", "serious").verdict
    assert verdict.decision == "reject"
    assert verdict.summary.endswith(": reject humorous.")
    assert "lower engagement rate" in verdict.summary


def test_no_meaningful_difference_when_the_interval_is_inside_the_mde():
    posts = _posts(3, serious=(1500, 0.03), humorous=(1500, 0.03))
    result = compare(posts, "arm", "serious", mde=0.25)
    low, high = result.metrics[0].rel_ci
    assert low > -0.25 and high < 0.25
    assert result.verdict.decision == "no meaningful difference"
    assert "within ±25 %" in result.verdict.summary


def test_keep_testing_says_how_many_more_posts_and_weeks():
    posts = _posts(4, serious=(40, 0.03), humorous=(40, 0.032))
    result = compare(posts, "arm", "serious", mde=0.1, posts_per_week=20)
    verdict = result.verdict
    assert verdict.decision == "keep testing"
    assert verdict.posts_needed > 0
    assert verdict.weeks_needed == pytest.approx(verdict.posts_needed * 2 / 20, abs=0.05)
    assert f"about {verdict.posts_needed:,} more posts per arm" in verdict.summary


def test_more_posts_come_from_the_plan_and_the_mde_never_the_observed_effect():
    posts = _posts(4, serious=(40, 0.03), humorous=(40, 0.032))
    planned = compare(posts, "arm", "serious", mde=0.1, planned_posts=300).verdict
    assert planned.posts_needed == 150 - 40
    lifted = posts.copy()
    humorous = lifted["arm"] == "humorous"
    lifted.loc[humorous, "engagements"] = (lifted.loc[humorous, "engagements"] * 1.05).round()
    first = compare(posts, "arm", "serious", mde=0.1).verdict
    second = compare(lifted, "arm", "serious", mde=0.1).verdict
    assert first.decision == second.decision == "keep testing"
    # a different observed effect, about the same spread: about the same number of posts
    assert second.posts_needed == pytest.approx(first.posts_needed, rel=0.15)
    unplanned = compare(posts, "arm", "serious").verdict
    assert unplanned.posts_needed is None and "give an mde" in unplanned.summary


def test_fixed_design_shows_progress_until_the_planned_posts_then_looks_once():
    posts = _posts(11, serious=(150, 0.03), humorous=(150, 0.045)).sort_values("published_at")
    early = compare(posts.iloc[:120], "arm", "serious", sequential=False, planned_posts=200)
    assert early.verdict.decision == "keep testing"
    assert early.verdict.summary.startswith("120 of 200 planned posts")
    assert early.mode == "fixed" and early.to_dict()["verdict"]["mode"] == "fixed"
    done = compare(posts, "arm", "serious", sequential=False, planned_posts=200)
    again = compare(posts.iloc[:250], "arm", "serious", sequential=False, planned_posts=200)
    assert sum(a.posts for a in done.arms) == 200
    assert done.verdict == again.verdict  # later reruns repeat the one look
    assert "100 posts after the first 200 planned are left out" in done.notes[0]


def test_posting_rate_comes_from_the_span_of_the_posts():
    posts = _posts(4, serious=(40, 0.03), humorous=(40, 0.032))
    verdict = compare(posts, "arm", "serious", mde=0.1).verdict
    span_weeks = (posts["published_at"].max() - posts["published_at"].min()).total_seconds() / (
        7 * 86400
    )
    assert verdict.weeks_needed == pytest.approx(
        verdict.posts_needed * 2 / (80 / span_weeks), abs=0.05
    )


def test_check_the_data_on_a_lopsided_split():
    posts = _posts(5, serious=(100, 0.03), humorous=(40, 0.04))
    result = compare(posts, "arm", "serious", split={"serious": 0.5, "humorous": 0.5})
    assert result.srm.mismatch and result.srm.method == "exact binomial"
    assert result.verdict.decision == "check the data"
    assert (
        "100 serious and 40 humorous posts where an equal split was planned"
        in result.verdict.summary
    )
    planned = compare(posts, "arm", "serious", split={"serious": 0.7, "humorous": 0.3})
    assert planned.verdict.decision != "check the data"
    unplanned = compare(posts, "arm", "serious")
    assert unplanned.srm.p_value is None and not unplanned.srm.mismatch
    assert unplanned.srm.statement().startswith("no planned split")
    assert "100 serious (71 %) and 40 humorous (29 %)" in str(unplanned)


def test_too_few_posts_for_a_reliable_interval_prints_none():
    posts = _posts(6, serious=(12, 0.03), humorous=(4, 0.04))
    for sequential in (True, False):
        result = compare(posts, "arm", "serious", sequential=sequential, posts_per_week=4)
        verdict = result.verdict
        assert verdict.decision == "keep testing"
        assert verdict.summary.startswith("Too few posts for a reliable interval: 12 serious and 4")
        assert verdict.posts_needed == 6
        assert all(np.isnan(result.metrics[0].rel_ci))
        assert "- to -" in str(result)


def test_a_metric_missing_far_more_in_one_arm_is_a_data_problem():
    posts = _posts(12, serious=(80, 0.03), humorous=(80, 0.03))
    humorous = posts.index[posts["arm"] == "humorous"]
    posts.loc[humorous[:30], "impressions"] = pd.NA
    verdict = compare(posts, "arm", "serious").verdict
    assert verdict.decision == "check the data"
    assert "engagement rate is missing on 30 of 80 humorous posts but 0 of 80 serious" in (
        verdict.summary
    )


def test_several_treatments_name_the_arm_and_share_the_correction():
    posts = _posts(7, serious=(250, 0.03), humorous=(250, 0.042), appeal=(250, 0.031))
    result = compare(posts, "arm", "serious", metrics=["engagement_rate", "like_rate"])
    assert result.verdict.decision == "adopt" and result.verdict.arm == "humorous"
    assert result.verdict.summary.endswith("adopt humorous.")
    assert len(result.verdict.reasons) == 1
    primary = [m for m in result.metrics if m.primary]
    p = sorted(m.p_value for m in primary)
    assert sorted(m.p_adjusted for m in primary) == pytest.approx(
        [min(1, 2 * p[0]), max(2 * p[0], p[1])]
    )


def test_benjamini_hochberg_on_request():
    posts = _posts(7, serious=(250, 0.03), humorous=(250, 0.042), appeal=(250, 0.031))
    primary = [m for m in compare(posts, "arm", "serious", correction="bh").metrics if m.primary]
    p = sorted(m.p_value for m in primary)
    assert sorted(m.p_adjusted for m in primary) == pytest.approx([min(2 * p[0], p[1]), p[1]])


def test_a_single_viral_post_is_named():
    posts = _posts(8, serious=(60, 0.03), humorous=(60, 0.03))
    viral = posts.index[posts["arm"] == "humorous"][0]
    posts.loc[viral, ["impressions", "engagements"]] = [400_000, 60_000]
    row = compare(posts, "arm", "serious").metrics[0]
    assert row.loo_post_id == posts.loc[viral, "post_id"]
    assert row.loo_post_id in row.loo_note


def test_summary_is_one_sentence_for_every_decision():
    cases = [
        _posts(1, serious=(300, 0.03), humorous=(300, 0.042)),
        _posts(4, serious=(40, 0.03), humorous=(40, 0.032)),
        _posts(5, serious=(100, 0.03), humorous=(40, 0.04)),
    ]
    for posts in cases:
        summary = compare(posts, "arm", "serious", mde=0.1).verdict.summary
        assert summary.count(". ") == 0 and summary.endswith("."), summary
        assert pd.notna(summary)


def test_an_arm_without_engagements_is_reported_not_crashed():
    posts = _posts(9, serious=(10, 0.03), humorous=(10, 0.03))
    posts.loc[posts["arm"] == "humorous", "engagements"] = 0
    for options in ({"method": "bayes", "sequential": False}, {}):
        verdict = compare(posts, "arm", "serious", **options).verdict
        assert verdict.decision == "check the data"
        assert "cannot be estimated" in verdict.summary
    one = compare(_posts(9, serious=(10, 0.03), humorous=(1, 0.03)), "arm", "serious").verdict
    assert "10 serious and 1 humorous posts with engagement rate data" in one.summary
