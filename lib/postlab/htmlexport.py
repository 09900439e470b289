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

import re
import threading
from pathlib import Path

from postlab.exceptions import ReportError

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
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def stylesheet() -> str:
    """The reports' CSS, for other pages that should look (and print) the same."""
    return (TEMPLATES / TEMPLATE / "static" / "postlab.css").read_text(encoding="utf-8")


def exporter():
    """An nbconvert HTMLExporter for people: code and prompts hidden, nothing fetched.

    Built once per worker thread (loading the templates costs more than a small report).
    """
    if not hasattr(_BUILT, "exporter"):
        _BUILT.exporter = _html_exporter()
    return _BUILT.exporter


_BUILT = threading.local()


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

    path = Path(notebook)
    body, _ = exporter().from_notebook_node(
        nbformat.read(path, as_version=4), resources={"metadata": {"name": path.stem}}
    )
    fetched = external_resources(body)
    if fetched:
        raise ReportError(
            f"the report would load {len(fetched)} resource(s) from the internet, "
            f"first {fetched[0]}",
            path=path,
        )
    return body


def external_resources(page: str) -> list[str]:
    """Addresses the page would load from another host (links to follow do not count)."""
    found = []
    for match in _FETCHED.finditer(page):
        address = next(value for value in match.groups() if value)
        if _REMOTE.match(address) and not address.lower().startswith("file:"):
            found.append(address)
    return found
