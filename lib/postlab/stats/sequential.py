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

import dataclasses

import numpy as np
from scipy import special

from postlab.exceptions import AnalysisError
from postlab.stats.delta import Estimate, Moments, Relative, welch_t


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


def sequence_test(
    treatment: Moments, control: Moments, rho: float, alpha: float = 0.05, kurtosis=(3.0, 3.0)
) -> Estimate:
    """The delta method's estimates with confidence sequences for intervals and an always-valid p.

    The same post-level variances as the fixed-sample test: the absolute
    sequence around the difference of the ratios, the relative one on the log
    scale (``Relative``); the p-value is below alpha exactly when the relative
    sequence excludes no change.

    Two small-sample corrections, which vanish as posts accumulate so that the
    sequence becomes GrowthBook's: each arm's variance is taken at its upper
    one-standard-error bound, 1 + sqrt((kurtosis - 1) / n) times the estimate
    (a few viral posts make a young experiment's variance look too small), and
    the normal multiplier is read as a Student t quantile with Welch's degrees
    of freedom. Without them, A/A experiments on heavy-tailed posts rerun
    weekly said adopt or reject at some look 10-15 % of the time, not 5 %.
    """
    treatment, control = _inflated(treatment, kurtosis[0]), _inflated(control, kurtosis[1])
    _, se, abs_df = welch_t(treatment, control)
    rel = Relative.of(treatment, control)
    n = (treatment.n + control.n) / 2
    z = multiplier(n, rho, alpha)
    diff = treatment.ratio - control.ratio
    half = se * t_multiplier(abs_df, z)
    as_normal = -special.ndtri(special.stdtr(rel.df, -np.abs(rel.statistic)))
    return Estimate(
        abs_effect=diff,
        abs_ci=(diff - half, diff + half),
        rel_effect=rel.effect,
        rel_ci=rel.interval(rel.se * t_multiplier(rel.df, z)),
        p_value=p_value(as_normal, n, rho),
        statistic=rel.statistic,
        df=rel.df,
    )


def t_multiplier(df, z):
    """The Student t quantile (``df``) with the normal upper tail beyond ``z`` above it.

    Early in a long plan z passes 8, where 1 - tail rounds to 1.0 and the
    quantile to infinity; the tail itself is read without cancelling (the
    t's isf form), and where even the tail underflows (z above about 37) from
    the t's power-law bound P(T > t) <= K df^((df - 1) / 2) t^-df, in logs:
    never narrower than the exact quantile, and equal to it once t² >> df.
    """
    df, z = np.broadcast_arrays(np.asarray(df, dtype=float), np.asarray(z, dtype=float))
    log_tail = special.log_ndtr(-z)
    tail = np.exp(log_tail)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        direct = -special.stdtrit(df, np.where(tail > _TINY_TAIL, tail, 0.5))
        log_k = special.gammaln((df + 1) / 2) - special.gammaln(df / 2) - 0.5 * np.log(df * np.pi)
        power_law = np.exp((log_k + (df - 1) / 2 * np.log(df) - log_tail) / df)
    quantile = np.where(tail > _TINY_TAIL, direct, np.maximum(power_law, z))
    return np.where(np.isnan(z) | np.isnan(df), np.nan, quantile)


_TINY_TAIL = 1e-200  # below this stdtrit loses its way; the power-law tail is exact there


def _inflated(arm: Moments, kurtosis) -> Moments:
    """The arm's moments with its variances at their upper one-standard-error bound."""
    excess = np.nan_to_num(np.maximum(np.asarray(kurtosis, dtype=float) - 1, 0.0))
    factor = 1 + np.sqrt(excess / arm.n)
    return dataclasses.replace(
        arm, var_x=arm.var_x * factor, var_y=arm.var_y * factor, cov_xy=arm.cov_xy * factor
    )
