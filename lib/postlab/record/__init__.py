"""The analyse-and-improve record: model (what it holds), store (record/ on disk), render (for people)."""

from postlab.record.model import (
    HISTORY_COLUMNS,
    HISTORY_FILE,
    NEXT_STEP_COLUMNS,
    STATE_FILE,
    SUMMARY_COLUMNS,
    Entry,
    Record,
    extend_history,
    history_row,
)
from postlab.record.render import FIGURES, render_html, render_markdown, write_views
from postlab.record.store import (
    finish_record,
    read_record,
    recover_record,
    replace_directory,
    report_links,
    stage_record,
    staging_dir,
)

__all__ = [
    "FIGURES",
    "HISTORY_COLUMNS",
    "HISTORY_FILE",
    "NEXT_STEP_COLUMNS",
    "STATE_FILE",
    "SUMMARY_COLUMNS",
    "Entry",
    "Record",
    "extend_history",
    "finish_record",
    "history_row",
    "read_record",
    "recover_record",
    "render_html",
    "render_markdown",
    "replace_directory",
    "report_links",
    "stage_record",
    "staging_dir",
    "write_views",
]
