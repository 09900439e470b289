"""The canary test: planted personal details go through a real rerun, and the check
finds none in the outputs; one planted past the scrubber on purpose fails it.

Ten canary details are written into the texts of the demo posts that the explore
notebook shows (the top and bottom posts), in a copy of the project that also carries
the browser tests' script payloads (``tests/planted.py``: one rerun serves both).
"""

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from planted import PLANTED_CANARIES, SECRETS

from postlab import cli

pytestmark = pytest.mark.slow


@pytest.fixture
def canary_run(planted_run, tmp_path):
    """The shared planted rerun, copied: the check may write its cache, tests plant more."""
    root = shutil.copytree(planted_run, tmp_path / "canary", symlinks=True)
    return root, int((root / PLANTED_CANARIES).read_text())


def _check(root: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(root)
    capsys.readouterr()
    code = cli.main(["check", "--privacy", "runs", "record", "--data", "data/demo"])
    return code, capsys.readouterr().out


def test_planted_details_reach_no_output_and_the_check_finds_nothing(
    canary_run, monkeypatch, capsys
):
    root, planted = canary_run
    assert planted >= 10
    outputs = [p for d in ("runs", "record") for p in (root / d).rglob("*") if p.is_file()]
    for path in outputs:
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert [s for s in SECRETS if s in text] == [], path
    code, out = _check(root, monkeypatch, capsys)
    assert code == 0, out
    assert "privacy: 0 findings" in out


def test_a_detail_planted_past_the_scrubber_fails_the_check(canary_run, monkeypatch, capsys):
    """One in a page and one in a half-written notebook (of this test's copy): one check
    names both."""
    root, _ = canary_run
    page = root / "runs" / "explore_engagement.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", "<p>Thanks to Jo Dimmock for</p></body>"
        ),
        encoding="utf-8",
    )
    leak = new_output("stream", name="stdout", text="Leah Goldberg of 14 Tanyard Close")
    partial = root / "runs" / ".humour-vs-serious-x.partial.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("top", outputs=[leak])]), partial)
    code, out = _check(root, monkeypatch, capsys)
    assert code == 1
    assert f"{Path('runs') / 'explore_engagement.html'} line" in out
    assert "[raw post text]" in out and "Dimmock" not in out
    assert ".humour-vs-serious-x.partial.ipynb" in out
