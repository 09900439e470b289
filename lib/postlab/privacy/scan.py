"""Scanning what postlab already wrote, as a reader would see it: notebooks (their widget
state too), HTML, Markdown, CSV, JSON, text, Parquet tables and PNG text chunks.

A finding names the file and the cell, line or row and the kind, never the
matched text: the report of a leak must not be a leak itself. Images and
other base64 blobs are blanked before scanning, as are the styles and scripts
of HTML pages (``@media`` is CSS, not a handle). Names run together in a
hashtag ("#JusticeForMarisol") are read word by word. What postlab itself
writes is trusted: the platforms' names in its captions ("Facebook 1, X
1,678" counts posts, it is not a name and an age) and the widget libraries'
module names in a notebook's saved state (``@jupyter-widgets/controls``).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from postlab.config import Settings
from postlab.exceptions import PrivacyError
from postlab.privacy.scrub import find, resolve_settings

TEXT_SUFFIXES = frozenset({".html", ".htm", ".md", ".markdown", ".csv", ".tsv", ".json", ".txt"})
SCANNED_SUFFIXES = TEXT_SUFFIXES | {".ipynb", ".parquet", ".png"}
# words postlab's own captions and tables use that the name finder would take for a
# name before a number ("Facebook 1"): the platforms
POSTLAB_TERMS = ("Facebook", "Instagram", "YouTube", "X", "Twitter")
# CamelCase only: "JusticeForMarisol"; acronyms ("MODIStsp") and run-together lower case
# ("justiceformarisol") are left to the scrubber's word segmentation
_LIBRARY = re.compile(r"IPY_MODEL_\w+$|@[\w.-]+/[\w.-]+$")  # a model reference, an npm package
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT = (b"tEXt", b"zTXt", b"iTXt")

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


def trusting_postlab(settings: Settings | None) -> Settings:
    """``settings`` (or the project's) with postlab's own caption words allowed."""
    settings = resolve_settings(settings)
    extra = tuple(t for t in POSTLAB_TERMS if t not in settings.allow_terms)
    return (
        dataclasses.replace(settings, allow_terms=settings.allow_terms + extra)
        if extra
        else settings
    )


def scan_text(text: str, settings: Settings | None = None) -> dict[str, int]:
    """How many pieces of personal data of each kind ``text`` holds (names inside hashtags
    too: the scrubber's own ``find`` reads them, so the check and the scrubber agree)."""
    settings = trusting_postlab(settings)
    text = _blank(_BLOB, text)
    found = find(text, settings)
    counts: dict[str, int] = {}
    for kind in (r.kind for r in found):
        counts[kind] = counts.get(kind, 0) + 1
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
    yield "notebook metadata", "\n".join(_shown_strings(notebook.get("metadata", {})))


def _shown_strings(value) -> Iterator[str]:
    """The strings of a notebook's metadata that are data, not the widget libraries' own:
    keys starting with ``_`` or ``model_`` (``model_module: @jupyter-widgets/controls``),
    package names (``@jupyter-widgets/base``) and references between widget models
    (``IPY_MODEL_...``) are skipped."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not str(key).startswith(("_", "model_")):
                yield from _shown_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _shown_strings(item)
    elif isinstance(value, str) and not _LIBRARY.match(value):
        yield value


def _parquet_parts(path: Path) -> Iterator[tuple[str, str]]:
    """Each row of a Parquet table as one line of its text cells, and its column names."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as error:  # noqa: BLE001 - any unreadable table is reported as such
        raise PrivacyError(f"not a readable Parquet file ({error})", path=path) from None
    texts = [
        table.column(i).to_pylist()
        for i, field in enumerate(table.schema)
        if str(field.type) in ("string", "large_string")
    ]
    yield "columns", " | ".join(table.column_names)
    for number, row in enumerate(zip(*texts, strict=True), start=1):
        yield f"row {number}", " | ".join(cell for cell in row if cell)


def png_texts(raw: bytes) -> Iterator[tuple[str, str]]:
    """(key, text) of a PNG's text chunks (tEXt, zTXt, iTXt), which image viewers show."""
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(raw):
        length, kind = struct.unpack(">I4s", raw[position : position + 8])
        body = raw[position + 8 : position + 8 + length]
        position += 12 + length
        if kind not in _PNG_TEXT:
            continue
        key, _, rest = body.partition(b"\0")
        try:
            if kind == b"zTXt":
                rest = zlib.decompress(rest[1:])
            elif kind == b"iTXt":
                compressed, rest = rest[0], rest[2:]
                rest = rest.split(b"\0", 2)[2]  # past the language tag and translated key
                rest = zlib.decompress(rest) if compressed else rest
        except (zlib.error, IndexError):
            rest = b""
        yield key.decode("latin-1"), rest.decode("utf-8" if kind == b"iTXt" else "latin-1")


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
    if path.suffix.lower() == ".parquet":
        yield from _parquet_parts(path)
        return
    raw = path.read_bytes()
    if raw.startswith(_PNG_SIGNATURE):
        yield from ((f"image text {key}", text) for key, text in png_texts(raw))
        return
    text = _decoded(raw)
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
    settings = trusting_postlab(settings)
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
