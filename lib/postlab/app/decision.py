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
from postlab.experiment.load import check_experiment
from postlab.experiment.model import STATUSES
from postlab.files import write_text_atomically

MAX_CHARS = 2000  # a decision is a few sentences
STATUS_LINE = re.compile(r"^status:.*$", re.MULTILINE)
DECISION_BLOCK = re.compile(r"^decision:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*", re.MULTILINE)


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
    old = path.read_text(encoding="utf-8")
    if not STATUS_LINE.search(old) or not DECISION_BLOCK.search(old):
        raise ExperimentError("has no status: line or decision: block to write into", path=path)
    block = (
        "decision:\n"
        f"  learning: {json.dumps(' '.join(learning.split()), ensure_ascii=False)}\n"
        f"  next_step: {json.dumps(' '.join(next_step.split()), ensure_ascii=False)}\n"
    )
    new = STATUS_LINE.sub(f"status: {status}", old, count=1)
    new = DECISION_BLOCK.sub(lambda _: block, new, count=1)
    write_text_atomically(path, new)
    _, problems = check_experiment(path)  # in place: a parent: is looked up beside it
    if problems:
        write_text_atomically(path, old)
        raise ExperimentError(problems[0].message, path=path, field=problems[0].field)
    return path
