"""Ratio of per-arm means with the post as the unit, and its delta-method variance.

Everything here broadcasts over leading axes, so a simulation can test
thousands of replicate experiments in one call, and the leave-one-post-out
check gets every "drop one post" estimate from sums, without refitting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special


@dataclass(frozen=True)
class Moments:
    """Posts, means, variances and covariance of numerator x and denominator y."""

    n: np.ndarray
    mean_x: np.ndarray
    mean_y: np.ndarray
    var_x: np.ndarray
    var_y: np.ndarray
    cov_xy: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, y: np.ndarray) -> Moments:
        n = np.asarray(x.shape[-1], dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):  # an arm with no posts: NaN
            mean_x, mean_y = x.sum(axis=-1) / n, y.sum(axis=-1) / n
        dx, dy = x - mean_x[..., None], y - mean_y[..., None]
        ddof = np.maximum(n - 1, 1)
        return cls(
            n,
            mean_x,
            mean_y,
            (dx * dx).sum(axis=-1) / ddof,
            (dy * dy).sum(axis=-1) / ddof,
            (dx * dy).sum(axis=-1) / ddof,
        )

    @classmethod
    def from_sums(cls, n, sx, sy, sxx, syy, sxy, shift_x=0.0, shift_y=0.0) -> Moments:
        """Moments from raw sums of (shifted) values; shifting first keeps the sums accurate."""
        ddof = np.maximum(n - 1, 1)
        return cls(
            np.asarray(n, dtype=float),
            sx / n + shift_x,
            sy / n + shift_y,
            _not_below_zero((sxx - sx * sx / n) / ddof),
            _not_below_zero((syy - sy * sy / n) / ddof),
            (sxy - sx * sy / n) / ddof,
        )

    @property
    def ratio(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.mean_x / self.mean_y

    @property
    def post_variance(self) -> np.ndarray:
        """Variance of one post's linearised value (x - R y) / mean_y."""
        r = self.ratio
        with np.errstate(divide="ignore", invalid="ignore"):
            return _not_below_zero(
                (self.var_x - 2 * r * self.cov_xy + r * r * self.var_y) / self.mean_y**2
            )

    @property
    def variance(self) -> np.ndarray:
        """Delta-method variance of the arm's ratio estimate."""
        return self.post_variance / self.n


def _not_below_zero(variance):
    """A variance that rounding took a hair below zero (identical posts, sums of large values) is zero."""
    return np.where(variance < 0, 0.0, variance)


def kurtosis(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample kurtosis of each post's linearised value x - R y (3 for normal posts; NaN if constant)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = x.sum(axis=-1, keepdims=True) / y.sum(axis=-1, keepdims=True)
        v = x - ratio * y
        v = v - v.mean(axis=-1, keepdims=True)
        return (v**4).mean(axis=-1) / (v * v).mean(axis=-1) ** 2


def leave_one_out(x: np.ndarray, y: np.ndarray) -> Moments:
    """Moments of the arm without post i, for every i, from deviations (stable, no refitting)."""
    n = x.shape[-1]
    mean_x, mean_y = x.mean(axis=-1, keepdims=True), y.mean(axis=-1, keepdims=True)
    dx, dy = x - mean_x, y - mean_y
    m = n - 1
    ddof = max(m - 1, 1)
    shrink = n / m
    return Moments(
        np.asarray(m, dtype=float),
        mean_x - dx / m,
        mean_y - dy / m,
        ((dx * dx).sum(axis=-1, keepdims=True) - shrink * dx * dx) / ddof,
        ((dy * dy).sum(axis=-1, keepdims=True) - shrink * dy * dy) / ddof,
        ((dx * dy).sum(axis=-1, keepdims=True) - shrink * dx * dy) / ddof,
    )


@dataclass(frozen=True)
class Estimate:
    """One comparison of treatment against control (arrays when vectorised)."""

    abs_effect: np.ndarray
    abs_ci: tuple[np.ndarray, np.ndarray]
    rel_effect: np.ndarray
    rel_ci: tuple[np.ndarray, np.ndarray]
    p_value: np.ndarray | None
    statistic: np.ndarray | None = None
    df: np.ndarray | None = None


def welch_t(treatment: Moments, control: Moments) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Welch's t, its standard error and Satterthwaite degrees of freedom."""
    vt, vc = treatment.variance, control.variance
    se = np.sqrt(vt + vc)
    diff = treatment.ratio - control.ratio
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (vt + vc) ** 2 / (vt**2 / (treatment.n - 1) + vc**2 / (control.n - 1))
        t = np.where(se > 0, diff / se, np.sign(diff) * np.inf)
    df = np.where(np.isfinite(df), df, treatment.n + control.n - 2)
    return np.nan_to_num(t, nan=0.0, posinf=np.inf, neginf=-np.inf), se, df


def delta_test(treatment: Moments, control: Moments, alpha: float = 0.05) -> Estimate:
    """Welch t on delta-method variances; the relative effect tested on the log scale.

    The p-value, the statistic and the degrees of freedom are the relative
    test's, so that p < alpha exactly when the relative interval (the one the
    verdict reads) excludes no change. The absolute interval is Welch's on the
    difference of the ratios.
    """
    _, se, df = welch_t(treatment, control)
    q_abs = t_quantile(1 - alpha / 2, df)
    diff = treatment.ratio - control.ratio
    rel = Relative.of(treatment, control)
    q = t_quantile(1 - alpha / 2, rel.df)
    return Estimate(
        abs_effect=diff,
        abs_ci=(diff - q_abs * se, diff + q_abs * se),
        rel_effect=rel.effect,
        rel_ci=rel.interval(q * rel.se),
        p_value=two_sided_p(rel.statistic, rel.df),
        statistic=rel.statistic,
        df=rel.df,
    )


def t_quantile(q, df):
    """Student's t quantile, ``scipy.stats.t.ppf(q, df)`` (the same ufunc underneath).

    The statistics the command line needs (plan, check) take their
    distributions from ``scipy.special``: importing ``scipy.stats`` alone
    costs about half a second at every start.
    """
    return special.stdtrit(df, q)


def chi2_quantile(q, df):
    """Chi-square quantile, ``scipy.stats.chi2.ppf(q, df)`` (its formula, from the same ufunc)."""
    return 2 * special.gammaincinv(df / 2, q)


def sample_kurtosis(values: np.ndarray, *, fisher: bool = True, bias: bool = True) -> float:
    """``scipy.stats.kurtosis(values, fisher=fisher, bias=bias)`` of a 1-d array, by its formula.

    NaN for constant values, as there; without importing ``scipy.stats``.
    """
    n = values.size
    mean = values.mean()
    squares = (values - mean) ** 2
    m2, m4 = squares.mean(), (squares**2).mean()
    if m2 <= (np.finfo(float).eps * mean) ** 2:
        found = math.nan
    else:
        found = m4 / m2**2.0
        if not bias and n > 3:
            found = 1.0 / (n - 2) / (n - 3) * ((n**2 - 1.0) * m4 / m2**2.0 - 3 * (n - 1) ** 2.0)
            found += 3.0
    return float(found - 3 if fisher else found)


def two_sided_p(t: np.ndarray, df: np.ndarray) -> np.ndarray:
    """Two-sided p-value of Welch's t (the raw ufunc: fast on a million leave-one-out values)."""
    return 2 * special.stdtr(df, -np.abs(t))


@dataclass(frozen=True)
class Relative:
    """The relative effect on the scale it is tested on, as tea-tasting computes it.

    Where both ratios are positive: log(R_t/R_c), standard error
    sqrt(var_t/R_t² + var_c/R_c²) and Welch-Satterthwaite degrees of freedom
    from those log-scale variances. Elsewhere (a metric that can be negative):
    R_t/R_c - 1 with its plain delta-method standard error and the absolute
    test's degrees of freedom. An arm whose ratio is zero (nothing measured)
    has no relative effect to estimate: NaN.
    """

    centre: np.ndarray
    se: np.ndarray
    df: np.ndarray
    log: np.ndarray

    @classmethod
    def of(cls, treatment: Moments, control: Moments) -> Relative:
        rt, rc = treatment.ratio, control.ratio
        vt, vc = treatment.variance, control.variance
        with np.errstate(divide="ignore", invalid="ignore"):
            log = (rt > 0) & (rc > 0)
            at, ac = vt / rt**2, vc / rc**2
            log_df = (at + ac) ** 2 / (at**2 / (treatment.n - 1) + ac**2 / (control.n - 1))
            log_df = np.where(np.isfinite(log_df), log_df, treatment.n + control.n - 2)
            plain_se = np.sqrt(vt / rc**2 + rt**2 * vc / rc**4)
            centre = np.where(log, np.log(np.where(log, rt / rc, 1.0)), rt / rc - 1)
        _, _, plain_df = welch_t(treatment, control)
        centre = np.where((rt == 0) | (rc == 0), np.nan, centre)  # an arm with nothing measured
        return cls(
            centre=centre,
            se=np.where(log, np.sqrt(at + ac), plain_se),
            df=np.where(log, log_df, plain_df),
            log=log,
        )

    @property
    def effect(self) -> np.ndarray:
        return np.where(self.log, np.expm1(self.centre), self.centre)

    @property
    def statistic(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(self.se > 0, self.centre / self.se, np.sign(self.centre) * np.inf)
        return np.nan_to_num(t, nan=0.0, posinf=np.inf, neginf=-np.inf)

    def interval(self, half) -> tuple[np.ndarray, np.ndarray]:
        """The relative interval centre ± half on the tested scale, as R_t/R_c - 1."""
        low, high = self.centre - half, self.centre + half
        with np.errstate(over="ignore"):  # an open end early in a long plan: +inf
            return (
                np.where(self.log, np.expm1(low), low),
                np.where(self.log, np.expm1(high), high),
            )
