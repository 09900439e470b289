"""Every command finds the project from a sub-folder, as git finds .git, and writes only inside it.

(rerun: tests/rerun/test_rerun_demo.py; notebooks: run/notebooks.py uses the same root.)
"""

from pathlib import Path

import pytest
from demo_copy import copy_demo

from postlab import cli


@pytest.fixture
def inside(tmp_path, monkeypatch):
    copy_demo(tmp_path, exports=("youtube",))
    monkeypatch.chdir(tmp_path / "experiments")
    return tmp_path


def folders(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()}


def test_check_new_plan_load_compare_and_schedule_from_a_sub_folder(inside, capsys):
    before = folders(inside)
    assert cli.main(["new", "from-a-sub-folder", "--platform", "youtube"]) == 0
    assert (inside / "experiments" / "from-a-sub-folder.yml").exists()
    (inside / "experiments" / "from-a-sub-folder.yml").unlink()
    cli.main(["check"])
    out = capsys.readouterr().out
    assert "checked 0 experiments" not in out and "humour-vs-serious-x" in out
    assert cli.main(["load", "../data/demo/exports", "--out", "../posts.csv"]) == 0
    assert cli.main(["compare", "../posts.csv", "--arm", "media_type", "--control", "video"]) in (
        0,
        1,
    )
    cli.main(["plan", "humour-vs-serious-x.yml"])
    schedule = ["schedule", "humour-vs-serious-x.yml", "--from", "2026-12-01", "--to", "2026-12-14"]
    assert cli.main([*schedule, "--slots", "Mon-Fri 08:30", "--out", "../data/demo/plans"]) == 0
    assert (inside / "data" / "demo" / "plans" / "humour-vs-serious-x-schedule.csv").exists()
    assert folders(inside) - before <= {".cache", ".cache/posts", "data/demo/plans"}
