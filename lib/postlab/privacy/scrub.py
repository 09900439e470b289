"""Redaction for display and for files: the kind stays visible, the data goes.

``[phone]`` rather than a blank tells a reader of a report that the post was
an appeal with a number in it, without the number.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from postlab.config import SETTINGS_FILE, Settings, load_settings
from postlab.privacy.patterns import Redaction
from postlab.privacy.patterns import find as _find
from postlab.project import find_root

ELLIPSIS = "…"


@lru_cache(maxsize=8)
def _project_settings(path: Path, modified: float | None) -> Settings:
    return load_settings(path.parent)


def resolve_settings(settings: Settings | None) -> Settings:
    """``settings``, or the project's ``postlab.yml`` (read again only when it changes)."""
    if settings is not None:
        return settings
    path = find_root() / SETTINGS_FILE
    return _project_settings(path, path.stat().st_mtime if path.exists() else None)


def find(text: str, settings: Settings | None = None, strict: bool = False) -> list[Redaction]:
    """Where the personal data in ``text`` is (start, end, kind)."""
    return _find(text, resolve_settings(settings), strict)


def scrub(text: str, settings: Settings | None = None, strict: bool = False) -> str:
    """``text`` with each piece of personal data replaced by its kind, e.g. ``[phone]``.

    ``strict`` (for text shown in a report, the record or a notebook) also
    replaces every capitalised word not known to be safe by ``[withheld]``.
    """
    pieces, last = [], 0
    for redaction in find(text, settings, strict):
        pieces += [text[last : redaction.start], f"[{redaction.kind}]"]
        last = redaction.end
    return "".join(pieces) + text[last:]


def withheld_words(text: str | None, settings: Settings | None = None) -> int:
    """How many words strict mode withholds from ``text`` beyond the personal data found."""
    if not isinstance(text, str):
        return 0
    return sum(r.kind == "withheld" for r in find(text, settings, strict=True))


def scrub_series(series, settings: Settings | None = None, strict: bool = False):
    """``scrub`` over a pandas Series of texts; missing values stay missing."""
    settings = resolve_settings(settings)
    return series.map(lambda text: scrub(str(text), settings, strict), na_action="ignore")


def preview(text: str | None, settings: Settings | None = None, width: int = 80) -> str:
    """One strictly scrubbed line of at most ``width`` characters, for tables of top posts."""
    if not isinstance(text, str):
        return ""
    line = " ".join(scrub(text, settings, strict=True).split())
    if len(line) <= width:
        return line
    short = textwrap.shorten(line, width, placeholder=" " + ELLIPSIS)
    # a first word longer than the width (a link) leaves only the placeholder
    return short if short.strip() != ELLIPSIS else line[: width - 1] + ELLIPSIS
