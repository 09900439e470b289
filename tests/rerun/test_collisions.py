"""Reruns that collide or were killed: one at a time, no leftovers, no machine paths."""

import fcntl
from pathlib import Path

import pytest

from postlab.exceptions import PostlabError
from postlab.run import rerun as rr
from postlab.run.execute import RunOutcome


def empty_project(root: Path) -> Path:
    (root / "experiments").mkdir()
    (root / "postlab.yml").write_text("{}\n")
    return root


def options(root: Path) -> rr.RerunOptions:
    return rr.RerunOptions(root=str(root), explore=False, progress=False)


def test_a_second_rerun_at_once_refuses_with_a_sentence(tmp_path):
    root = empty_project(tmp_path)
    (root / ".cache").mkdir()
    with (root / rr.LOCK_FILE).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(PostlabError, match="another postlab rerun is running"):
            rr.rerun(options(root))
    assert rr.rerun(options(root)).exit_code == 0  # free again


def test_partial_notebooks_of_killed_runs_are_removed(tmp_path):
    root = empty_project(tmp_path)
    (root / "runs").mkdir()
    partial = root / "runs" / ".humour-vs-serious-x.partial.ipynb"
    partial.write_text("{}")
    rr.rerun(options(root))
    assert not partial.exists()


def test_failure_reasons_hold_no_machine_paths(tmp_path):
    item = rr.Planned("x", None, job=object())
    outcome = RunOutcome(
        "x",
        "failed",
        str(tmp_path / "runs" / "x.ipynb"),
        error="cell In [3] raised ImportError: cannot import name 'A' from 'b' "
        "(/home/someone/project/lib/b.py)",
    )
    _, reason = rr._entry_for(item, outcome, None, "2026-11-01 06:00", tmp_path)
    assert "/home" not in reason and str(tmp_path) not in reason
    assert reason.endswith("(b.py); open runs/x.ipynb")
