"""Every command the team guide shows, run as written and in order, on the real exports,
with README's tour checked along the way: a team's workspace from `postlab init` to its
own record, beside the demo on the same checkout (issue #15's "done when").

The guide's ```sh blocks are read from its pages in the site's order; a
```yaml block is what the officer writes into the experiment file at that
point; a ```text block quotes what the command before it prints, and each of
its lines must be a line of that output, in order (spaces between words aside;
a line ``...`` stands for lines left out), so the guide's figures cannot drift
from what the team sees. Commands run in one checkout (a copy of the demo), from the
folder the guide's `cd` puts them in; a command that starts a server (`postlab lab`)
prints what it would start instead, and `postlab rerun` runs as its own process
(as typed in a terminal: the kernels' stderr must stay quiet). So a page that
shows a command that no longer works, or works differently, fails here. One
walk through the guide serves the tour's checks (each rerun starts kernels).
"""

import re
import shlex
import shutil
import subprocess
import sys
import zlib

import pytest
import yaml
from demo_copy import DEMO_EXPERIMENTS, ROOT, copy_demo

from postlab import browser, cli
from postlab import record as rec
from postlab.labelling.session import LabellingSession

pytestmark = pytest.mark.slow
# ../shared/real-exports beside the repository (or beside the folder of worktrees)
REAL = next(
    (
        p / "shared" / "real-exports"
        for p in ROOT.parents
        if (p / "shared" / "real-exports").exists()
    ),
    None,
)
# commands that start a server are run so that they print what they would start
SERVES = {"lab": ["--print-only"], "app": ["--print-only"]}
BLOCK = re.compile(r"```(sh|yaml|text)\n(.*?)```", re.S)
EXPERIMENT = "question-vs-statement-x"
KERNEL_NOISE = ("IPKernelApp", "KeyboardInterrupt", "without encryption", "Traceback")


def guide_pages() -> list:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    team = next(item["For the team"] for item in nav if "For the team" in item)
    return [ROOT / "docs" / next(iter(page.values())) for page in team]


def steps() -> list[tuple[str, str, str]]:
    """(page, kind, text) for every shell command and YAML edit of the guide, in order."""
    found = []
    for page in guide_pages():
        for kind, body in BLOCK.findall(page.read_text(encoding="utf-8")):
            if kind in ("yaml", "text"):
                found.append((page.name, kind, body))
                continue
            for line in body.replace("\\\n", " ").splitlines():
                command = line.split("  #")[0].strip()
                if command:
                    found.append((page.name, "sh", command))
    return found


def test_the_guide_shows_the_whole_loop():
    commands = [text.split()[:2] for _, kind, text in steps() if kind == "sh"]
    for needed in (
        ["postlab", "init"],
        ["postlab", "new"],
        ["postlab", "rerun"],
        ["postlab", "brief"],
    ):
        assert needed in commands


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


def walk_the_guide(root, monkeypatch, capsys):
    """Run the guide's steps; after each command, yield (argv, exit code, stdout, stderr)."""
    experiment, printed, quoted = None, "", 0
    for page, kind, text in steps():
        if kind == "text":
            assert_quoted(text, printed, page)
            quoted += 1
            continue
        if kind == "yaml":
            if experiment is not None:
                fields = yaml.safe_load(text)
                if set(fields) <= set(yaml.safe_load(experiment.read_text())) | {"decision"}:
                    edit(experiment, **fields)
            continue
        if text.startswith(". "):  # activating the venv: this test runs inside it
            continue
        if text.startswith("cd "):
            monkeypatch.chdir(text.split(maxsplit=1)[1])
            continue
        argv = shlex.split(text)
        assert argv[0] == "postlab", f"{page}: {text}"
        args = argv[1:] + SERVES.get(argv[1], [])
        if args[0] == "brief" and browser.unavailable():
            continue
        if args[0] == "rerun":
            done = subprocess.run(
                [sys.executable, "-m", "postlab", *args],
                capture_output=True,
                text=True,
                timeout=600,
            )
            code, out, err = done.returncode, done.stdout, done.stderr
        else:
            code = cli.main(args)
            out, err = capsys.readouterr()
        printed = out + err
        assert code == 0, f"{page}: `{text}` exited {code}: {out[-800:]}{err[-800:]}"
        if args[0] == "new":
            experiment = next((root / "teams").glob(f"*/experiments/{args[1]}.yml"))
        yield args, code, out, err
    assert quoted >= 3  # the load report's summary, check's message and plan's levers


def assert_quoted(quote: str, printed: str, page: str) -> None:
    """Each line of ``quote`` is a line of ``printed``, in order; ``...`` skips lines."""
    lines = [" ".join(line.split()) for line in printed.splitlines()]
    at = 0
    for wanted in (" ".join(line.split()) for line in quote.splitlines()):
        if not wanted or wanted == "...":
            continue
        assert wanted in lines[at:], f"{page} quotes a line the command does not print: {wanted!r}"
        at = lines.index(wanted, at) + 1


@pytest.mark.skipif(REAL is None, reason="no ../shared/real-exports beside the repository")
def test_every_command_of_the_team_guide_runs_as_written_and_the_tour_holds(
    tmp_path, monkeypatch, capsys
):
    root = copy_demo(tmp_path)
    monkeypatch.chdir(root)
    team = outside = None
    for args, _, out, err in walk_the_guide(root, monkeypatch, capsys):
        if args[0] == "init":
            team = root / "teams" / args[1]
            for export in (REAL / "x-tweet-activity").glob("*.csv"):
                shutil.copy2(export, team / "data" / "exports")
            outside = files_outside(root, team)
        elif args[0] == "load":
            assert re.search(r"rOpenSci +1,668 posts", out), out
        elif args[0] == "lab":
            assert "--notebook-dir=" + str(team) in out
        elif args[0] == "new":
            path = team / "experiments" / f"{EXPERIMENT}.yml"
            code, out = cli.main(["check"]), capsys.readouterr().out  # every problem in one run
            assert code == 1 and "hypothesis still holds the template's TODO text" in out
            assert "labels file not found" in out
            rule = {"kind": "text", "patterns": {"question": "?"}, "otherwise": "control"}
            edit(path, hypothesis="Questions get more replies.", assignment=rule)
            edit(path, accounts=["ropensci"])  # the guide's YAML, next, spells it right
            code, out = cli.main(["check"]), capsys.readouterr().out
            assert code == 1 and "(did you mean rOpenSci?)" in out
        elif args[0] == "check" and len(args) == 1:
            assert "checked 1 experiment: no problems" in out
        elif args[0] == "plan":
            assert f"Plan for {EXPERIMENT}" in out
        elif args[0] == "schedule":
            assert (team / "data" / "plans" / f"{EXPERIMENT}-schedule.csv").exists()
            assert cli.main(["load"]) == 0
            assert capsys.readouterr().err == ""  # the schedule in plans/ is no export: no warning
        elif args[0] == "rerun":
            assert not any(noise in err for noise in KERNEL_NOISE), err
            record = rec.read_record(team / "record")
            assert list(record.entries) == [EXPERIMENT]
            assert record.entries[EXPERIMENT].status == "fresh"
            assert "Northbrook" not in (team / "record" / "RECORD.md").read_text()
            assert (team / "runs" / f"{EXPERIMENT}.html").exists()
            assert not (root / "record").exists() and not (root / "runs").exists()
            assert files_outside(root, team) == outside  # nothing written outside the workspace
            tour_the_demo_beside_the_team(root, team, monkeypatch, capsys)  # before any edit
    assert (team / "record" / "index.html").exists()
    label_and_check_privacy(root, team, monkeypatch, capsys)


def tour_the_demo_beside_the_team(root, team, monkeypatch, capsys):
    monkeypatch.chdir(root)  # the demo on the same checkout
    code, out = cli.main(["check"]), capsys.readouterr().out
    assert code == 0 and out.count("ok  experiments/") == len(DEMO_EXPERIMENTS)
    assert cli.main(["rerun", DEMO_EXPERIMENTS[0], "--no-explore", "--workers", "1"]) == 0
    assert list(rec.read_record(root / "record").entries) == [DEMO_EXPERIMENTS[0]]
    assert cli.main(["rerun", "--all-teams"]) == 0  # unchanged: reused, into its own record
    out = capsys.readouterr().out
    assert f"team {team.name}:" in out and f"Record: teams/{team.name}/record/RECORD.md" in out
    assert {e.status for e in rec.read_record(team / "record").entries.values()} == {"reused"}
    monkeypatch.chdir(team)  # back where the guide left the officer


def label_and_check_privacy(root, team, monkeypatch, capsys):
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
