"""The explore figures: each takes a table from postlab.explore and returns a Figure.

Platforms differ several-fold in engagement rate, so each platform gets its
own panel; within a panel the accounts share one scale. Sizes and dpi are
fixed so that the stored notebook does not change between runs.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from postlab.explore.captions import posts_count
from postlab.plots import ARM_COLOURS
from postlab.posts.time import WEEKDAYS
from postlab.words import platform_name

DPI = 100
WIDTH = 10
GREY = "#d9d9d9"


def account_colours(accounts) -> dict[str, str]:
    """One colour per account, the same in every figure (accounts sorted by name)."""
    palette = plt.get_cmap("tab10").colors
    return {a: palette[i % len(palette)] for i, a in enumerate(sorted(set(accounts)))}


def _panels(count: int, height: float, sharex=True, columns: int = 1):
    fig, axes = plt.subplots(
        max(count, 1),
        columns,
        figsize=(WIDTH, 0.6 + height * max(count, 1)),
        dpi=DPI,
        sharex=sharex,
        squeeze=False,
    )
    return fig, axes


def _percent_axis(ax, axis: str = "y") -> None:
    formatter = plt.FuncFormatter(lambda v, _: f"{v * 100:.3g} %")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def _by_platform(table: pd.DataFrame):
    return list(table.groupby("platform", sort=True))


def weekly_figure(weekly: pd.DataFrame):
    """Posts per week, one line per account, one panel per platform."""
    return _lines(weekly, "posts", "posts per week", percent=False)


def over_time_figure(over_time: pd.DataFrame, label: str = "engagement rate"):
    """The rolling median rate, one line per account, one panel per platform."""
    return _lines(over_time, "rate", f"{label}\n(median post)", percent=True)


def _lines(table: pd.DataFrame, value: str, ylabel: str, percent: bool):
    groups = _by_platform(table)
    colours = account_colours(table["account"])
    fig, axes = _panels(len(groups), 2.2)
    for ax, (platform, rows) in zip(axes[:, 0], groups, strict=False):
        rows = rows.dropna(subset=[value])
        for account, line in rows.groupby("account", sort=True):
            ax.plot(
                line["week"],
                line[value],
                color=colours[account],
                linewidth=1.2,
                marker="o" if len(line) < 3 else None,  # a week or two: points, not a flat line
                drawstyle="steps-post" if not percent else "default",
                label=account,
            )
        ax.set_title(platform_name(platform), loc="left", fontsize="medium")
        if rows.empty:
            too_few(ax, "too few posts to draw")
            continue
        ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        if percent:
            _percent_axis(ax)
    fig.tight_layout()
    return fig


def rate_by_figure(table: pd.DataFrame, column: str, label: str = "engagement rate"):
    """Each value's rate with its 95 % interval, one panel per platform."""
    groups = _by_platform(table)
    fig, axes = _panels(len(groups), 0.5 + 0.1 * len(table), sharex=False)
    for ax, (platform, rows) in zip(axes[:, 0], groups, strict=False):
        _intervals(ax, rows.reset_index(drop=True), column, ARM_COLOURS[1])
        ax.set_title(platform_name(platform), loc="left", fontsize="medium")
    axes[-1, 0].set_xlabel(f"{label} (95 % interval, post-level)")
    fig.tight_layout()
    return fig


def _intervals(ax, rows: pd.DataFrame, name: str, colour) -> None:
    """Point and interval per row, labelled with its name and number of posts."""
    colours = colour if isinstance(colour, list) else [colour] * len(rows)
    for i, row in rows.iterrows():
        ax.errorbar(
            row["rate"],
            i,
            xerr=[[row["rate"] - row["ci_low"]], [row["ci_high"] - row["rate"]]],
            fmt="o",
            color=colours[i],
            capsize=4,
        )
    ax.set_yticks(
        range(len(rows)), [f"{r[name]} ({posts_count(r['posts'])})" for _, r in rows.iterrows()]
    )
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    _percent_axis(ax, "x")


def accounts_figure(table: pd.DataFrame, label: str = "engagement rate"):
    """Accounts side by side: rate (one scale per platform) and posts per week (one scale)."""
    groups = _by_platform(table)
    colours = account_colours(table["account"])
    rows_per_panel = table.groupby("platform").size().max() if len(table) else 1
    fig, axes = _panels(len(groups), 0.4 + 0.45 * rows_per_panel, sharex=False, columns=2)
    most = float(table["posts_per_week"].max()) if len(table) else 1.0
    for (left, right), (platform, rows) in zip(axes, groups, strict=False):
        rows = rows.reset_index(drop=True)
        _intervals(left, rows, "account", [colours[a] for a in rows["account"]])
        left.set_title(f"{platform_name(platform)}: {label}", loc="left", fontsize="medium")
        right.barh(
            range(len(rows)), rows["posts_per_week"], color=[colours[a] for a in rows["account"]]
        )
        right.set_yticks(range(len(rows)), [])
        right.set_ylim(-0.6, len(rows) - 0.4)
        right.invert_yaxis()
        right.set_xlim(0, most * 1.05)
        right.set_title("posts per week", loc="left", fontsize="medium")
        right.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def grid_figure(grid: pd.DataFrame, label: str = "engagement rate"):
    """Weekday x hour heatmap per platform; cells with too few posts grey, posts in each cell."""
    groups = _by_platform(grid)
    fig, axes = _panels(len(groups), 2.6, sharex=False)
    cmap = plt.get_cmap("viridis").with_extremes(bad=GREY)
    for ax, (platform, cells) in zip(axes[:, 0], groups, strict=False):
        cells = cells.sort_values(["weekday", "hour"])
        rate = cells["rate"].where(cells["enough"]).to_numpy(dtype=float).reshape(7, 24)
        posts = cells["posts"].to_numpy().reshape(7, 24)
        drawn = np.isfinite(rate).any()
        # a rate is never negative: the scale starts at 0 at most, and without a single cell
        # of enough posts there is no scale at all (an all-grey map says "too few posts")
        low = max(0.0, float(np.nanmin(rate))) if drawn else 0.0
        image = ax.imshow(
            np.ma.masked_invalid(rate),
            cmap=cmap,
            aspect="auto",
            vmin=low if drawn else 0,
            vmax=None if drawn else 1,
        )
        for (day, hour), n in np.ndenumerate(posts):
            if n:
                ax.text(
                    hour,
                    day,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color=_ink(rate[day, hour], image),
                )
        ax.set_yticks(range(7), WEEKDAYS)
        ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
        ax.set_title(
            f"{platform_name(platform)}: {label} by local hour", loc="left", fontsize="medium"
        )
        if not drawn:
            too_few(ax, "too few posts in every hour for a rate (the numbers are posts)")
            continue
        bar = fig.colorbar(image, ax=ax, pad=0.01)
        _percent_axis(bar.ax)
    fig.tight_layout()
    return fig


def too_few(ax, words: str) -> None:
    """Say so on a panel that has too few posts to show anything."""
    ax.text(
        0.5,
        0.5,
        words,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize="medium",
        bbox={"facecolor": "white", "edgecolor": GREY, "pad": 4},
    )


def _ink(value: float, image) -> str:
    """Text colour that stays readable on the cell's colour."""
    if np.isnan(value):
        return "#555555"
    return "black" if image.norm(value) > 0.5 else "white"
