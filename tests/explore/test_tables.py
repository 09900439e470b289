"""Best times to post, and the explore tables as people read them."""

import numpy as np
import pandas as pd
from explore_synthetic import posts_at

from postlab import explore


def slots_history(seed=3):
    """12 posts in each of four slots (London time); Fri 12:00 engages three times as well."""
    rng = np.random.default_rng(seed)
    weeks = pd.date_range("2025-01-06", periods=12, freq="7D")  # all in winter time
    slots = {
        "0 days 09:00:00": 10,
        "1 days 09:00:00": 10,
        "2 days 09:00:00": 10,
        "4 days 12:00:00": 30,
    }
    times = [w + pd.Timedelta(slot) for slot in slots for w in weeks]
    engagements = np.concatenate([rng.poisson(mean, len(weeks)) for mean in slots.values()])
    return posts_at(times, engagements=engagements)


def test_best_times_name_a_slot_only_when_its_corrected_interval_clears_the_average(london):
    posts = slots_history()
    best = explore.best_times(posts, min_posts=10, settings=london)
    grid = explore.weekday_hour_grid(posts, min_posts=10, settings=london)
    clear = best[best["clearly_better"]]
    assert list(zip(clear["weekday"], clear["hour"], strict=True)) == [("Fri", 12)]
    assert (best["slots_read"] == 4).all()
    # the interval allows for four slots: wider than the grid's 95 % one
    cell = grid[(grid["weekday"] == "Fri") & (grid["hour"] == 12)]
    assert clear["ci_low"].iloc[0] < cell["ci_low"].iloc[0]
    text = explore.best_times_caption(best, grid, 10)
    assert text.startswith("Best times to post: on X, Fri 12:00 (3")
    assert "did clearly better than the average of 1.5" in text
    assert text.endswith("each interval allows for the 4 slots compared).")
    flat = explore.best_times(slots_history().assign(engagements=10), min_posts=10)
    assert "no time clearly beat the average of 1 %" in explore.best_times_caption(flat, grid, 10)


def test_too_few_posts_give_no_best_time(london):
    posts = posts_at(pd.date_range("2025-01-06 09:00", periods=8, freq="7D"))
    grid = explore.weekday_hour_grid(posts, min_posts=10, settings=london)
    best = explore.best_times(posts, min_posts=10, settings=london)
    assert best.empty
    assert explore.best_times_caption(best, grid, 10) == (
        "Best times to post: on X there is not enough evidence: no slot has 10 posts "
        "(local time; only slots with 10 posts or more are read, and each interval allows "
        "for the 0 slots compared)."
    )


def test_tables_for_people_have_words_percentages_and_no_row_numbers(history):
    table = explore.for_people(explore.account_comparison(history))
    assert list(table.frame.columns) == [
        "platform",
        "account",
        "engagement rate",
        "95 % interval",
        "posts",
        "posts a week",
        "impressions per post",
        "against the platform",
    ]
    assert set(table.frame["platform"]) == {"X", "Facebook"}
    assert table.frame["95 % interval"].str.fullmatch(r"[\d.]+ % to [\d.]+ %").all()
    text = repr(table)
    assert text.splitlines()[0].lstrip().startswith("platform")  # no index column
    page = table._repr_html_()
    assert "<th>" in page and 'class="num"' in page and "dataframe" not in page


def test_post_ids_link_to_the_post_and_ideas_read_as_sentences(history, london):
    history["url"] = [f"https://x.com/a/status/{i}" for i in history["post_id"]]
    top = explore.top_posts(history, n=2)
    page = explore.for_people(top)._repr_html_()
    assert f'<a href="https://x.com/a/status/{top.post_id[0]}">{top.post_id[0]}</a>' in page
    assert "min_impressions" not in page and "url" not in page
    ideas = explore.ideas_to_test(history, ["tone"], settings=london)
    shown = explore.for_people(ideas.drop(columns=["platform", "dimension"])).frame
    assert list(shown.columns) == [
        "idea",
        "usual style",
        "style to test",
        "difference (95 % interval)",
        "posts per arm for a test",
        "already tested by",
    ]
    assert shown["usual style"].iloc[0].startswith("link: ")
    assert (
        shown["difference (95 % interval)"]
        .str.fullmatch(r"\+[\d.]+ % \(\+[\d.]+ % to \+[\d.]+ %\)")
        .all()
    )
