"""Notebooks as HTML reports that open offline and print cleanly.

nbconvert's default template loads require.js and MathJax from a public CDN,
so a report opened on a police intranet either fails or tells a third party
that it was opened. postlab's template (``templates/nbconvert/postlab``)
keeps JupyterLab's layout, drops every script and web font, and inlines one
stylesheet for screen and print. ``external_resources`` finds anything a
page would still fetch, so an export that would reach the internet fails
instead of going out.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path

from postlab.exceptions import ReportError
from postlab.markup import keep_units

TEMPLATES = Path(__file__).parent / "templates" / "nbconvert"
TEMPLATE = "postlab"

# src= of any element, href= of <link>, url(...) and @import in styles
_FETCHED = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed|input)\b[^>]*?\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']?(?P<link>[^"'\s>]+)"""
    r"""|url\(\s*["']?(?P<url>[^"')\s]+)"""
    r"""|@import\s+["'](?P<imp>[^"']+)""",
    re.IGNORECASE,
)
_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_TABLE_OPEN = re.compile(r"<table\b[^>]*>", re.I)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S | re.I)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S | re.I)
_CELL = re.compile(r"<(?:td|th)\b", re.I)
_TAG = re.compile(r"<[^>]+>")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def stylesheet() -> str:
    """The reports' CSS, for other pages that should look (and print) the same."""
    return (TEMPLATES / TEMPLATE / "static" / "postlab.css").read_text(encoding="utf-8")


def exporter():
    """An nbconvert HTMLExporter for people: code and prompts hidden, nothing fetched.

    One per thread (an exporter is not safe to share), built once (loading the templates
    costs more than a small report), or taken ready from ``warm_up``.
    """
    if not hasattr(_BUILT, "exporter"):
        with _READY_LOCK:
            warming = _WARMING.copy()
            _WARMING.clear()
        for thread in warming:
            thread.join()
        with _READY_LOCK:
            ready = _READY.pop() if _READY else None
        _BUILT.exporter = ready or _html_exporter()
    return _BUILT.exporter


_BUILT = threading.local()
_READY: list = []  # exporters warmed up, each for the first thread that needs one
_READY_LOCK = threading.Lock()
_WARMING: list[threading.Thread] = []


def warm_up() -> None:
    """An exporter with a small notebook rendered once, for the next thread without one:
    the first render compiles the templates and the Markdown renderer, which costs more
    than a report (about 0.3 s)."""
    import nbformat.v4 as nb

    shown = {"text/html": "<b>1</b>", "text/markdown": "*1*", "image/png": "iVBORw0KGgo="}
    output = nb.new_output("display_data", data=shown)
    made = _html_exporter()
    made.from_notebook_node(
        nb.new_notebook(
            cells=[nb.new_markdown_cell("# 1"), nb.new_code_cell("1", outputs=[output])]
        )
    )
    with _READY_LOCK:
        _READY.append(made)


def warm_up_meanwhile() -> None:
    """``warm_up`` in a thread; the next ``exporter()`` of any thread waits for it."""
    thread = threading.Thread(target=warm_up, name="postlab-exporter-warm-up", daemon=True)
    with _READY_LOCK:
        _WARMING.append(thread)
    thread.start()


def _html_exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        mathjax_url="",
        require_js_url="",
    )


def notebook_html(notebook: str | Path) -> str:
    """The report of an executed notebook; fails if the page would fetch anything."""
    import nbformat

    return node_html(nbformat.read(notebook, as_version=4), Path(notebook))


def node_html(node, path: Path) -> str:
    """``notebook_html`` of a notebook already read (or just executed) from ``path``."""
    body, _ = exporter().from_notebook_node(node, resources={"metadata": {"name": path.stem}})
    body = keep_units(label_cells(body))
    fetched = external_resources(body)
    if fetched:
        raise ReportError(
            f"the report would load {len(fetched)} resource(s) from the internet, "
            f"first {fetched[0]}",
            path=path,
        )
    return body


def label_cells(page: str) -> str:
    """Each body cell of a table with a header gets its column's name (``data-label``) and
    the table the class ``stacks``: on a phone the stylesheet shows each row as a card of
    "column: value" lines, so no measure needs sideways scrolling."""
    return _TABLE.sub(_label_table, page)


def _label_table(match: re.Match) -> str:
    table = match.group(0)
    head = _HEAD.search(table)
    rows = _ROW.findall(head.group(0)) if head else []
    if not rows:
        return table
    labels = [
        html.escape(html.unescape(_TAG.sub("", cell)).strip(), quote=True)
        for cell in _HEAD_CELL.findall(rows[-1])
    ]

    def label_row(row: re.Match) -> str:
        names = iter(labels)
        return _CELL.sub(
            lambda cell: f'{cell.group(0)} data-label="{next(names, "")}"', row.group(0)
        )

    opening = _TABLE_OPEN.sub(_with_stacks_class, table[: head.start()], count=1)
    return opening + head.group(0) + _ROW.sub(label_row, table[head.end() :])


def _with_stacks_class(match: re.Match) -> str:
    tag = match.group(0)
    if re.search(r"\bclass=[\"']", tag):  # either quote: the record writes class='looks'
        return re.sub(r"\bclass=([\"'])", r"class=\1stacks ", tag, count=1)
    return tag[:-1] + ' class="stacks">'


def external_resources(page: str) -> list[str]:
    """Addresses the page would load from another host (links to follow do not count)."""
    found = []
    for match in _FETCHED.finditer(page):
        address = next(value for value in match.groups() if value)
        if _REMOTE.match(address) and not address.lower().startswith("file:"):
            found.append(address)
    return found
