"""Post features: each derived as README's table says, missing where the export cannot tell."""

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.posts.columns import conform
from postlab.posts.features import FEATURE_COLUMNS, FEATURE_DTYPES, add_features


def posts(*rows):
    """A posts table from (platform, text, media_type, video_views, published_at) rows."""
    frame = pd.DataFrame(
        rows, columns=["platform", "text", "media_type", "video_views", "published_at"]
    )
    return conform(frame.assign(account="acct", post_id=[str(i) for i in range(len(rows))]))


SETTINGS = Settings(timezones={"acct": "Europe/London"})
WHEN = "2026-07-06 16:30+00:00"  # a Monday, 17:30 in London


def features(*rows):
    return add_features(posts(*rows), SETTINGS)


def test_columns_and_dtypes():
    out = features(("x", "hello", None, 0, WHEN))
    assert tuple(out.columns[-len(FEATURE_COLUMNS) :]) == FEATURE_COLUMNS
    assert {c: str(out[c].dtype) for c in FEATURE_COLUMNS} == {
        c: str(pd.Series(dtype=d).dtype) for c, d in FEATURE_DTYPES.items()
    }


def test_has_media_inferred_on_x_from_media_views_and_from_media_type_elsewhere():
    out = features(
        ("x", "a photo https://t.co/abc", None, 12, WHEN),
        ("x", "plain", None, 0, WHEN),
        ("x", "2023+ export: no media views", None, None, WHEN),
        ("facebook", "p", "photo", None, WHEN),
        ("facebook", "l", "link", None, WHEN),
        ("facebook", "?", None, None, WHEN),
        ("youtube", "v", "video", None, WHEN),
    )
    assert out["has_media"].tolist() == [True, False, pd.NA, True, False, pd.NA, True]


def test_links_ignore_the_media_link_x_appends():
    out = features(
        ("x", "Our photo https://t.co/abc", None, 5, WHEN),
        ("x", "Read https://t.co/link and see https://t.co/pic", None, 5, WHEN),
        ("x", "Read https://t.co/link", None, 0, WHEN),
        ("facebook", "Details at met.police.uk/events today", "photo", None, WHEN),
        ("facebook", "A link post", "link", None, WHEN),
        ("facebook", "No address here. Really.", "text", None, WHEN),
    )
    assert out["has_link"].tolist() == [False, True, True, True, True, False]


def test_questions_hashtags_mentions_emoji():
    out = features(
        ("x", "Seen this? #StaySafe #Y2K #2024 &#39; @met_police .@you 🚓", None, 0, WHEN),
        ("x", "Statement. https://example.org/page?x=1 mail a@b.com", None, 0, WHEN),
    )
    assert out["asks_question"].tolist() == [True, False]
    assert out["hashtags"].tolist() == [2, 0]
    assert out["mentions"].tolist() == [2, 0]
    assert out["has_emoji"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("size", "band"), [(10, "short"), (79, "short"), (80, "medium"), (159, "medium"), (160, "long")]
)
def test_length_band_cut_offs_leave_links_out(size, band):
    out = features(("x", "a" * size + " https://t.co/" + "b" * 40, None, 0, WHEN))
    assert out["length_band"].iloc[0] == band


def test_replies_on_x_only():
    out = features(
        ("x", "@someone thanks", None, 0, WHEN),
        ("x", ".@someone thanks", None, 0, WHEN),
        ("facebook", "@someone thanks", "text", None, WHEN),
    )
    assert out["is_reply"].tolist() == [True, False, False]


def test_weekday_and_hour_block_in_local_time_and_unknown_for_date_only_posts():
    frame = posts(
        ("x", "t", None, 0, WHEN), ("youtube", "v", "video", None, WHEN), ("x", "t", None, 0, None)
    )
    frame["time_known"] = pd.array([True, False, True], dtype="boolean")
    out = add_features(frame, SETTINGS)
    assert out["weekday"].tolist() == ["Mon", "Mon", pd.NA]
    assert out["hour_block"].tolist() == ["afternoon 12-18", pd.NA, pd.NA]


def test_missing_text_gives_missing_text_features():
    out = features(("x", None, None, 0, WHEN))
    for column in ("has_link", "asks_question", "hashtags", "has_emoji", "length_band", "is_reply"):
        assert out[column].isna().all(), column
