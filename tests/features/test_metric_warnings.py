"""Metric warnings: said where a feature biases the metric, silent elsewhere."""

import json

import pandas as pd

from postlab.cli import main
from postlab.posts.metric_warnings import metric_warnings


def test_media_against_text_on_x_by_engagement_rate_suggests_like_or_repost_rate():
    found = metric_warnings(["x", "facebook"], "has_media", "engagement_rate")
    assert any("X counts clicks on media" in w and "like_rate" in w for w in found)
    assert any("inferred from media views" in w for w in found)


def test_no_warning_where_the_metric_is_not_built_that_way():
    assert metric_warnings(["x"], "has_media", "like_rate") == [
        w for w in metric_warnings(["x"], "has_media", "like_rate") if "inferred" in w
    ]
    assert metric_warnings(["youtube"], "has_media", "engagement_rate") == []
    assert metric_warnings(["x"], "tone", "engagement_rate") == []
    assert metric_warnings([None, float("nan")], "has_media", "engagement_rate") == []


def test_compare_prints_the_warning_and_puts_it_in_json(tmp_path, capsys):
    rows = 40
    posts = pd.DataFrame(
        {
            "platform": "x",
            "account": "a",
            "post_id": [str(i) for i in range(rows)],
            "published_at": pd.date_range("2026-01-01", periods=rows, freq="D", tz="UTC"),
            "impressions": 1000,
            "engagements": [10 + i % 7 for i in range(rows)],
            "has_media": [i % 2 == 0 for i in range(rows)],
        }
    )
    path = tmp_path / "posts.csv"
    posts.to_csv(path, index=False)
    assert main(["compare", str(path), "--arm", "has_media", "--control", "False"]) == 0
    out = capsys.readouterr().out
    assert "warning: X counts clicks on media" in out
    assert main(["compare", str(path), "--arm", "has_media", "--control", "False", "--json"]) == 0
    assert "X counts clicks on media" in " ".join(
        json.loads(capsys.readouterr().out)["metric_warnings"]
    )
