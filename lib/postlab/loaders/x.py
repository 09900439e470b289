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


def account_from_links(table: pd.DataFrame, ctx: FileContext):
    """The handle in each file's first permalink; else the one in its name."""
    links = table.get("url")
    names = ctx.each_file(
        lambda rows, file: _account(None if links is None else links.iloc[rows], file)
    )
    return ctx.spread(names, len(table))


def _account(links: pd.Series | None, ctx: FileContext) -> str:
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
    published = published.dt.tz_convert("UTC").dt.tz_localize(None)
    written = clock_known(table["published_at"])
    published, known = _times_from_ids(table, published, written, ctx, minutes=True)
    _check_rate(table, ctx)
    return table.drop(columns=["engagement_rate"], errors="ignore").assign(
        published_at=published.dt.tz_localize("UTC"),
        time_known=known.to_numpy(),
        account=account_from_links(table, ctx),
    )


def _account_content(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """The Date column is date-only: the posting time comes from the snowflake id."""
    dates = parse_times(
        table["published_at"],
        "%a, %b %d, %Y",
        example="Tue, Jul 14, 2026",
        clues=ctx.clues,
        **ctx.where("published_at"),
    )
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    written = pd.Series(False, index=table.index)  # a date, never a time of day
    published, known = _times_from_ids(table, dates, written, ctx, minutes=False)
    return table.assign(
        published_at=published.dt.tz_localize("UTC"),
        time_known=known.to_numpy(),
        account=account_from_links(table, ctx),
    )


def _times_from_ids(table, published: pd.Series, clock: pd.Series, ctx: FileContext, *, minutes):
    """Publish times checked against, and supplied from, the time each post id encodes.

    X ids are snowflakes: their creation time to the millisecond (on all 1,678
    real posts, cut to the minute, it is the ``time`` column exactly). The id
    is checked against the permalink before this, so where the id and the
    time cell disagree the cell is the damaged one: the id's time is used
    and the rows are noted; a blank cell is supplied from the id, noted.
    Where the cell holds a date only, it agrees if the id's time falls within
    a day of it (the date may be local). Ids that are no snowflake (before
    November 2010) keep the cell, with ``time_known`` where it has a clock.
    """
    encoded = snowflake_times(table["post_id"])
    if minutes:
        encoded = encoded.dt.floor("min")
    usable = encoded.notna()
    blank = published.isna() & usable
    day = published.dt.floor("D")
    date_agrees = (encoded >= day - pd.Timedelta(days=1)) & (encoded < day + pd.Timedelta(days=2))
    agrees = (published == encoded).where(clock, date_agrees).fillna(False).astype(bool)
    differs = usable & published.notna() & ~agrees
    column = ctx.headers.get("published_at", "time")
    if blank.any():
        count = int(blank.sum())
        ctx.note(
            f"{count} blank {column!r} {'cell' if count == 1 else 'cells'} supplied from the "
            f"time the post id encodes (first: row {_row(blank, ctx)})"
        )
    if differs.any():
        first = differs[differs].index[0]
        ctx.note(
            f"{int(differs.sum())} {column!r} values disagree with the time their post id "
            f"encodes (first: row {_row(differs, ctx)}, {table.at[first, 'published_at']!r}, "
            f"the id says {encoded[first]:%Y-%m-%d %H:%M} UTC): the id's time is used, as "
            "the id matches its permalink and a spreadsheet edit cannot change it"
        )
    restored = usable & published.notna() & agrees & ~clock
    if restored.any() and minutes:  # X's own tweet activity time has a clock
        ctx.note(
            f"{int(restored.sum())} values in column {column!r} have a date but no time of day "
            "(a spreadsheet re-save dropped it): restored from the post ids"
        )
    known = usable | (clock & published.notna())
    unknown = int((published.notna() & ~known & ~clock).sum())
    if unknown and minutes:
        ctx.note(
            f"{unknown} values in column {column!r} have a date but no time of day and an id "
            "that encodes none: time_known is False for them"
        )
    return encoded.where(usable, published), known


def _row(mask: pd.Series, ctx: FileContext) -> int:
    return int(mask[mask].index[0]) + ctx.layout.header_rows + 1


def _check_rate(table: pd.DataFrame, ctx: FileContext) -> None:
    """Refuse a row whose counts contradict the file's own engagement rate.

    X writes ``engagement rate`` = engagements / impressions to full precision,
    so a count multiplied by ten in an edit (26850 for 2685) shows as a rate
    that does not fit. A rate re-saved with fewer digits is compared to the
    digits it shows. Which cell was edited cannot be known: the file is refused.
    """
    if not {"engagement_rate", "impressions", "engagements"} <= set(table):
        return
    text = pc.utf8_trim_whitespace(pa.array(table["engagement_rate"], type=pa.string()))
    rate = _rates(text, table.index, ctx)
    seen = table["impressions"].to_numpy(dtype="float64", na_value=np.nan)
    engaged = table["engagements"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = engaged / seen
        # rows the health checks leave out (counted there), and rates no platform writes,
        # are not judged
        judged = (seen > 0) & (engaged >= 0) & (engaged <= seen) & (rate >= 0) & (rate <= 1)
        off = judged & ~(np.abs(implied - rate) <= 1e-9 * np.maximum(rate, 1e-9))
    if off.any():  # a rate re-saved with fewer digits is compared to the digits it shows
        shown = _rounding(text.filter(pa.array(off)), rate[off])
        off[off] = np.abs(implied[off] - rate[off]) > shown
    wrong = pd.Series(off, index=table.index)
    seen, engaged, implied = (pd.Series(v, index=table.index) for v in (seen, engaged, implied))
    if wrong.any():
        first = wrong[wrong].index[0]
        where = ctx.where("impressions")
        raise ExportError(
            f"row {_row(wrong, ctx)}, column {where['column']!r}: {seen[first]:.0f} and "
            f"{ctx.headers.get('engagements', 'engagements')!r} {engaged[first]:.0f} give an "
            f"engagement rate of {implied[first]:.6g}, but the row's own "
            f"{ctx.headers.get('engagement_rate', 'engagement rate')!r} is "
            f"{table.at[first, 'engagement_rate']}: a count was edited"
            + (f" ({int(wrong.sum()) - 1} more rows like it)" if wrong.sum() > 1 else "")
            + "; download the export again",
            path=where["path"],
        )


def _rates(text: pa.Array, index: pd.Index, ctx: FileContext) -> np.ndarray:
    """The rate column as floats (decimal comma allowed); NaN where it is no number.

    Excel re-saves a rate as a percentage (``0.56%``): read as the fraction it
    shows, noted. Rows whose rate is no number cannot be checked: counted in a note.
    """
    percent = pc.fill_null(pc.ends_with(text, "%"), False)
    numbers = pc.utf8_rtrim_whitespace(pc.utf8_rtrim(pc.replace_substring(text, ",", "."), "%"))
    try:
        rate = pc.cast(numbers, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        values = pd.Series(numbers.to_numpy(zero_copy_only=False), index=index)
        rate = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
    column = ctx.headers.get("engagement_rate", "engagement rate")
    if pc.any(percent).as_py():
        rate = np.where(percent.to_numpy(zero_copy_only=False), rate / 100, rate)
        shown = pc.filter(text, percent)
        ctx.note(
            f"{_values(len(shown))} of {column!r} written as percentages (like "
            f"{shown[0].as_py()!r}, as a spreadsheet re-saves them): read as the fractions they "
            "show, to check the counts against them"
        )
    unread = np.isnan(rate) & pc.fill_null(pc.greater(pc.utf8_length(text), 0), False).to_numpy(
        zero_copy_only=False
    )
    if unread.any():
        ctx.note(
            f"{_values(int(unread.sum()))} of {column!r} are no number (like "
            f"{text[int(np.flatnonzero(unread)[0])].as_py()!r}): the counts of those rows could "
            "not be checked against their rate"
        )
    return rate


def _values(count: int) -> str:
    return "1 value" if count == 1 else f"{count} values"


def _rounding(text: pa.Array, rate: np.ndarray) -> np.ndarray:
    """Half a unit in the last digit each rate shows (0.0056 -> 0.00005), a little over."""
    mantissa = pc.replace_substring_regex(
        pc.replace_substring_regex(text, "[eE].*", ""), "[^0-9]", ""
    )
    digits = pc.utf8_length(pc.utf8_ltrim(mantissa, "0")).to_numpy(zero_copy_only=False)
    shown = np.maximum(np.nan_to_num(digits.astype("float64"), nan=1.0), 1.0)
    scale = 10.0 ** (np.floor(np.log10(np.where(rate > 0, rate, 1.0))) - shown + 1)
    return 0.5 * scale * 1.000001 + 1e-12


def snowflake_times(ids: pd.Series) -> pd.Series:
    """Naive UTC posting times encoded in X post ids (exact integer arithmetic).

    Ids too long to be a snowflake (more than 19 digits) and ids from before
    snowflakes (November 2010: sequential, they decode to the epoch's first
    seconds) give no time (NaT).
    """
    text = pa.array(ids, type=pa.string())
    fits = pc.fill_null(pc.less_equal(pc.utf8_length(text), 19), False)
    values = pc.cast(pc.if_else(fits, text, "0"), pa.uint64()).to_numpy(zero_copy_only=False)
    millis = (np.right_shift(values.astype("uint64"), np.uint64(22)) + TWITTER_EPOCH_MS).astype(
        "int64"
    )
    times = pd.Series(pd.to_datetime(millis, unit="ms"), index=ids.index)
    snowflake = fits.to_numpy(zero_copy_only=False) & (millis > TWITTER_EPOCH_MS + 86_400_000)
    return times.where(snowflake)


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
        "engagement_rate": ("engagement rate",),
    },
    build=_tweet_activity,
    id_digits=True,
    id_in_url=_ID_IN_URL,
    export_after_period=True,
    batch=True,
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
    batch=True,
)
