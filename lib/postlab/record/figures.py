"""The record's figures: every effect at a glance, and how estimates moved across reruns.

Drawn on bare matplotlib ``Figure`` objects (no pyplot state), so a rerun
saves them straight into the record and a notebook can display the same ones.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

DECISION_COLOURS = {
    "adopt": "#2ca02c",
    "reject": "#d62728",
    "no meaningful difference": "#7f7f7f",
    "keep testing": "#ff7f0e",
    "check the data": "#9467bd",
}


def forest_figure(summary: pd.DataFrame):
    """Every experiment's relative effect on its primary metric, with its interval."""
    rows = summary.dropna(subset=["effect"]).reset_index(drop=True)
    fig = Figure(figsize=(7, 0.8 + 0.55 * max(len(rows), 1)), dpi=100)
    ax = fig.subplots()
    for i, row in rows.iterrows():
        colour = DECISION_COLOURS.get(row["decision"], "#333333")
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
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(rows)), [f"{r.experiment}\n{r.decision}" for r in rows.itertuples()])
    ax.set_ylim(-0.6, max(len(rows), 1) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("relative effect on the primary metric, % (95 % interval)")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def history_figure(history: pd.DataFrame):
    """How each experiment's effect estimate moved across reruns."""
    fig = Figure(figsize=(7, 3.5), dpi=100)
    ax = fig.subplots()
    for name, rows in history.dropna(subset=["rel_effect"]).groupby("experiment", sort=True):
        ax.plot(rows["rerun_at"].astype(str), rows["rel_effect"] * 100, marker="o", label=name)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("relative effect, %")
    ax.set_xlabel("rerun")
    ax.tick_params(axis="x", labelrotation=30)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
