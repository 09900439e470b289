"""A group-sequential analysis read at every weekly look up to the planned posts.

The looks are the weeks of the data themselves (every post published by the
end of each week since the first, and the posts so far), so a rerun
reconstructs every earlier look whenever the team actually ran it: a
verdict, once a boundary is crossed, stays the same at every later rerun, and
an extra or skipped rerun changes nothing. Each look's information fraction
is its posts over the planned posts (``postlab.stats.groupseq``); the final
look is at the planned posts (later posts are left out, as in a fixed design).

Each look's estimate comes from ``postlab.stats.covariates.analyse`` (the
chosen effect, adjusted for the covariates, stratified by the strata) and
its repeated confidence interval is the estimate ± the look's boundary times
the standard error, the boundary's normal tail read on Welch's t with the
fit's degrees of freedom; the verdict reads that interval, so they agree.
With several treatment arms the alpha is split evenly between them (Bonferroni).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from postlab.stats import covariates as adjust
from postlab.stats import groupseq
from postlab.stats import sequential as seq
from postlab.stats.delta import Estimate

WEEK = pd.Timedelta(days=7)


@dataclass(frozen=True)
class Look:
    """One treatment's reading at one look."""

    week: int
    posts: int
    fraction: float
    boundary: float
    estimate: Estimate
    analysis: adjust.Analysis

    @property
    def crossed(self) -> bool:
        low, high = self.estimate.rel_ci
        return bool(low > 0 or high < 0)


def week_of(posts: pd.DataFrame) -> np.ndarray:
    """Weeks since the first post (0, 1, ...); undated posts count in the last week."""
    when = pd.to_datetime(posts["published_at"], utc=True)
    weeks = ((when - when.min()) // WEEK).to_numpy(dtype=float, na_value=np.nan)
    return np.nan_to_num(weeks, nan=np.nanmax(weeks) if np.isfinite(weeks).any() else 0).astype(int)


def read_looks(
    posts: pd.DataFrame,
    arm: str,
    control: str,
    treatments: list[str],
    metric,
    planned_posts: int,
    *,
    alpha: float,
    spending: str,
    min_posts: int,
    effect: str,
    covariates=(),
    strata=(),
    history=None,
    screen: bool = False,
) -> dict[str, list[Look]]:
    """Every treatment's looks up to and including the first that crosses its boundary."""
    weeks = week_of(posts)
    counts = []
    for week in np.unique(weeks):
        inside = weeks <= week
        per_arm = posts.loc[inside, arm].astype("string").value_counts()
        if all(per_arm.get(a, 0) >= min_posts for a in [control, *treatments]):
            counts.append((int(week), int(inside.sum())))
    if not counts:
        return {t: [] for t in treatments}
    fractions = [n / planned_posts for _, n in counts]
    bounds = groupseq.boundaries(fractions, alpha / len(treatments), spending)
    looks: dict[str, list[Look]] = {t: [] for t in treatments}
    open_arms = set(treatments)
    names = list(covariates) + [s for s in strata if s not in covariates]
    blocks = adjust.covariate_blocks(posts, names, metric, history)
    for (week, n), fraction, b in zip(counts, fractions, bounds.z, strict=True):
        inside = weeks <= week
        found = adjust.analyse(
            posts.loc[inside],
            arm,
            control,
            sorted(open_arms, key=treatments.index),
            metric,
            effect=effect,
            covariates=covariates,
            strata=strata,
            history=history,
            screen=screen,
            blocks={name: block[inside] for name, block in blocks.items()},
        )
        for name, fit in found.fits.items():
            multiplier = float(seq.t_multiplier(max(fit.df, 1.0), b))
            look = Look(week, n, fraction, b, fit.estimate(multiplier, p_value=None), found)
            looks[name].append(look)
            if look.crossed:
                open_arms.discard(name)
        if not open_arms:
            break
    return looks
