"""From a file to an ``Experiment``, or to the list of everything wrong with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import (
    DEFAULT_TOLERANCE,
    CustomLabelsAssignment,
    LabelsAssignment,
    MediaTypeAssignment,
    ScheduleAssignment,
    TextAssignment,
)
from postlab.experiment.durations import parse_duration
from postlab.experiment.model import Decision, Experiment, Period
from postlab.experiment.parse import read_document
from postlab.experiment.validate import meaning_problems, structure_problems


def check_experiment(path: str | Path) -> tuple[Experiment | None, list[ExperimentError]]:
    """The experiment (when valid) and every problem found in the file."""
    try:
        document, lines = read_document(path)
    except ExperimentError as error:
        return None, [error]
    problems = structure_problems(document, lines, path)
    if not problems:
        problems = meaning_problems(document, lines, path)
    if problems:
        return None, problems
    return _build(document, lines, Path(path)), []


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate one experiment file; the first problem is raised."""
    experiment, problems = check_experiment(path)
    if problems:
        raise problems[0]
    return experiment


def find_experiments(folder: str | Path = "experiments", *, status: str | None = None):
    """Every experiment in ``folder``, sorted by id, optionally only those with ``status``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExperimentError("no such experiments folder", path=folder)
    found = [load_experiment(path) for path in sorted(folder.glob("*.yml"))]
    return [e for e in sorted(found, key=lambda e: e.id) if status is None or e.status == status]


def _build(document: dict, lines: dict, path: Path) -> Experiment:
    arms = document["arms"]
    every_arm = [arms["control"], *arms["treatments"]]
    decision = document.get("decision") or {}
    return Experiment(
        id=document["id"],
        title=document["title"].strip(),
        owner=document["owner"].strip(),
        hypothesis=" ".join(document["hypothesis"].split()),
        status=document["status"],
        platforms=list(document["platforms"]),
        accounts=list(document["accounts"]),
        period=Period(*(_day(document["period"][side]) for side in ("start", "end"))),
        min_post_age=parse_duration(document["min_post_age"]),
        assignment=_assignment(document["assignment"]),
        control=arms["control"],
        treatments=list(arms["treatments"]),
        primary_metric=document["metrics"]["primary"],
        secondary_metrics=list(document["metrics"].get("secondary", [])),
        alpha=float(document["alpha"]),
        mde=float(document["mde"]),
        split=dict(document.get("split") or {arm: 1 / len(every_arm) for arm in every_arm}),
        decision=Decision(
            learning=" ".join((decision.get("learning") or "").split()),
            next_step=" ".join((decision.get("next_step") or "").split()),
        ),
        parent=document.get("parent"),
        path=path,
        document=document,
        lines=lines,
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _assignment(spec: dict):
    kind = spec["kind"]
    if kind == "labels":
        return LabelsAssignment(file=spec["file"], column=spec["column"])
    if kind == "custom_labels":
        return CustomLabelsAssignment()
    if kind == "media_type":
        return MediaTypeAssignment()
    if kind == "text":
        return TextAssignment(patterns=dict(spec["patterns"]))
    return ScheduleAssignment(file=spec["file"], tolerance=spec.get("tolerance", DEFAULT_TOLERANCE))
