"""The record's figures: every effect at a glance, how estimates moved, and each funnel.

Drawn on bare matplotlib ``Figure`` objects (no pyplot state), so a rerun
saves them straight into the record and a notebook can display the same ones.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from postlab.words import metric_label

DECISION_COLOURS = {
    "adopt": "#2ca02c",
    "reject": "#d62728",
    "no meaningful difference": "#7f7f7f",
    "keep testing": "#ff7f0e",
    "check the data": "#9467bd",
}
FAILED_COLOUR = "#d62728"
# Experiments' lines in the history chart: no verdict's colour, so green never means two things.
SERIES_COLOURS = ("#1f77b4", "#8c564b", "#17becf", "#e377c2", "#393b79", "#bcbd22", "#637939")
# A phone shows a figure 330-360 px wide: drawn 330 px wide, text of this size is 11.8 px.
NARROW_WIDTH = 3.3
NARROW_FONT = 8.5


def decision_colour(words: str | None, default: str = "#333333") -> str:
    """The colour of a decision, also when it reads "adopt, with care"."""
    return DECISION_COLOURS.get((words or "").split(",")[0], default)


def forest_figure(summary: pd.DataFrame, narrow: bool = False):
    """Every experiment's relative effect on its primary metric, with its interval.

    ``narrow``: for a phone, each experiment's name above its bar instead of beside it.
    """
    rows = summary.dropna(subset=["effect"]).reset_index(drop=True)
    size = (
        (NARROW_WIDTH, 1.0 + 0.85 * max(len(rows), 1))
        if narrow
        else (7, 0.8 + 0.6 * max(len(rows), 1))
    )
    fig = Figure(figsize=size, dpi=100)
    ax = fig.subplots()
    for i, row in rows.iterrows():
        colour = decision_colour(row["decision"])
        ax.errorbar(
            row["effect"] * 100,
            i,
            xerr=[
                [(row["effect"] - row["ci_low"]) * 100],
                [(row["ci_high"] - row["effect"]) * 100],
            ],
            fmt="s",
            color=colour,
            capsize=4,
        )
    labels = [
        f"{_title(row)}\n{metric_label(row.get('metric'))}: {row['decision']}"
        for row in rows.to_dict("records")
    ]
    ax.set_ylim(-0.6 - 0.35 * narrow, max(len(rows), 1) - 0.4)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.grid(axis="x", alpha=0.3)
    if narrow:
        ax.set_yticks([])
        for i, label in enumerate(labels):
            ax.text(
                0.01,
                i - 0.28,
                label.replace("\n", ": ", 1),
                transform=ax.get_yaxis_transform(),
                fontsize=NARROW_FONT,
                va="bottom",
                wrap=True,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85},
            )
        ax.tick_params(labelsize=NARROW_FONT)
        ax.set_xlabel("change, % (with its interval)", fontsize=NARROW_FONT)
    else:
        ax.set_yticks(range(len(rows)), labels)
        ax.set_xlabel("change in the primary metric, % (with its interval)")
    fig.tight_layout()
    return fig


def _title(row: dict) -> str:
    title = row.get("title")
    title = title if isinstance(title, str) and title else row["experiment"]
    return title if len(title) <= 48 else title[:47] + "…"


def history_figure(
    history: pd.DataFrame, titles: dict[str, str] | None = None, narrow: bool = False
):
    """How each experiment's effect estimate moved across reruns, in time order.

    Series are drawn (and listed) in the order experiments first appeared, in
    colours no verdict uses; the legend sits below the axes, one entry a row,
    so it never hides a line.
    """
    rows = _timed(history.dropna(subset=["rel_effect"]))
    order = list(dict.fromkeys(rows["experiment"]))
    width, font = (NARROW_WIDTH, NARROW_FONT) if narrow else (7, None)
    fig = Figure(figsize=(width, 3.0 + 0.3 * len(order)), dpi=100, layout="constrained")
    ax = fig.subplots()
    for i, name in enumerate(order):
        runs = rows[rows["experiment"] == name]
        label = (titles or {}).get(name, name)
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        ax.plot(runs["at"], runs["rel_effect"] * 100, marker="o", label=label, color=colour)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("change in the primary metric, %", fontsize=font)
    _time_axis(ax, rows["at"])
    if narrow:
        ax.tick_params(labelsize=font)
        ax.xaxis.label.set_fontsize(font)
    if order:
        fig.legend(loc="outside lower left", fontsize=font or "small", frameon=False)
    return fig


def funnel_figure(looks, decided=None, narrow: bool = False):
    """One experiment's estimate and interval at every look, the deciding look marked.

    ``looks`` are ``record.Look``s in time order; an interval that narrows
    as posts accumulate is the funnel. Failed reruns show as crosses on the axis.
    """
    fig = Figure(
        figsize=(NARROW_WIDTH, 2.9) if narrow else (6.5, 2.4), dpi=100, layout="constrained"
    )
    ax = fig.subplots()
    shown = [look for look in looks if not look.failed and look.effect is not None]
    when = pd.to_datetime([look.at for look in shown], format="mixed", errors="coerce")
    if shown:
        effect = [100 * look.effect for look in shown]
        low = [100 * (look.low if look.low is not None else look.effect) for look in shown]
        high = [100 * (look.high if look.high is not None else look.effect) for look in shown]
        ax.fill_between(when, low, high, color="#1f77b4", alpha=0.2, step=None)
        ax.errorbar(
            when,
            effect,
            yerr=[
                [e - lo for e, lo in zip(effect, low, strict=True)],
                [h - e for e, h in zip(effect, high, strict=True)],
            ],
            fmt="o",
            color="#1f77b4",
            capsize=3,
        )
    failed = [look for look in looks if look.failed]
    if failed:
        at = pd.to_datetime([look.at for look in failed], format="mixed", errors="coerce")
        ax.plot(at, [0] * len(failed), "x", color=FAILED_COLOUR, markersize=9, label="failed rerun")
    if decided is not None and decided.effect is not None:
        ax.plot(
            pd.to_datetime([decided.at], format="mixed"),
            [100 * decided.effect],
            marker="*",
            markersize=16,
            color=decision_colour(decided.decision),
            linestyle="none",
            label=f"decided: {decided.verdict_word}",
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("change, %", fontsize=NARROW_FONT if narrow else None)
    _time_axis(ax, [look.at for look in looks])
    if narrow:
        ax.tick_params(labelsize=NARROW_FONT)
        ax.xaxis.label.set_fontsize(NARROW_FONT)
    if ax.get_legend_handles_labels()[0]:
        where = "outside lower left" if narrow else "outside right upper"
        fig.legend(loc=where, fontsize=NARROW_FONT if narrow else "small", frameon=False)
    return fig


def _timed(history: pd.DataFrame) -> pd.DataFrame:
    """Rows with their rerun time parsed (``at``), in time order: text sorts wrongly."""
    at = pd.to_datetime(history["rerun_at"].astype(str), format="mixed", errors="coerce")
    return history.assign(at=at).dropna(subset=["at"]).sort_values("at", kind="stable")


def _time_axis(ax, times) -> None:
    """Dates on the x axis; a single rerun gets a day around it (a zero range has no ticks)."""
    ax.set_xlabel("rerun")
    ax.grid(alpha=0.3)
    times = pd.Series(pd.to_datetime(list(times))).dropna()
    if times.empty:
        ax.set_xticks([])
        return
    if times.min() == times.max():
        ax.set_xlim(times.min() - pd.Timedelta(hours=12), times.max() + pd.Timedelta(hours=12))
        ax.set_xticks([times.min()])
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y, %H:%M"))
        return
    locator = mdates.AutoDateLocator(minticks=2, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
