"""End to end on the real downloads: "question vs statement" and "media vs text" with no labels file.

The real exports live in ``shared/real-exports`` beside the repository (or beside
a folder holding it, for worktrees).
"""

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from postlab.cli import main
from postlab.experiment import Experiment
from postlab.experiment.assign import MediaTypeAssignment

from .conftest import REAL

pytestmark = pytest.mark.skipif(REAL is None, reason="real exports not available")


@pytest.fixture(scope="module")
def posts_csv(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "posts.csv"
    assert main(["load", str(REAL / "x-tweet-activity"), "--out", str(out)]) == 0
    return out


def test_features_on_the_real_x_exports(posts_csv):
    posts = pd.read_csv(posts_csv, dtype={"post_id": str})
    assert not (REAL / "x-tweet-activity" / "labels.csv").exists()
    # media views > 0 on exactly the posts whose media engagements > 0 (checked in the files)
    assert posts["has_media"].value_counts().to_dict() == {False: 1151, True: 527}
    assert posts["asks_question"].sum() == 225
    assert posts["is_reply"].sum() == 352
    assert set(posts["length_band"]) == {"short", "medium", "long"}
    assert set(posts["hour_block"].dropna()) <= {
        "night 00-06",
        "morning 06-12",
        "afternoon 12-18",
        "evening 18-24",
    }


def compare(posts_csv, capsys, arm, *metrics):
    argv = ["compare", str(posts_csv), "--arm", arm, "--control", "False", "--json"]
    argv += [part for metric in metrics for part in ("--metric", metric)]
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_question_against_statement(posts_csv, capsys):
    result = compare(posts_csv, capsys, "asks_question", "comment_rate", "engagement_rate")
    arms = {arm["name"]: arm["posts"] for arm in result["arms"]}
    assert arms == {"False": 1453, "True": 225}
    assert result["metric_warnings"] == []


def test_media_against_text_warns_about_x_engagements(posts_csv, capsys):
    result = compare(posts_csv, capsys, "has_media", "engagement_rate", "like_rate")
    arms = {arm["name"]: arm["posts"] for arm in result["arms"]}
    assert arms == {"False": 1151, "True": 527}
    warnings = " ".join(result["metric_warnings"])
    assert "X counts clicks on media" in warnings and "inferred from media views" in warnings


def test_the_analysis_report_gets_the_same_warning():
    experiment = SimpleNamespace(
        assignment=MediaTypeAssignment(), platforms=["x"], metrics=["engagement_rate"]
    )
    assert any("like_rate" in w for w in Experiment.metric_caveats(experiment))
    experiment.metrics = ["like_rate"]
    assert Experiment.metric_caveats(experiment) == []
