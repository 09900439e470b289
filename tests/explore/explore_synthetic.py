"""A seeded synthetic history with differences built in, for the explore tests.

X: account A engages twice as well as B; humorous posts 30 % better than
serious ones (serious is the usual tone); Friday 12:00 posts twice as well.
Facebook (account C): photos 50 % better than links (links are the usual
type); tone makes no difference. All in winter (local time = UTC).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postlab.posts.columns import conform

START = pd.Timestamp("2025-01-06", tz="UTC")  # a Monday
WEEKS = 10
PER_WEEK = {("x", "A"): 30, ("x", "B"): 30, ("facebook", "C"): 20}
BASE_RATE = {"A": 0.02, "B": 0.01, "C": 0.04}
APPEAL = "Witness appeal: call Jane Doe on 07700 900123 or email jane.doe@example.com today"


def make_history(seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for (platform, account), per_week in PER_WEEK.items():
        n = per_week * WEEKS
        day = rng.integers(0, 7 * WEEKS, n)
        hour = rng.integers(8, 21, n)
        minute = rng.integers(0, 60, n)
        when = START + pd.to_timedelta(day, "D") + pd.to_timedelta(hour * 60 + minute, "min")
        humorous = rng.random(n) < 0.4
        photo = rng.random(n) < 0.4
        rate = BASE_RATE[account] * rng.lognormal(0, 0.3, n)
        if platform == "x":
            rate *= np.where(humorous, 1.3, 1.0)
            rate *= np.where((when.day_of_week == 4) & (when.hour == 12), 2.0, 1.0)
            media = pd.Series(pd.NA, index=range(n), dtype="string")
        else:
            rate *= np.where(photo, 1.5, 1.0)
            media = pd.Series(np.where(photo, "photo", "link"), dtype="string")
        impressions = rng.integers(1000, 5000, n)
        frames.append(
            pd.DataFrame(
                {
                    "platform": platform,
                    "account": account,
                    "post_id": [f"{account}{i:04d}" for i in range(n)],
                    "published_at": when,
                    "time_known": True,
                    "text": [f"{account} post {i}" for i in range(n)],
                    "media_type": media,
                    "impressions": impressions,
                    "engagements": rng.binomial(impressions, np.minimum(rate, 1)),
                    "tone": np.where(humorous, "humorous", "serious"),
                }
            )
        )
    return conform(pd.concat(frames, ignore_index=True))


def posts_at(times, impressions=1000, engagements=10, **columns) -> pd.DataFrame:
    """A small posts table with one post per UTC time in ``times``."""
    n = len(times)
    frame = {
        "platform": "x",
        "account": "A",
        "post_id": [str(i) for i in range(n)],
        "published_at": pd.to_datetime(times, utc=True),
        "time_known": True,
        "impressions": impressions,
        "engagements": engagements,
    }
    frame.update(columns)
    return conform(pd.DataFrame(frame))
