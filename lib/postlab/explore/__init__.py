"""Explore a team's history: what did well, when posting paid, how accounts compare.

Every table is a plain DataFrame an analyst can use outside the notebook;
each has a caption function that says what it shows in one line, and
``postlab.explore.plots`` draws it.

from postlab import load
from postlab import explore
posts = explore.with_labels(load("data/demo"), "data/demo/labels.csv")
explore.for_people(explore.rate_by(posts, "tone"))
explore.ideas_to_test(posts, labels=["tone", "format"])
"""

from postlab.explore.captions import (
    accounts_caption,
    best_times_caption,
    grid_caption,
    ideas_caption,
    over_time_caption,
    overview,
    rate_by_caption,
    readable,
    top_caption,
    weekly_caption,
)
from postlab.explore.ideas import experiment_id, ideas_to_test, known_experiments
from postlab.explore.rates import (
    account_comparison,
    best_times,
    group_rates,
    rate_by,
    rate_over_time,
    top_posts,
    weekday_hour_grid,
    weekly_activity,
)
from postlab.explore.scope import label_columns, subset, time_of_day, with_labels
from postlab.explore.tables import Table, for_people

__all__ = [
    "Table",
    "account_comparison",
    "accounts_caption",
    "best_times",
    "best_times_caption",
    "experiment_id",
    "for_people",
    "grid_caption",
    "group_rates",
    "ideas_caption",
    "ideas_to_test",
    "known_experiments",
    "label_columns",
    "over_time_caption",
    "overview",
    "rate_by",
    "rate_by_caption",
    "rate_over_time",
    "readable",
    "subset",
    "top_caption",
    "time_of_day",
    "top_posts",
    "weekday_hour_grid",
    "weekly_activity",
    "weekly_caption",
    "with_labels",
]
