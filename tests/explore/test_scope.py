"""Choosing posts (accounts, platforms, local-time period) and joining labels."""

import pandas as pd
import pytest
from explore_synthetic import posts_at

from postlab import explore
from postlab.exceptions import AnalysisError, ExperimentError


def test_subset_keeps_only_the_chosen_accounts_and_platforms(history):
    chosen = explore.subset(history, accounts=["A", "C"])
    assert sorted(chosen["account"].unique()) == ["A", "C"]
    assert len(chosen) == 300 + 200
    only_x = explore.subset(history, platforms=["x"])
    assert set(only_x["account"]) == {"A", "B"}
    assert len(explore.subset(history)) == len(history)


def test_period_is_inclusive_and_in_local_time(london):
    # 22:30 UTC on 31 May is 23:30 on 31 May in London (BST); 23:30 UTC is already 1 June.
    posts = posts_at(
        ["2025-05-31 22:30", "2025-05-31 23:30", "2025-06-30 22:59", "2025-06-30 23:00"]
    )
    chosen = explore.subset(posts, period=["2025-06-01", "2025-06-30"], settings=london)
    assert chosen["post_id"].tolist() == ["1", "2"]
    open_end = explore.subset(posts, period=["2025-06-01", ""], settings=london)
    assert open_end["post_id"].tolist() == ["1", "2", "3"]


def test_posts_without_a_date_fall_outside_any_period(london):
    posts = posts_at(["2025-06-10 12:00", None])
    assert explore.subset(posts, period=["2025-06-01", "2025-06-30"], settings=london).shape[0] == 1
    assert explore.subset(posts).shape[0] == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"accounts": ["Z"]}, "no posts from account 'Z'; accounts in the data: A, B, C"),
        ({"platforms": ["tiktok"]}, "unknown platform 'tiktok'"),
        ({"platforms": ["youtube"]}, "no posts from platform 'youtube'; platforms in the data"),
        ({"period": ["2025-01-01"]}, "period must be [start, end]"),
        ({"period": ["2025-13-01", ""]}, "write dates as 2025-05-01"),
        ({"period": ["2025-02-01", "2025-01-01"]}, "ends (2025-01-01) before it starts"),
        ({"period": ["2030-01-01", "2030-02-01"]}, "no posts match"),
    ],
)
def test_bad_choices_are_one_line_errors(history, options, message):
    with pytest.raises(AnalysisError) as error:
        explore.subset(history, **options)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_labels_join_on_platform_and_post_id(tmp_path):
    posts = posts_at(["2025-06-01", "2025-06-02", "2025-06-03"], platform=["x", "facebook", "x"])
    posts["post_id"] = ["1", "1", "2"]  # the same id on two platforms
    path = tmp_path / "labels.csv"
    path.write_text(
        "post_id,platform,account,tone,media_type\n1,x,A,humorous,photo\n1,Facebook,A,serious,\n",
        encoding="utf-8",
    )
    joined = explore.with_labels(posts, path)
    assert joined["tone"].tolist()[:2] == ["humorous", "serious"]
    assert pd.isna(joined["tone"].iloc[2])
    assert joined["media_type_label"].iloc[0] == "photo"  # a clash with a posts column is renamed
    assert joined["account"].tolist() == ["A", "A", "A"]  # the posts' own account is kept
    assert explore.label_columns(joined) == ["tone", "media_type_label"]
    assert len(joined) == len(posts)


def test_a_labels_file_with_a_damaged_id_is_refused(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("post_id,tone\n6.49E+17,serious\n", encoding="utf-8")
    with pytest.raises(ExperimentError, match="damaged by a spreadsheet"):
        explore.with_labels(posts_at(["2025-06-01"]), path)


def test_time_of_day_uses_local_hours_and_skips_unknown_times(london):
    posts = posts_at(
        [
            "2025-06-01 04:30",
            "2025-06-01 05:30",
            "2025-06-01 11:00",
            "2025-06-01 17:30",
            "2025-06-01 12:00",
        ],
        time_known=[True, True, True, True, False],
    )
    names = explore.time_of_day(posts, london)
    assert names.tolist()[:4] == ["night", "morning", "afternoon", "evening"]
    assert pd.isna(names.iloc[4])
