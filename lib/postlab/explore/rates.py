"""Rates by group with post-level intervals: the numbers behind the explore figures.

A group's rate is the ratio of its sums (engagements over impressions), and
its interval treats the post as the unit, with the delta-method variance of
the statistics engine: a viral post widens the interval, it does not vanish
into a total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from postlab.config import Settings
from postlab.explore.scope import with_local_time
from postlab.posts.time import WEEKDAYS, local_week, posting_rate, time_known
from postlab.privacy import preview, withheld_words
from postlab.stats.delta import Moments
from postlab.stats.metrics import metric as resolve_metric

GROUP = ["platform", "account"]


def group_moments(posts: pd.DataFrame, by: list[str], metric="engagement_rate"):
    """Each group's keys (a DataFrame) and its Moments, one entry per group, sorted by key.

    Posts without the metric's counts, or without a group value, are left out.
    """
    x, y, usable = resolve_metric(metric).per_post(posts)
    frame = posts.loc[usable, by].assign(_x=x[usable], _y=y[usable]).dropna(subset=by)
    grouped = frame.groupby(by, sort=True, observed=True, dropna=True)
    means = grouped[["_x", "_y"]].transform("mean")
    dx, dy = frame["_x"] - means["_x"], frame["_y"] - means["_y"]
    sums = (
        frame.assign(_xx=dx * dx, _yy=dy * dy, _xy=dx * dy)
        .groupby(by, sort=True, observed=True, dropna=True)
        .agg(
            n=("_x", "size"),
            mean_x=("_x", "mean"),
            mean_y=("_y", "mean"),
            xx=("_xx", "sum"),
            yy=("_yy", "sum"),
            xy=("_xy", "sum"),
        )
    )
    n = sums["n"].to_numpy(dtype=float)
    ddof = np.maximum(n - 1, 1)
    moments = Moments(
        n,
        sums["mean_x"].to_numpy(),
        sums["mean_y"].to_numpy(),
        sums["xx"].to_numpy() / ddof,
        sums["yy"].to_numpy() / ddof,
        sums["xy"].to_numpy() / ddof,
    )
    return sums.index.to_frame(index=False), moments


def group_rates(
    posts: pd.DataFrame, by: list[str], metric="engagement_rate", alpha: float = 0.05
) -> pd.DataFrame:
    """``by`` columns, then rate, ci_low, ci_high (the 1 - alpha interval) and posts per group."""
    keys, moments = group_moments(posts, by, metric)
    rate = moments.ratio
    n = moments.n
    with np.errstate(divide="ignore", invalid="ignore"):
        half = stats.t.ppf(1 - alpha / 2, np.maximum(n - 1, 1)) * np.sqrt(moments.variance)
    half = np.where(n >= 2, half, np.nan)
    return keys.assign(
        rate=rate, ci_low=rate - half, ci_high=rate + half, posts=n.astype("int64")
    ).reset_index(drop=True)


def rate_by(
    posts: pd.DataFrame,
    column: str,
    *,
    within=("platform",),
    metric="engagement_rate",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """The rate of each value of ``column`` (media type, tone, format) within each platform.

    Platforms differ several-fold in engagement rate, so values are compared
    within a platform, never across. Posts without a value are left out.
    """
    return group_rates(posts, [*within, column], metric, alpha)


def account_comparison(
    posts: pd.DataFrame, metric="engagement_rate", alpha: float = 0.05
) -> pd.DataFrame:
    """Each account's rate with its interval, posting rate and reach, per platform.

    ``vs_platform`` is the account's rate relative to its platform's (0.2 = 20 % above).
    """
    table = group_rates(posts, GROUP, metric, alpha)
    platform = group_rates(posts, ["platform"], metric, alpha).set_index("platform")["rate"]
    timed = posts.dropna(subset=["published_at"])
    per_account = timed.groupby(GROUP, sort=True)
    activity = pd.DataFrame(
        {
            "posts_per_week": per_account.apply(posting_rate, include_groups=False),
            "impressions_per_post": per_account["impressions"].mean().astype("float64"),
        }
    ).reset_index()
    table = table.merge(activity, on=GROUP, how="left")
    table["vs_platform"] = table["rate"] / table["platform"].map(platform).to_numpy() - 1
    return table


def weekly_activity(
    posts: pd.DataFrame, *, settings: Settings | None = None, metric="engagement_rate"
) -> pd.DataFrame:
    """Posts and rate per account and local week (Monday), weeks without posts as 0 posts."""
    timed = with_local_time(posts.dropna(subset=["published_at"]), settings)
    timed = timed.assign(week=local_week(timed["local_time"]))
    counts = timed.groupby([*GROUP, "week"], sort=True).size().rename("posts")
    weeks = []
    for (platform, account), rows in counts.groupby(level=GROUP, sort=True):
        span = rows.index.get_level_values("week")
        full = pd.date_range(span.min(), span.max(), freq="7D", name="week")
        weeks.append(
            rows.droplevel(GROUP)
            .reindex(full, fill_value=0)
            .reset_index()
            .assign(platform=platform, account=account)
        )
    table = pd.concat(weeks, ignore_index=True) if weeks else counts.reset_index()
    rates = group_rates(timed, [*GROUP, "week"], metric)[[*GROUP, "week", "rate"]]
    return table[[*GROUP, "week", "posts"]].merge(rates, on=[*GROUP, "week"], how="left")


def rate_over_time(
    posts: pd.DataFrame,
    window: int = 4,
    *,
    min_posts: int = 5,
    settings: Settings | None = None,
    metric="engagement_rate",
) -> pd.DataFrame:
    """The median post's rate over the trailing ``window`` weeks, per account and week.

    A median over single posts, so one viral post does not make a good month.
    Each week's value covers the posts of the ``window`` weeks up to its last
    post; fewer than ``min_posts`` posts in the window give no value.
    """
    m = resolve_metric(metric)
    timed = with_local_time(posts.dropna(subset=["published_at"]), settings)
    x, y, usable = m.per_post(timed)
    shown = usable & (y > 0)
    rows = timed.loc[shown, [*GROUP, "local_time"]].assign(value=x[shown] / y[shown])
    rows = rows.sort_values([*GROUP, "local_time"], kind="stable")
    out = []
    for (platform, account), group in rows.groupby(GROUP, sort=True):
        values = group.set_index("local_time")["value"]
        rolling = values.rolling(pd.Timedelta(weeks=window))
        frame = pd.DataFrame(
            {
                "week": local_week(values.index.to_series()).to_numpy(),
                "rate": rolling.median().to_numpy(),
                "posts": rolling.count().to_numpy().astype("int64"),
            }
        )
        weekly = frame.groupby("week", sort=True).last().reset_index()
        weekly.loc[weekly["posts"] < min_posts, "rate"] = np.nan
        out.append(weekly.assign(platform=platform, account=account))
    columns = [*GROUP, "week", "rate", "posts"]
    return pd.concat(out, ignore_index=True)[columns] if out else pd.DataFrame(columns=columns)


def weekday_hour_grid(
    posts: pd.DataFrame,
    min_posts: int = 10,
    *,
    settings: Settings | None = None,
    metric="engagement_rate",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Rate per platform, local weekday and hour: every one of the 7 x 24 cells.

    ``enough`` marks cells with at least ``min_posts`` posts; the others are
    too thin to read (a figure greys them out). Posts whose export gives only
    a date (``time_known`` false) are left out.
    """
    timed = with_local_time(_timed(posts), settings)
    timed = timed.assign(
        weekday=timed["local_time"].dt.day_of_week, hour=timed["local_time"].dt.hour
    )
    rates = group_rates(timed, ["platform", "weekday", "hour"], metric, alpha)
    cells = pd.MultiIndex.from_product(
        [sorted(timed["platform"].dropna().unique()), range(7), range(24)],
        names=["platform", "weekday", "hour"],
    ).to_frame(index=False)
    grid = cells.merge(rates, on=["platform", "weekday", "hour"], how="left")
    grid["posts"] = grid["posts"].fillna(0).astype("int64")
    grid["weekday"] = pd.Categorical.from_codes(grid["weekday"], categories=WEEKDAYS, ordered=True)
    grid["enough"] = grid["posts"] >= min_posts
    return grid


def _timed(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts with a publish time (a YouTube export gives only the date)."""
    return posts[posts["published_at"].notna() & time_known(posts)]


def top_posts(
    posts: pd.DataFrame,
    n: int = 5,
    min_impressions: int | None = None,
    ascending: bool = False,
    *,
    settings: Settings | None = None,
    metric="engagement_rate",
) -> pd.DataFrame:
    """The ``n`` posts with the highest (``ascending``: lowest) rate on each platform.

    Only posts seen at least ``min_impressions`` times count (default: the
    platform's median impressions), so a post seen by twelve people cannot
    top the list. The text is a strictly scrubbed, shortened preview, never the raw
    text; ``attrs["withheld_words"]`` counts the words withheld as not known to be safe.
    """
    m = resolve_metric(metric)
    x, y, usable = m.per_post(posts)
    seen = posts["impressions"].astype("Float64").fillna(0).to_numpy(dtype=float)
    table = posts.assign(rate=np.where(usable & (y > 0), x / np.where(y > 0, y, 1), np.nan))
    threshold = (
        table.groupby("platform")["impressions"].transform("median").astype("float64")
        if min_impressions is None
        else pd.Series(float(min_impressions), index=table.index)
    )
    table = table.assign(min_impressions=threshold.round().astype("int64"))
    table = table[(seen >= table["min_impressions"].to_numpy()) & table["rate"].notna()]
    table = table.sort_values(
        ["platform", "rate", "impressions", "post_id"],
        ascending=[True, ascending, False, True],
        kind="stable",
    )
    chosen = table.groupby("platform", sort=True).head(n).copy()
    chosen["rank"] = chosen.groupby("platform").cumcount() + 1
    chosen["published"] = with_local_time(chosen, settings)["local_time"].dt.strftime("%Y-%m-%d")
    texts = chosen["text"].astype("object")
    withheld = sum(withheld_words(t, settings) for t in texts)
    chosen["text"] = [preview(t, settings, width=80) for t in texts]
    columns = [
        "platform",
        "rank",
        "account",
        "post_id",
        "published",
        "impressions",
        "engagements",
        "rate",
        "min_impressions",
        "text",
        "url",
    ]
    table = chosen[columns].reset_index(drop=True)
    table.attrs["withheld_words"] = withheld
    return table


def best_times(
    posts: pd.DataFrame,
    min_posts: int = 10,
    *,
    settings: Settings | None = None,
    metric="engagement_rate",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Time slots (local weekday and hour) whose rate clearly beat their platform's average.

    Only slots with ``min_posts`` posts are read. With a hundred slots, some
    look good by chance, so each slot's interval allows for all the slots
    read (Bonferroni: level 1 - alpha / slots); ``clearly_better`` means that
    whole interval lies above the platform's rate over all timed posts. Rows
    are the readable slots, best first within each platform.
    """
    readable = weekday_hour_grid(posts, min_posts, settings=settings, metric=metric)
    slots = max(int(readable["enough"].sum()), 1)
    grid = weekday_hour_grid(
        posts, min_posts, settings=settings, metric=metric, alpha=alpha / slots
    )
    average = group_rates(_timed(posts), ["platform"], metric).set_index("platform")["rate"]
    table = grid[grid["enough"]].drop(columns="enough")
    table = table.assign(
        platform_rate=table["platform"].map(average).astype("float64"), slots_read=slots
    )
    table["clearly_better"] = table["ci_low"] > table["platform_rate"]
    return table.sort_values(
        ["platform", "rate", "weekday", "hour"], ascending=[True, False, True, True], kind="stable"
    ).reset_index(drop=True)
