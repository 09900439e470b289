"""The record's summary strip: each account's latest month against the month before."""

import pandas as pd

from postlab.config import Settings
from postlab.record import activity_table


def test_latest_month_against_the_one_before_per_platform_and_account():
    posts = pd.DataFrame(
        {
            "platform": ["x", "x", "x", "facebook"],
            "account": ["A", "A", "A", "B"],
            "published_at": pd.to_datetime(
                ["2026-09-10 12:00", "2026-10-02 12:00", "2026-10-20 12:00", "2026-10-05 12:00"],
                utc=True,
            ),
            "impressions": [1000, 2000, 3000, 500],
            "engagements": [10, 40, 60, 5],
        }
    )
    table = activity_table(posts, Settings()).set_index("account")
    a = table.loc["A"]
    assert (a["month"], a["posts"], a["impressions"]) == ("2026-10", 2, 5000)
    assert a["engagement_rate"] == 0.02 and a["previous_engagement_rate"] == 0.01
    b = table.loc["B"]
    assert b["previous_posts"] == 0 and pd.isna(b["previous_engagement_rate"])
