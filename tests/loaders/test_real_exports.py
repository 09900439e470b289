"""The real downloads in ../shared/real-exports load exactly (read-only ground truth)."""

from pathlib import Path

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.loaders import load, load_with_report

REAL = Path("/work/shared/real-exports")
X_FOLDER = REAL / "x-tweet-activity"
LEGACY = next((REAL / "facebook-insights-legacy").glob("*.csv"), None) if REAL.exists() else None

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="real exports not available")


@pytest.fixture(scope="module")
def real():
    return load_with_report(REAL, settings=Settings())


def test_every_real_file_is_read_with_its_detected_layout(real):
    _, report = real
    layouts = pd.Series([f.layout for f in report.files]).value_counts().to_dict()
    assert layouts == {"x-tweet-activity": 61, "facebook-insights-legacy": 1}
    assert report.skipped == []


def test_ropensci_files_hold_1668_distinct_posts(real):
    # The brief quotes 1,677; the files themselves hold 1,668 rows with 1,668 distinct
    # ids (checked independently with the csv module), so 1,668 is the true count.
    posts, report = real
    ropensci = posts[posts["account"] == "rOpenSci"]
    assert len(ropensci) == 1668
    assert ropensci["post_id"].is_unique
    assert report.merged == 0
    assert report.rows_read == 1668 + 10 + 1


def test_tweet_values_match_the_first_row_of_the_file(real):
    posts, _ = real
    row = posts.set_index("post_id").loc["812369747765362688"]
    assert row["published_at"] == pd.Timestamp("2016-12-23 18:50", tz="UTC")
    assert (row["impressions"], row["engagements"], row["likes"], row["clicks"]) == (
        1938,
        18,
        1,
        15,
    )
    assert row["account"] == "rOpenSci"
    assert row["exported_at"] > pd.Timestamp("2017-01-01 23:59:59", tz="UTC")  # saved later


def test_ids_are_exact_text(real):
    posts, _ = real
    ids = posts.loc[posts["platform"] == "x", "post_id"]
    assert ids.str.fullmatch(r"\d{18,19}").all()
    assert "849049020249120769" in set(ids)


def test_legacy_facebook_row(real):
    posts, _ = real
    row = posts[posts["platform"] == "facebook"].iloc[0]
    assert row["post_id"] == "1605839243031680_1867404650208470"
    assert row["account"] == "USC Clinical Trials"
    assert row["media_type"] == "link"
    assert (row["reach"], row["impressions"], row["engagements"], row["clicks"]) == (35, 60, 2, 1)
    # 09:03:47 AM in London in January is 09:03:47 UTC
    assert row["published_at"] == pd.Timestamp("2017-01-19 09:03:47", tz="UTC")


def test_legacy_facebook_time_uses_the_account_timezone():
    settings = Settings(timezones={"USC Clinical Trials": "America/Los_Angeles"})
    posts = load(LEGACY, settings=settings)
    assert posts["published_at"].iloc[0] == pd.Timestamp("2017-01-19 17:03:47", tz="UTC")
