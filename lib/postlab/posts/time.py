"""Account-local time: the one place that says when a post went out.

Weekday and hour block mean the same in the balance table, the covariate
adjustment, the explore figures and the plan: the publish time converted to
the account's timezone (``postlab.yml``). A post whose export gives only a
date (``time_known`` false, e.g. YouTube) has a weekday but no hour block.
A table without ``time_known`` (built by hand) counts its times as known.
"""

from __future__ import annotations

import pandas as pd

from postlab.config import Settings

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOUR_BLOCKS = (
    (0, 6, "night 00-06"),
    (6, 12, "morning 06-12"),
    (12, 18, "afternoon 12-18"),
    (18, 24, "evening 18-24"),
)
UNKNOWN_TIME = "time unknown"


def local_times(posts: pd.DataFrame, settings: Settings) -> pd.Series:
    """Publish times as naive local times in each account's timezone."""
    accounts = posts["account"]
    named = {a: settings.timezone_for(a) for a in accounts.dropna().unique()}
    if len(set(named.values())) <= 1 and (accounts.notna().all() or not named):
        zone = next(iter(named.values()), settings.timezone_for(None))  # one zone: no grouping
        return posts["published_at"].dt.tz_convert(zone).dt.tz_localize(None)
    out = pd.Series(pd.NaT, index=posts.index, dtype="datetime64[ns]")
    zones = accounts.map(named)
    zones = zones.astype("object").fillna(settings.timezone_for(None))  # per account, not per post
    for zone, index in posts.groupby(zones).groups.items():
        out[index] = posts.loc[index, "published_at"].dt.tz_convert(zone).dt.tz_localize(None)
    return out


def time_known(posts: pd.DataFrame) -> pd.Series:
    """True where the clock time of publication is known (a missing flag counts as known)."""
    if "time_known" not in posts.columns:
        return pd.Series(True, index=posts.index)
    return posts["time_known"].astype("boolean").fillna(True).astype(bool)


def weekday(posts: pd.DataFrame, settings: Settings, local: pd.Series | None = None) -> pd.Series:
    """The local weekday, 0 (Monday) to 6; missing where there is no publish date."""
    local = local_times(posts, settings) if local is None else local
    return local.dt.day_of_week.astype("Int64")


def weekday_names(
    posts: pd.DataFrame, settings: Settings, local: pd.Series | None = None
) -> pd.Series:
    """The local weekday as Mon..Sun (an ordered categorical); ``local``: local_times, if known."""
    codes = weekday(posts, settings, local).to_numpy(dtype="int64", na_value=-1)
    return pd.Series(pd.Categorical.from_codes(codes, categories=WEEKDAYS), index=posts.index)


def hour_block(
    posts: pd.DataFrame, settings: Settings, local: pd.Series | None = None
) -> pd.Series:
    """night 00-06, morning 06-12, afternoon 12-18 or evening 18-24 in local time.

    Missing where the time is unknown (date-only exports) or there is no date.
    """
    return hour_blocks(posts, settings, local).astype("object")


def hour_blocks(
    posts: pd.DataFrame, settings: Settings, local: pd.Series | None = None
) -> pd.Series:
    """``hour_block`` as a categorical (missing where the time is unknown)."""
    local = local_times(posts, settings) if local is None else local
    names = pd.cut(
        local.dt.hour,
        bins=[start for start, _, _ in HOUR_BLOCKS] + [24],
        right=False,
        labels=[name for _, _, name in HOUR_BLOCKS],
    )
    return pd.Series(names, index=posts.index).where(time_known(posts))


def add_local_columns(posts: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """``posts`` with ``weekday`` (Mon..Sun) and ``hour_block`` columns in local time."""
    return posts.assign(
        weekday=weekday_names(posts, settings), hour_block=hour_block(posts, settings)
    )


def local_week(times: pd.Series) -> pd.Series:
    """The Monday that starts each local time's week."""
    return times.dt.to_period("W-SUN").dt.start_time


def posting_rate(posts: pd.DataFrame) -> float:
    """Posts per week over the weeks the dated posts span (at least one week)."""
    if "published_at" not in posts.columns:
        return 0.0
    when = posts["published_at"].dropna()
    if when.empty:
        return 0.0
    span = when.max() - when.min()
    return len(when) / max(span / pd.Timedelta(weeks=1), 1.0)
