"""`postlab screenshots` checks the pages of a rerun and stores a PNG of each."""

import pytest

from postlab import browser, cli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        browser.unavailable() is not None,
        reason=f"browser checks skipped: {browser.unavailable()}",
    ),
]


def test_screenshots_of_the_three_pages(pages, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(pages["record"].parents[1])
    assert cli.main(["screenshots", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "analysis.png",
        "explore.png",
        "record.png",
    ]
    assert (tmp_path / "record.png").stat().st_size > 10_000
