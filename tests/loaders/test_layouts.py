"""Every layout in FORMATS.md, read from fixtures that follow it."""

import pandas as pd
import pytest

from postlab.loaders import load, load_with_report
from postlab.posts.columns import POSTS_DTYPES
from postlab.posts.features import FEATURE_DTYPES

from .conftest import FIXTURES, YOUTUBE_FOLDER


def _by_id(posts):
    return posts.set_index("post_id")


def test_tweet_activity_favorites_era(settings):
    path = FIXTURES / "x/tweet_activity_metrics_MPSTest_20150101_20150201_en.csv"
    posts = load(path, settings=settings)
    row = _by_id(posts).loc["561586025919537728"]
    assert row["text"] == "Have you seen this bike?\nCall 101 quoting ref 1234."
    assert (row["likes"], row["shares"], row["comments"], row["clicks"]) == (12, 3, 1, 9)
    promoted = _by_id(posts).loc["557462605658001926"]
    assert promoted["impressions"] == 13590  # organic impressions; promoted ones are ignored
    assert promoted["video_views"] == 120
    assert posts["account"].unique().tolist() == ["MPSTest"]
    # saved long after its month: exported when it was saved, not at the month's end
    saved = pd.Timestamp(path.stat().st_mtime, unit="s", tz="UTC")
    assert abs(posts["exported_at"].iloc[0] - saved) < pd.Timedelta(seconds=1)


def test_tweet_activity_likes_era(settings):
    posts = load(
        FIXTURES / "x/tweet_activity_metrics_MPSTest_20160101_20160201_en.csv", settings=settings
    )
    assert posts["likes"].tolist() == [9]
    assert posts["published_at"].tolist() == [pd.Timestamp("2016-01-29 10:15", tz="UTC")]


def test_account_content_recovers_the_time_from_the_snowflake(settings):
    posts, report = load_with_report(
        FIXTURES / "x/account_analytics_content_2026-07-01_2026-07-14.csv", settings=settings
    )
    row = _by_id(posts).loc["2076962467476410369"]
    assert row["published_at"] == pd.Timestamp("2026-07-14 09:30:15", tz="UTC")
    assert bool(row["time_known"]) is True
    assert (row["shares"], row["comments"], row["clicks"], row["engagements"]) == (5, 3, 12, 61)
    assert row["account"] == "MPSTest"
    assert report.files[0].layout == "x-account-content"
    assert posts["exported_at"].iloc[0] > pd.Timestamp("2026-07-14 23:59:59", tz="UTC")


def test_meta_facebook_maps_views_labels_and_local_time(settings):
    posts = load(FIXTURES / "meta/Test-Police_May-01-2025_Aug-31-2025.csv", settings=settings)
    rows = _by_id(posts)
    first = rows.loc["100083456712345_122370395610172180"]
    assert (first["impressions"], first["reach"], first["engagements"], first["likes"]) == (
        5230,
        4100,
        310,
        250,
    )
    assert first["clicks"] == 95 and first["custom_labels"] == "humorous"
    assert first["media_type"] == "photo" and first["account"] == "Test Police"
    assert first["published_at"] == pd.Timestamp("2025-07-31 20:30", tz="UTC")  # BST
    assert rows.loc["100083456712345_122370395610172181", "watch_time_s"] == 86400
    assert rows["media_type"].tolist().count("reel") == 1
    # 01:30 on 30 March 2025 does not exist in London: read with the offset before the change
    assert rows.loc["100083456712345_122370395610172182", "published_at"] == pd.Timestamp(
        "2025-03-30 01:30", tz="UTC"
    )
    # 01:30 on 27 October 2024 happens twice: the summer-time reading is taken
    assert rows.loc["100083456712345_122370395610172183", "published_at"] == pd.Timestamp(
        "2024-10-27 00:30", tz="UTC"
    )
    assert posts["exported_at"].iloc[0] == pd.Timestamp("2025-08-31 22:59:59", tz="UTC")


def test_meta_facebook_older_file_with_impressions_and_lower_case(settings):
    posts = load(FIXTURES / "meta/Test-Police_May-01-2025_Jul-31-2025.csv", settings=settings)
    row = _by_id(posts).loc["100083456712345_122370395610172190"]
    assert (row["impressions"], row["engagements"], row["media_type"]) == (450, 9, "text")


def test_meta_instagram(settings):
    posts = load(FIXTURES / "meta/testpolice_Aug-01-2025_Aug-31-2025.csv", settings=settings)
    rows = _by_id(posts)
    assert rows["media_type"].to_dict() == {
        "18031234567890123": "photo",
        "18031234567890124": "reel",
        "18031234567890125": "carousel",
        "18031234567890126": "other",
    }
    assert rows.loc["18031234567890123", "engagements"] == 400 + 25 + 12 + 30
    assert pd.isna(rows.loc["18031234567890125", "engagements"])  # blank Saves: not 0
    assert pd.isna(rows.loc["18031234567890126", "engagements"])
    assert set(posts["platform"]) == {"instagram"} and set(posts["account"]) == {"testpolice"}


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_youtube_table_data(kind, youtube_zip, settings):
    path = YOUTUBE_FOLDER if kind == "folder" else youtube_zip
    with pytest.warns(UserWarning, match="no publish time"):
        posts, report = load_with_report(path, settings=settings)
    rows = _by_id(posts)
    assert "-HHGH-TTqYM" in rows.index  # the leading space is stripped
    live = rows.loc["dQw4w9WgXcQ"]
    assert (live["video_views"], live["impressions"], live["engagements"]) == (1500, 20000, 52)
    assert live["watch_time_s"] == pytest.approx(30.5 * 3600)
    assert live["published_at"] == pd.Timestamp("2025-08-27 23:00", tz="UTC")
    assert bool(live["time_known"]) is False and live["media_type"] == "video"
    assert set(posts["account"]) == {"Test Police"}
    assert pd.isna(rows.loc["Zx9_Ab1cD2e", "published_at"])
    table = next(f for f in report.files if f.layout == "youtube-table-data")
    assert (table.rows_read, table.rows_kept, table.dropped) == (4, 3, {"Total row": 1})
    assert {s.reason.split(" (")[0] for s in report.skipped} == {
        "YouTube Studio chart data",
        "YouTube Studio totals",
    }


def test_generic_mapping(settings):
    posts, report = load_with_report(
        FIXTURES / "generic/linkedin_posts.csv",
        settings=settings,
        mappings=FIXTURES / "generic/linkedin.yml",
    )
    assert report.files[0].layout == "mapping:linkedin"
    rows = _by_id(posts)
    first = rows.loc["https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000001"]
    assert (first["impressions"], first["likes"], first["shares"]) == (4200, 85, 4)
    assert first["media_type"] == "photo" and first["account"] == "Test Police LinkedIn"
    assert first["published_at"] == pd.Timestamp("2025-09-14 18:30", tz="UTC")
    assert set(posts["platform"]) == {"other"}


def test_generic_mapping_reads_a_workbook(tmp_path, settings):
    sheet = pd.DataFrame(
        {
            "Broadcast": ["Live from the station", "Q&A"],
            "Broadcast id": ["1vAxRkQEoXXGl", "1ypKdAAvVbXxW"],
            "Start": ["2019-03-01 18:00", "2019-04-02 19:30"],
            "Live viewers": [120, 80],
            "Hearts": [900, 300],
        }
    )
    sheet.to_excel(tmp_path / "periscope.xlsx", index=False)
    mapping = {
        "name": "periscope",
        "platform": "x",
        "account": "MPSTest",
        "media_type": "live",
        "columns": {
            "post_id": "Broadcast id",
            "published_at": "Start",
            "text": "Broadcast",
            "video_views": "Live viewers",
            "likes": "Hearts",
        },
    }
    posts = load(tmp_path, settings=settings, mappings=[mapping])
    assert posts["post_id"].tolist() == ["1vAxRkQEoXXGl", "1ypKdAAvVbXxW"]
    assert posts["likes"].tolist() == [900, 300]
    assert set(posts["media_type"]) == {"live"}


def test_the_whole_fixture_folder_conforms_to_the_schema(settings):
    with pytest.warns(UserWarning):
        posts, report = load_with_report(FIXTURES, settings=settings)
    assert dict(posts.dtypes.astype(str)) == {
        k: str(pd.Series(dtype=v).dtype) for k, v in {**POSTS_DTYPES, **FEATURE_DTYPES}.items()
    }
    assert posts.groupby("platform").size().to_dict() == {
        "facebook": 6,  # five Meta posts and the legacy export's one
        "instagram": 4,
        "x": 7,
        "youtube": 3,
    }
    # the older Facebook export's snapshot of the tortoise post is replaced by the later one
    assert report.merged == 1
    assert _by_id(posts).loc["100083456712345_122370395610172180", "impressions"] == 5230
    # the LinkedIn file has no mapping here: skipped, with a reason
    assert [s.path.endswith("linkedin_posts.csv") for s in report.skipped].count(True) == 1
