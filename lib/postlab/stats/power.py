"""How many posts an experiment needs, from how much posts varied in the past.

The post is the unit: the spread that matters is the post-to-post spread of
the metric (for a ratio metric, of each post's delta-method linearised value),
which statsmodels' two-sample t-test power then turns into posts per arm.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import special
from statsmodels.stats.power import TTestIndPower

from postlab.exceptions import AnalysisError
from postlab.project import DEFAULT_POWER
from postlab.stats.delta import Moments
from postlab.stats.metrics import Metric
from postlab.stats.metrics import metric as resolve_metric

_NORMAL_BEYOND = 1_000_000  # posts per arm; past this the t and normal answers agree


def posts_needed(
    posts: pd.DataFrame,
    metric: str | Metric,
    mde: float,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> int:
    """Posts per arm (the control arm; the other gets ``ratio`` times as many) to detect a relative change ``mde``."""
    _check_share(mde, "mde")
    return n_per_arm(spread(posts, metric), mde, alpha=alpha, power=power, ratio=ratio)


def detectable_effect(
    posts: pd.DataFrame,
    metric: str | Metric,
    n_per_arm: int,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> float:
    """The smallest relative change ``n_per_arm`` posts per arm detect with this power."""
    if n_per_arm < 2:
        raise AnalysisError("n_per_arm must be at least 2 posts", field="n_per_arm")
    d = TTestIndPower().solve_power(nobs1=n_per_arm, alpha=alpha, power=power, ratio=ratio)
    return float(d * spread(posts, metric))


def power_curve(
    posts: pd.DataFrame,
    metric: str | Metric,
    n_values,
    mde: float,
    *,
    alpha: float = 0.05,
    ratio: float = 1.0,
) -> pd.DataFrame:
    """Power for each number of posts per arm, for plotting (columns posts_per_arm, power, mde)."""
    _check_share(mde, "mde")
    n = np.asarray(n_values, dtype=float)
    d = mde / spread(posts, metric)
    power = TTestIndPower().power(d, nobs1=n, alpha=alpha, ratio=ratio)
    return pd.DataFrame({"posts_per_arm": n.astype(int), "power": power, "mde": mde})


def spread(posts: pd.DataFrame, metric: str | Metric) -> float:
    """Post-to-post coefficient of variation: sd of a post's linearised value over the ratio."""
    m = resolve_metric(metric)
    x, y, usable = m.per_post(posts)
    if usable.sum() < 2:
        raise AnalysisError(
            f"need at least 2 past posts with {' and '.join(m.columns)} to estimate the spread of {m.label}"
        )
    moments = Moments.of(x[usable], y[usable])
    cv = float(np.sqrt(moments.post_variance) / abs(moments.ratio))
    if not np.isfinite(cv) or cv == 0:
        raise AnalysisError(f"the past posts' {m.label} does not vary, so power cannot be computed")
    return cv


def n_per_arm(cv: float, effect: float, *, alpha=0.05, power=DEFAULT_POWER, ratio=1.0) -> int:
    """Posts per arm for a relative ``effect`` when posts vary with coefficient of variation ``cv``."""
    d = abs(effect) / cv
    z = special.ndtri(1 - alpha / 2) + special.ndtri(power)
    normal = z * z * (1 + 1 / ratio) / (d * d)
    if normal > _NORMAL_BEYOND:
        return math.ceil(normal)
    return math.ceil(
        TTestIndPower().solve_power(effect_size=d, alpha=alpha, power=power, ratio=ratio)
    )


def _check_share(value: float, name: str) -> None:
    if not value or value <= 0:
        raise AnalysisError(f"{name} must be a positive share, e.g. 0.1 for 10 %", field=name)
