"""Bootstrap over posts: the studentised bootstrap for small arms, and BCa.

Each arm is resampled on its own (posts, not impressions, are drawn). Resample
sums come from index arrays in blocks, so nothing loops over posts or resamples.

The studentised (bootstrap-t) test is what ``auto`` uses for fixed-sample
comparisons of arms up to a few hundred posts: a Welch t on the log ratio whose
reference distribution is the bootstrap distribution of |t|, not Student's t.
Skewed, heavy-tailed posts make Student's t too narrow (a 95 % interval that
covers 84-90 % of the time at 10-30 posts); the symmetric bootstrap-t keeps
coverage at 92-95 % from 10 posts per arm (``python -m benchmarks stats_sim``).
The interval and the p-value come from the same |t| quantiles, so p < alpha
exactly when the interval excludes no change.

BCa uses the leave-one-post-out ratios from sums for its acceleration, as
scipy.stats.bootstrap does for several samples.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from postlab.stats.delta import Estimate, Moments, Relative, welch_t

RESAMPLES = 10_000
STUDENTISED_RESAMPLES = 1_999  # with alpha 0.05, (B + 1) alpha is a whole number
_BLOCK_CELLS = 8_000_000


def bootstrap_test(
    xt: np.ndarray,
    yt: np.ndarray,
    xc: np.ndarray,
    yc: np.ndarray,
    *,
    alpha: float = 0.05,
    n_resamples: int = RESAMPLES,
    rng: np.random.Generator | int | None = None,
) -> Estimate:
    """BCa intervals for the absolute and relative effect; p-value by inverting the BCa interval."""
    rng = np.random.default_rng(rng)
    rt, rc = (
        _resampled_ratios(xt, yt, n_resamples, rng),
        _resampled_ratios(xc, yc, n_resamples, rng),
    )
    jack_t, jack_c = _jackknife_ratios(xt, yt), _jackknife_ratios(xc, yc)

    def bca(statistic):
        hat = statistic(rt_hat, rc_hat)
        accel = _acceleration([statistic(jack_t, rc_hat), statistic(rt_hat, jack_c)])
        return hat, _bca_interval(hat, statistic(rt, rc), accel, alpha), (statistic(rt, rc), accel)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rt_hat, rc_hat = xt.sum() / yt.sum(), xc.sum() / yc.sum()
        diff, abs_ci, _ = bca(np.subtract)
        rel, rel_ci, (boots, accel) = bca(lambda t, c: t / c - 1)
    return Estimate(
        abs_effect=diff,
        abs_ci=abs_ci,
        rel_effect=rel,
        rel_ci=rel_ci,
        p_value=_bca_p_value(rel, boots, accel),
    )


def studentised_test(
    xt: np.ndarray,
    yt: np.ndarray,
    xc: np.ndarray,
    yc: np.ndarray,
    *,
    alpha: float = 0.05,
    n_resamples: int = STUDENTISED_RESAMPLES,
    rng: np.random.Generator | int | None = None,
) -> Estimate:
    """Symmetric bootstrap-t intervals (relative on the log scale) and the p-value they imply."""
    rng = np.random.default_rng(rng)
    mt, mc = Moments.of(xt, yt), Moments.of(xc, yc)
    bt, bc = (
        _resampled_moments(xt, yt, n_resamples, rng),
        _resampled_moments(xc, yc, n_resamples, rng),
    )
    rel, boot_rel = Relative.of(mt, mc), Relative.of(bt, bc)
    rel_t = _abs_t(boot_rel.centre - rel.centre, boot_rel.se)
    q = _critical(rel_t, alpha)
    _, se, _ = welch_t(mt, mc)
    _, boot_se, _ = welch_t(bt, bc)
    diff = mt.ratio - mc.ratio
    abs_q = _critical(_abs_t(bt.ratio - bc.ratio - diff, boot_se), alpha)
    observed = np.abs(rel.statistic)
    return Estimate(
        abs_effect=diff,
        abs_ci=(diff - abs_q * se, diff + abs_q * se),
        rel_effect=rel.effect,
        rel_ci=rel.interval(q * rel.se),
        p_value=((rel_t >= observed).sum() + 1) / (rel_t.size + 1),
        statistic=rel.statistic,
    )


def _abs_t(shift: np.ndarray, se: np.ndarray) -> np.ndarray:
    """|t| of each resample; a resample whose t is undefined (an arm all zeros) counts as extreme."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.abs(shift / se)
    unmoved = (shift == 0) & (se == 0)  # posts all alike: the resample is the estimate, t is 0
    return np.where(unmoved, 0.0, np.where(np.isnan(t), np.inf, t))


def _critical(abs_t: np.ndarray, alpha: float) -> float:
    """The |t| that the p-value (count + 1) / (B + 1) crosses alpha at.

    p < alpha exactly when more than ``k`` resamples are at least as extreme is
    false, i.e. when |t| exceeds the (k + 1)-th largest resample, with
    k = ceil(alpha (B + 1) - 1) - 1.
    """
    k = int(np.ceil(alpha * (abs_t.size + 1) - 1)) - 1
    if k < 0:
        return np.inf
    return float(-np.partition(-abs_t, k)[k])


def _resampled_moments(x: np.ndarray, y: np.ndarray, count: int, rng) -> Moments:
    """Moments of ``count`` resamples of the arm's posts (sums of values shifted by their mean)."""
    n = x.size
    shift_x, shift_y = x.mean(), y.mean()
    dx, dy = x - shift_x, y - shift_y
    block = max(1, _BLOCK_CELLS // max(n, 1))
    sums = []
    for start in range(0, count, block):
        idx = rng.integers(0, n, size=(min(block, count - start), n))
        a, b = dx[idx], dy[idx]
        sums.append(np.stack([a.sum(1), b.sum(1), (a * a).sum(1), (b * b).sum(1), (a * b).sum(1)]))
    return Moments.from_sums(n, *np.concatenate(sums, axis=1), shift_x, shift_y)


def _resampled_ratios(x: np.ndarray, y: np.ndarray, count: int, rng) -> np.ndarray:
    return _resampled_moments(x, y, count, rng).ratio


def _jackknife_ratios(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (x.sum() - x) / (y.sum() - y)


def _acceleration(jackknives: list[np.ndarray]) -> float:
    """BCa acceleration over several samples (Efron & Tibshirani 14.15, per sample, summed)."""
    nums, dens = [], []
    for values in jackknives:
        n = values.size
        u = (n - 1) * (values.mean() - values)
        nums.append((u**3).sum() / n**3)
        dens.append((u**2).sum() / n**2)
    total = sum(dens)
    return float(sum(nums) / (6 * total**1.5)) if total > 0 else 0.0


def _bias(hat: float, boots: np.ndarray) -> float:
    """BCa's bias correction; kept finite (within half a resample of 0 and 1) when every
    resample lies on one side of the estimate."""
    share = ((boots < hat).mean() + (boots <= hat).mean()) / 2
    edge = 0.5 / boots.size
    return float(special.ndtri(np.clip(share, edge, 1 - edge)))


def _bca_interval(hat, boots, accel, alpha) -> tuple[float, float]:
    """The BCa interval; NaN where the estimate or the resamples are not finite numbers
    (an arm with nothing measured), which the verdict reports as "cannot be estimated"."""
    if not (np.isfinite(hat) and np.isfinite(accel) and np.isfinite(boots).all()):
        return np.nan, np.nan
    z0 = _bias(hat, boots)
    z = special.ndtri(np.array([alpha / 2, 1 - alpha / 2]))
    levels = special.ndtr(z0 + (z0 + z) / (1 - accel * (z0 + z)))
    low, high = np.percentile(boots, 100 * np.clip(np.nan_to_num(levels, nan=0.5), 0, 1))
    return float(low), float(high)


def _bca_p_value(hat: float, boots: np.ndarray, accel: float) -> float:
    """The alpha at which the BCa interval just touches zero, so p < alpha exactly when it excludes 0."""
    if not (np.isfinite(hat) and np.isfinite(accel) and np.isfinite(boots).all()):
        return np.nan
    z0 = _bias(hat, boots)
    below = np.clip(
        (boots < 0).mean() + (boots == 0).mean() / 2, 0.5 / boots.size, 1 - 0.5 / boots.size
    )
    u = special.ndtri(below) - z0
    z = u / (1 + accel * u) - z0
    return float(min(1.0, 2 * min(special.ndtr(z), special.ndtr(-z))))
