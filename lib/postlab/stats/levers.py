"""What would make a verdict come sooner: each lever's time to a verdict, from the history.

``postlab plan`` asks this module how many posts each way of running the
experiment needs, sized from the team's own past posts:

- the **analysis**: the always-valid confidence sequence (looks forever), a
  group-sequential design (weekly looks to a planned end, Lan-DeMets
  O'Brien-Fleming-type spending: ``postlab.stats.groupseq``), or one fixed look;
- the **effect**: ratio-of-sums, or the typical post (``postlab.stats.covariates``);
  the typical post's spread is the standard deviation of log(rate + c) over
  the history (within the arms, when the assignment can tell), taken at its
  90 % chi-square upper bound, and the planned
  shift is the mean of log((1 + mde) r + c) - log(r + c) over the history's
  rates r, so the offset's damping of small rates is allowed for;
- **regression adjustment**: the share of the history's variance the
  pre-posting covariates predict left-one-out (PRESS), so a covariate that
  only fits noise promises nothing;
- **more accounts**: the posting rate times the number of teams running the
  same experiment (as noisy as this one, each stratified by account).

Every size goes through ``postlab.stats.power.n_per_arm`` (and so the same
treatment-arm widening and t quantiles) and every duration through one
``weeks`` function the caller gives, so the wording lives in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from postlab.exceptions import AnalysisError
from postlab.stats import covariates as adjust
from postlab.stats import groupseq
from postlab.stats.delta import chi2_quantile
from postlab.stats.metrics import metric as resolve_metric
from postlab.stats.power import n_per_arm

TEAMS = (8, 32)
# the typical post's spread is taken at this upper bound: the log scale's spread is well
# estimated, so the bound is the plan's only margin (at 0.7 resampled real posts
# delivered 80 % power on average, half the histories short of it)
TYPICAL_BOUND_LEVEL = 0.9  # the force-wide lines: this many teams running the same experiment


@dataclass(frozen=True)
class Spreads:
    """The history's spreads: ratio-of-sums cv, typical-post sd and shift, and what adjustment removes."""

    ratio_cv: float
    typical_sd: float
    typical_shift: float
    offset: float
    reduction: dict[str, float]  # effect -> share of variance the covariates predict
    covariates: list[str]


def history_spreads(
    history: pd.DataFrame, metric, mde: float, ratio_cv: float, arm_columns=(), arms=None
) -> Spreads:
    """The typical post's spread and shift and the adjustment's reduction, from past posts.

    Covariates read from ``arm_columns`` (what assigns the arms, e.g. has_media
    in a media-vs-text test) are left out: in the experiment they are the arms.
    With ``arms`` (each past post's arm, when the assignment can tell), the
    spread is the one within the arms, as the experiment will see it.
    """
    m = resolve_metric(metric)
    x, y, usable = m.per_post(history)
    usable = usable & (y > 0)
    x, y = x[usable], y[usable]
    if usable.sum() < 3:
        raise AnalysisError(f"need at least 3 past posts with {m.label} to size the levers")
    rates = x / y
    positive = rates[rates > 0]
    if positive.size == 0:
        raise AnalysisError(f"every past post's {m.label} is zero: nothing to size from")
    c = float(np.quantile(positive, adjust.OFFSET_QUANTILE))
    values = np.log(rates + c)
    groups = (
        np.zeros(values.size, dtype=int)
        if arms is None
        else pd.factorize(pd.Series(arms).astype("string").to_numpy()[usable])[0]
    )
    residuals = values - pd.Series(values).groupby(groups).transform("mean").to_numpy()
    k = values.size - len(np.unique(groups))
    sd = float(np.sqrt((residuals**2).sum() / chi2_quantile(1 - TYPICAL_BOUND_LEVEL, k)))
    shift = float(np.mean(np.log((1 + mde) * rates + c) - values))
    frame = history.loc[usable]
    arm_columns = set(arm_columns) | ({"has_media"} if "media_type" in arm_columns else set())
    names = [n for n in adjust.default_covariates(frame) if adjust.COLUMNS[n] not in arm_columns]
    reduction = {
        effect: adjust.predicted_share(frame, m, names, effect, c) for effect in adjust.EFFECTS
    }
    return Spreads(ratio_cv, sd, shift, c, reduction, names)


@dataclass(frozen=True)
class Option:
    """One way to run the experiment and the posts and weeks it needs."""

    name: str
    effect: str
    analysis: str  # "confidence sequence" | "group-sequential" | "fixed"
    adjusted: bool
    teams: int
    posts_per_arm: int
    weeks: float
    now: bool  # the team can choose it on its own, today

    def to_dict(self) -> dict:
        return {
            "lever": self.name,
            "effect": self.effect,
            "analysis": self.analysis,
            "adjusted": self.adjusted,
            "teams": self.teams,
            "posts_per_arm": self.posts_per_arm,
            "weeks": None if math.isinf(self.weeks) else round(self.weeks, 1),
            "team_can_choose_now": self.now,
        }


def options(
    spreads: Spreads,
    mde: float,
    posts_per_week: float,
    *,
    alpha: float,
    power: float,
    arms: int = 2,
    current_analysis: str = "confidence sequence",
) -> list[Option]:
    """Each lever alone, then together, then with 8 and with 32 teams."""

    def option(name, effect, analysis, adjusted=False, teams=1, now=True) -> Option:
        n = posts_per_arm(
            spreads, mde, effect, analysis, adjusted, posts_per_week * teams, alpha, power, arms
        )
        rate = posts_per_week * teams
        weeks = n * arms / rate if rate > 0 else math.inf
        return Option(name, effect, analysis, adjusted, teams, n, weeks, now)

    base = current_analysis
    out = [
        option("alone (ratio of sums, no lever)", "ratio-of-sums", base),
        option(
            "group-sequential: weekly looks to a planned end", "ratio-of-sums", "group-sequential"
        ),
        option("typical post", "typical-post", base),
        option("regression adjustment", "ratio-of-sums", base, adjusted=True),
    ]
    combined_effect = "typical-post" if out[2].weeks <= out[0].weeks else "ratio-of-sums"
    together = option("all three together", combined_effect, "group-sequential", adjusted=True)
    out.append(together)
    for teams in TEAMS:
        out.append(
            option(
                f"with {teams} teams running it (force-wide)",
                together.effect,
                "group-sequential",
                adjusted=True,
                teams=teams,
                now=False,
            )
        )
    return out


def posts_per_arm(spreads, mde, effect, analysis, adjusted, rate, alpha, power, arms=2) -> int:
    """Posts per arm for one way of running it (``rate``: posts a week, for the looks' price)."""
    share = 1 - (spreads.reduction.get(effect, 0.0) if adjusted else 0.0)
    if effect == "typical-post":
        spread, change, equal = spreads.typical_sd * math.sqrt(share), spreads.typical_shift, True
    else:
        spread, change, equal = spreads.ratio_cv * math.sqrt(share), mde, False
    sequential = analysis == "confidence sequence"
    n = n_per_arm(
        spread, change, alpha=alpha, power=power, sequential=sequential, equal_variances=equal
    )
    if analysis != "group-sequential":
        return n
    return groupseq.planned_end(n, arms, rate, alpha, power)
