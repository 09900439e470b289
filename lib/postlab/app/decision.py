"""The owner's decision, written back into the experiment file in place.

Only the ``status:`` line and the ``decision:`` block change; the file's
comments stay. The new file is validated before it replaces the old one, so a
decision can never leave an experiment file that ``check`` refuses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from postlab.exceptions import ExperimentError
from postlab.experiment.model import STATUSES
from postlab.experiment.rewrite import replace_block, rewrite

MAX_CHARS = 2000  # a decision is a few sentences
STATUS_LINE = re.compile(r"^status:.*$", re.MULTILINE)


def write_decision(path: str | Path, status: str, learning: str, next_step: str) -> Path:
    """Set the file's status and decision; an ExperimentError naming the field if invalid."""
    path = Path(path)
    if status not in STATUSES:
        raise ExperimentError(
            f"status {status!r} is not one of {', '.join(STATUSES)}", path=path, field="status"
        )
    for name, text in (("learning", learning), ("next_step", next_step)):
        if len(text) > MAX_CHARS:
            raise ExperimentError(
                f"longer than {MAX_CHARS:,} characters", path=path, field=f"decision.{name}"
            )
    block = (
        "decision:\n"
        f"  learning: {json.dumps(' '.join(learning.split()), ensure_ascii=False)}\n"
        f"  next_step: {json.dumps(' '.join(next_step.split()), ensure_ascii=False)}\n"
    )

    def change(text: str) -> str:
        if not STATUS_LINE.search(text):
            raise ExperimentError("has no status: line to write into", path=path, field="status")
        text = STATUS_LINE.sub(f"status: {status}", text, count=1)
        return replace_block(text, "decision", block, path, blank_lines=True)

    rewrite(path, change)
    return path
