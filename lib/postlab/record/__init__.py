"""The analyse-and-improve record: model (what it holds), store (record/ on disk), render (for people).

Names resolve on first use: a rerun reads the record and starts its notebooks before it
imports the rendering (matplotlib, the analysis' words), which it needs only at the end.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "ACTIVITY_COLUMNS": "activity",
    "CHECKSUMS_FILE": "store",
    "DamagedRecord": "store",
    "Entry": "model",
    "HISTORY_COLUMNS": "model",
    "HISTORY_FILE": "model",
    "LAST_GOOD": "store",
    "Look": "model",
    "NEXT_STEP_COLUMNS": "model",
    "OVERVIEW": "render",
    "REPAIRS": "store",
    "Record": "model",
    "STATE_FILE": "model",
    "SUMMARY_COLUMNS": "model",
    "activity_table": "activity",
    "decided_look": "model",
    "extend_history": "model",
    "finish_record": "store",
    "history_row": "model",
    "moved_after_decision": "model",
    "read_record": "store",
    "recover_record": "store",
    "render_html": "render",
    "render_markdown": "render",
    "replace_directory": "store",
    "report_links": "store",
    "stage_record": "store",
    "staging_dir": "store",
    "write_views": "render",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'postlab.record' has no attribute {name!r}")
    found = getattr(importlib.import_module(f"postlab.record.{_HOMES[name]}"), name)
    globals()[name] = found
    return found
