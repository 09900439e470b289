"""The browser checks catch what they claim to, and the report template passes them."""

import base64
import io

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from postlab import cli, htmlexport
from postlab.exceptions import ReportError


def page(tmp_path, body, name="page.html"):
    path = tmp_path / name
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    )
    return path


def test_a_request_to_another_host_is_blocked_and_reported(chromium, tmp_path):
    shown = chromium.open(page(tmp_path, "<img src='https://example.org/logo.png'>"))
    assert shown.foreign_requests == ["https://example.org/logo.png"]
    assert shown.broken_images() == ["https://example.org/logo.png"]
    assert any(line.startswith("request to another host") for line in shown.problems())


def test_script_errors_and_missing_files_and_anchors_are_reported(chromium, tmp_path):
    (tmp_path / "there.html").write_text("ok")
    shown = chromium.open(
        page(
            tmp_path,
            "<h2 id='here'>x</h2><a href='#here'>ok</a><a href='there.html'>ok</a>"
            "<a href='https://example.org/post/1'>web links are not followed</a>"
            "<a href='#nowhere'>bad</a><a href='missing.html'>bad</a>"
            "<img src='missing.png'><script>undefinedFunction()</script>",
        )
    )
    assert shown.broken_links() == [
        "#nowhere: no such anchor on the page",
        "missing.html: no such file",
    ]
    assert shown.broken_images() == ["missing.png"]
    assert any("undefinedFunction" in error for error in shown.console_errors)
    assert shown.foreign_requests == []


def test_layout_measures(chromium, tmp_path):
    path = page(
        tmp_path,
        "<div style='height:900px'></div><p id='late'>x</p><div style='width:600px'>w</div>",
    )
    wide, narrow = chromium.open(path), chromium.open(path, width=390)
    assert 900 <= wide.top("#late") < 950 and wide.top("#absent") is None
    assert wide.horizontal_overflow() == 0 and narrow.horizontal_overflow() > 0


def small_notebook(path):
    figure = Figure(figsize=(3, 2))
    figure.subplots().plot([1, 2, 3])
    png = io.BytesIO()
    figure.savefig(png, format="png")
    table = pd.DataFrame({"arm": ["serious", "humorous"], "posts": [1200, 800]})
    outputs = [
        new_output("display_data", data={"image/png": base64.b64encode(png.getvalue()).decode()}),
        new_output("execute_result", data={"text/html": table.to_html()}, execution_count=2),
        new_output("stream", name="stdout", text="7,180 posts\n"),
    ]
    cells = [
        new_markdown_cell("# A report\n\nWith $x^2$ maths and a [link](#The-result)."),
        new_code_cell("print('hidden code')", outputs=outputs, execution_count=2),
        new_markdown_cell("## The result\n\nThe end."),
    ]
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_nbconvert_default_template_would_fetch_from_a_cdn(tmp_path):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(
        nbformat.read(small_notebook(tmp_path / "r.ipynb"), 4)
    )
    assert any("cdnjs" in address for address in htmlexport.external_resources(body))


def test_a_report_fetches_nothing_and_passes_every_check(chromium, tmp_path):
    body = htmlexport.notebook_html(small_notebook(tmp_path / "report.ipynb"))
    assert "<script" not in body and "hidden code" not in body
    assert htmlexport.external_resources(body) == []
    path = tmp_path / "report.html"
    path.write_text(body)
    wide, narrow = chromium.open(path), chromium.open(path, width=390)
    assert wide.problems() == []
    assert wide.page.evaluate("document.images.length") == 1
    assert narrow.horizontal_overflow() == 0
    assert "@media print" in htmlexport.stylesheet()


def test_an_external_resource_fails_the_export(tmp_path):
    path = small_notebook(tmp_path / "report.ipynb")
    notebook = nbformat.read(path, 4)
    notebook.cells[1].outputs.append(
        new_output(
            "display_data", data={"text/html": "<script src='https://cdn.example/x.js'></script>"}
        )
    )
    nbformat.write(notebook, path)
    with pytest.raises(ReportError, match="https://cdn.example/x.js"):
        htmlexport.notebook_html(path)


def test_screenshots_without_a_rerun_is_one_clear_error(tmp_path, capsys):
    assert cli.main(["screenshots", "--runs", str(tmp_path), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"postlab: error: {tmp_path}: no analysis report: run `postlab rerun` first"
    )
