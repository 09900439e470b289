"""Small experiment files and posts tables, written fresh for each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from postlab.posts.columns import conform

VALID = """\
id: {id}
title: Humorous vs serious
owner: Comms team
hypothesis: Humorous posts get a higher engagement rate.
status: running
platforms: [x]
accounts: [MPSNorthbrook]
period:
  start: 2025-06-01
  end: 2025-06-30
min_post_age: 48h
assignment:
  kind: labels
  file: labels.csv
  column: tone
arms:
  control: serious
  treatments: [humorous]
metrics:
  primary: engagement_rate
  secondary: [like_rate]
alpha: 0.05
mde: 0.1
split:
  serious: 0.5
  humorous: 0.5
"""


@pytest.fixture
def write(tmp_path: Path):
    """Write an experiment file (``{id}`` filled from the name) and return its path."""

    def _write(text: str = VALID, name: str = "test-exp", folder: Path | None = None) -> Path:
        path = (folder or tmp_path / "experiments") / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).replace("{id}", name), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    pd.DataFrame(
        {
            "post_id": ["1", "2", "3", "4", "5", "6"],
            "platform": ["x"] * 6,
            "tone": ["serious", "humorous", "serious", None, "neutral", "humorous"],
        }
    ).to_csv(folder / "labels.csv", index=False)
    return folder


def make_posts(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "platform": "x",
        "account": "MPSNorthbrook",
        "time_known": True,
        "exported_at": "2025-07-15 12:00",
        "impressions": 1000,
        "engagements": 50,
        "likes": 30,
    }
    frame = pd.DataFrame([{"published_at": "2025-06-02 08:00", **defaults, **row} for row in rows])
    for column in ("published_at", "exported_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return conform(frame)


@pytest.fixture
def posts() -> pd.DataFrame:
    """Posts 1-6 (labels above) plus one per exclusion reason."""
    return make_posts(
        [
            {"post_id": "1", "published_at": "2025-06-02 08:00"},
            {"post_id": "2", "published_at": "2025-06-03 12:00"},
            {"post_id": "3", "published_at": "2025-06-05 18:00"},
            {"post_id": "4", "published_at": "2025-06-06 09:00"},  # no label
            {"post_id": "5", "published_at": "2025-06-07 09:00"},  # neutral: not an arm
            {"post_id": "6", "published_at": "2025-06-09 19:00"},
            {"post_id": "7", "published_at": "2025-06-02 08:00", "platform": "facebook"},
            {"post_id": "8", "published_at": "2025-06-02 08:00", "account": "MPSEastmere"},
            {"post_id": "9", "published_at": "2025-05-31 22:30"},  # 23:30 London: before
            {"post_id": "10", "published_at": "2025-07-01 08:00"},  # after the period
            {"post_id": "11", "published_at": "2025-06-10 08:00", "exported_at": "2025-06-11"},
            {"post_id": "12", "published_at": None},
        ]
    )
