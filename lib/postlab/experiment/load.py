"""From a file to an ``Experiment``, or to the list of everything wrong with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import assignment_from_spec
from postlab.experiment.durations import parse_duration
from postlab.experiment.model import Decision, Experiment, Period
from postlab.experiment.parse import read_document
from postlab.experiment.validate import (
    arm_name,
    arm_value,
    equal_split,
    mde_fraction,
    meaning_problems,
    placeholder_problems,
    split_arm,
    structure_problems,
)


def check_experiment(
    path: str | Path, *, placeholders: bool = True
) -> tuple[Experiment | None, list[ExperimentError]]:
    """The experiment (when it can be built) and every problem found in the file.

    ``placeholders=False`` accepts the template's TODO text (``postlab new``
    checks its own output that way); everywhere else it is an error, but one
    that still lets ``check`` test the experiment against the data in the same
    run, so an officer fixes everything after one read.
    """
    try:
        document, lines = read_document(path)
        problems = structure_problems(document, lines, path)
        if not problems:
            problems = meaning_problems(document, lines, path)
        if problems:
            return None, problems
        experiment = _build(document, lines, Path(path))
        return experiment, placeholder_problems(document, lines, path) if placeholders else []
    except ExperimentError as error:
        return None, [error]
    except Exception as error:  # noqa: BLE001 - one broken file never stops the others
        first = " ".join(str(error).split())[:200]
        return None, [
            ExperimentError(f"cannot be read ({type(error).__name__}: {first})", path=path)
        ]


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
    items = [arms["control"], *arms["treatments"]]
    column = document["assignment"].get("column")
    names = [arm_name(item, column) for item in items]
    values = [arm_value(item) for item in items]
    decision = document.get("decision") or {}
    assignment = assignment_from_spec(document["assignment"])
    split = document.get("split")
    if split is None and assignment.randomised:
        split = equal_split(names)  # what `postlab schedule` plans without a split
    else:
        split = split and {names[split_arm(k, values, names)]: share for k, share in split.items()}
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
        assignment=assignment,
        control=names[0],
        treatments=names[1:],
        primary_metric=document["metrics"]["primary"],
        secondary_metrics=list(document["metrics"].get("secondary", [])),
        alpha=float(document["alpha"]),
        mde=mde_fraction(document["mde"]) if document.get("mde") is not None else None,
        split={arm: float(split[arm]) for arm in names} if split else None,
        analysis=document.get("analysis", "sequential"),
        planned_posts=document.get("planned_posts"),
        cap=(document["metrics"].get("cap")),
        effect=document.get("effect", "ratio-of-sums"),
        adjust=bool(document.get("adjust", True)),
        spending=document.get("spending", "obrien-fleming"),
        decision=Decision(
            learning=" ".join((decision.get("learning") or "").split()),
            next_step=" ".join((decision.get("next_step") or "").split()),
        ),
        parent=document.get("parent"),
        arm_values=dict(zip(names, values, strict=True)),
        path=path,
        document=document,
        lines=lines,
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
