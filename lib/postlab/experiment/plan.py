"""How many posts an experiment needs, from how the chosen accounts posted before.

The spread of the metric and the posting rate come from the accounts'
history: the posts before the period starts (or all posts if there are
none), and among those, the posts the assignment would place in an arm
when there are enough of them (a live-vs-recorded test only posts videos).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.exceptions import AnalysisError
from postlab.experiment.model import Period
from postlab.experiment.select import scope_reasons
from postlab.posts.time import local_times, posting_rate
from postlab.project import project_settings
from postlab.stats import METRICS
from postlab.stats.power import detectable_effect, posts_needed, power_curve

POWER = 0.8
MIN_ARM_HISTORY = 20  # fewer past posts in the arms than this: use all the accounts' posts


@dataclass(frozen=True)
class Plan:
    """What an experiment needs and what its period can deliver, in plain numbers."""

    experiment_id: str
    metric: str
    mde: float
    alpha: float
    power: float
    history: pd.DataFrame
    history_note: str
    posts_per_week: float
    needed: dict[str, int]
    period_weeks: float | None
    expected: dict[str, int] | None
    reachable_mde: dict[str, float] | None
    split: dict[str, float]

    @property
    def total_needed(self) -> int:
        """Posts in all, so that every arm gets its need at the planned split."""
        return math.ceil(max(n / self.split[arm] for arm, n in self.needed.items()) - 1e-9)

    @property
    def weeks_needed(self) -> float:
        return self.total_needed / self.posts_per_week if self.posts_per_week else math.inf

    def power_curve(self, n_values=None) -> pd.DataFrame:
        """Power by posts in the control arm (first treatment), past the need and the period."""
        control, treatment = list(self.split)[:2]
        top = max(2 * self.needed[control], 1.1 * (self.expected or {}).get(control, 0), 20)
        n_values = (
            n_values if n_values is not None else np.unique(np.linspace(5, top, 60).astype(int))
        )
        return power_curve(
            self.history,
            self.metric,
            n_values,
            self.mde,
            alpha=self.alpha,
            ratio=self.split[treatment] / self.split[control],
        )

    def figure(self):
        """The power curve with the 80 % line and the posts the period can give."""
        import matplotlib.pyplot as plt

        curve = self.power_curve()
        control = next(iter(self.split))
        fig, ax = plt.subplots(figsize=(6.5, 3.5), dpi=100)
        ax.plot(curve["posts_per_arm"], curve["power"], color="#1f77b4")
        ax.axhline(self.power, color="#7f7f7f", linestyle="--", linewidth=1)
        ax.axvline(self.needed[control], color="#2ca02c", linewidth=1, label="posts needed")
        if self.expected:
            ax.axvline(
                self.expected[control], color="#ff7f0e", linewidth=1, label="expected in period"
            )
        ax.set_xlabel(f"posts in the {control} arm")
        ax.set_ylabel("chance to detect the effect")
        ax.set_ylim(0, 1)
        ax.set_title(f"{self.experiment_id}: {_label(self.metric)} change of {self.mde:.0%}")
        ax.legend(loc="lower right", frameon=False)
        fig.tight_layout()
        return fig

    def table(self) -> pd.DataFrame:
        """Per arm: posts needed and posts the period can be expected to give."""
        return pd.DataFrame(
            {
                "arm": list(self.split),
                "share": list(self.split.values()),
                "posts_needed": [self.needed[arm] for arm in self.split],
                "posts_expected": [
                    self.expected[arm] if self.expected else pd.NA for arm in self.split
                ],
            }
        )

    def __str__(self) -> str:
        arms = ", ".join(f"{arm} {n:,}" for arm, n in self.needed.items())
        lines = [
            f"Plan for {self.experiment_id}",
            f"Based on {self.history_note}: {self.posts_per_week:.1f} a week.",
            f"To detect a {self.mde:.0%} change in {_label(self.metric)} "
            f"(alpha {self.alpha:g}, {self.power:.0%} power) you need {arms} posts "
            f"({self.total_needed:,} in all): about {_weeks(self.weeks_needed)} at that rate.",
        ]
        if self.expected is not None:
            expected = ", ".join(f"{arm} {n:,}" for arm, n in self.expected.items())
            reach = ", ".join(
                f"{effect:.1%}" if len(self.reachable_mde) == 1 else f"{arm} {effect:.1%}"
                for arm, effect in self.reachable_mde.items()
            )
            verdict = (
                "enough"
                if all(self.expected[a] >= n for a, n in self.needed.items())
                else "not enough"
            )
            lines.append(
                f"The period ({_weeks(self.period_weeks)}) should give about {expected} posts: "
                f"{verdict} for {self.mde:.0%}; the smallest change it can detect is {reach}."
            )
        else:
            lines.append("The period is open-ended, so no end date limits the posts.")
        return "\n".join(lines)


def _label(metric: str) -> str:
    return METRICS[metric].label


def _weeks(weeks: float | None) -> str:
    if weeks is None or not math.isfinite(weeks):
        return "an unknown number of weeks"
    return f"{weeks:.0f} week{'s' if round(weeks) != 1 else ''}"


def plan_experiment(experiment, posts: pd.DataFrame, data_dir: str | Path = ".", *, settings=None):
    """The numbers ``postlab plan`` prints and the planning notebook plots."""
    settings = settings or project_settings()
    history, note = _history(experiment, posts, data_dir, settings)
    if len(history) < 2:
        raise AnalysisError(
            f"{experiment.id}: need past posts of {', '.join(experiment.accounts) or 'the accounts'} "
            f"on {', '.join(experiment.platforms)} to plan, found {len(history)}"
        )
    control = experiment.control
    split = {arm: experiment.split[arm] for arm in experiment.arms}
    needed = {control: 0}
    for treatment in experiment.treatments:
        ratio = split[treatment] / split[control]
        n_control = posts_needed(
            history,
            experiment.primary_metric,
            experiment.mde,
            alpha=experiment.alpha,
            power=POWER,
            ratio=ratio,
        )
        needed[control] = max(needed[control], n_control)
        needed[treatment] = math.ceil(n_control * ratio - 1e-9)
    rate = posting_rate(history)
    period_weeks = expected = reachable = None
    start, end = experiment.period.start, experiment.period.end
    if start and end:
        period_weeks = ((end - start).days + 1) / 7
        expected = {arm: int(rate * period_weeks * share) for arm, share in split.items()}
        reachable = {
            treatment: detectable_effect(
                history,
                experiment.primary_metric,
                max(expected[control], 2),
                alpha=experiment.alpha,
                power=POWER,
                ratio=split[treatment] / split[control],
            )
            for treatment in experiment.treatments
        }
    return Plan(
        experiment_id=experiment.id,
        metric=experiment.primary_metric,
        mde=experiment.mde,
        alpha=experiment.alpha,
        power=POWER,
        history=history,
        history_note=note,
        posts_per_week=rate,
        needed=needed,
        period_weeks=period_weeks,
        expected=expected,
        reachable_mde=reachable,
        split=split,
    )


def _history(experiment, posts, data_dir, settings) -> tuple[pd.DataFrame, str]:
    """The accounts' past posts, narrowed to those in an arm when enough are labelled."""
    reason = scope_reasons(experiment, posts, settings, period=Period())
    scoped = posts[reason.isna()]
    start = experiment.period.start
    when = "all posts"
    if start is not None:
        before = scoped[local_times(scoped, settings).dt.date < start]
        if len(before):
            scoped, when = before, f"posts before {start}"
        else:
            when = f"all posts; none before {start}"
    note = (
        f"{len(scoped):,} past posts of {', '.join(experiment.accounts) or 'every account'} "
        f"on {', '.join(experiment.platforms)} ({when})"
    )
    if experiment.randomised:
        return scoped, note
    assigned = experiment.assignment.assign(scoped, experiment.arms, data_dir)
    in_arms = scoped[assigned.arm.notna()]
    if len(in_arms) >= MIN_ARM_HISTORY:
        return in_arms, f"{note}, {len(in_arms):,} of them in the arms"
    return scoped, f"{note}; too few in the arms, so all of them"
