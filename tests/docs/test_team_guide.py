"""Every command the team guide shows, run as written and in order, on the real exports.

The guide's ```sh blocks are read from its pages in the site's order; a
```yaml block is what the officer writes into the experiment file at that
point; a ```text block quotes what the command before it prints, and each of
its lines must be a line of that output, in order (spaces between words aside;
a line ``...`` stands for lines left out), so the guide's figures cannot drift
from what the team sees. Commands run in one checkout (a copy of the demo), from the folder the
guide's `cd` puts them in; a command that starts a server (`postlab lab`)
prints what it would start instead. So a page that shows a command that no
longer works, or works differently, fails here.
"""

import re
import shlex
import shutil

import pytest
import yaml
from demo_copy import ROOT, copy_demo

from postlab import browser, cli

pytestmark = pytest.mark.slow
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


@pytest.mark.skipif(REAL is None, reason="no ../shared/real-exports beside the repository")
def test_every_command_of_the_team_guide_runs_as_written(tmp_path, monkeypatch, capsys):
    root = copy_demo(tmp_path)
    monkeypatch.chdir(root)
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
                    content = yaml.safe_load(experiment.read_text())
                    content.update(fields)
                    experiment.write_text(yaml.safe_dump(content, sort_keys=False))
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
        code = cli.main(args)
        out = capsys.readouterr()
        printed = out.out + out.err
        assert code == 0, f"{page}: `{text}` exited {code}: {out.out[-800:]}{out.err[-800:]}"
        if args[0] == "init":
            team = root / "teams" / args[1]
            for export in (REAL / "x-tweet-activity").glob("*.csv"):
                shutil.copy2(export, team / "data" / "exports")
        if args[0] == "new":
            experiment = next((root / "teams").glob(f"*/experiments/{args[1]}.yml"))
    assert (root / "teams" / "north-borough" / "record" / "index.html").exists()
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
