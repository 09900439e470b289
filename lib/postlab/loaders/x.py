"""X (Twitter): the tweet activity export (until 2023) and the account analytics content export.

Mapping choices: ``engagements`` is X's own engagements column (every click
and interaction, so it is larger than likes + replies + retweets);
retweets/reposts count as ``shares``, replies as ``comments``, ``url clicks``
as ``clicks`` (link clicks only: profile, hashtag and detail clicks are part
of engagements already) and ``media views`` as ``video_views`` (X counts
views of any media there, images included). Times are UTC.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError
from postlab.loaders.dates import clock_known, parse_times
from postlab.loaders.layout import FileContext, Layout

TWITTER_EPOCH_MS = 1288834974657
_HANDLE_IN_URL = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]+)/status", re.IGNORECASE)
_ID_IN_URL = r"/status(?:es)?/(?P<id>[0-9]+)"
_HANDLE_IN_NAME = re.compile(r"tweet_activity_metrics_(.+?)_\d{8}_\d{8}", re.IGNORECASE)


def account_from_links(links: pd.Series | None, ctx: FileContext) -> str:
    """The handle in the first permalink; else the one in the file name."""
    if ctx.account:
        return ctx.account
    first = links.dropna().head(1) if links is not None else pd.Series(dtype="str")
    found = _HANDLE_IN_URL.search(first.iloc[0]) if len(first) else None
    if found is None:
        found = _HANDLE_IN_NAME.search(ctx.source.path.name)
    if found is None:
        if ctx.report.rows_read == 0:
            return ""
        raise ExportError(
            "cannot tell which X account this is (no permalink, no handle in the file "
            "name); name it with --account PATH=NAME",
            path=ctx.path,
        )
    return found.group(1)


def _tweet_activity(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    published = parse_times(
        table["published_at"],
        "%Y-%m-%d %H:%M %z",
        example="2016-12-23 18:50 +0000",
        clues=ctx.clues,
        **ctx.where("published_at"),
    )
    if not isinstance(published.dtype, pd.DatetimeTZDtype):
        published = published.dt.tz_localize("UTC")  # a re-save dropped the +0000
    published, known = _restore_clock(table, published, ctx)
    return table.assign(
        published_at=published,
        time_known=known.to_numpy(),
        account=account_from_links(table.get("url"), ctx),
    )


def _restore_clock(table: pd.DataFrame, published: pd.Series, ctx: FileContext):
    """A re-save that kept only the date: the minute comes back from the post id.

    X writes the posting time to the minute, and the id encodes it to the
    millisecond (on all 1,678 real posts the id's time cut to the minute is
    the ``time`` column), so a date-only cell is restored exactly where the
    id's time falls on that date; elsewhere ``time_known`` is False.
    """
    known = clock_known(table["published_at"]) | table["published_at"].isna()
    if known.all():
        return published, known
    recovered = snowflake_times(table["post_id"]).dt.floor("min").dt.tz_localize("UTC")
    same_day = ~known & recovered.dt.floor("D").eq(published.dt.floor("D")).fillna(False)
    count, unknown = int(same_day.sum()), int((~known & ~same_day).sum())
    column = ctx.headers.get("published_at", "time")
    ctx.note(
        f"{count + unknown} values in column {column!r} have a date but no time of day "
        f"(a spreadsheet re-save dropped it): {count} restored from the post ids"
        + (f", {unknown} left with time_known False" if unknown else "")
    )
    return published.where(~same_day, recovered), known | same_day


def _account_content(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """Recover the posting time from the snowflake id; the Date column is date-only."""
    dates = parse_times(
        table["published_at"],
        "%a, %b %d, %Y",
        example="Tue, Jul 14, 2026",
        clues=ctx.clues,
        **ctx.where("published_at"),
    )
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    recovered = snowflake_times(table["post_id"])
    plausible = (recovered - dates).abs() <= pd.Timedelta(days=2)
    published = recovered.where(plausible, dates).dt.tz_localize("UTC")
    return table.assign(
        published_at=published,
        time_known=plausible.to_numpy(),
        account=account_from_links(table.get("url"), ctx),
    )


def snowflake_times(ids: pd.Series) -> pd.Series:
    """Naive UTC posting times encoded in X post ids (exact integer arithmetic).

    Ids too long to be a snowflake (more than 19 digits) give no time (NaT).
    """
    text = pa.array(ids, type=pa.string())
    fits = pc.fill_null(pc.less_equal(pc.utf8_length(text), 19), False)
    values = pc.cast(pc.if_else(fits, text, "0"), pa.uint64()).to_numpy(zero_copy_only=False)
    millis = (np.right_shift(values.astype("uint64"), np.uint64(22)) + TWITTER_EPOCH_MS).astype(
        "int64"
    )
    times = pd.Series(pd.to_datetime(millis, unit="ms"), index=ids.index)
    return times.where(fits.to_numpy(zero_copy_only=False))


TWEET_ACTIVITY = Layout(
    name="x-tweet-activity",
    title="X tweet activity export",
    platform="x",
    signature=frozenset({"tweet id", "tweet permalink"}),
    fields={
        "post_id": ("tweet id",),
        "url": ("tweet permalink",),
        "text": ("tweet text",),
        "published_at": ("time",),
        "impressions": ("impressions",),
        "engagements": ("engagements",),
        "likes": ("likes", "favorites"),
        "comments": ("replies",),
        "shares": ("retweets",),
        "clicks": ("url clicks",),
        "video_views": ("media views",),
    },
    build=_tweet_activity,
    id_digits=True,
    id_in_url=_ID_IN_URL,
    export_after_period=True,
)

ACCOUNT_CONTENT = Layout(
    name="x-account-content",
    title="X account analytics content export",
    platform="x",
    signature=frozenset({"post id", "post link", "reposts"}),
    fields={
        "post_id": ("post id",),
        "url": ("post link",),
        "text": ("post text",),
        "published_at": ("date",),
        "impressions": ("impressions",),
        "engagements": ("engagements",),
        "likes": ("likes",),
        "comments": ("replies",),
        "shares": ("reposts",),
        "clicks": ("url clicks",),
    },
    build=_account_content,
    id_digits=True,
    id_in_url=_ID_IN_URL,
    export_after_period=True,
)
