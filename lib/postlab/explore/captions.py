"""One-line captions in plain words, computed from the explore tables.

Numbers are rounded to three significant figures so that a notebook shows
the same words on every run (nbval compares them).
"""

from __future__ import annotations

import pandas as pd

from postlab import display
from postlab.config import Settings
from postlab.explore.scope import with_local_time
from postlab.words import platform_name

PERCENT_COLUMNS = ("rate", "ci_low", "ci_high", "control_rate", "treatment_rate")
CHANGE_COLUMNS = ("difference", "difference_low", "difference_high", "vs_platform")


def number(value) -> str:
    return display.readable(value)


def percent(value, signed: bool = False) -> str:
    return display.percent(value, signed=signed)


def posts_count(n: int) -> str:
    """``1 post``, ``1,092 posts``."""
    return f"{int(n):,} post{'s' * (int(n) != 1)}"


def _where(row) -> str:
    return f"{row.account} on {platform_name(row.platform)}"


def overview(posts: pd.DataFrame, settings: Settings | None = None) -> str:
    """How many posts, from which accounts and platforms, over which (local) dates."""
    per_platform = posts["platform"].value_counts().sort_index()
    platforms = ", ".join(f"{platform_name(p)} {n:,}" for p, n in per_platform.items())
    accounts = posts[["platform", "account"]].drop_duplicates().shape[0]
    when = with_local_time(posts, settings)["local_time"].dropna()
    text = f"{posts_count(len(posts))} from {accounts} account{'s' * (accounts != 1)} ({platforms})"
    if not when.empty:
        text += f", published {_day(when.min())} to {_day(when.max())}"
    undated = int(posts["published_at"].isna().sum())
    if undated:
        text += f"; {undated:,} without a publish date (left out of the time charts)"
    return text + "."


def _day(moment) -> str:
    return f"{moment.day} {moment:%b %Y}"


def weekly_caption(weekly: pd.DataFrame) -> str:
    """Who posts most and least often, in posts per week."""
    per_week = (
        weekly.groupby(["platform", "account"], sort=True)["posts"].mean().rename("per_week")
    ).reset_index()
    if per_week.empty:
        return "No post has a publish date."
    ranked = per_week.sort_values(
        ["per_week", "platform", "account"], ascending=[False, True, True], kind="stable"
    )
    top, low = ranked.iloc[0], ranked.iloc[-1]
    if len(ranked) == 1:
        weeks = int((weekly["account"] == top.account).sum())
        return f"{_where(top)} posted {number(top.per_week)} posts a week on average over {weeks:,} weeks."
    return (
        f"{_where(top)} posted most often ({number(top.per_week)} posts a week on average); "
        f"{_where(low)} least ({number(low.per_week)} a week)."
    )


def over_time_caption(over_time: pd.DataFrame, label: str = "engagement rate") -> str:
    """Which account's typical rate moved most between its first and last weeks."""
    shown = over_time.dropna(subset=["rate"])
    if shown.empty:
        return f"Too few posts per window to follow the {label} over time."
    ends = shown.groupby(["platform", "account"], sort=True)["rate"].agg(["first", "last"])
    ends["change"] = ends["last"] / ends["first"] - 1
    ends = ends.reset_index().sort_values(
        ["change", "platform", "account"],
        key=lambda c: c.abs() if c.name == "change" else c,
        ascending=[False, True, True],
        kind="stable",
    )
    row = ends.iloc[0]
    lead = "moved most for" if len(ends) > 1 else "moved for"
    return (
        f"The typical post's {label} {lead} {_where(row)}: from {percent(row['first'])} "
        f"to {percent(row['last'])} ({percent(row['change'], signed=True)}) "
        "between its first and last weeks."
    )


def rate_by_caption(
    table: pd.DataFrame, column: str, posts: pd.DataFrame | None = None, label="engagement rate"
) -> str:
    """Per platform, the best and worst value of ``column``, and whether they clearly differ."""
    what = column.replace("_", " ")
    parts = []
    for platform, rows in table.groupby("platform", sort=True):
        ranked = rows.sort_values(["rate", column], ascending=[False, True], kind="stable")
        best, worst = ranked.iloc[0], ranked.iloc[-1]
        name = platform_name(platform)
        if len(ranked) == 1:
            parts.append(f"on {name} every post is {best[column]} ({percent(best.rate)})")
            continue
        clear = best.ci_low > worst.ci_high
        parts.append(
            f"on {name}, {best[column]} posts had the highest {label} ({percent(best.rate)}) "
            f"and {worst[column]} the lowest ({percent(worst.rate)}), "
            + ("a clear gap" if clear else "but their intervals overlap")
        )
    if not parts:
        return f"No post has a {what}."
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    if posts is not None:
        left_out = len(posts) - int(table["posts"].sum())
        if left_out:
            text += f"; {left_out:,} posts without a {what} (or impressions) are left out"
    return text + "."


def grid_caption(grid: pd.DataFrame, min_posts: int, label: str = "engagement rate") -> str:
    """Per platform, the best and worst time slot with enough posts, and how many are grey."""
    parts = []
    for platform, cells in grid.groupby("platform", sort=True):
        grey = int((~cells["enough"]).sum())
        name = platform_name(platform)
        readable = cells[cells["enough"]].sort_values(
            ["rate", "weekday", "hour"], ascending=[False, True, True], kind="stable"
        )
        if readable.empty:
            parts.append(f"on {name} no slot has {posts_count(min_posts)}")
            continue
        best, worst = readable.iloc[0], readable.iloc[-1]
        parts.append(
            f"on {name} the best slot was {_slot(best)} ({percent(best.rate)}, {posts_count(best.posts)}), "
            f"the worst {_slot(worst)} ({percent(worst.rate)}, {posts_count(worst.posts)}), "
            f"{grey} of {len(cells)} slots grey"
        )
    text = "; ".join(parts) or "no post has a publish time"
    return (
        f"{text[0].upper()}{text[1:]} (grey: fewer than {posts_count(min_posts)}; local time)."
        if parts
        else "No post has a publish time."
    )


def best_times_caption(best: pd.DataFrame, grid: pd.DataFrame, min_posts: int) -> str:
    """Per platform, the best times to post, or why the history cannot name any.

    ``best`` comes from ``best_times``; ``grid`` names every platform with
    timed posts, so a platform without a single readable slot is said too.
    """
    parts = []
    for platform in sorted(grid["platform"].unique()):
        name = platform_name(platform)
        slots = best[best["platform"] == platform]
        if slots.empty:
            parts.append(
                f"on {name} there is not enough evidence: no slot has {posts_count(min_posts)}"
            )
            continue
        average = percent(slots["platform_rate"].iloc[0])
        clear = slots[slots["clearly_better"]].head(3)
        if clear.empty:
            top = slots.iloc[0]
            parts.append(
                f"on {name} no time clearly beat the average of {average}: the highest, "
                f"{_slot(top)} ({_rate_with_interval(top)}), is within the uncertainty"
            )
            continue
        times = ", ".join(
            f"{_slot(row)} ({_rate_with_interval(row)})" for row in clear.itertuples()
        )
        more = int(slots["clearly_better"].sum()) - len(clear)
        parts.append(
            f"on {name}, {times}{f' and {more} more' if more else ''} did clearly better "
            f"than the average of {average}"
        )
    if not parts:
        return "No post has a publish time, so the history cannot say when to post."
    text = "; ".join(parts)
    slots_read = int(best["slots_read"].iloc[0]) if len(best) else 0
    return (
        f"Best times to post: {text} (local time; only slots with {posts_count(min_posts)} "
        f"or more are read, and each interval allows for the {slots_read:,} slots compared)."
    )


def _rate_with_interval(cell) -> str:
    return (
        f"{percent(cell.rate)}, interval {percent(cell.ci_low)} to {percent(cell.ci_high)}, "
        f"{posts_count(cell.posts)}"
    )


def _slot(cell) -> str:
    return f"{cell.weekday} {cell.hour:02d}:00"


def accounts_caption(table: pd.DataFrame, label: str = "engagement rate") -> str:
    """Per platform, the accounts with the highest and lowest rate."""
    parts = []
    for platform, rows in table.groupby("platform", sort=True):
        ranked = rows.sort_values(["rate", "account"], ascending=[False, True], kind="stable")
        best, worst = ranked.iloc[0], ranked.iloc[-1]
        name = platform_name(platform)
        if len(ranked) == 1:
            parts.append(f"{best.account} is the only account on {name} ({percent(best.rate)})")
            continue
        parts.append(
            f"on {name} {best.account} had the highest {label} ({percent(best.rate)}, "
            f"{percent(best.vs_platform, signed=True)} against the platform) and "
            f"{worst.account} the lowest ({percent(worst.rate)})"
        )
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}." if text else "No accounts to compare."


def top_caption(top: pd.DataFrame, ascending: bool = False, label="engagement rate") -> str:
    """What the list of top (or bottom) posts holds, and the impressions it required."""
    which = "lowest" if ascending else "highest"
    if top.empty:
        return f"No post has enough impressions to rank by {label}."
    thresholds = top.groupby("platform", sort=True)["min_impressions"].first()
    need = ", ".join(f"{platform_name(p)} {number(v)}" for p, v in thresholds.items())
    n = int(top.groupby("platform").size().max())
    withheld = top.attrs.get("withheld_words", 0)
    held = (
        f", and {withheld} word{'s' * (withheld != 1)} not known to be safe withheld ([withheld])"
        if withheld
        else ""
    )
    return (
        f"The {n} posts with the {which} {label} on each platform, among posts with at least "
        f"{need} impressions; texts are scrubbed of personal details{held}."
    )


def ideas_caption(ideas: pd.DataFrame, mde: float) -> str:
    """How many ideas, the strongest, and what testing it takes."""
    if ideas.empty:
        return (
            f"No style beat the usual one by {percent(mde)} or more with a clear interval: "
            "nothing in the history asks for a test yet."
        )
    best = ideas.iloc[0]
    count = len(ideas)
    return (
        f"{count} idea{'s' * (count != 1)} to test; the largest: {best.comparison} "
        f"({percent(best.difference, signed=True)} in the history, which is observational), "
        f"{best.posts_per_arm:,} posts per arm to detect a {percent(mde)} change."
    )


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as text for display: rates in %, numbers to three significant figures."""
    out = pd.DataFrame(index=table.index)
    for name, column in table.items():
        if name in PERCENT_COLUMNS:
            out[name] = column.map(percent)
        elif name in CHANGE_COLUMNS:
            out[name] = column.map(lambda v: percent(v, signed=True))
        elif pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype):
            out[name] = column.astype("string")
        elif pd.api.types.is_integer_dtype(column):
            out[name] = column.map(lambda v: f"{v:,}" if pd.notna(v) else "-")
        elif pd.api.types.is_numeric_dtype(column):
            out[name] = column.map(number)
        else:
            out[name] = column.astype("string").fillna("-")
    return out
