"""README's tour, end to end, on the real exports: a team's workspace from `postlab init` to
its own record, beside the demo on the same checkout (issue #15's "done when")."""

import shutil
import subprocess
import sys

import pytest
import yaml
from demo_copy import DEMO_EXPERIMENTS, ROOT, copy_demo

from postlab import cli
from postlab import record as rec
from postlab.labelling.session import LabellingSession

# ../shared/real-exports beside the repository (or beside the folder of worktrees)
REAL = next(
    (
        p / "shared" / "real-exports"
        for p in ROOT.parents
        if (p / "shared" / "real-exports").exists()
    ),
    None,
)
EXPERIMENT = "question-vs-statement-x"
KERNEL_NOISE = ("IPKernelApp", "KeyboardInterrupt", "without encryption", "Traceback")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REAL is None, reason="no ../shared/real-exports beside the repository"),
]


def edit(path, **fields):
    """What the owner does in an editor (comments aside)."""
    experiment = yaml.safe_load(path.read_text())
    experiment.update(fields)
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))


def files_outside(root, team) -> dict:
    """Every file of the checkout outside the team's workspace, with its size and time."""
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and not p.is_relative_to(team)
    }


def check(capsys) -> tuple[int, str]:
    code = cli.main(["check"])
    return code, capsys.readouterr().out


def test_a_team_goes_from_init_to_its_own_record_beside_the_demo(tmp_path, monkeypatch, capsys):
    root = copy_demo(tmp_path)
    monkeypatch.chdir(root)
    assert cli.main(["init", "ropensci"]) == 0
    team = root / "teams" / "ropensci"
    for export in (REAL / "x-tweet-activity").glob("*.csv"):
        shutil.copy(export, team / "data" / "exports")
    outside = files_outside(root, team)
    monkeypatch.chdir(team)
    assert cli.main(["load"]) == 0
    assert "rOpenSci                   1668 posts" in capsys.readouterr().out

    new = ["new", EXPERIMENT, "--title", "Do questions get more replies?", "--platform", "x"]
    assert cli.main([*new, "--arms", "statement,question"]) == 0
    path = team / "experiments" / f"{EXPERIMENT}.yml"
    code, out = check(capsys)
    assert code == 1 and "hypothesis still holds the template's TODO text" in out
    edit(path, hypothesis="Questions invite replies: question posts get more engagement.")
    code, out = check(capsys)
    assert code == 1 and "labels file not found" in out
    rule = {"kind": "text", "patterns": {"question": "?"}, "otherwise": "control"}
    edit(path, assignment=rule, accounts=["ropensci"])
    code, out = check(capsys)
    assert code == 1 and "(did you mean rOpenSci?)" in out
    edit(path, accounts=["rOpenSci"])
    code, out = check(capsys)
    assert code == 0 and "checked 1 experiment: no problems" in out

    assert cli.main(["plan", f"experiments/{EXPERIMENT}.yml"]) == 0
    assert f"Plan for {EXPERIMENT}" in capsys.readouterr().out
    dates = ["--from", "2027-01-04", "--to", "2027-03-28", "--slots", "Mon-Fri 09:00,13:00"]
    assert cli.main(["schedule", f"experiments/{EXPERIMENT}.yml", *dates]) == 0
    assert (team / "data" / "plans" / f"{EXPERIMENT}-schedule.csv").exists()
    assert cli.main(["load"]) == 0
    assert capsys.readouterr().err == ""  # the schedule in plans/ is no export: no warning

    rerun = [sys.executable, "-m", "postlab", "rerun", "--workers", "2"]
    done = subprocess.run(rerun, cwd=team, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(noise in done.stderr for noise in KERNEL_NOISE), done.stderr
    record = rec.read_record(team / "record")
    assert list(record.entries) == [EXPERIMENT]
    assert record.entries[EXPERIMENT].status == "fresh"
    assert "Northbrook" not in (team / "record" / "RECORD.md").read_text()
    assert (team / "runs" / f"{EXPERIMENT}.html").exists()
    assert not (root / "record").exists() and not (root / "runs").exists()

    assert files_outside(root, team) == outside  # nothing written outside the workspace

    monkeypatch.chdir(root)  # the demo on the same checkout
    code, out = check(capsys)
    assert code == 0 and out.count("ok  experiments/") == len(DEMO_EXPERIMENTS)
    assert cli.main(["rerun", DEMO_EXPERIMENTS[0], "--no-explore", "--workers", "1"]) == 0
    assert list(rec.read_record(root / "record").entries) == [DEMO_EXPERIMENTS[0]]
    assert cli.main(["rerun", "--all-teams"]) == 0  # unchanged: reused, into its own record
    out = capsys.readouterr().out
    assert "team ropensci:" in out and "Record: teams/ropensci/record/RECORD.md" in out
    assert {e.status for e in rec.read_record(team / "record").entries.values()} == {"reused"}

    monkeypatch.chdir(team)
    outside = files_outside(root, team)
    # labelling in two sessions, suggestions refused on too few labels, the team's notebooks
    values = ["serious", "humorous"]
    first = LabellingSession.from_data(None, "tone", values)
    for value in values * 5:
        first.answer(value)
    second = LabellingSession.from_data(None, "tone", values)
    assert second.answered == 10 and second.in_scope == first.in_scope
    assert (team / "data" / "labels.csv").exists()
    assert cli.main(["label", "suggest", "--column", "tone"]) == 1
    assert "label about 40 more posts by tone" in capsys.readouterr().err
    assert cli.main(["lab", "--print-only"]) == 0
    assert "--notebook-dir=" + str(team) in capsys.readouterr().out
    copy = (team / "notebooks" / "label_posts.ipynb").read_text()
    assert '\\"data\\"' in copy and "data/demo" not in copy
    assert files_outside(root, team) == outside
    assert cli.main(["clean"]) == 0
    assert not (team / ".cache").exists() and not (team / "runs").exists()
    assert (team / "record").exists() and (root / "record").exists()
