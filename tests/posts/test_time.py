"""One post, one weekday and hour block, wherever it is used.

Friday 23:30 UTC in June is Saturday 00:30 in London: the balance table,
the selection, the explore figures and the covariate adjustment must all
call it a Saturday night post; a post with only a date has no hour block
anywhere.
"""

import pandas as pd
import pytest

from postlab import explore
from postlab.config import Settings
from postlab.experiment.select import Selection
from postlab.posts import time
from postlab.posts.columns import conform
from postlab.stats import covariates
from postlab.stats.metrics import metric

LONDON = Settings(timezones={"A": "Europe/London"})


@pytest.fixture
def posts():
    return conform(
        pd.DataFrame(
            {
                "platform": "x",
                "account": "A",
                "post_id": ["1", "2", "3"],
                "published_at": pd.to_datetime(
                    ["2025-06-06 23:30", "2025-06-07 12:00", "2025-06-07 00:00"], utc=True
                ),
                "time_known": [True, True, False],
                "impressions": 1000,
                "engagements": [10, 20, 30],
            }
        )
    )


def test_the_time_module_says_saturday_night(posts):
    assert time.weekday_names(posts, LONDON).tolist() == ["Sat", "Sat", "Sat"]
    blocks = time.hour_block(posts, LONDON)
    assert blocks.iloc[0] == "night 00-06" and blocks.iloc[1] == "afternoon 12-18"
    assert pd.isna(blocks.iloc[2])


def test_balance_table_and_selection_agree(posts):
    counted = time.add_local_columns(posts.assign(arm=["a", "b", "a"]), LONDON)
    selection = Selection(
        counted, pd.DataFrame(columns=["reason", "posts"]), False, arms=("a", "b"), settings=LONDON
    )
    table = selection.balance()
    weekdays = table[table["dimension"] == "weekday"]
    assert weekdays["value"].tolist() == ["Sat"]
    hours = table[table["dimension"] == "hour"].set_index("value")
    assert hours.loc["night 00-06", "a"] == 0.5 and hours.loc["time unknown", "a"] == 0.5
    assert counted["weekday"].iloc[0] == "Sat" and counted["hour_block"].iloc[0] == "night 00-06"


def test_explore_agrees(posts):
    assert explore.time_of_day(posts, LONDON).iloc[0] == "night"
    assert pd.isna(explore.time_of_day(posts, LONDON).iloc[2])
    grid = explore.weekday_hour_grid(posts, settings=LONDON)
    used = grid[grid["posts"].fillna(0) > 0]
    assert set(zip(used["weekday"].astype(str), used["hour"], strict=True)) == {
        ("Sat", 0),
        ("Sat", 13),
    }


def test_covariate_adjustment_agrees(posts):
    local = time.add_local_columns(posts, LONDON)
    rate = metric("engagement_rate")
    # all three posts are Saturdays in London: weekday explains nothing (UTC would say Fri/Sat)
    assert covariates._covariate(local, "weekday", rate, None).shape[1] == 0
    hours = covariates._covariate(local, "hour_block", rate, None)
    assert hours.shape[1] == 2  # night, afternoon and time unknown: three levels
