"""A headless Chromium for the browser checks (or a skip that says why there is none),
and the pages of one small rerun to check, on a demo copy with script payloads planted in
every field a person writes (``tests/planted.py``): every page check also checks they do not run."""

import pytest
from demo_copy import copy_demo
from planted import EXPERIMENT, poison

from postlab import browser, cli


@pytest.fixture(scope="module")  # Playwright allows one browser at a time
def chromium():
    reason = browser.unavailable()
    if reason:
        pytest.skip(f"browser checks skipped: {reason}")
    with browser.chromium() as opened:
        yield opened


@pytest.fixture(scope="session")
def pages(tmp_path_factory):
    """One rerun of one planted demo experiment (with the explore report and the record)."""
    root = poison(copy_demo(tmp_path_factory.mktemp("project")))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(root)
        assert cli.main(["rerun", EXPERIMENT, "--workers", "1"]) == 0
    return {
        "record": root / "record" / "index.html",
        "analysis": root / "runs" / f"{EXPERIMENT}.html",
        "explore": root / "runs" / "explore_engagement.html",
    }
