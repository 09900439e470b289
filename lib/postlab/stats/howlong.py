"""How long until a verdict: one answer for the plan, the verdict, the record and the report.

Everywhere it means what the plan means: the posts per arm that give the
planned power to find a change of the mde (the smallest change worth acting
on), for the design the analysis reads (one fixed look, a group-sequential
design with weekly looks to a planned end, or the always-valid confidence
sequence), at the planned split, from a post-to-post spread. A running
experiment still needs that planned total minus the posts already in, never
below zero; where the experiment file fixes ``planned_posts`` for a design that
ends there (fixed, group-sequential), that is the planned total.

It sizes the wait, never the verdict: the interval alone decides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from postlab.exceptions import AnalysisError
from postlab.stats import groupseq
from postlab.stats.power import MAX_POSTS, n_per_arm, spread_bound

FROM_FILE = "the planned posts in the experiment file"
DESIGNS = ("fixed", "group-sequential", "always-valid")
OWN_SPREAD_POSTS = 30  # control posts with the metric before an experiment's own spread is used


def design_of(sequential: bool, planned_posts: int | None, spending: str | None) -> str:
    """The design ``compare`` reads: as its ``group`` rule decides."""
    if not sequential:
        return "fixed"
    return "group-sequential" if planned_posts and spending else "always-valid"


@dataclass(frozen=True)
class HowLong:
    """Posts per arm and in all that the plan needs, what is still to come, and the time."""

    design: str
    needed: dict[str, int]  # per arm: the planned total at the planned split
    split: dict[str, float]
    posts_per_week: float | None
    source: str  # where the planned total comes from: a spread, or the file's planned_posts
    have: dict[str, int] = field(default_factory=dict)  # posts already in, per arm

    @property
    def total_needed(self) -> int:
        """Posts in all, so that every arm gets its need at the planned split."""
        return _in_all(self.needed, self.split)

    @property
    def more(self) -> dict[str, int]:
        """Posts per arm still to come: the need minus the posts in, never below zero."""
        return {arm: max(0, n - self.have.get(arm, 0)) for arm, n in self.needed.items()}

    @property
    def more_total(self) -> int:
        """Posts in all still to come at the planned split, until every arm has its need."""
        return _in_all(self.more, self.split)

    @property
    def powered(self) -> bool:
        """The planned total was sized for the power at the mde (not written in the file)."""
        return self.source != FROM_FILE

    @property
    def reached(self) -> bool:
        return self.more_total == 0

    @property
    def out_of_reach(self) -> bool:
        return max(self.needed.values()) >= MAX_POSTS

    def weeks(self, posts: int | None = None) -> float | None:
        """Weeks for ``posts`` in all (default: those still to come) at the posting rate."""
        posts = self.more_total if posts is None else posts
        if not self.posts_per_week or self.out_of_reach:
            return None
        return posts / self.posts_per_week


def how_long(
    spread: float | None,
    mde: float | None,
    split: dict[str, float],
    *,
    alpha: float,
    power: float,
    design: str,
    posts_per_week: float | None,
    source: str,
    have: dict[str, int] | None = None,
    planned_posts: int | None = None,
    spending: str | None = groupseq.DEFAULT_SPENDING,
) -> HowLong | None:
    """The one answer to "how long" (None: no mde or spread to size it, and no planned total).

    ``split``: each arm's planned share, the control first; ``spread``: the
    post-to-post coefficient of variation the plan assumes (its upper bound).
    """
    if planned_posts and design != "always-valid":
        needed = {arm: math.ceil(planned_posts * part - 1e-9) for arm, part in split.items()}
        source = FROM_FILE
    elif mde and spread and math.isfinite(spread):
        needed = needed_per_arm(
            spread,
            mde,
            split,
            alpha=alpha,
            power=power,
            design=design,
            posts_per_week=posts_per_week,
            spending=spending or groupseq.DEFAULT_SPENDING,
        )
    else:
        return None
    return HowLong(design, needed, dict(split), posts_per_week, source, dict(have or {}))


def spread_for(own, history, metric, control: str) -> tuple[float | None, str]:
    """The spread to size the rest of a running experiment, and where it comes from: the
    spread seen in its own control posts when there are enough, else the history's (the
    plan's upper bound either way; None when neither has two posts with the metric)."""
    for posts, where, least in (
        (own, "its own {n:,} {control} posts", OWN_SPREAD_POSTS),
        (history, "{n:,} earlier posts of its accounts", 2),
    ):
        try:
            found = (
                spread_bound(posts, metric) if posts is not None and len(posts) >= least else None
            )
        except AnalysisError:
            found = None
        if found is not None and found.posts >= least:
            return (
                found.planned,
                f"the spread seen in {where.format(n=found.posts, control=control)}",
            )
    return None, ""


def needed_per_arm(
    spread: float,
    mde: float,
    split: dict[str, float],
    *,
    alpha: float,
    power: float,
    design: str,
    posts_per_week: float | None,
    spending: str = groupseq.DEFAULT_SPENDING,
) -> dict[str, int]:
    """Posts per arm for every treatment against the control (the first arm) at ``split``."""
    control, *treatments = split
    out = {control: 0}
    for treatment in treatments:
        ratio = split[treatment] / split[control]
        n = n_per_arm(
            spread,
            mde,
            alpha=alpha,
            power=power,
            ratio=ratio,
            sequential=design == "always-valid",
        )
        if design == "group-sequential" and n < MAX_POSTS:
            n = groupseq.planned_end(n, len(split), posts_per_week, alpha, power, spending)
        out[control] = max(out[control], n)
        out[treatment] = math.ceil(n * ratio - 1e-9)
    return out


def _in_all(per_arm: dict[str, int], split: dict[str, float]) -> int:
    return math.ceil(max(n / split[arm] for arm, n in per_arm.items()) - 1e-9)
