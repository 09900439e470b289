"""Changes made to an experiment file in place: its comments stay, a refused change is undone.

The owner's decision (the ``status:`` line and the ``decision:`` block) and the
switch to a posting schedule (the ``assignment:`` and ``period:`` blocks) are
written into the file's text rather than by dumping its YAML again, so the
notes an officer reads beside each field stay where they were. The new file is
checked before it is kept: a change can never leave a file that ``check``
refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import DEFAULT_TOLERANCE
from postlab.experiment.load import check_experiment
from postlab.experiment.model import Experiment
from postlab.experiment.parse import read_document
from postlab.experiment.template import CHOSEN_SPLIT_NOTE, planned_split
from postlab.experiment.validate import arm_name
from postlab.files import write_text_atomically


def top_level_block(key: str, *, blank_lines: bool = False) -> re.Pattern:
    """The line ``key: ...`` and the indented lines under it (and blank lines, if asked)."""
    inside = r"[ \t]+[^\n]*\n|[ \t]*\n" if blank_lines else r"[ \t]+[^\n]*\n"
    return re.compile(rf"^{key}:[^\n]*\n(?:{inside})*", re.MULTILINE)


def replace_block(text: str, key: str, block: str, path: Path, **options) -> str:
    """``text`` with its top-level ``key:`` block replaced by ``block`` (which ends in a newline)."""
    pattern = top_level_block(key, **options)
    if not pattern.search(text):
        raise ExperimentError(f"has no {key}: block to write into", path=path, field=key)
    return pattern.sub(lambda _: block, text, count=1)


def rewrite(path: str | Path, change: Callable[[str], str]) -> Experiment:
    """Write ``change(text)`` over the file and keep it only if check finds nothing;
    otherwise the old text is restored and the first problem raised."""
    path = Path(path)
    old = path.read_text(encoding="utf-8")
    new = change(old if old.endswith("\n") else old + "\n")
    write_text_atomically(path, new)
    experiment, problems = check_experiment(path)  # in place: a parent: is looked up beside it
    if problems:
        write_text_atomically(path, old)
        raise ExperimentError(problems[0].message, path=path, field=problems[0].field)
    return experiment


def assign_by_schedule(
    path: str | Path,
    schedule_file: str,
    split: dict[str, float],
    start: date,
    end: date,
    tolerance: str = DEFAULT_TOLERANCE,
) -> Experiment:
    """Make the experiment at ``path`` take its arms from the posting schedule
    ``schedule_file`` (relative to the data folder, as ``postlab schedule`` wrote it,
    with the shares ``split`` per arm name) and count the posts of the schedule's
    days, ``start`` to ``end``. A file that planned no split gets the equal split the
    schedule followed, with the note ``postlab new --schedule`` writes.

    The schedule holds the arms' names: if the file would name its arms otherwise
    (a yes/no arm named by its column), nothing is changed and the error says so.
    """
    path = Path(path)
    planned = set(split)
    assignment = (
        "assignment:\n"
        "  kind: schedule\n"
        f"  file: {json.dumps(schedule_file)}\n"
        f"  tolerance: {tolerance}\n"
    )
    period = f"period:\n  start: {start.isoformat()}\n  end: {end.isoformat()}\n"

    def change(text: str) -> str:
        text = replace_block(text, "assignment", assignment, path)
        text = replace_block(text, "period", period, path)
        return CHOSEN_SPLIT_NOTE.sub(lambda _: planned_split(list(split)), text, count=1)

    _names_without_column(path, planned)
    return rewrite(path, change)


def _names_without_column(path: Path, planned: set[str]) -> None:
    """Refuse (before writing) a file whose arms would not carry the schedule's names once
    the assignment no longer names a column (a yes/no arm named by its column)."""
    _, problems = check_experiment(path)
    if problems:
        raise problems[0]
    document, _ = read_document(path)
    arms = document["arms"]
    names = [arm_name(item, None) for item in (arms["control"], *arms["treatments"])]
    if set(names) != planned:
        raise ExperimentError(
            f"its arms would be called {', '.join(names)} but the schedule plans "
            f"{', '.join(sorted(planned))}: give each arm its name ({{value: ..., name: ...}}) "
            "and make the schedule again",
            path=path,
            field="arms",
        )
