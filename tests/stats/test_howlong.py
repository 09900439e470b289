"""One answer to "how long": the plan's meaning for plan, verdict, record and report."""

import pandas as pd
import pytest

from postlab.stats import groupseq
from postlab.stats.howlong import FROM_FILE, design_of, how_long, needed_per_arm, spread_for
from postlab.stats.levers import Spreads, posts_per_arm
from postlab.stats.power import MAX_POSTS, n_per_arm

SPLIT = {"serious": 0.5, "humorous": 0.5}
PLAN = {"alpha": 0.05, "power": 0.8, "posts_per_week": 20.0}


def test_the_design_is_the_one_compare_reads():
    assert design_of(False, 400, "obrien-fleming") == "fixed"
    assert design_of(True, 400, "obrien-fleming") == "group-sequential"
    assert design_of(True, None, "obrien-fleming") == design_of(True, 400, None) == "always-valid"


def test_each_design_is_sized_as_the_plan_and_its_levers_size_it():
    fixed = needed_per_arm(0.8, 0.2, SPLIT, design="fixed", **PLAN)
    always = needed_per_arm(0.8, 0.2, SPLIT, design="always-valid", **PLAN)
    group = needed_per_arm(0.8, 0.2, SPLIT, design="group-sequential", **PLAN)
    assert fixed["serious"] == n_per_arm(0.8, 0.2) and always["serious"] == n_per_arm(
        0.8, 0.2, sequential=True
    )
    spreads = Spreads(0.8, 1.0, 0.2, 0.01, {}, [])
    assert group["serious"] == posts_per_arm(
        spreads, 0.2, "ratio-of-sums", "group-sequential", False, 20.0, 0.05, 0.8
    )
    assert fixed["serious"] < group["serious"] < always["serious"]
    assert groupseq.LOOKS[-1] == 52


def test_what_is_left_is_the_planned_total_less_the_posts_in_never_below_zero():
    found = how_long(
        0.8, 0.2, SPLIT, design="fixed", source="s", have={"serious": 50, "humorous": 900}, **PLAN
    )
    need = found.needed["serious"]
    assert found.more == {"serious": need - 50, "humorous": 0}
    assert found.more_total == 2 * (need - 50)  # the lagging arm fills at the planned split
    assert found.weeks() == pytest.approx(found.more_total / 20.0)
    done = how_long(
        0.8, 0.2, SPLIT, design="fixed", source="s", have=dict.fromkeys(SPLIT, need), **PLAN
    )
    assert done.reached and done.more_total == 0


def test_a_file_s_planned_posts_is_the_total_of_a_design_that_ends_there():
    found = how_long(
        0.8, 0.2, SPLIT, design="group-sequential", source="s", planned_posts=300, **PLAN
    )
    assert found.needed == {"serious": 150, "humorous": 150} and found.source == FROM_FILE
    assert not found.powered
    sized = how_long(0.8, 0.2, SPLIT, design="always-valid", source="s", planned_posts=300, **PLAN)
    assert sized.powered and sized.needed["serious"] == n_per_arm(0.8, 0.2, sequential=True)
    assert how_long(None, 0.2, SPLIT, design="always-valid", source="", **PLAN) is None
    hopeless = how_long(50.0, 0.001, SPLIT, design="fixed", source="s", **PLAN)
    assert hopeless.out_of_reach and hopeless.weeks() is None
    assert max(hopeless.needed.values()) >= MAX_POSTS


def test_the_spread_is_the_experiment_s_own_when_it_has_enough_posts():
    def posts(n):
        return pd.DataFrame(
            {
                "engagements": [3 + i % 7 for i in range(n)],
                "impressions": [100 + i for i in range(n)],
            }
        )

    own, where = spread_for(posts(40), posts(400), "engagement_rate", "serious")
    assert where == "the spread seen in its own 40 serious posts" and own > 0
    _, where = spread_for(posts(10), posts(400), "engagement_rate", "serious")
    assert where == "the spread seen in 400 earlier posts of its accounts"
    assert spread_for(posts(10), None, "engagement_rate", "serious") == (None, "")
