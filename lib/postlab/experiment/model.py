"""The experiment as one object: what a file says, ready for selection and analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from postlab.experiment.assign import (
    CustomLabelsAssignment,
    LabelsAssignment,
    MediaTypeAssignment,
    ScheduleAssignment,
    TextAssignment,
)

Assignment = (
    LabelsAssignment
    | CustomLabelsAssignment
    | MediaTypeAssignment
    | TextAssignment
    | ScheduleAssignment
)

STATUSES = ("planned", "running", "concluded", "adopted", "rejected")


@dataclass(frozen=True)
class Period:
    """Days whose posts count (inclusive, in the account's local time); None is open."""

    start: date | None = None
    end: date | None = None

    def __str__(self) -> str:
        return f"{self.start or 'the first post'} to {self.end or 'the last export'}"


@dataclass(frozen=True)
class Decision:
    """What the owner learnt and will do next, written after reading the result."""

    learning: str = ""
    next_step: str = ""

    def __bool__(self) -> bool:
        return bool(self.learning or self.next_step)


@dataclass(frozen=True)
class Experiment:
    id: str
    title: str
    owner: str
    hypothesis: str
    status: str
    platforms: list[str]
    accounts: list[str]
    period: Period
    min_post_age: pd.Timedelta
    assignment: Assignment
    control: str
    treatments: list[str]
    primary_metric: str
    secondary_metrics: list[str]
    alpha: float
    mde: float
    split: dict[str, float]
    decision: Decision = field(default_factory=Decision)
    parent: str | None = None
    path: Path | None = None
    document: dict = field(default_factory=dict, repr=False, compare=False)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def arms(self) -> list[str]:
        return [self.control, *self.treatments]

    @property
    def metrics(self) -> list[str]:
        return [self.primary_metric, *self.secondary_metrics]

    @property
    def randomised(self) -> bool:
        """Only a posting schedule assigns styles at random; labels record choices."""
        return self.assignment.kind == "schedule"

    def to_dict(self) -> dict:
        """The file's fields as JSON-ready data (dates as text), for the record."""
        return {
            **self.document,
            "split": dict(self.split),
            "decision": {"learning": self.decision.learning, "next_step": self.decision.next_step},
            "parent": self.parent,
        }

    def select(self, posts: pd.DataFrame, data_dir: str | Path = ".", *, settings=None):
        """The posts that count, each with its ``arm``; see ``postlab.experiment.select``."""
        from postlab.experiment.select import select

        return select(self, posts, data_dir, settings=settings)

    def __str__(self) -> str:
        return f"{self.id}: {self.title} ({self.status}; {' vs '.join(self.arms)})"
