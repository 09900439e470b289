"""``postlab check``: every experiment and labels file, against each other and the data.

Problems are collected, not raised, so one run lists everything to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from postlab.exceptions import ExperimentError, PostlabError
from postlab.experiment.labels import id_problems, read_labels_lenient, value_problems
from postlab.experiment.load import check_experiment
from postlab.experiment.validate import data_problems


@dataclass
class CheckReport:
    problems: list[PostlabError] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    experiments: int = 0
    labels_files: int = 0

    def __str__(self) -> str:
        checked = f"checked {_plural(self.experiments, 'experiment')}"
        if self.labels_files:
            checked += f" and {_plural(self.labels_files, 'labels file')}"
        found = _plural(len(self.problems), "problem") if self.problems else "no problems"
        return f"{checked}: {found}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def check_files(
    files: list[Path], data_dir: Path, load_posts: Callable[[], pd.DataFrame]
) -> CheckReport:
    """Check experiment files (``.yml``) and labels files (``.csv``) against ``data_dir``."""
    report = CheckReport()
    experiments = []
    label_arms: dict[Path, dict[str, set[str]]] = {}
    for path in files:
        if path.suffix.lower() == ".csv":
            label_arms.setdefault(path, {})
            continue
        report.experiments += 1
        experiment, problems = check_experiment(path)
        report.problems += problems
        if experiment is None:
            continue
        experiments.append(experiment)
        if experiment.assignment.kind == "labels":
            columns = label_arms.setdefault(experiment.assignment.path(data_dir), {})
            columns.setdefault(experiment.assignment.column, set()).update(experiment.arms)
    broken = set()
    for path, columns in label_arms.items():
        report.labels_files += 1
        problems = _labels_problems(path, columns)
        report.problems += problems
        if problems:
            broken.add(path)
    for experiment in experiments:
        problems = data_problems(experiment, data_dir)
        report.problems += problems
        unreadable = (
            experiment.assignment.kind == "labels"
            and experiment.assignment.path(data_dir) in broken
        )
        if not problems and not unreadable:
            _check_arms_have_posts(experiment, data_dir, load_posts, report)
    return report


def _check_arms_have_posts(experiment, data_dir, load_posts, report: CheckReport) -> None:
    selection = experiment.select(load_posts(), data_dir)
    counts = selection.counts()
    counted = ", ".join(f"{arm} {n}" for arm, n in counts.items())
    empty = [arm for arm, n in counts.items() if n == 0]
    if empty and experiment.status != "planned":
        left_out = ", ".join(f"{r.reason} {r.posts}" for r in selection.excluded.itertuples())
        report.problems += [
            ExperimentError(
                f"arm {arm!r} has no posts in {data_dir} (posts per arm: {counted}; "
                f"left out: {left_out or 'none'})",
                path=experiment.path,
            )
            for arm in empty
        ]
    else:
        report.passed.append(f"{experiment.path}: posts per arm: {counted}")


def _labels_problems(path: Path, columns: dict[str, set[str]]) -> list[PostlabError]:
    try:
        labels = read_labels_lenient(path)
    except ExperimentError as error:
        return [error]
    problems: list[PostlabError] = list(id_problems(labels, path))
    for column, arms in sorted(columns.items()):
        if column in labels.columns:
            problems += value_problems(labels, path, column, sorted(arms))
    return problems
