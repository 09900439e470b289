"""The record's summary strip: each account's latest month against the month before.

A Monday meeting starts with "how are we doing?": posts, impressions and the
engagement rate (engagements over impressions, pooled over the month's posts)
per platform and account, in the account's own calendar month.
"""

from __future__ import annotations

import pandas as pd

from postlab.config import Settings
from postlab.posts.time import local_times

ACTIVITY_COLUMNS = (
    "platform",
    "account",
    "month",
    "posts",
    "impressions",
    "engagement_rate",
    "previous_month",
    "previous_posts",
    "previous_impressions",
    "previous_engagement_rate",
)


def activity_table(posts: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Per platform and account: its latest month with posts, and the calendar month before."""
    if posts.empty:
        return pd.DataFrame(columns=list(ACTIVITY_COLUMNS))
    month = local_times(posts, settings).dt.to_period("M")
    frame = pd.DataFrame(
        {
            "platform": posts["platform"].astype("string"),
            "account": posts["account"].astype("string").fillna("(no account)"),
            "month": month,
            "impressions": pd.to_numeric(posts["impressions"], errors="coerce"),
            "engagements": pd.to_numeric(posts["engagements"], errors="coerce"),
        }
    ).dropna(subset=["month"])
    monthly = frame.groupby(["platform", "account", "month"], sort=True).agg(
        posts=("month", "size"),
        impressions=("impressions", "sum"),
        engagements=("engagements", "sum"),
    )
    rows = []
    for (platform, account), months in monthly.groupby(level=[0, 1], sort=True):
        months = months.droplevel([0, 1])
        latest = months.index.max()
        previous = latest - 1
        now = months.loc[latest]
        before = months.loc[previous] if previous in months.index else None
        rows.append(
            {
                "platform": platform,
                "account": account,
                "month": str(latest),
                **_month(now, ""),
                "previous_month": str(previous),
                **_month(before, "previous_"),
            }
        )
    return pd.DataFrame(rows, columns=list(ACTIVITY_COLUMNS))


def _month(row, prefix: str) -> dict:
    if row is None:
        return {f"{prefix}posts": 0, f"{prefix}impressions": 0, f"{prefix}engagement_rate": None}
    impressions = float(row["impressions"])
    rate = float(row["engagements"]) / impressions if impressions > 0 else None
    return {
        f"{prefix}posts": int(row["posts"]),
        f"{prefix}impressions": int(impressions),
        f"{prefix}engagement_rate": rate,
    }
