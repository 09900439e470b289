"""Scanning what postlab already wrote: notebooks, HTML, Markdown, CSV, JSON, text.

A finding names the file and the cell or line and the kind, never the matched
text: the report of a leak must not be a leak itself. Images and other
base64 blobs are blanked before scanning, as are the styles and scripts of
HTML pages (``@media`` is CSS, not a handle).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from postlab.config import Settings
from postlab.exceptions import PrivacyError
from postlab.privacy.scrub import find, resolve_settings

TEXT_SUFFIXES = frozenset({".html", ".htm", ".md", ".markdown", ".csv", ".tsv", ".json", ".txt"})
SCANNED_SUFFIXES = TEXT_SUFFIXES | {".ipynb"}

_BLOB = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]*|[A-Za-z0-9+/=]{100,}")
_HTML_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Finding:
    """Personal data of one ``kind`` somewhere in a file, ``count`` times."""

    path: str
    location: str
    kind: str
    count: int = 1

    def __str__(self) -> str:
        return f"{self.path} {self.location}: [{self.kind}]"


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """Remove what ``pattern`` matches but keep its newlines, so line numbers hold."""
    return pattern.sub(lambda m: "\n" * m.group(0).count("\n") + " ", text)


def _visible_html(text: str) -> str:
    return html.unescape(_blank(_TAG, _blank(_HTML_HIDDEN, text)))


def scan_text(text: str, settings: Settings | None = None) -> dict[str, int]:
    """How many pieces of personal data of each kind ``text`` holds."""
    counts: dict[str, int] = {}
    for redaction in find(_blank(_BLOB, text), settings):
        counts[redaction.kind] = counts.get(redaction.kind, 0) + 1
    return counts


def _findings(path: str, location: str, text: str, settings: Settings) -> Iterator[Finding]:
    for kind, count in scan_text(text, settings).items():
        yield Finding(path, location, kind, count)


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _output_texts(output: dict) -> Iterator[str]:
    """Every human-readable text of one notebook output; images are skipped."""
    if output.get("output_type") == "stream":
        yield _joined(output.get("text", ""))
    elif output.get("output_type") == "error":
        yield f"{output.get('ename', '')}: {output.get('evalue', '')}"
        yield _ANSI.sub("", "\n".join(output.get("traceback", [])))
    for mime, value in (output.get("data") or {}).items():
        if mime == "text/html" or mime.endswith("+html"):
            yield _visible_html(_joined(value))
        elif mime.startswith("text/"):
            yield _joined(value)
        elif mime.endswith("json"):
            yield json.dumps(value, ensure_ascii=False)


def _notebook_parts(path: str, text: str) -> Iterator[tuple[str, str]]:
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise PrivacyError(f"not a readable notebook ({error})", path=path) from None
    for number, cell in enumerate(cells, start=1):
        yield f"cell {number} source", _joined(cell.get("source", ""))
        outputs = "\n".join(t for o in cell.get("outputs", []) for t in _output_texts(o))
        yield f"cell {number} output", outputs
        yield f"cell {number} metadata", json.dumps(cell.get("metadata", {}), ensure_ascii=False)
    # saved widget state (a labelling widget's post text) lives in the notebook's metadata
    yield "notebook metadata", json.dumps(notebook.get("metadata", {}), ensure_ascii=False)


def _decoded(raw: bytes) -> str | None:
    if b"\0" in raw[:8192]:
        return None
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def readable_parts(path: str | Path) -> Iterator[tuple[str, str]]:
    """(where, text) for each part a person could read: cells of a notebook, lines otherwise.

    A binary file has none; images and HTML markup are blanked.
    """
    path = Path(path)
    text = _decoded(path.read_bytes())
    if text is None:
        return
    if path.suffix.lower() == ".ipynb":
        yield from _notebook_parts(str(path), text)
        return
    if path.suffix.lower() in {".html", ".htm"}:
        text = _visible_html(text)
    for number, line in enumerate(_blank(_BLOB, text).splitlines(), start=1):
        yield f"line {number}", line


def scan_file(path: str | Path, settings: Settings | None = None) -> list[Finding]:
    """Findings in one file; a binary file has none."""
    settings = resolve_settings(settings)
    return [
        finding
        for location, text in readable_parts(path)
        for finding in _findings(str(path), location, text, settings)
    ]


def _files(paths: Iterable[str | Path], missing_ok: bool) -> Iterator[Path]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SCANNED_SUFFIXES
            )
        elif path.is_file():
            yield path
        elif not missing_ok:
            raise PrivacyError("no such file or folder", path=path)


def scan_paths(
    paths: Iterable[str | Path], settings: Settings | None = None, *, missing_ok: bool = False
) -> list[Finding]:
    """Findings in files and folders (recursively, dotfiles and partial notebooks included)."""
    settings = resolve_settings(settings)
    return [finding for file in _files(paths, missing_ok) for finding in scan_file(file, settings)]
