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


def test_brief_writes_the_record_as_a_one_page_pdf(pages, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(pages["record"].parents[1])
    out = tmp_path / "brief.pdf"
    assert cli.main(["brief", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith(": one page")
    assert len(browser.PDF_PAGE.findall(out.read_bytes())) == 1


def test_brief_without_a_record_is_one_clear_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "postlab.yml").write_text("")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["brief"]) == 1
    assert "no record yet: run `postlab rerun` first" in capsys.readouterr().err
