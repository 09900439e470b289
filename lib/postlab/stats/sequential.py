"""Confidence sequences: intervals that stay valid however often the team looks.

A team reruns its experiments every week. A fixed-sample 95 % interval read
every week excludes zero by chance at some look far more often than 5 % of the
time; a confidence sequence covers the truth at every look at once. These are
the asymptotic confidence sequences of Waudby-Smith et al. (2021, "Time-uniform
central limit theory and asymptotic confidence sequences", eq. 9, tuned by
eq. 161), as GrowthBook's gbstats computes them: the fixed-sample estimate and
standard error, with the normal quantile replaced by a wider multiplier that
depends on how far the experiment has run relative to its plan.

GrowthBook counts posts over both arms; here counts are per arm (the mean of
the two arms' posts). Only the ratio of posts seen to posts planned enters the
width, so both conventions give the same interval.
"""

from __future__ import annotations

import numpy as np

from postlab.exceptions import AnalysisError


def rho(planned_n_per_arm: float, alpha: float = 0.05) -> float:
    """The mixing parameter that makes the sequence narrowest at the planned number of posts."""
    if not planned_n_per_arm > 0:
        raise AnalysisError(
            f"planned posts per arm must be positive, not {planned_n_per_arm}",
            field="planned_posts",
        )
    if not 0 < alpha < 1:
        raise AnalysisError(f"alpha must be between 0 and 1, not {alpha}", field="alpha")
    log_alpha = np.log(alpha)
    return float(np.sqrt((-2 * log_alpha + np.log1p(-2 * log_alpha)) / planned_n_per_arm))


def multiplier(n_per_arm, rho: float, alpha: float = 0.05):
    """What the standard error is multiplied by (1.96 for a fixed 95 % interval; more here)."""
    x = np.asarray(n_per_arm, dtype=float) * rho * rho  # posts seen relative to the tuning
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sqrt(2 * (x + 1) / x * np.log(np.sqrt(x + 1) / alpha))


def halfwidth(se, n_per_arm, rho: float, alpha: float = 0.05):
    """Half the width of the confidence sequence for an estimate with standard error ``se``."""
    return np.asarray(se, dtype=float) * multiplier(n_per_arm, rho, alpha)


def p_value(z, n_per_arm, rho: float):
    """Always-valid p-value (eq. 155): below alpha exactly when the sequence excludes zero."""
    x = np.asarray(n_per_arm, dtype=float) * rho * rho
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.sqrt(x + 1) * np.exp(-x * z * z / (2 * (x + 1)))
    return np.minimum(p, 1.0)
