"""BCa bootstrap over posts, for any metric.

Each arm is resampled on its own (posts, not impressions, are drawn). Resample
sums come from index arrays in blocks, and the acceleration uses the
leave-one-post-out ratios from sums, as scipy.stats.bootstrap does for
several samples, so nothing loops over posts or resamples.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from postlab.stats.delta import Estimate

RESAMPLES = 10_000
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
    rt_hat, rc_hat = xt.sum() / yt.sum(), xc.sum() / yc.sum()

    def bca(statistic):
        hat = statistic(rt_hat, rc_hat)
        accel = _acceleration([statistic(jack_t, rc_hat), statistic(rt_hat, jack_c)])
        return hat, _bca_interval(hat, statistic(rt, rc), accel, alpha), (statistic(rt, rc), accel)

    diff, abs_ci, (boots, accel) = bca(np.subtract)
    rel, rel_ci, _ = bca(lambda t, c: t / c - 1)
    return Estimate(
        abs_effect=diff,
        abs_ci=abs_ci,
        rel_effect=rel,
        rel_ci=rel_ci,
        p_value=_bca_p_value(diff, boots, accel),
    )


def _resampled_ratios(x: np.ndarray, y: np.ndarray, count: int, rng) -> np.ndarray:
    n = x.size
    block = max(1, _BLOCK_CELLS // max(n, 1))
    sums = []
    for start in range(0, count, block):
        idx = rng.integers(0, n, size=(min(block, count - start), n))
        sums.append((x[idx].sum(axis=1), y[idx].sum(axis=1)))
    sx, sy = (np.concatenate(parts) for parts in zip(*sums, strict=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        return sx / sy


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
    share = ((boots < hat).mean() + (boots <= hat).mean()) / 2
    return float(special.ndtri(share))


def _bca_interval(hat, boots, accel, alpha) -> tuple[float, float]:
    z0 = _bias(hat, boots)
    z = special.ndtri(np.array([alpha / 2, 1 - alpha / 2]))
    levels = special.ndtr(z0 + (z0 + z) / (1 - accel * (z0 + z)))
    low, high = np.nanpercentile(boots, 100 * levels)
    return float(low), float(high)


def _bca_p_value(hat: float, boots: np.ndarray, accel: float) -> float:
    """The alpha at which the BCa interval just touches zero, so p < alpha exactly when it excludes 0."""
    z0 = _bias(hat, boots)
    below = np.clip(
        (boots < 0).mean() + (boots == 0).mean() / 2, 0.5 / boots.size, 1 - 0.5 / boots.size
    )
    u = special.ndtri(below) - z0
    z = u / (1 + accel * u) - z0
    return float(min(1.0, 2 * min(special.ndtr(z), special.ndtr(-z))))
