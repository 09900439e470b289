"""A headless Chromium for the browser checks (or a skip that says why there is none),
and the pages of one small rerun to check, on a demo copy with script payloads planted in
every field a person writes (``tests/planted.py``): every page check also checks they do not run."""

import pytest
from planted import EXPERIMENT

from postlab import browser


@pytest.fixture(scope="module")  # Playwright allows one browser at a time
def chromium():
    reason = browser.unavailable()
    if reason:
        pytest.skip(f"browser checks skipped: {reason}")
    with browser.chromium() as opened:
        yield opened


@pytest.fixture(scope="session")
def pages(planted_run):
    """The pages of the shared planted rerun (the explore report and the record too)."""
    return {
        "record": planted_run / "record" / "index.html",
        "analysis": planted_run / "runs" / f"{EXPERIMENT}.html",
        "explore": planted_run / "runs" / "explore_engagement.html",
    }
