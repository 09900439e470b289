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
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import DEFAULT_TOLERANCE
from postlab.experiment.load import check_experiment
from postlab.experiment.model import Experiment
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


def rewrite(
    path: str | Path,
    change: Callable[[str], str],
    also: Callable[[Experiment], list[tuple[str, str]]] = lambda _: [],
) -> Experiment:
    """Write ``change(text)`` over the file and keep it only if check (and ``also``,
    giving (message, field) pairs) finds nothing; otherwise the old text is restored
    and the first problem raised."""
    path = Path(path)
    old = path.read_text(encoding="utf-8")
    new = change(old if old.endswith("\n") else old + "\n")
    write_text_atomically(path, new)
    experiment, problems = check_experiment(path)  # in place: a parent: is looked up beside it
    found = [(p.message, p.field) for p in problems] or (also(experiment) if experiment else [])
    if found:
        write_text_atomically(path, old)
        message, field = found[0]
        raise ExperimentError(message, path=path, field=field)
    return experiment


def assign_by_schedule(
    path: str | Path,
    schedule_file: str,
    planned_arms: Iterable[str],
    start: date,
    end: date,
    tolerance: str = DEFAULT_TOLERANCE,
) -> Experiment:
    """Make the experiment at ``path`` take its arms from the posting schedule
    ``schedule_file`` (relative to the data folder, as ``postlab schedule`` wrote it)
    and count the posts of the schedule's days, ``start`` to ``end``.

    The schedule holds the arms' names: if the file would name its arms otherwise
    (a yes/no arm named by its column), nothing is changed and the error says so.
    """
    path = Path(path)
    planned = set(planned_arms)
    assignment = (
        "assignment:\n"
        "  kind: schedule\n"
        f"  file: {json.dumps(schedule_file)}\n"
        f"  tolerance: {tolerance}\n"
    )
    period = f"period:\n  start: {start.isoformat()}\n  end: {end.isoformat()}\n"

    def change(text: str) -> str:
        text = replace_block(text, "assignment", assignment, path)
        return replace_block(text, "period", period, path)

    def same_arms(experiment: Experiment) -> list[tuple[str, str]]:
        if set(experiment.arms) == planned:
            return []
        return [
            (
                f"its arms would be called {', '.join(experiment.arms)} but the schedule plans "
                f"{', '.join(sorted(planned))}: give each arm its name "
                "({value: ..., name: ...}) and make the schedule again",
                "arms",
            )
        ]

    return rewrite(path, change, same_arms)
