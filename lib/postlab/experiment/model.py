"""The experiment as one object: what a file says, ready for selection and analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from postlab.experiment.assign import Assigned, Assignment
from postlab.posts.metric_warnings import metric_warnings

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
    mde: float | None  # a fraction, 0 < mde < 1
    split: dict[str, float] | None  # None: no planned split (observational)
    analysis: str = "sequential"  # or "fixed": one look at planned_posts
    planned_posts: int | None = None  # all arms together; required when analysis is fixed
    cap: float | None = None  # winsorise per-post values at this percentile of the pooled arms
    effect: str = "ratio-of-sums"  # or "typical-post" (postlab.stats.covariates)
    adjust: bool = True  # regression adjustment on pre-posting covariates
    spending: str = "obrien-fleming"  # group-sequential spending (with planned_posts)
    decision: Decision = field(default_factory=Decision)
    parent: str | None = None
    # arm name -> the value the assignment matches (equal unless the file names the arm)
    arm_values: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    document: dict = field(default_factory=dict, repr=False, compare=False)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def arms(self) -> list[str]:
        return [self.control, *self.treatments]

    def value_of(self, arm: str) -> str:
        """The value the assignment matches for the arm named ``arm``."""
        return self.arm_values.get(arm, arm)

    def assign(self, posts: pd.DataFrame, data_dir) -> Assigned:
        """Each post's arm, by name (a schedule is written with the names, other kinds hold values)."""
        if self.assignment.by_name:
            return self.assignment.assign(posts, self.arms, data_dir)
        assigned = self.assignment.assign(posts, [self.value_of(a) for a in self.arms], data_dir)
        names = {self.value_of(arm): arm for arm in self.arms}
        return assigned._replace(arm=assigned.arm.map(names, na_action="ignore").astype("string"))

    def caveats(self) -> list[str]:
        """What the design and the metrics cannot rule out, said before any post is counted."""
        design = (
            []
            if self.randomised
            else [
                f"observational: the team chooses which posts are {' or '.join(self.arms)}, so "
                "when or what was posted may explain part of a difference (a schedule made by "
                "`postlab schedule` randomises it)"
            ]
        )
        return design + self.metric_caveats()

    def metric_caveats(self) -> list[str]:
        """Where the column the arms come from biases a metric on the experiment's platforms."""
        column = getattr(self.assignment, "column", None) or self.assignment.kind
        found = [
            text
            for metric in self.metrics
            for text in metric_warnings(self.platforms, column, metric)
        ]
        return list(dict.fromkeys(found))

    @property
    def metrics(self) -> list[str]:
        return [self.primary_metric, *self.secondary_metrics]

    @property
    def randomised(self) -> bool:
        """Only a posting schedule assigns styles at random; labels record choices."""
        return self.assignment.randomised

    def to_dict(self) -> dict:
        """The file's fields as JSON-ready data (dates as text, mde as a fraction), for the record.

        It validates against the experiment schema: a split or mde not written stays absent
        (a schedule's default equal shares are written out).
        """
        out = {
            **self.document,
            "decision": {"learning": self.decision.learning, "next_step": self.decision.next_step},
            "parent": self.parent,
        }
        if self.split:
            out["split"] = dict(self.split)
        if self.mde is not None:
            out["mde"] = self.mde
        return out

    def __str__(self) -> str:
        return f"{self.id}: {self.title} ({self.status}; {' vs '.join(self.arms)})"
