"""The canary test: planted personal details go through a real rerun, and the check
finds none in the outputs; one planted past the scrubber on purpose fails it.

Ten canary details are written into the texts of the demo posts that the explore
notebook shows (the top and bottom posts), in a copy of the project.
"""

from pathlib import Path

import nbformat
import pytest
from demo_copy import copy_demo
from nbformat.v4 import new_code_cell, new_notebook, new_output

from postlab import cli, explore
from postlab.loaders import load

CANARIES = [
    "Thanks to Jo Dimmock for the tip",
    "Leah Goldberg of 14 Tanyard Close was charged",
    "Ring Marek on 07700 900461",
    "Email canary.bird@example.com",
    "Seen near EM4 7QZ",
    "Van CN19 ARY was stolen",
    "Message @canary_watch",
    "Kwabena Asante-Mensah says hello",
    "Chirpy was born (03.04.2001)",
    "Dwayne 'Chirpy' Fairclough is wanted",
]
SECRETS = [
    "Dimmock",
    "Goldberg",
    "Tanyard Close",
    "Marek",
    "900461",
    "canary.bird",
    "EM4 7QZ",
    "CN19 ARY",
    "canary_watch",
    "Asante",
    "03.04.2001",
    "Fairclough",
]

pytestmark = pytest.mark.slow


def _plant(root: Path) -> int:
    """Put a canary before the text of each post the explore notebook shows; how many."""
    posts = load([root / "data" / "demo" / "exports"])
    shown = [explore.top_posts(posts, n=5), explore.top_posts(posts, n=5, ascending=True)]
    ids = {i for table in shown for i in table["post_id"]}
    targets = posts[posts["post_id"].isin(ids) & (posts["platform"] != "youtube")]
    texts = list(dict.fromkeys(t for t in targets["text"].dropna() if len(t) > 20))
    planted = 0
    for canary, text in zip(CANARIES, texts, strict=False):
        for path in (root / "data" / "demo" / "exports").rglob("*.csv"):
            content = path.read_text(encoding="utf-8")
            if text in content:
                path.write_text(content.replace(text, f"{canary}. {text}"), encoding="utf-8")
                planted += 1
    return planted


@pytest.fixture(scope="module")
def canary_run(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("canary"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(root)
        planted = _plant(root)
        code = cli.main(["rerun", "humour-vs-serious-x", "--rerun-at", "2026-11-20 06:00"])
    return root, planted, code


def _check(root: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(root)
    capsys.readouterr()
    code = cli.main(["check", "--privacy", "runs", "record", "--data", "data/demo"])
    return code, capsys.readouterr().out


def test_planted_details_reach_no_output_and_the_check_finds_nothing(
    canary_run, monkeypatch, capsys
):
    root, planted, code = canary_run
    assert code == 0 and planted >= 10
    outputs = [p for d in ("runs", "record") for p in (root / d).rglob("*") if p.is_file()]
    for path in outputs:
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert [s for s in SECRETS if s in text] == [], path
    code, out = _check(root, monkeypatch, capsys)
    assert code == 0, out
    assert "privacy: 0 findings" in out


def test_a_detail_planted_past_the_scrubber_fails_the_check(canary_run, monkeypatch, capsys):
    root, _, _ = canary_run
    page = root / "runs" / "explore_engagement.html"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("</body>", "<p>Thanks to Jo Dimmock for</p></body>"))
        code, out = _check(root, monkeypatch, capsys)
        assert code == 1
        assert f"{Path('runs') / 'explore_engagement.html'} line" in out
        assert "[raw post text]" in out and "Dimmock" not in out
    finally:
        page.write_text(original, encoding="utf-8")
    partial = root / "runs" / ".humour-vs-serious-x.partial.ipynb"
    leak = new_output("stream", name="stdout", text="Leah Goldberg of 14 Tanyard Close")
    nbformat.write(new_notebook(cells=[new_code_cell("top", outputs=[leak])]), partial)
    try:
        code, out = _check(root, monkeypatch, capsys)
        assert code == 1 and ".humour-vs-serious-x.partial.ipynb" in out
    finally:
        partial.unlink()
