"""Statistics at the edges (#26): odd data, early looks of long plans, open and tiny bounds.

Every method on every odd dataset gives a verdict or a one-line PostlabError,
within a time limit (a per-call alarm), never a hang or a numpy traceback.
"""

import dataclasses
import math
import signal
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import special
from simulate import posts_frame

from postlab import display
from postlab.exceptions import AnalysisError, PostlabError
from postlab.stats import sequential as seq
from postlab.stats.comparison import compare
from postlab.stats.pooled import by_account, random_effects
from postlab.stats.verdict import Design, Finding, decide

SECONDS = 5
# (method, sequential): every procedure compare() has
PROCEDURES = [
    ("auto", True),
    ("auto", False),
    ("delta", False),
    ("bootstrap", False),
    ("permutation", False),
    ("bayes", False),
]
ODD_VALUES = [0.0, 0.0, 1.0, 3.0, 100.0, 100.0, 2_000.0, -5.0, math.inf, 1e9, math.nan]


@contextmanager
def time_limit(seconds=SECONDS):
    def stop(*_):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _frame(control, treatment) -> pd.DataFrame:
    """control, treatment: lists of (impressions, engagements)."""
    rows = [("a", i, e) for i, e in control] + [("b", i, e) for i, e in treatment]
    posts = pd.DataFrame(rows, columns=["arm", "impressions", "engagements"])
    posts["post_id"] = [f"p{i}" for i in range(len(posts))]
    return posts


def _verdict_or_sentence(posts, method, sequential, metric="engagement_rate"):
    try:
        with time_limit():
            result = compare(
                posts,
                "arm",
                "a",
                metrics=[metric],
                method=method,
                sequential=sequential,
                min_posts=3,
            )
    except PostlabError as error:
        assert str(error).strip() and "\n" not in str(error)
        return None
    assert result.verdict.decision in (
        "adopt",
        "reject",
        "no meaningful difference",
        "keep testing",
        "check the data",
    )
    assert result.verdict.summary.endswith(".")
    str(result)
    return result


ORDINARY = [(1_000 + 37 * i, 20 + 3 * i) for i in range(6)]
ODD_DATASETS = {
    "an arm all zeros": (ORDINARY, [(1_000, 0)] * 6),
    "both arms all zeros": ([(1_000, 0)] * 6, [(1_000, 0)] * 6),
    "0/0: no impressions, no engagements": (ORDINARY, [(0, 0)] * 6),
    "one post": (ORDINARY[:1], ORDINARY[1:2]),
    "identical values": ([(100, 3)] * 6, [(100, 3)] * 6),
    "identical within each arm": ([(100, 3)] * 6, [(100, 5)] * 6),
    "negative engagements": (ORDINARY, [(1_000, -5)] + ORDINARY[1:]),
    "infinite impressions": (ORDINARY, [(math.inf, 20)] + ORDINARY[1:]),
    "a 1e9 outlier": (ORDINARY, [(1e9, 3e7)] + ORDINARY[1:]),
}


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("name", ODD_DATASETS)
@pytest.mark.parametrize(("method", "sequential"), PROCEDURES)
def test_every_method_gives_a_verdict_or_a_sentence_on_odd_data(name, method, sequential):
    result = _verdict_or_sentence(_frame(*ODD_DATASETS[name]), method, sequential)
    if name in ("negative engagements", "infinite impressions"):
        assert result is None  # refused, naming the column
    if name in ("an arm all zeros", "both arms all zeros", "0/0: no impressions, no engagements"):
        assert result.verdict.decision == "check the data"


@st.composite
def odd_posts(draw):
    arm = st.lists(
        st.tuples(st.sampled_from(ODD_VALUES), st.sampled_from(ODD_VALUES)), min_size=0, max_size=7
    )
    return _frame(draw(arm), draw(arm))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    posts=odd_posts(),
    procedure=st.sampled_from(PROCEDURES),
    metric=st.sampled_from(["engagement_rate", "impressions_per_post"]),
)
def test_odd_values_in_any_mix_never_hang_or_crash(posts, procedure, metric):
    result = _verdict_or_sentence(posts, *procedure, metric=metric)
    if result is not None:
        row = result.metrics[0]
        if not any(math.isnan(v) for v in row.rel_ci):
            assert row.significant == (row.rel_ci[0] > 0 or row.rel_ci[1] < 0)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@settings(max_examples=60, deadline=None)
@given(
    effects=st.lists(
        st.sampled_from([0.1, 0.1, 0.12, -0.3, 0.0, 1e9, math.inf, math.nan]), max_size=5
    ),
    variances=st.lists(st.sampled_from([0.02, 0.02, 1e-12, 0.0, -0.01, 1e9, math.inf]), max_size=5),
    method=st.sampled_from(["REML", "PM", "DL"]),
)
def test_pooling_odd_estimates_gives_an_interval_or_a_sentence(effects, variances, method):
    k = min(len(effects), len(variances))
    try:
        with time_limit():
            fit = random_effects(effects[:k], variances[:k], method=method)
    except PostlabError:
        return
    assert fit.tau2 >= 0 and fit.ci[0] <= fit.estimate <= fit.ci[1]


def test_by_account_with_dersimonian_laird_on_agreeing_accounts():
    rng = np.random.default_rng(26)
    posts = pd.concat(
        [
            posts_frame(rng, {"serious": (40, 0.03), "humorous": (40, 0.033)}).assign(
                account=f"@{a}"
            )
            for a in ("north", "south", "east")
        ],
        ignore_index=True,
    )
    result = by_account(posts, arm="arm", control="serious", estimator="DL", sequential=False)
    assert result.pooled.tau2 >= 0 and result.pooled.k == 3


def test_the_early_look_of_a_long_plan_says_keep_testing_with_a_finite_interval():
    posts = posts_frame(np.random.default_rng(3), {"a": (20, 0.03), "b": (20, 0.03)})
    for planned in (2_000, 5_000):
        # the always-valid confidence sequence (spending=None); with planned posts the
        # default is group-sequential, whose first look 1 % into the plan spends almost
        # nothing: keep testing too, its interval honestly open
        result = compare(posts, "arm", "a", planned_posts=planned, spending=None)
        assert result.verdict.decision == "keep testing"
        assert all(math.isfinite(b) for b in result.metrics[0].rel_ci)
        grouped = compare(posts, "arm", "a", planned_posts=planned)
        assert grouped.verdict.decision == "keep testing"
    # so early in a plan this long the sequence is open: still "keep testing", said in words
    result = compare(posts, "arm", "a", planned_posts=10**9)
    assert result.verdict.decision == "keep testing"
    assert "open at both ends" in result.verdict.summary


def test_the_t_multiplier_is_read_from_the_tail_without_cancelling():
    df = np.array([2.0, 5.0, 20.0, 300.0])
    for z in (1.96, 8.5, 10.07, 30.0):  # 1 - tail rounds to 1.0 from about 8.3
        exact = -special.stdtrit(df, special.ndtr(-z))
        assert seq.t_multiplier(df, z) == pytest.approx(exact, rel=1e-9)
    beyond = seq.t_multiplier(df, 45.0)  # the tail itself underflows: the power-law bound
    assert np.isfinite(beyond).all() and (beyond >= 45.0).all()
    assert (np.diff(seq.t_multiplier(5.0, np.array([30.0, 37.0, 38.0, 45.0]))) > 0).all()


def _verdict_for(rel_ci, significant, rel_effect=0.5):
    result = compare(
        posts_frame(np.random.default_rng(5), {"a": (30, 0.03), "b": (30, 0.03)}), "arm", "a"
    )
    row = dataclasses.replace(
        result.metrics[0], rel_ci=rel_ci, significant=significant, rel_effect=rel_effect
    )
    design = Design(True, 0.05, None, seq.rho(100), None, 60, 2, None, 10)
    return decide([Finding(row, True)], result.srm, design, [])


def test_a_bound_that_excludes_no_change_never_prints_as_zero():
    verdict = _verdict_for((0.0025, 2.30), True)
    assert verdict.decision == "adopt"
    assert "+0.2 % to +230 %" in verdict.summary and "+0 %" not in verdict.summary
    verdict = _verdict_for((-0.70, -0.004), True, rel_effect=-0.4)
    assert verdict.decision == "reject" and "-70 % to -0.4 %" in verdict.summary
    assert display.bound_percent(-0.99979) == "-99.98 %"


def test_an_interval_open_above_is_a_verdict_not_check_the_data():
    verdict = _verdict_for((0.46, math.inf), True)
    assert verdict.decision == "adopt"
    assert "at least +46 %" in verdict.summary


def test_chance_to_win_is_shown_in_fixed_mode_only():
    posts = posts_frame(np.random.default_rng(8), {"a": (40, 0.03), "b": (40, 0.036)})
    sequential, fixed = compare(posts, "arm", "a"), compare(posts, "arm", "a", sequential=False)
    assert math.isnan(sequential.metrics[0].prob_better)
    assert "P(better)" not in str(sequential)
    assert 0 <= fixed.metrics[0].prob_better <= 1 and "P(better)" in str(fixed)


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("engagements", -3, "engagements below zero .* in 1 post"),
        ("impressions", -10, "impressions below zero .* in 1 post"),
        ("engagements", 5_000, "engagements above its impressions in 1 post"),
    ],
)
def test_compare_refuses_impossible_counts_naming_the_column(column, value, words):
    posts = posts_frame(np.random.default_rng(9), {"a": (15, 0.03), "b": (15, 0.03)})
    posts[column] = posts[column].astype("float64")
    posts.loc[3, column] = value
    with pytest.raises(AnalysisError, match=words) as error:
        compare(posts, "arm", "a")
    assert str(error.value).startswith(column) and posts.loc[3, "post_id"] in str(error.value)


def test_youtube_likes_above_its_thumbnail_impressions_are_not_refused():
    posts = posts_frame(np.random.default_rng(9), {"a": (15, 0.03), "b": (15, 0.03)})
    posts["platform"] = "youtube"
    posts.loc[3, "engagements"] = posts.loc[3, "impressions"] + 10
    compare(posts, "arm", "a")


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_no_runtime_warnings_on_heavy_lognormal_impressions():
    rng = np.random.default_rng(15)
    posts = posts_frame(rng, {"a": (60, 0.03), "b": (60, 0.03)})
    posts["impressions"] = np.maximum(1, np.round(rng.lognormal(np.log(2000), 1.5, len(posts))))
    posts["engagements"] = rng.binomial(posts["impressions"].astype(int), 0.03)
    for method, sequential in PROCEDURES:
        compare(posts, "arm", "a", method=method, sequential=sequential)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("name", ODD_DATASETS)
def test_pooling_by_account_gives_a_result_or_a_sentence_on_odd_data(name):
    odd = _frame(*ODD_DATASETS[name]).assign(account="@odd")
    ordinary = _frame(ORDINARY, ORDINARY[::-1]).assign(account="@north")
    also = _frame(ORDINARY[::-1], ORDINARY).assign(account="@south")
    posts = pd.concat([odd, ordinary, also], ignore_index=True)
    try:
        with time_limit():
            result = by_account(
                posts, arm="arm", control="a", estimator="DL", min_posts=3, sequential=False
            )
    except PostlabError as error:
        assert "\n" not in str(error)
        return
    assert result.pooled is None or result.pooled.tau2 >= 0
