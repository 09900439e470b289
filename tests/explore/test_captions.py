"""Captions say in one line what the data shows; numbers to three significant figures."""

import pandas as pd
import pytest
from explore_synthetic import posts_at

from postlab import explore
from postlab.explore.captions import number, percent, posts_count


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.012345, "0.0123"), (1234.5, "1,230"), (7297, "7,297"), (21.25, "21.2"), (None, "-")],
)
def test_numbers_keep_three_significant_figures_and_whole_numbers_exact(value, text):
    assert number(value) == text


def test_posts_are_counted_in_words():
    assert (posts_count(1), posts_count(1092)) == ("1 post", "1,092 posts")


def test_percentages():
    assert percent(0.016699) == "1.67 %"
    assert percent(0.246, signed=True) == "+24.6 %"
    assert percent(-0.0856, signed=True) == "-8.56 %"


def _one_line(text: str) -> None:
    assert "\n" not in text and text.endswith(".")


def test_overview(history, london):
    history.loc[0, "published_at"] = pd.NaT
    text = explore.overview(history, london)
    assert text.startswith(
        "800 posts from 3 accounts (Facebook 200, X 600), published 6 Jan 2025 to "
    )
    assert text.endswith("1 without a publish date (left out of the time charts).")


def test_weekly_caption_names_the_busiest_and_quietest_account(history, london):
    text = explore.weekly_caption(explore.weekly_activity(history, settings=london))
    assert text == (
        "A on X posted most often (30 posts a week on average); C on Facebook least (20 a week)."
    )
    single = explore.weekly_activity(history[history["account"] == "C"], settings=london)
    assert explore.weekly_caption(single) == (
        "C on Facebook posted 20 posts a week on average over 10 weeks."
    )


def test_over_time_caption_reports_the_largest_move(london):
    days = pd.date_range("2025-01-06 12:00", periods=56, freq="D", tz="UTC")
    posts = posts_at(days, engagements=[10] * 28 + [30] * 28)
    over_time = explore.rate_over_time(posts, window=2, settings=london)
    assert explore.over_time_caption(over_time) == (
        "The typical post's engagement rate moved for A on X: from 1 % to 3 % (+200 %) "
        "between its first and last weeks."
    )
    assert "Too few posts" in explore.over_time_caption(over_time.assign(rate=float("nan")))


def test_rate_by_caption_says_whether_the_gap_is_clear(history):
    table = explore.rate_by(history, "tone")
    text = explore.rate_by_caption(table, "tone", history)
    _one_line(text)
    assert "on X, humorous posts had the highest engagement rate" in text
    assert "and serious the lowest" in text and "a clear gap" in text
    assert text.startswith("On Facebook") and "but their intervals overlap" in text
    media = explore.rate_by(history, "media_type")
    assert explore.rate_by_caption(media, "media_type", history).endswith(
        "600 posts without a media type (or impressions) are left out."
    )
    assert explore.rate_by_caption(media.iloc[:0], "media_type") == "No post has a media type."


def test_grid_caption_names_the_best_slot_and_counts_grey_cells(history, london):
    grid = explore.weekday_hour_grid(history, min_posts=5, settings=london)
    text = explore.grid_caption(grid, 5)
    _one_line(text)
    x = grid[grid["platform"] == "x"]
    grey = int((~x["enough"]).sum())
    assert "on X the best slot was Fri 12:00 (" in text
    assert f"{grey} of 168 slots grey" in text
    assert text.endswith("(grey: fewer than 5 posts; local time).")
    empty = grid.assign(enough=False)
    assert explore.grid_caption(empty, 5).startswith("On Facebook no slot has 5 posts")


def test_accounts_caption(history):
    text = explore.accounts_caption(explore.account_comparison(history))
    assert text.startswith("C is the only account on Facebook (")
    assert "on X A had the highest engagement rate (" in text and "and B the lowest (" in text


def test_top_caption_states_the_impressions_required(history):
    top = explore.top_posts(history, n=3, min_impressions=2000)
    assert explore.top_caption(top) == (
        "The 3 posts with the highest engagement rate on each platform, among posts with at "
        "least Facebook 2,000, X 2,000 impressions; texts are scrubbed of personal details."
    )
    bottom = explore.top_posts(history, n=3, min_impressions=2000, ascending=True)
    assert "lowest engagement rate" in explore.top_caption(bottom, ascending=True)


def test_ideas_caption(history, london):
    ideas = explore.ideas_to_test(history, ["tone"], settings=london)
    text = explore.ideas_caption(ideas, 0.1)
    assert text.startswith("2 ideas to test; the largest: media type on Facebook: photo vs link (+")
    assert text.endswith(
        f"{ideas.loc[0, 'posts_per_arm']:,} posts per arm to detect a 10 % change."
    )
    assert "nothing in the history asks for a test yet" in explore.ideas_caption(
        ideas.iloc[:0], 0.1
    )


def test_readable_formats_rates_changes_counts_and_dates(history):
    table = explore.account_comparison(history)
    shown = explore.readable(table)
    row = shown.set_index("account").loc["A"]
    assert row["rate"].endswith(" %") and row["vs_platform"].startswith("+")
    assert row["posts"] == "300"
    weekly = explore.readable(explore.weekly_activity(history))
    assert weekly["week"].iloc[0] == "2025-01-06"
    assert (shown.dtypes != "float64").all()
