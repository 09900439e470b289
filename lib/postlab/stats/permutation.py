"""Permutation test over posts for small arms, where a t approximation is shaky.

The statistic is Welch's t on delta-method variances (a studentised
permutation test, which stays valid when the arms' spreads differ). All splits
are enumerated when there are few of them; otherwise random splits are drawn
from a seed. Splits are membership matrices, so the sums for every split come
from one matrix product per block: no loop over posts or splits.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from postlab.stats.delta import Moments, welch_t

MAX_EXACT_SPLITS = 20_000
RANDOM_SPLITS = 10_000
_BLOCK_CELLS = 4_000_000  # splits x posts per matrix product, to bound memory


@dataclass(frozen=True)
class PermutationResult:
    p_value: np.ndarray
    statistic: np.ndarray
    splits: int
    exact: bool

    @property
    def description(self) -> str:
        how = "all" if self.exact else "random"
        return f"permutation ({how} {self.splits:,} splits)"


def permutation_test(
    xt: np.ndarray,
    yt: np.ndarray,
    xc: np.ndarray,
    yc: np.ndarray,
    *,
    n_resamples: int = RANDOM_SPLITS,
    rng: np.random.Generator | int | None = None,
    max_exact: int = MAX_EXACT_SPLITS,
) -> PermutationResult:
    """Two-sided p-value of the treatment/control ratio difference; leading axes are replicates."""
    n_t, n_c = xt.shape[-1], xc.shape[-1]
    x = np.concatenate([xt, xc], axis=-1)
    y = np.concatenate([yt, yc], axis=-1)
    exact = math.comb(n_t + n_c, n_t) <= max_exact
    members = (
        _all_splits(n_t + n_c, n_t)
        if exact
        else _random_splits(n_t + n_c, n_t, n_resamples, np.random.default_rng(rng))
    )
    observed = _split_statistics(x, y, _first(n_t + n_c, n_t)[None, :])[..., 0]
    extreme = np.zeros(observed.shape)
    threshold = np.abs(observed)[..., None] * (1 - 1e-9)
    block = max(1, _BLOCK_CELLS // (n_t + n_c))
    for start in range(0, len(members), block):
        t = _split_statistics(x, y, members[start : start + block])
        extreme += (np.abs(t) >= threshold).sum(axis=-1)
    splits = len(members)
    p = extreme / splits if exact else (extreme + 1) / (splits + 1)
    return PermutationResult(p_value=p, statistic=observed, splits=splits, exact=exact)


def _split_statistics(x: np.ndarray, y: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Welch t for each split (rows of ``members``: 1 = treatment) and each replicate."""
    shift_x, shift_y = x.mean(axis=-1, keepdims=True), y.mean(axis=-1, keepdims=True)
    dx, dy = x - shift_x, y - shift_y
    columns = np.stack([dx, dy, dx * dx, dy * dy, dx * dy], axis=-2)  # (..., 5, posts)
    weights = members.astype(float)
    treated = columns @ weights.T  # (..., 5, splits)
    control = columns.sum(axis=-1, keepdims=True) - treated
    n_t = weights[0].sum()
    n_c = x.shape[-1] - n_t
    t, _, _ = welch_t(
        Moments.from_sums(n_t, *np.moveaxis(treated, -2, 0), shift_x, shift_y),
        Moments.from_sums(n_c, *np.moveaxis(control, -2, 0), shift_x, shift_y),
    )
    return t


def _first(n: int, k: int) -> np.ndarray:
    return np.arange(n) < k


def _all_splits(n: int, k: int) -> np.ndarray:
    chosen = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    members = np.zeros((len(chosen), n), dtype=bool)
    np.put_along_axis(members, chosen, True, axis=1)
    return members


def _random_splits(n: int, k: int, count: int, rng: np.random.Generator) -> np.ndarray:
    return rng.permuted(np.tile(_first(n, k), (count, 1)), axis=1)


def permutation_interval(
    xt: np.ndarray,
    yt: np.ndarray,
    xc: np.ndarray,
    yc: np.ndarray,
    *,
    alpha: float = 0.05,
    seed: int | np.random.SeedSequence = 0,
    n_resamples: int = RANDOM_SPLITS,
    tolerance: float = 1e-3,
) -> tuple[float, float]:
    """The log ratios not rejected by the permutation test: the test, inverted.

    A log ratio theta is tested by scaling the treatment's numerators by
    exp(-theta) and permuting, with the same splits for every theta, so the
    interval excludes no change exactly when the test at theta = 0 rejects.
    Each end is found by doubling away from the estimate (an end that is not
    reached within a factor of e^50 is open: -100 % or no upper limit), then
    bisection to ``tolerance`` on the log scale; both loops are bounded. Where
    the estimate is not a finite log ratio (an arm's rate zero, 0/0, negative
    or infinite) there is no interval to find: NaN.
    """

    def p(theta: float) -> float:
        rng = np.random.default_rng(seed)
        scaled = xt * np.exp(-theta)
        return float(permutation_test(scaled, yt, xc, yc, n_resamples=n_resamples, rng=rng).p_value)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rt, rc = xt.sum() / yt.sum(), xc.sum() / yc.sum()
        centre = float(np.log(rt) - np.log(rc))
        se = float(
            np.sqrt(Moments.of(xt, yt).variance / rt**2 + Moments.of(xc, yc).variance / rc**2)
        )
    if not np.isfinite(centre):
        return np.nan, np.nan
    step = se if np.isfinite(se) and se > 0 else 0.1
    ends = [_end(p, centre, direction * step, alpha, tolerance) for direction in (-1.0, 1.0)]
    return float(np.expm1(ends[0])), float(np.expm1(ends[1]))


_OPEN_BEYOND = 50.0  # log ratio; an end not reached by then is open
_MAX_BISECTIONS = 60


def _end(p, centre: float, step: float, alpha: float, tolerance: float) -> float:
    """One end of the inverted test: the last log ratio not rejected on this side of ``centre``."""
    inside, outside = centre, centre + step
    while p(outside) >= alpha:
        inside, outside = outside, centre + 2 * (outside - centre)
        if abs(outside - centre) > _OPEN_BEYOND:
            return float(np.sign(step) * np.inf)
    for _ in range(_MAX_BISECTIONS):
        if abs(outside - inside) <= tolerance:
            break
        middle = (inside + outside) / 2
        inside, outside = (middle, outside) if p(middle) >= alpha else (inside, middle)
    return (inside + outside) / 2
