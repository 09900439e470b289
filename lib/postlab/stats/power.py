"""How many posts an experiment needs, from how much posts varied in the past.

The post is the unit: the spread that matters is the post-to-post spread of
the metric (for a ratio metric, of each post's delta-method linearised value,
divided by the ratio: a coefficient of variation).

A plan must deliver the power it promises, and three things made it fall
short (an 80 % promise delivered 57-73 %):

- a short, skewed history understates the spread: the viral posts that
  dominate the variance are rare, so 60 past posts usually have not seen
  them. Plans use an **upper bound** of the spread (``spread_bound``);
- a treatment that lifts the rate by the mde also lifts its arm's spread on
  the absolute scale by the same factor, so the treatment arm's variance is
  ``(1 + mde)²`` times the control's, not equal to it;
- a sequential analysis (looks every week) pays for its looks with a wider
  interval: ``n_per_arm(..., sequential=True)`` sizes on the confidence
  sequence of ``postlab.stats.sequential``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from postlab.exceptions import AnalysisError
from postlab.project import DEFAULT_POWER
from postlab.stats.delta import Moments, chi2_quantile, sample_kurtosis, t_quantile
from postlab.stats.metrics import Metric
from postlab.stats.metrics import metric as resolve_metric
from postlab.words import share

BOUND_LEVEL = 0.7  # one-sided confidence of the spread's upper bound (measured: delivers >= 80 %)
MAX_POSTS = 10**9  # posts per arm; past this a plan is reported as out of reach


@dataclass(frozen=True)
class Spread:
    """The post-to-post spread a plan assumes, and where it comes from.

    ``observed`` is the coefficient of variation of the history; ``planned``
    the upper bound the plan uses: the larger of a bound that allows for the
    history's own kurtosis and, for positive denominators, a bound that fits a
    lognormal to them (the tail a short history has not seen yet).
    """

    observed: float
    planned: float
    posts: int
    level: float
    kurtosis: float

    def __float__(self) -> float:
        return self.planned

    def __str__(self) -> str:
        return (
            f"a post-to-post spread (coefficient of variation) of {self.planned:.2f}, the "
            f"{share(self.level)} upper bound from {self.posts:,} past posts whose own spread was "
            f"{self.observed:.2f} (a history of skewed posts tends to understate it)"
        )


def posts_needed(
    posts: pd.DataFrame,
    metric: str | Metric,
    mde: float,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    sequential: bool = False,
) -> int:
    """Posts in the control arm (the other gets ``ratio`` times as many) to detect a relative change ``mde``."""
    _check_share(mde, "mde")
    cv = spread_bound(posts, metric).planned
    return n_per_arm(cv, mde, alpha=alpha, power=power, ratio=ratio, sequential=sequential)


def detectable_effect(
    posts: pd.DataFrame,
    metric: str | Metric,
    n_per_arm: int,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    sequential: bool = False,
) -> float:
    """The smallest relative change ``n_per_arm`` control posts detect with this power (inf: none)."""
    cv = spread_bound(posts, metric).planned
    return reachable(cv, n_per_arm, alpha=alpha, power=power, ratio=ratio, sequential=sequential)


def reachable(
    cv: float,
    n_control: int,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    sequential: bool = False,
) -> float:
    """The smallest relative change detected with this power, for a known spread (inf: none).

    A larger change also widens the treatment arm, so past some size more
    change stops helping: below the posts that size needs, no change will do.
    """
    if n_control < 2:
        raise AnalysisError("n_per_arm must be at least 2 posts", field="n_per_arm")

    def shortfall(log_effect: float) -> float:
        found = chance(
            cv, math.exp(log_effect), n_control, alpha=alpha, ratio=ratio, sequential=sequential
        )
        return float(found) - power

    from scipy import optimize  # only here: its import costs the plan a quarter of a second

    low, high = math.log(1e-6), math.log(1e3)
    if shortfall(high) < 0:
        return math.inf
    return math.exp(optimize.brentq(shortfall, low, high, xtol=1e-10))


def power_curve(
    posts: pd.DataFrame,
    metric: str | Metric,
    n_values,
    mde: float,
    *,
    alpha: float = 0.05,
    ratio: float = 1.0,
    sequential: bool = False,
) -> pd.DataFrame:
    """Power for each number of control posts, for plotting (columns posts_per_arm, power, mde)."""
    _check_share(mde, "mde")
    n = np.asarray(n_values, dtype=float)
    cv = spread_bound(posts, metric).planned
    found = chance(cv, mde, n, alpha=alpha, ratio=ratio, sequential=sequential)
    return pd.DataFrame({"posts_per_arm": n.astype(int), "power": found, "mde": mde})


def spread(posts: pd.DataFrame, metric: str | Metric) -> float:
    """Post-to-post coefficient of variation: sd of a post's linearised value over the ratio."""
    return _history(posts, metric)[0]


def spread_bound(posts: pd.DataFrame, metric: str | Metric, level: float = BOUND_LEVEL) -> Spread:
    """The spread a plan should assume: a one-sided ``level`` upper bound of it.

    Two bounds, the larger wins. (1) The sample variance's sampling error
    grows with the kurtosis of the posts' values (Var log s² ≈ 2/(n-1) + κ/n),
    so a history with a few outliers gets a wider bound. (2) For a ratio, each
    post's linearised value is its weight (denominator over the mean) times its
    relative deviation; a lognormal fitted to the positive denominators gives
    the mean squared weight, exp(σ²), from the well-estimated log-scale
    variance (taken at its chi-square upper bound), where the raw mean of
    squared weights misses the viral posts a short history has not had yet.
    Measured on simulated heavy-tailed histories (benchmarks/bench_plans.py),
    the larger of the two at 80 % delivers the promised power.
    """
    cv, values, (x, y) = _history(posts, metric)
    n = values.size
    z = special.ndtri(level)
    kurtosis = sample_kurtosis(values, bias=False) if n > 3 else 0.0
    if not math.isfinite(kurtosis):
        kurtosis = 0.0
    variance = cv * cv * math.exp(z * math.sqrt(2 / max(n - 1, 1) + max(kurtosis, 0.0) / n))
    lognormal = _lognormal_bound(x, y, level)
    if lognormal is not None:
        variance = max(variance, lognormal)
    return Spread(observed=cv, planned=math.sqrt(variance), posts=n, level=level, kurtosis=kurtosis)


def _history(posts: pd.DataFrame, metric: str | Metric):
    """Coefficient of variation, each post's relative linearised value, and the usable x, y."""
    m = resolve_metric(metric)
    x, y, usable = m.per_post(posts)
    if usable.sum() < 2:
        raise AnalysisError(
            f"need at least 2 past posts with {' and '.join(m.columns)} to estimate the spread of {m.label}"
        )
    x, y = x[usable], y[usable]
    moments = Moments.of(x, y)
    cv = float(np.sqrt(moments.post_variance) / abs(moments.ratio))
    if not np.isfinite(cv) or cv == 0:
        raise AnalysisError(f"the past posts' {m.label} does not vary, so power cannot be computed")
    values = (x - moments.ratio * y) / (moments.mean_y * moments.ratio)
    return cv, values, (x, y)


def _lognormal_bound(x: np.ndarray, y: np.ndarray, level: float) -> float | None:
    """Squared coefficient of variation with a lognormal tail for the weights (None: not fitted).

    A ratio metric's weights are the denominators; a per-post mean (all
    denominators one) puts its tail in the values themselves.
    """
    mean_metric = bool(np.all(y == 1))
    weights = x if mean_metric else y
    positive = weights > 0
    if positive.sum() < 10 or (not mean_metric and not positive.all()):
        return None
    logs = np.log(weights[positive])
    k = logs.size - 1
    variance = float(logs.var(ddof=1)) * k / chi2_quantile(1 - level, k)
    if mean_metric:
        return math.expm1(variance) if positive.all() else None
    rate = x.sum() / y.sum()
    deviation = (x / y / rate - 1) ** 2
    return math.exp(variance) * float((y * deviation).sum() / y.sum())


def chance(
    cv: float,
    effect: float,
    n_control,
    *,
    alpha: float = 0.05,
    ratio: float = 1.0,
    sequential: bool = False,
    equal_variances: bool = False,
):
    """Chance to find a true relative ``effect`` with ``n_control`` control posts.

    The treatment arm has ``ratio`` times the control's posts and, its rate
    being ``1 + effect`` times the control's, ``(1 + effect)²`` times its
    variance on the absolute scale. Fixed: a two-sided Welch test at
    ``alpha`` (noncentral t by its normal approximation). Sequential: the
    confidence sequence, tuned to end at these posts, excludes zero there.
    ``equal_variances`` drops the treatment arm's larger variance (the
    textbook case, Cohen's tables).
    """
    n = np.asarray(n_control, dtype=float)
    widen = 1.0 if equal_variances else (1 + effect) ** 2
    shift = abs(effect) / (cv * np.sqrt(1 / n + widen / (ratio * n)))
    if sequential:
        return special.ndtr(shift - _sequence_multiplier(n * (1 + ratio) / 2, alpha))
    q = t_quantile(1 - alpha / 2, np.maximum(n * (1 + ratio) - 2, 1))
    return special.ndtr(shift - q) + special.ndtr(-shift - q)


def _sequence_multiplier(posts_per_arm, alpha: float):
    """The sequence's half-width in standard errors at the posts it was tuned for."""
    from postlab.stats.sequential import halfwidth, rho

    posts = np.atleast_1d(posts_per_arm)
    width = [halfwidth(1.0, k, rho(k, alpha), alpha) for k in posts]
    return np.reshape(np.asarray(width, dtype=float), np.shape(posts_per_arm))


def n_per_arm(
    cv: float,
    effect: float,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    sequential: bool = False,
    equal_variances: bool = False,
) -> int:
    """Control posts for a relative ``effect`` when posts vary with coefficient of variation ``cv``.

    Never NaN: from just below the closed-form normal answer, the smallest
    number of posts whose power reaches the target (capped at ``MAX_POSTS``).
    """
    if not (math.isfinite(cv) and cv > 0):
        raise AnalysisError(
            f"the post-to-post spread is {cv}, so the posts needed cannot be computed"
        )
    if not (math.isfinite(effect) and effect != 0):
        raise AnalysisError(
            f"a change of {effect} cannot be planned for: give a positive mde", field="mde"
        )
    if not 0 < power < 1:
        raise AnalysisError(f"power must be between 0 and 1, not {power}", field="power")

    def reaches(n: int) -> bool:
        found = chance(
            cv,
            effect,
            n,
            alpha=alpha,
            ratio=ratio,
            sequential=sequential,
            equal_variances=equal_variances,
        )
        return bool(found >= power)

    z = special.ndtri(1 - alpha / 2) + special.ndtri(power)
    variance = cv * cv * (1 + (1.0 if equal_variances else (1 + effect) ** 2) / ratio)
    low = max(2, math.floor(0.98 * z * z * variance / (effect * effect)))
    if low >= MAX_POSTS:
        return MAX_POSTS
    if reaches(low):
        return low
    high, step = low, max(1, low // 32)
    while not reaches(high):  # t quantiles and the sequence's width: a few steps up
        low, high, step = high, high + step, 2 * step
        if high >= MAX_POSTS:
            return MAX_POSTS
    while high - low > 1:  # bisect to the first number of posts that reaches the power
        middle = (low + high) // 2
        low, high = (low, middle) if reaches(middle) else (middle, high)
    return int(high)


def _check_share(value: float, name: str) -> None:
    if not value or value <= 0:
        raise AnalysisError(f"{name} must be a positive share, e.g. 0.1 for 10 %", field=name)
