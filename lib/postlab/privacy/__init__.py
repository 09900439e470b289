"""The privacy guard: keeps personal data out of everything postlab writes.

``scrub`` redacts a text, ``scrub_series`` a column of texts, ``preview``
shortens a scrubbed text for a table, and ``scan_paths`` checks files already
written.
"""

from __future__ import annotations

from postlab.privacy.scan import Finding, scan_paths, scan_text
from postlab.privacy.scrub import find, preview, scrub, scrub_series

__all__ = [
    "Finding",
    "find",
    "preview",
    "scan_paths",
    "scan_text",
    "scrub",
    "scrub_series",
]
