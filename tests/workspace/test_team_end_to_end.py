"""README's tour, end to end, on the real exports: a team's workspace from `postlab init` to
its own record, beside the demo on the same checkout (issue #15's "done when")."""

import re
import shutil
import subprocess
import sys
import zlib

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
        shutil.copy2(export, team / "data" / "exports")  # cp -p, as the tour says
    outside = files_outside(root, team)
    monkeypatch.chdir(team)
    assert cli.main(["load"]) == 0
    assert re.search(r"rOpenSci +1,668 posts", capsys.readouterr().out)

    new = ["new", EXPERIMENT, "--title", "Do questions get more replies?", "--platform", "x"]
    assert cli.main([*new, "--arms", "statement,question"]) == 0
    path = team / "experiments" / f"{EXPERIMENT}.yml"
    code, out = check(capsys)  # every problem in one run
    assert code == 1 and "hypothesis still holds the template's TODO text" in out
    assert "labels file not found" in out
    edit(path, hypothesis="Questions invite replies: question posts get more engagement.")
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

    # issue #23: after the rest of the tour (hand labels, suggestions, a table for analysts)
    # the privacy check finds nothing, and it finds a name planted by hand in any format
    _label_by_hand(team, 60)
    assert cli.main(["label", "suggest", "--column", "tone"]) == 0
    assert cli.main(["load", "--out", "posts.parquet"]) == 0
    capsys.readouterr()
    privacy = ["check", "--privacy", "runs", "record", "posts.parquet"]
    code, out = cli.main(privacy), capsys.readouterr().out
    assert code == 0 and "privacy: 0 findings" in out, out
    planted = _plant(team, "Stand with the family #JusticeForMarisol")
    code, out = cli.main(privacy), capsys.readouterr().out
    assert code == 1
    assert [p for p in planted if f"{p} " not in out] == [], out
    # the team's cache and reports go; its record and the demo's stay
    assert cli.main(["clean"]) == 0
    assert not (team / ".cache").exists() and not (team / "runs").exists()
    assert (team / "record").exists() and (root / "record").exists()


def _label_by_hand(team, n):
    """What the labelling notebook writes: a tone for the first ``n`` posts with text (by a
    word the texts carry, so that suggestions can learn it and beat the majority guess)."""
    from postlab.loaders import load

    posts = load([team / "data"]).dropna(subset=["text"]).head(n)
    tones = ["humorous" if "rstats" in text.lower() else "serious" for text in posts["text"]]
    posts.assign(tone=tones)[["post_id", "platform", "account", "tone"]].to_csv(
        team / "data" / "labels.csv", index=False
    )


def _plant(team, text):
    """``text`` written by hand into every format postlab writes; the paths, as the check
    names them."""
    import json

    import nbformat
    import pandas as pd
    from nbformat.v4 import new_code_cell, new_notebook

    from postlab.privacy.scan import png_texts

    runs, record = team / "runs", team / "record"
    (runs / "notes.md").write_text(f"# Notes\n\n{text}\n")
    (runs / "notes.csv").write_text(f"post_id,comment\n1,{text}\n")
    (runs / "notes.json").write_text(json.dumps({"comment": text}))
    report = runs / f"{EXPERIMENT}.html"
    report.write_text(report.read_text().replace("</main>", f"<p>{text}</p></main>"))
    notebook = new_notebook(cells=[new_code_cell("LabellingWidget(session)")])
    state = {
        "m": {"model_name": "HTMLModel", "state": {"value": f"<blockquote>{text}</blockquote>"}}
    }
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    nbformat.write(notebook, runs / "label_posts.ipynb")
    figure = record / "forest.png"
    raw = figure.read_bytes()
    chunk = b"tEXt" + b"Comment\0" + text.encode()
    crc = zlib.crc32(chunk).to_bytes(4, "big")
    figure.write_bytes(raw[:-12] + len(chunk[4:]).to_bytes(4, "big") + chunk + crc + raw[-12:])
    assert ("Comment", text) in list(png_texts(figure.read_bytes()))
    table = pd.read_parquet(team / "posts.parquet")
    table.loc[0, "text"] = text
    table.to_parquet(team / "posts.parquet", index=False)
    names = ["notes.md", "notes.csv", "notes.json", f"{EXPERIMENT}.html", "label_posts.ipynb"]
    return [f"runs/{name}" for name in names] + ["record/forest.png", "posts.parquet"]
