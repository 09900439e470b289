"""YouTube Studio's content export: ``Table data.csv``, zipped as downloaded or not.

Mapping choices: YouTube's Views are ``video_views`` (it has no separate
impressions-like view count; its Impressions are thumbnail impressions and
fill ``impressions``); ``engagements`` = likes + comments + shares, from
whichever of those metrics the export holds. The publish time is a date
only: ``published_at`` is local midnight of that date and ``time_known`` is
False. Videos with a blank publish time are kept (their counts are real)
with a blank ``published_at``, and the report says how many.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from postlab.exceptions import PostlabWarning
from postlab.loaders.dates import parse_times
from postlab.loaders.layout import FileContext, Layout

_CONTENT_NAME = re.compile(r"^Content\s+\S+?_\S+?\s+(?P<channel>.+?)(?:\.zip)?$", re.IGNORECASE)


def channel_name(ctx: FileContext) -> str:
    """From ``Content <from>_<to> <Channel>.zip``, or from the folder it was unzipped into."""
    container = ctx.source.path if ctx.source.member else ctx.source.path.parent
    found = _CONTENT_NAME.match(container.name)
    if found:
        return found.group("channel").strip()
    ctx.note(f"channel name taken from the folder name {container.name!r}")
    return container.name


def _total_rows(table: pd.DataFrame) -> pd.Series:
    """Studio's Total row is row 2; re-saved, its "Total" label may be gone (blank id and title)."""
    blank_first = pd.Series(False, index=table.index)
    if len(table) and "text" in table:
        blank_first.iloc[0] = pd.isna(table["post_id"].iloc[0]) and pd.isna(table["text"].iloc[0])
    return blank_first


def _table_data(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    published = parse_times(
        table["published_at"],
        "%b %d, %Y",
        example="Aug 28, 2025",
        clues=ctx.clues,
        **ctx.where("published_at"),
    )
    blank = int(published.isna().sum())
    if blank:
        videos = "1 video has" if blank == 1 else f"{blank} videos have"
        ctx.note(f"{videos} no publish time: kept, with a blank published_at")
        warnings.warn(
            f"{ctx.path}: {videos} no publish time; kept with a blank published_at "
            "(they drop out of any analysis by time)",
            PostlabWarning,
            stacklevel=2,
        )
    return table.assign(
        published_at=published,
        time_known=False,
        media_type="video",
        engagements=ctx.summed(table),
        watch_time_s=table["watch_time_s"] * 3600 if "watch_time_s" in table else pd.NA,
        account=channel_name(ctx),
    )


TABLE_DATA = Layout(
    name="youtube-table-data",
    title="YouTube Studio content export (Table data.csv)",
    platform="youtube",
    signature=frozenset({"content", "video title"}),
    fields={
        "post_id": ("content",),
        "text": ("video title",),
        "published_at": ("video publish time",),
        "video_views": ("views",),
        "watch_time_s": ("watch time (hours)",),
        "impressions": ("impressions",),
        "likes": ("likes",),
        "comments": ("comments added",),
        "shares": ("shares",),
    },
    build=_table_data,
    local_time=True,
    total_rows=_total_rows,
    needed=("video_views", "impressions", "engagements"),
    engagement_parts=("likes", "comments", "shares"),
    engagement_base="video_views",
    period_is_publish=False,
)


def companion(names: list[str]) -> str | None:
    """Chart data.csv and Totals.csv come in the same zip but hold no posts."""
    if "date" in names and "views" in names:
        if "content" in names:
            return "YouTube Studio chart data (daily views, not posts)"
        if len(names) == 2:
            return "YouTube Studio totals (not posts)"
    return None
