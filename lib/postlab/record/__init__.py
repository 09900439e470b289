"""The analyse-and-improve record: model (what it holds), store (record/ on disk), render (for people)."""

from postlab.record.activity import ACTIVITY_COLUMNS, activity_table
from postlab.record.model import (
    HISTORY_COLUMNS,
    HISTORY_FILE,
    NEXT_STEP_COLUMNS,
    STATE_FILE,
    SUMMARY_COLUMNS,
    Entry,
    Look,
    Record,
    decided_look,
    extend_history,
    history_row,
    moved_after_decision,
)
from postlab.record.render import OVERVIEW, render_html, render_markdown, write_views
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
    "ACTIVITY_COLUMNS",
    "OVERVIEW",
    "HISTORY_COLUMNS",
    "HISTORY_FILE",
    "NEXT_STEP_COLUMNS",
    "STATE_FILE",
    "SUMMARY_COLUMNS",
    "Entry",
    "Look",
    "Record",
    "activity_table",
    "decided_look",
    "extend_history",
    "finish_record",
    "history_row",
    "moved_after_decision",
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
