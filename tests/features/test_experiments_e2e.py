"""Experiments whose arms come from post features (no labels file) or from suggested labels."""

import shutil
from pathlib import Path

import pytest

from postlab.analysis import analyse, caveats_markdown
from postlab.cli import main

from .conftest import REAL, ROOT

DECISIONS = {"adopt", "reject", "no meaningful difference", "keep testing", "check the data"}


def experiment(folder: Path, name: str, assignment: str, primary: str, accounts: str) -> Path:
    path = folder / f"{name}.yml"
    path.write_text(
        f"""id: {name}
title: {name}
owner: test
hypothesis: A feature of the post changes how people respond.
status: running
platforms: [x]
accounts: {accounts}
period: {{start: 2016-12-01, end: 2026-10-31}}
min_post_age: 48h
assignment: {assignment}
arms: {{control: "false", treatments: ["true"]}}
metrics: {{primary: {primary}, secondary: []}}
mde: 0.1
alpha: 0.05
""",
        encoding="utf-8",
    )
    return path


@pytest.mark.skipif(REAL is None, reason="real exports not available")
@pytest.mark.parametrize(
    ("column", "primary", "posts", "warned"),
    [
        ("asks_question", "comment_rate", {"no question": 1453, "question": 225}, False),
        ("has_media", "engagement_rate", {"without media": 1151, "with media": 527}, True),
    ],
)
def test_feature_experiments_on_the_real_exports(tmp_path, column, primary, posts, warned):
    """A yes/no column's arms read as names (with media), never as true and false."""
    data = REAL / "x-tweet-activity"
    assert not (data / "labels.csv").exists()
    path = experiment(
        tmp_path,
        column.replace("_", "-"),
        f"{{kind: column, column: {column}}}",
        primary,
        "[rOpenSci, TCORSStgOrg]",
    )
    result = analyse(path, data)
    assert result.selection.counts().to_dict() == posts
    assert result.comparison.verdict.decision in DECISIONS
    assert " true " not in f" {result.comparison.verdict.summary} ".casefold()
    text = caveats_markdown(result)
    assert ("X counts clicks on media" in text) is warned


def test_suggested_labels_fill_an_experiment_and_are_counted(tmp_path):
    data = tmp_path / "team"
    data.mkdir()
    (data / "exports").symlink_to(ROOT / "data" / "demo" / "exports", target_is_directory=True)
    demo = (ROOT / "data" / "demo" / "labels.csv").read_text(encoding="utf-8").splitlines()
    header, rows = demo[0], [r for r in demo[1:] if ",x," in r][:80]
    (data / "labels.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert main(["label", "suggest", "--data", str(data), "--column", "tone"]) == 0
    path = experiment(
        tmp_path,
        "tone-x",
        "{kind: labels, file: labels.csv, column: tone, use_suggestions: true}",
        "like_rate",
        "[MPSNorthbrook, MPSEastmere, MPSKingsfold]",
    )
    path.write_text(
        path.read_text().replace(
            'control: "false", treatments: ["true"]', "control: serious, treatments: [humorous]"
        )
    )
    result = analyse(path, data)
    hand = sum(1 for r in rows if ",serious," in r or ",humorous," in r)
    assert result.selection.suggested_labels > 0
    assert result.selection.counts().sum() >= hand + result.selection.suggested_labels - 5
    assert "arms from suggested labels" in str(result.selection)
    shutil.rmtree(data)
