"""A small project to break: a good experiment file, a labels file and a tiny X export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .breakage import X_EXPORT, good_text


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project folder (current folder) with experiments/good.yml and data/ (labels, exports)."""
    (tmp_path / "postlab.yml").write_text("data: data\n")
    (tmp_path / "experiments").mkdir()
    (tmp_path / "experiments" / "good.yml").write_text(good_text(), encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(X_EXPORT, data / "x", ignore=shutil.ignore_patterns("*20150101*", "*2016*"))
    (data / "labels.csv").write_text("post_id,tone\n1,serious\n2,humorous\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path
