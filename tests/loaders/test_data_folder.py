"""A team folder keeps exports apart from its own files; an old mixed folder still loads, with a note."""

import shutil
import warnings
from pathlib import Path

import pytest

from postlab.exceptions import PostlabWarning
from postlab.loaders import load

YOUTUBE = Path(__file__).resolve().parents[2] / "data" / "demo" / "exports" / "youtube"


def team(root: Path, *, mixed: bool) -> Path:
    exports = root if mixed else root / "exports"
    shutil.copytree(YOUTUBE, exports / "youtube")
    (root / "labels.csv").write_text("post_id,tone\nabc,serious\n", encoding="utf-8")
    plans = root if mixed else root / "plans"
    plans.mkdir(exist_ok=True)
    (plans / "e-schedule.csv").write_text("time,arm\n2026-12-01 08:30,serious\n", encoding="utf-8")
    return root


def test_a_team_folder_reads_only_its_exports(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        posts = load(team(tmp_path, mixed=False))
    assert len(posts) > 0
    assert not [w for w in caught if "mixes" in str(w.message) or "skipped" in str(w.message)]


def test_an_old_mixed_folder_loads_the_same_posts_with_a_note(tmp_path):
    new = load(team(tmp_path / "new", mixed=False))
    with pytest.warns(PostlabWarning, match=r"move the exports into .*exports/.*plans/"):
        old = load(team(tmp_path / "old", mixed=True))
    assert len(old) == len(new)
