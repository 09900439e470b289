"""Which posts an experiment counts, in which arm, and everything it left out.

Nothing is dropped silently: every post that is not in an arm is counted
under a reason (other account, outside the period, too young at export,
no label, ...), and observational designs get a table of how the arms
differ in weekday, time of day and account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.config import Settings
from postlab.experiment.assign import no_deviations
from postlab.experiment.durations import format_duration
from postlab.experiment.validate import data_problems
from postlab.posts.time import (
    UNKNOWN_TIME,
    add_local_columns,
    hour_block,
    local_times,
    posting_rate,
    time_known,
    weekday_names,
)
from postlab.project import project_settings

ORDER = ["platform", "account", "post_id"]


@dataclass(frozen=True)
class Selection:
    """The posts that count, each with its ``arm``, and what was left out and why."""

    posts: pd.DataFrame
    excluded: pd.DataFrame
    randomised: bool
    deviations: pd.DataFrame = field(default_factory=no_deviations)
    arms: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings, repr=False)
    suggested_labels: int = 0  # counted posts whose arm is a classifier's suggestion

    def counts(self) -> pd.Series:
        """Posts per arm, every arm listed (an empty arm shows as 0)."""
        return self.posts["arm"].value_counts().reindex(list(self.arms), fill_value=0)

    @property
    def posts_per_week(self) -> float:
        """Posting rate of the counted posts over the weeks they span (at least one)."""
        return posting_rate(self.posts)

    def balance(self) -> pd.DataFrame:
        """Share of each arm's posts per weekday, hour block and account.

        Where styles were chosen rather than randomised, a big gap here
        (say humour mostly on Fridays) can explain a difference on its own.
        """
        hours = hour_block(self.posts, self.settings)
        traits = {
            "weekday": weekday_names(self.posts, self.settings),
            "hour": hours.mask(~time_known(self.posts), UNKNOWN_TIME),
            "account": self.posts["account"],
        }
        tables = []
        for dimension, values in traits.items():
            shares = pd.crosstab(
                pd.Series(values, index=self.posts.index, name="value"),
                self.posts["arm"],
                normalize="columns",
            ).reindex(columns=list(self.arms), fill_value=0.0)
            shares = shares.loc[(shares.sum(axis=1) > 0)]
            shares.insert(0, "dimension", dimension)
            shares.index.name = "value"
            shares["largest gap"] = shares[list(self.arms)].max(axis=1) - shares[
                list(self.arms)
            ].min(axis=1)
            tables.append(shares.reset_index())
        out = pd.concat(tables, ignore_index=True)
        out.columns.name = None
        return out[["dimension", "value", *self.arms, "largest gap"]]

    def __str__(self) -> str:
        counts = ", ".join(f"{arm}: {n}" for arm, n in self.counts().items())
        left = ", ".join(f"{r.reason}: {r.posts}" for r in self.excluded.itertuples())
        text = f"posts per arm: {counts}; left out: {left or 'none'}"
        if self.suggested_labels:
            text += f"; {self.suggested_labels} arms from suggested labels"
        return text


def scope_reasons(experiment, posts: pd.DataFrame, settings: Settings, *, period=None) -> pd.Series:
    """Why each post is out of the experiment's scope (NA: in scope), first reason wins.

    The reasons are categories in the order they are tested, so the table
    of excluded posts reads like a funnel. ``period`` overrides the
    experiment's (planning looks at the posts before it).
    """
    reason = pd.Series(pd.NA, index=posts.index, dtype="object")
    tested = []

    def mark(condition, text: str) -> None:
        tested.append(text)
        reason[reason.isna() & np.asarray(condition, dtype=bool)] = text

    mark(~posts["platform"].isin(experiment.platforms), "other platform")
    if experiment.accounts:
        mark(~posts["account"].isin(experiment.accounts), "other account")
    mark(posts["published_at"].isna(), "no publish date in the export")
    day = local_times(posts, settings).dt.date
    period = period or experiment.period
    start, end = period.start, period.end
    if start:
        mark((day < start).fillna(True), f"published before the period ({start})")
    if end:
        mark((day > end).fillna(True), f"published after the period ({end})")
    age = posts["exported_at"] - posts["published_at"]
    mark(
        (age < experiment.min_post_age).fillna(False),
        f"younger than {format_duration(experiment.min_post_age)} at export",
    )
    mark(posts["exported_at"].isna(), "export time unknown (age cannot be checked)")
    return pd.Series(pd.Categorical(reason, categories=tested), index=posts.index)


def select_posts(experiment, posts: pd.DataFrame, data_dir: str | Path = ".", *, settings=None):
    """The experiment's posts with an ``arm`` column, and the excluded counted by reason."""
    problems = data_problems(experiment, data_dir)
    if problems:
        raise problems[0]
    settings = settings or project_settings()
    posts = posts.sort_values(ORDER + ["published_at"], kind="stable", ignore_index=True)
    scope = scope_reasons(experiment, posts, settings)
    in_scope = posts[scope.isna()]
    assigned = experiment.assign(in_scope, data_dir)
    counted = add_local_columns(in_scope.assign(arm=assigned.arm)[assigned.arm.notna()], settings)
    excluded = pd.concat(
        [
            scope.value_counts(sort=False),
            assigned.reason.value_counts().sort_index(),
        ]
    )
    excluded = excluded[excluded > 0].rename_axis("reason").rename("posts").reset_index()
    return Selection(
        posts=counted.reset_index(drop=True),
        excluded=excluded,
        randomised=experiment.randomised,
        deviations=assigned.deviations,
        arms=tuple(experiment.arms),
        settings=settings,
        suggested_labels=assigned.suggested,
    )
