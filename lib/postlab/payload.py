"""The result an analysis notebook hands to ``postlab rerun``, as data.

The notebook displays it under its own MIME type; the runner reads it back
from the executed notebook with nbformat, so no file or socket is shared.
"""

from __future__ import annotations

RESULT_MIME = "application/vnd.postlab.result+json"
