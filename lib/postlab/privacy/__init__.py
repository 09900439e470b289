"""The privacy guard: keeps personal data out of everything postlab writes.

``scrub`` redacts a text (``strict=True`` for text a report shows: every
capitalised word not known to be safe is withheld too), ``scrub_series`` a
column of texts, ``preview`` shortens a strictly scrubbed text for a table,
``scan_paths`` checks files already written, ``split_hashtag`` reads a tag as words, and ``leaks.compare_with_raw``
compares them with the raw posts they came from. ``evaluate`` measures the scrubber on labelled posts; it needs
pandas, so it loads on first use.
"""

from __future__ import annotations

import importlib

from postlab.privacy.hashtags import split_hashtag
from postlab.privacy.scan import Finding, scan_paths, scan_text
from postlab.privacy.scrub import find, preview, scrub, scrub_series, withheld_words

__all__ = [
    "Finding",
    "evaluate",
    "find",
    "preview",
    "scan_paths",
    "scan_text",
    "scrub",
    "scrub_series",
    "split_hashtag",
    "withheld_words",
]


def __getattr__(name: str):
    if name == "evaluate":
        return importlib.import_module("postlab.privacy.measure").evaluate
    raise AttributeError(f"module 'postlab.privacy' has no attribute {name!r}")
