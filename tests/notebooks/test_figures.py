"""The key figures are drawn from the numbers the notebooks print.

nbval compares text, not images; these tests check what each figure plots
against the table behind it, so a figure that drifted from its numbers fails.
"""

import numpy as np
import pandas as pd
import pytest

from postlab import plots
from postlab.record import figures

ESTIMATES = pd.DataFrame(
    {
        "metric": ["engagement_rate"] * 2 + ["like_rate"] * 2,
        "arm": ["serious", "humorous"] * 2,
        "value": [0.0153, 0.0191, 0.0047, 0.0094],
        "ci_low": [0.0147, 0.0181, 0.0045, 0.0089],
        "ci_high": [0.0160, 0.0201, 0.0049, 0.0099],
        "posts": [2999, 1802, 2999, 1802],
    }
)

SUMMARY = pd.DataFrame(
    {
        "experiment": ["a", "b", "c"],
        "status": ["fresh", "stale", "failed"],
        "decision": ["adopt", "no meaningful difference", None],
        "metric": ["engagement_rate"] * 3,
        "effect": [0.24, -0.03, None],
        "ci_low": [0.16, -0.08, None],
        "ci_high": [0.33, 0.03, None],
        "posts": [4801, 1958, 0],
    }
)


def bars(ax):
    """(x, y, low, high) of each error bar on ``ax``."""
    out = []
    for container in ax.containers:
        marker, _caps, (bar,) = container.lines
        x, y = marker.get_data()
        (low, _), (high, _) = bar.get_segments()[0]
        out.append((float(x[0]), float(y[0]), float(low), float(high)))
    return out


def test_arms_figure_plots_each_arm_value_and_interval_of_the_metric():
    fig = plots.arms_figure(ESTIMATES, "engagement_rate", "engagement rate")
    ax = fig.axes[0]
    rows = ESTIMATES[ESTIMATES["metric"] == "engagement_rate"]
    expected = [(r.value, i, r.ci_low, r.ci_high) for i, r in enumerate(rows.itertuples())]
    assert np.allclose(bars(ax), expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "serious (2,999 posts)",
        "humorous (1,802 posts)",
    ]
    assert ax.get_xlabel() == "engagement rate (95 % interval)"


def test_forest_figure_plots_every_estimated_effect_in_percent_coloured_by_decision():
    fig = figures.forest_figure(SUMMARY)
    ax = fig.axes[0]
    assert np.allclose(bars(ax), [(24, 0, 16, 33), (-3, 1, -8, 3)])
    colours = [c.lines[0].get_color() for c in ax.containers]
    assert colours == [
        figures.DECISION_COLOURS["adopt"],
        figures.DECISION_COLOURS["no meaningful difference"],
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "a\nengagement rate: adopt",
        "b\nengagement rate: no meaningful difference",
    ]


def test_history_figure_draws_one_line_per_experiment_across_reruns():
    history = pd.DataFrame(
        {
            "rerun_at": ["2026-10-01 06:00", "2026-11-01 06:00"] * 2,
            "experiment": ["a", "a", "b", "b"],
            "rel_effect": [0.30, 0.24, 0.01, -0.03],
        }
    )
    ax = figures.history_figure(history).axes[0]
    lines = {
        line.get_label(): line.get_ydata()
        for line in ax.get_lines()
        if not line.get_label().startswith("_")
    }
    assert set(lines) == {"a", "b"}
    assert np.allclose(lines["a"], [30, 24]) and np.allclose(lines["b"], [1, -3])


@pytest.mark.parametrize("metric", ["engagement_rate", "like_rate"])
def test_arms_figure_shows_only_the_chosen_metric(metric):
    ax = plots.arms_figure(ESTIMATES, metric).axes[0]
    assert len(ax.containers) == 2


def test_funnel_draws_every_look_marks_the_deciding_one_and_failed_reruns():
    from postlab.record import Look

    looks = [
        Look("2026-10-01 06:00", "ok", "keep testing", 200, 0.30, -0.05, 0.70, False, None),
        Look("2026-10-08 06:00", "ok", "adopt", 400, 0.24, 0.05, 0.45, False, None),
        Look("2026-10-15 06:00", "failed", None, 0, None, None, None, False, "a reason"),
    ]
    ax = figures.funnel_figure(looks, looks[1]).axes[0]
    (bars_,) = ax.containers
    assert np.allclose(bars_.lines[0].get_ydata(), [30, 24])
    labels = [line.get_label() for line in ax.get_lines()]
    assert "decided: adopt, with care" in labels and "failed rerun" in labels  # not randomised


def test_history_figure_is_in_time_order_whatever_the_row_order():
    history = pd.DataFrame(
        {
            "rerun_at": ["2026-11-01 08:32", "2026-11-01 08:06", "2026-11-01 08:16"],
            "experiment": ["a"] * 3,
            "rel_effect": [0.3, 0.1, 0.2],
        }
    )
    (line,) = [
        x for x in figures.history_figure(history).axes[0].get_lines() if x.get_label() == "a"
    ]
    assert np.allclose(line.get_ydata(), [10, 20, 30])
