"""The figures of the analysis notebook.

Each takes the tidy table a notebook also prints, so the numbers behind a
figure are checked by nbval even though images are not.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator, PercentFormatter

from postlab.words import plural

ARM_COLOURS = ("#7f7f7f", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")


def show(fig) -> None:
    """Display ``fig`` once in a notebook and free it."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


def arms_figure(estimates: pd.DataFrame, metric: str, label: str | None = None):
    """Each arm's value of ``metric`` with its 95 % interval (post-level)."""
    rows = estimates[estimates["metric"] == metric].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(6, 0.6 + 0.7 * len(rows)), dpi=100)
    for i, row in rows.iterrows():
        colour = ARM_COLOURS[i % len(ARM_COLOURS)]
        ax.errorbar(
            row["value"],
            i,
            xerr=[[row["value"] - row["ci_low"]], [row["ci_high"] - row["value"]]],
            fmt="o",
            color=colour,
            capsize=4,
        )
    ax.set_yticks(
        range(len(rows)), [f"{r.arm} ({plural(int(r.posts), 'post')})" for r in rows.itertuples()]
    )
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.invert_yaxis()
    if metric.endswith("_rate"):  # rates read as percentages, as in the tables
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=None))
    ax.xaxis.set_major_locator(MaxNLocator(5))  # labels that do not run into each other
    ax.set_xlabel(f"{label or metric} (95 % interval)")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
