"""The new-experiment form's model: a draft file checked and planned as the officer types.

The draft is written exactly as ``postlab new`` writes a file (the commented
template), into the workspace's ``.cache``, and run through ``check`` and
``plan``, so the page's messages are the commands' messages. Saving writes
the same text into ``experiments/``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.exceptions import PostlabError
from postlab.experiment import load_experiment
from postlab.experiment.check import check_files
from postlab.experiment.labels import read_labels_lenient
from postlab.experiment.plan import plan_experiment
from postlab.experiment.template import Fields, experiment_text, write_experiment
from postlab.posts.features import FEATURE_DTYPES
from postlab.project import Project
from postlab.words import yes_no_arm_name

DRAFTS = "app/drafts"  # inside the workspace's .cache: never read by check or rerun
LABELS_FILE = "labels.csv"
ARM_COLUMNS = ("media_type", *(c for c, kind in FEATURE_DTYPES.items() if kind != "Int64"))
NOT_ARMS = {"post_id", "platform", "account", "text", "url", "published_at"}
WHOLE_FILE = "file"  # the messages that belong to no one field


@dataclass(frozen=True)
class Draft:
    """What the form holds; ``arms`` are values of ``column``, the control first."""

    id: str
    title: str = ""
    hypothesis: str = ""
    platform: str = "x"
    column: str = "has_media"
    from_labels: bool = False  # the column is one of labels.csv, not of the posts table
    arms: tuple = ()
    names: tuple[str, ...] = ()
    metric: str = "engagement_rate"
    accounts: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    mde: float = 0.1

    def fields(self) -> Fields:
        return Fields(
            title=self.title.strip() or None,
            platform=self.platform,
            arms=tuple(self.arms),
            names=tuple(
                name.strip() or yes_no_arm_name(self.column, str(arm).lower())
                for arm, name in zip(self.arms, self.names, strict=True)
            ),
            # unwritten, the template's TODO: check then still tests the rest against the data
            hypothesis=self.hypothesis if self.hypothesis.strip() else None,
            accounts=tuple(self.accounts),
            start=self.start,
            end=self.end,
            column=None if self.from_labels else self.column,
            labels_column=self.column if self.from_labels else None,
            primary=self.metric,
            mde=self.mde,
        )


@dataclass
class Review:
    """check's problems by the field they belong to, its ok lines, and plan's answer."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    plan: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, error: PostlabError, draft_path: Path | None = None) -> None:
        where = field_group(error.field)
        message = error.message
        if draft_path is not None:
            message = message.replace(str(draft_path), "the draft")
        self.problems.setdefault(where, []).append(message)


def field_group(name: str | None) -> str:
    """``arms.treatments[0]`` -> ``arms``: the form field a message stands beside."""
    if not name:
        return WHOLE_FILE
    return name.split(".")[0].split("[")[0]


def arm_columns(posts: pd.DataFrame, data_dir: Path) -> dict[str, bool]:
    """Columns an officer can take arms from: name -> whether it is one of labels.csv."""
    columns = {c: False for c in ARM_COLUMNS if c in posts.columns}
    labels = Path(data_dir) / LABELS_FILE
    if labels.exists():
        for column in read_labels_lenient(labels).columns:
            if column not in NOT_ARMS and not column.endswith("_suggested"):
                columns.setdefault(column, True)
    return columns


def column_values(posts: pd.DataFrame, data_dir: Path, column: str, from_labels: bool):
    """Each value of ``column`` with its post count, most posts first (yes/no as bool)."""
    if from_labels:
        values = read_labels_lenient(Path(data_dir) / LABELS_FILE)[column]
    else:
        values = posts[column]
    counts = values.dropna().value_counts()
    return [(_plain(value), int(n)) for value, n in counts.items()]


def _plain(value):
    if isinstance(value, bool | np.bool_):
        return bool(value)
    return str(value)


def review(draft: Draft, project: Project, posts: pd.DataFrame) -> Review:
    """Run check and, when it passes, plan on the draft, as the commands would on the file."""
    found = Review()
    path = project.cache / DRAFTS / f"{draft.id or 'draft'}.yml"
    try:
        text = experiment_text(draft.id, draft.fields(), path)
    except PostlabError as error:
        error.field = error.field or ("id" if "id " in error.message else "arms")
        found.add(error)
        return found
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    data = project.data_folder()
    report = check_files([path], data, lambda: posts)
    for error in report.problems:
        found.add(error, path)
    found.passed = [line.replace(str(path), "the draft") for line in report.passed]
    if found.ok:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                plan = plan_experiment(
                    load_experiment(path), posts, data, settings=project.settings
                )
            found.plan = str(plan)
        except PostlabError as error:
            found.plan = f"No plan yet: {error.message}"
    return found


def save(draft: Draft, project: Project) -> Path:
    """``experiments/<id>.yml``, the commented file ``postlab new`` writes; never overwrites."""
    return write_experiment(draft.id, draft.fields(), folder=project.experiments)
