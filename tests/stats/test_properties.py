"""Never a traceback: compare() on small, heavy-tailed, zero-heavy and tied posts.

Every dataset either gives a result whose verdict and interval agree, or a
PostlabError with a sentence.
"""

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.exceptions import PostlabError
from postlab.stats.comparison import compare

# impressions: zeros, ties, ordinary and viral posts
IMPRESSIONS = st.sampled_from([0, 1, 5, 100, 100, 800, 2_000, 2_000, 40_000, 3_000_000])


@st.composite
def arms(draw):
    rows = []
    for arm in ("serious", "humorous"):
        for _ in range(draw(st.integers(0, 14))):
            impressions = draw(IMPRESSIONS)
            share = draw(st.sampled_from([0.0, 0.0, 0.01, 0.03, 0.5, 1.0, 1.5]))
            engagements = draw(st.one_of(st.just(round(impressions * share)), st.integers(0, 50)))
            rows.append((arm, impressions, engagements))
    posts = pd.DataFrame(rows, columns=["arm", "impressions", "engagements"])
    posts["post_id"] = [f"p{i}" for i in range(len(posts))]
    return posts


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    posts=arms(),
    sequential=st.booleans(),
    mde=st.sampled_from([None, 0.1, 0.5]),
    cap=st.sampled_from([None, 0.9]),
    metric=st.sampled_from(["engagement_rate", "engagements_per_post"]),
)
def test_compare_returns_or_raises_a_sentence(posts, sequential, mde, cap, metric):
    try:
        result = compare(
            posts, "arm", "serious", metrics=[metric], sequential=sequential, mde=mde, cap=cap
        )
    except PostlabError as error:
        assert str(error).strip() and "\n" not in str(error)
        return
    row = result.metrics[0]
    assert result.verdict.summary.endswith(".")
    str(result)  # prints
    result.to_dict()
    if all(math.isfinite(v) for v in row.rel_ci):
        assert row.significant == (row.rel_ci[0] > 0 or row.rel_ci[1] < 0)
    if result.verdict.decision in ("adopt", "reject"):
        assert row.significant


def test_an_all_zero_control_arm_is_a_sentence_not_a_crash():
    posts = pd.DataFrame(
        {
            "arm": ["serious"] * 12 + ["humorous"] * 12,
            "impressions": np.r_[np.full(12, 100), np.full(12, 100)],
            "engagements": np.r_[np.zeros(12), np.arange(12)],
        }
    )
    for sequential in (True, False):
        verdict = compare(posts, "arm", "serious", sequential=sequential).verdict
        assert verdict.decision == "check the data"
