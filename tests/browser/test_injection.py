"""Nothing from a file becomes markup: the payloads of ``tests/planted.py`` (in every field of an
experiment file, postlab.yml, the exports and labels) run no script in any page or report
of the browser tests' shared rerun, and RECORD.md carries them as text (issue #23)."""

import re

import pytest
from planted import ACCOUNT, ARM, RAW_MARKUP

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def summary_pages(pages, tmp_path_factory):
    """The page across teams, with two teams sharing the poisoned experiment (pooled)."""
    import shutil

    from postlab.project import MARKER, TEAMS_FOLDER
    from postlab.run.summary import write_summary

    project = pages["record"].parents[1]
    workbench = tmp_path_factory.mktemp("workbench")
    (workbench / MARKER).write_text("data: data\n")
    for team in ("north<b>", "east"):
        root = workbench / TEAMS_FOLDER / team
        shutil.copytree(project / "record", root / "record")
        shutil.copytree(project / "runs", root / "runs")
        (root / MARKER).write_text("data: data\n")
    write_summary(workbench, workbench / "summary")
    return workbench / "summary"


def _rendered_markdown(path, tmp_path):
    """A Markdown file as a viewer shows it (nbconvert's renderer, as for notebooks)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    body = markdown2html_mistune(path.read_text(encoding="utf-8"))
    page = tmp_path / f"{path.stem}.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'><body>{body}</body>", encoding="utf-8")
    return page


def test_no_page_or_report_runs_a_planted_script(chromium, pages, summary_pages, tmp_path):
    shown_pages = [
        pages["analysis"],
        pages["explore"],
        pages["record"],
        summary_pages / "index.html",
        _rendered_markdown(pages["record"].with_name("RECORD.md"), tmp_path),
        _rendered_markdown(summary_pages / "SUMMARY.md", tmp_path),
    ]
    for path in shown_pages:
        shown = chromium.open(path)
        assert shown.dialogs == [], path
        assert shown.live_markup() == [], path
        text = shown.page.inner_text("body")
        assert "alert(" in text, path  # shown as written, not dropped
    report = chromium.open(pages["analysis"]).page.inner_text("body")
    for field in ("title", "hypothesis", "learning", "next"):
        assert f"<script>alert('{field}')</script>" in report
    assert ARM in report and ACCOUNT in chromium.open(pages["explore"]).page.inner_text("body")


def test_the_markdown_files_carry_no_raw_markup(pages, summary_pages):
    for path in (pages["record"].with_name("RECORD.md"), summary_pages / "SUMMARY.md"):
        text = path.read_text(encoding="utf-8")
        assert "alert(" in text
        unescaped = re.findall(r"(?<!\\)(?:<(?:script|img|svg)\b|\]\(javascript:|`t`)", text)
        assert unescaped == [], path


def test_stored_notebooks_hold_the_payloads_only_as_escaped_text(pages):
    import nbformat

    for path in sorted(pages["analysis"].parent.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                html = "".join(data.get("text/html", ""))
                markdown = "".join(data.get("text/markdown", ""))
                assert not RAW_MARKUP.search(html), path
                assert not re.search(r"(?<!\\)(?:<(?:script|img|svg)\b|\]\(javascript:)", markdown)
