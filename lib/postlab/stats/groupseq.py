"""Group-sequential boundaries: a verdict at weekly looks up to a planned end.

A team that reruns weekly until a planned number of posts does not need the
always-valid confidence sequence (``postlab.stats.sequential``), which pays
for infinitely many looks with about 1.9 times the posts of a one-look test.
A Lan-DeMets alpha-spending function spends the false-win budget alpha as the
information fraction t (posts so far / planned posts) grows, so a look may be
skipped or added and the guarantee still holds: each look's boundary depends
only on the fractions of the looks so far.

- ``obrien-fleming`` (the default): each side spends alpha/2 as
  2 - 2 Phi(z_{1-alpha/4} / sqrt t) (ldbounds' and gsDesign's two-sided form);
  spends almost nothing early, so the final look needs barely more posts than
  a fixed test (about 3 % more at weekly looks);
- ``pocock``: alpha(t) = alpha log(1 + (e - 1) t); stops early more easily,
  costs about 20-30 % more posts at the end.

Boundaries are two-sided on the z scale and come from the recursive
numerical integration of Armitage, McPherson and Rowe (1969) as Jennison and
Turnbull (2000, ch. 19) give it: the density of the score W(t) on the region
where no earlier look has stopped is carried from look to look on a grid.
No well-kept PyPI library does this (``gsdesign`` on PyPI is a young 0.1
package); tests check the published Lan-DeMets values. The repeated
confidence interval of a look, estimate ± boundary × standard error, excludes
no change exactly when the look crosses its boundary, and all looks' intervals
cover the truth together with probability 1 - alpha.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from postlab.exceptions import AnalysisError

SPENDING = ("obrien-fleming", "pocock")
DEFAULT_SPENDING = "obrien-fleming"
GRID = 241  # points per look over the continuation region (odd: Simpson weights)
MAX_BOUNDARY = 40.0  # a look that may spend nothing gets this (nothing can cross it)
TINY = 1e-12  # below this budget a look's boundary is the marginal one (the grid cannot resolve it)


def spent(t, alpha: float, spending: str = DEFAULT_SPENDING):
    """Alpha spent by information fraction ``t`` (0 to 1; above 1 counts as 1)."""
    t = np.clip(np.asarray(t, dtype=float), 0.0, 1.0)
    if spending == "obrien-fleming":
        with np.errstate(divide="ignore"):
            return np.where(
                t > 0, 4 * special.ndtr(-special.ndtri(1 - alpha / 4) / np.sqrt(t)), 0.0
            )
    if spending == "pocock":
        return alpha * np.log1p((math.e - 1) * t)
    raise AnalysisError(
        f"unknown spending function {spending!r}: use {' or '.join(SPENDING)}", field="spending"
    )


def describe(spending: str, alpha: float) -> str:
    """The spending function in words, for reports and plans."""
    kind = "O'Brien-Fleming-type" if spending == "obrien-fleming" else "Pocock-type"
    return (
        f"group-sequential, Lan-DeMets {kind} alpha spending (two-sided alpha {alpha:g} "
        "spent as the posts approach the plan)"
    )


@dataclass(frozen=True)
class Boundaries:
    """Two-sided z boundaries at looks with these information fractions."""

    fractions: tuple[float, ...]
    z: tuple[float, ...]
    alpha: float
    spending: str

    def __str__(self) -> str:
        looks = ", ".join(f"{t:.2f}: {z:.2f}" for t, z in zip(self.fractions, self.z, strict=True))
        return f"{describe(self.spending, self.alpha)}; z boundaries by fraction {looks}"


def boundaries(fractions, alpha: float = 0.05, spending: str = DEFAULT_SPENDING) -> Boundaries:
    """Each look's |z| boundary, so that the looks together cross under no change with prob. alpha.

    ``fractions`` rise strictly; a fraction of 1 or more is the final look and
    spends what is left. Looks after a final one get ``MAX_BOUNDARY``.
    """
    t = _fractions(fractions)
    return _boundaries(tuple(float(v) for v in t), float(alpha), spending)


@functools.lru_cache(maxsize=64)
def _boundaries(t: tuple, alpha: float, spending: str) -> Boundaries:
    """Cached: every rerun of an experiment recomputes the same earlier looks."""
    t = np.asarray(t)
    budget = np.diff(np.concatenate([[0.0], spent(t, alpha, spending)]))
    z, grid = [], None
    for k, tk in enumerate(np.minimum(t, 1.0)):
        previous = min(t[k - 1], 1.0) if k else 0.0
        if budget[k] <= TINY or tk <= previous:
            b = _marginal(budget[k]) if tk > previous else MAX_BOUNDARY
            z.append(b)
            if grid is not None and tk > previous:
                grid = _advance(grid, previous, tk, b, 0.0)
            continue
        b = _solve(grid, previous, tk, budget[k])
        z.append(b)
        grid = _advance(grid, previous, tk, b, 0.0)
    return Boundaries(tuple(float(v) for v in t), tuple(z), alpha, spending)


def crossing(bounds: Boundaries, drift: float) -> float:
    """Chance to cross at some look when z at the final fraction 1 has mean ``drift``."""
    grid, previous, total = None, 0.0, 0.0
    for tk, b in zip(np.minimum(bounds.fractions, 1.0), bounds.z, strict=True):
        if tk <= previous:
            continue
        total += _exit(grid, previous, tk, b, drift)
        grid = _advance(grid, previous, tk, b, drift)
        previous = tk
    return float(total)


def drift_for_power(bounds: Boundaries, power: float) -> float:
    """The drift (expected final z) at which the looks reach ``power``."""
    from scipy import optimize  # imported when needed: a quarter of a second at start-up

    return float(optimize.brentq(lambda d: crossing(bounds, d) - power, 0.0, 20.0, xtol=1e-8))


# weekly looks for the group-sequential price, rounded up to one of these (the price grows
# with the looks, barely after 26: 1.049 at 26, 1.053 at 52), so a plan computes few of them
LOOKS = (1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 22, 26, 35, 52)


def planned_end(
    n_fixed: int,
    arms: int,
    posts_per_week: float | None,
    alpha: float,
    power: float,
    spending: str = DEFAULT_SPENDING,
) -> int:
    """Posts per arm at the planned end of weekly looks, from a one-look test's ``n_fixed``."""
    rate = posts_per_week or 0
    looks = n_fixed * arms / rate if rate > 0 else LOOKS[-1]
    for _ in range(2):  # the looks depend on the weeks, which depend on the looks' price
        counted = next((k for k in LOOKS if k >= looks), LOOKS[-1])
        sized = math.ceil(n_fixed * inflation(counted, alpha, power, spending))
        looks = sized * arms / rate if rate > 0 else LOOKS[-1]
    return sized


# inflation() at the defaults for the weekly looks a plan rounds to (LOOKS),
# as computed_inflation gives them (tests/stats/test_levers.py recomputes every entry): the drift
# search is a pure function of these four numbers and otherwise costs every plan a quarter second
KNOWN_INFLATION = {
    (0.05, 0.8, "obrien-fleming"): {
        1: 0.9999975506031107,
        2: 1.003721821849203,
        3: 1.0127910894342758,
        4: 1.0196332805209791,
        5: 1.0247156215482405,
        6: 1.0285893270174014,
        8: 1.0340723396708862,
        10: 1.0377621126773084,
        13: 1.0414844216371524,
        17: 1.0446532724230986,
        22: 1.04715974257428,
        26: 1.0485355553728113,
        35: 1.0505686969122912,
        52: 1.0525985090027006,
    }
}


def inflation(looks: int, alpha: float = 0.05, power: float = 0.8, spending=DEFAULT_SPENDING):
    """Posts at the planned end relative to a one-look test, for ``looks`` equally spaced looks."""
    looks = max(int(looks), 1)
    known = KNOWN_INFLATION.get((float(alpha), float(power), spending), {}).get(looks)
    return known if known is not None else computed_inflation(looks, alpha, power, spending)


@functools.lru_cache(maxsize=256)
def computed_inflation(looks: int, alpha: float, power: float, spending: str) -> float:
    """``inflation`` from the boundaries and the drift that reaches ``power`` through them."""
    bounds = boundaries(np.arange(1, looks + 1) / looks, alpha, spending)
    fixed = special.ndtri(1 - alpha / 2) + special.ndtri(power)
    return float((drift_for_power(bounds, power) / fixed) ** 2)


def _fractions(fractions) -> np.ndarray:
    t = np.asarray(fractions, dtype=float)
    if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)) or np.any(t <= 0):
        raise AnalysisError("information fractions must be positive numbers", field="looks")
    if np.any(np.diff(t) <= 0):
        raise AnalysisError("information fractions must rise from look to look", field="looks")
    return t


def _simpson(n: int) -> np.ndarray:
    w = np.ones(n)
    w[1:-1:2], w[2:-1:2] = 4, 2
    return w / 3


def _advance(grid, previous: float, t: float, b: float, drift: float):
    """Sub-density of W(t) on the continuation region |W| < b sqrt(t), on a Simpson grid."""
    edge = b * math.sqrt(t)
    w = np.linspace(-edge, edge, GRID)
    weights = _simpson(GRID) * (w[1] - w[0])
    step = t - previous
    if grid is None:
        density = np.exp(-((w - drift * t) ** 2) / (2 * t)) / math.sqrt(2 * math.pi * t)
    else:
        u, f = grid
        kernel = np.exp(-((w[:, None] - u[None, :] - drift * step) ** 2) / (2 * step))
        density = kernel @ f / math.sqrt(2 * math.pi * step)
    return w, density * weights


def _exit(grid, previous: float, t: float, b: float, drift: float) -> float:
    """Chance of not having stopped before and crossing |z| >= b at fraction t."""
    edge = b * math.sqrt(t)
    if grid is None:
        mean, sd = drift * t, math.sqrt(t)
        return float(special.ndtr((-edge - mean) / sd) + special.ndtr((mean - edge) / sd))
    u, f = grid
    step = t - previous
    mean, sd = u + drift * step, math.sqrt(step)
    return float(f @ (special.ndtr((-edge - mean) / sd) + special.ndtr((mean - edge) / sd)))


def _marginal(budget: float) -> float:
    """|z| whose two tails hold ``budget``: never spends more than it, whatever came before.

    Very early in a long plan the O'Brien-Fleming budget is astronomically
    small (1e-57 at 2 % of the plan); the boundary is then finite, so the
    interval is too, only very wide.
    """
    if budget <= 0:
        return MAX_BOUNDARY
    return float(min(MAX_BOUNDARY, -special.ndtri(budget / 2)))


def _solve(grid, previous: float, t: float, budget: float) -> float:
    def excess(b: float) -> float:
        return _exit(grid, previous, t, b, 0.0) - budget

    if excess(MAX_BOUNDARY) >= 0:
        return MAX_BOUNDARY
    from scipy import optimize

    return float(optimize.brentq(excess, 0.0, MAX_BOUNDARY, xtol=1e-9))
