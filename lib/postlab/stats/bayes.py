"""Probability that the treatment beats control, and the expected loss of adopting it.

The quantity is the log lift d = log(R_t/R_c). The likelihood is a Student t
centred on the observed log ratio with its delta-method standard error and
Welch-Satterthwaite degrees of freedom (on the log scale): with 6 posts per
arm the standard error is itself a guess, and a normal likelihood that trusts
it called 7.8 % of A/A tests decisive. The posterior is computed on a grid.

The default prior is normal on the log lift, mean 0, sd 0.1: 95 % of its mass
between -18 % and +22 %. Effects of a post style are of that size: the demo's
and the record's lifts are 0-30 %, and a style that doubles engagement is
rare; the former sd of 0.5 (95 % between a halving and a 2.7-fold change) let
10 posts per arm claim a "95 % probability" that was right only 56 % of the
time. A team with a record of past results fits its own prior (``fit_prior``,
``prior_from_record``): the random-effects distribution of its past lifts.

Decisions use the posterior tail probability 2·min(P(d > 0), P(d < 0)) as a
p-value, so Holm or Benjamini-Hochberg over metrics and arms applies to the
Bayesian method exactly as to the others; a decisive verdict then means the
equal-tailed credible interval excludes no change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import special

from postlab.exceptions import AnalysisError
from postlab.stats.delta import Estimate, Moments

PRIOR_SD = 0.1
_GRID = 1201  # points in each of the two grids (around the prior, around the likelihood)
MIN_PAST_RESULTS = 3
_ALIKE = 1e-9  # the standard error given to a log lift measured without any spread


@dataclass(frozen=True)
class Prior:
    """Normal prior on the log lift, with where it came from."""

    mean: float = 0.0
    sd: float = PRIOR_SD
    source: str = "default"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.mean) and math.isfinite(self.sd) and self.sd > 0):
            raise AnalysisError(
                f"a prior needs a finite mean and a positive sd, not mean {self.mean}, sd {self.sd}",
                field="prior",
            )

    def __str__(self) -> str:
        return (
            f"normal prior on the log lift, mean {self.mean:.3g}, sd {self.sd:.3g}, {self.source}"
        )


DEFAULT_PRIOR = Prior()
PRIOR = str(DEFAULT_PRIOR)


def as_prior(prior) -> Prior:
    """A ``Prior`` from None (the default), a number (its sd) or a Prior."""
    if prior is None:
        return DEFAULT_PRIOR
    if isinstance(prior, Prior):
        return prior
    if isinstance(prior, int | float) and not isinstance(prior, bool):
        return Prior(0.0, float(prior), "sd given")
    raise AnalysisError(f"prior must be an sd (e.g. 0.1) or a Prior, not {prior!r}", field="prior")


@dataclass(frozen=True)
class Posterior:
    """The posterior of the log lift on a grid (arrays over leading axes)."""

    grid: np.ndarray
    density: np.ndarray  # normalised: trapezoid integral 1 along the last axis

    def _integral(self, values) -> np.ndarray:
        return np.trapezoid(values * self.density, self.grid, axis=-1)

    @property
    def mean(self) -> np.ndarray:
        return self._integral(self.grid)

    @property
    def sd(self) -> np.ndarray:
        mean = self.mean
        return np.sqrt(np.maximum(self._integral(self.grid**2) - mean**2, 0))

    def cdf(self) -> np.ndarray:
        steps = 0.5 * (self.density[..., 1:] + self.density[..., :-1]) * np.diff(self.grid)
        return np.concatenate([np.zeros(steps.shape[:-1] + (1,)), np.cumsum(steps, -1)], -1)

    def quantile(self, q: float) -> np.ndarray:
        cdf, grid = self.cdf(), self.grid
        index = np.clip((cdf < q).sum(axis=-1), 1, grid.shape[-1] - 1)[..., None]
        c0, c1 = np.take_along_axis(cdf, index - 1, -1), np.take_along_axis(cdf, index, -1)
        g0, g1 = np.take_along_axis(grid, index - 1, -1), np.take_along_axis(grid, index, -1)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(c1 > c0, (q - c0) / (c1 - c0), 0.5)
        value = (g0 + share * (g1 - g0))[..., 0]
        return np.where(np.isfinite(cdf[..., -1]), value, np.nan)

    def prob_above_zero(self) -> np.ndarray:
        return self._integral((self.grid > 0).astype(float))

    def expected_loss(self, higher_is_better: bool = True) -> np.ndarray:
        """Expected relative shortfall if the treatment is adopted: E[max(0, 1 - R_t/R_c)]."""
        lift = np.exp(self.grid if higher_is_better else -self.grid)
        return self._integral(np.maximum(0.0, 1 - lift))


def likelihood(treatment: Moments, control: Moments):
    """Observed log ratio, its standard error and Welch degrees of freedom on the log scale."""
    rt, rc = treatment.ratio, control.ratio
    with np.errstate(divide="ignore", invalid="ignore"):
        d_hat = np.log(rt / rc)
        vt, vc = treatment.variance / rt**2, control.variance / rc**2
        se = np.sqrt(vt + vc)
        df = (vt + vc) ** 2 / (vt**2 / (treatment.n - 1) + vc**2 / (control.n - 1))
    df = np.where(np.isfinite(df), np.maximum(df, 1.0), treatment.n + control.n - 2)
    return d_hat, se, df


def posterior(treatment: Moments, control: Moments, prior=None) -> Posterior:
    """Prior times the t likelihood, normalised on a grid fine enough for either to dominate."""
    prior = as_prior(prior)
    d_hat, se, df = likelihood(treatment, control)
    d_hat, se, df = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (d_hat, se, df)))
    # posts all alike in each arm: the data pin the lift down (a point mass, as the delta
    # method's zero-width interval); a grid needs some width, so a hair of it
    se = np.where(se == 0, _ALIKE * (1 + np.abs(d_hat)), se)
    steps = np.linspace(-1, 1, _GRID)
    around_prior = prior.mean + 12 * prior.sd * steps
    with np.errstate(invalid="ignore", over="ignore"):
        around_data = d_hat[..., None] + 40 * se[..., None] * steps
    grid = np.sort(
        np.concatenate([np.broadcast_to(around_prior, around_data.shape), around_data], -1), -1
    )
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # log prior + log t likelihood, up to constants (the grid normalises)
        z = (grid - d_hat[..., None]) / se[..., None]
        nu = df[..., None]
        log_density = -0.5 * ((grid - prior.mean) / prior.sd) ** 2 - 0.5 * (nu + 1) * np.log1p(
            z * z / nu
        )
        density = np.exp(log_density - np.max(log_density, axis=-1, keepdims=True))
        density /= np.trapezoid(density, grid, axis=-1)[..., None]
    estimable = np.isfinite(d_hat) & np.isfinite(se) & (se > 0)  # else: an arm all zeros
    return Posterior(grid=grid, density=np.where(estimable[..., None], density, np.nan))


def bayes_test(treatment: Moments, control: Moments, alpha: float = 0.05, prior=None) -> Estimate:
    """Posterior median, equal-tailed credible interval and the two-sided tail probability."""
    post = posterior(treatment, control, prior)
    low, mid, high = (post.quantile(q) for q in (alpha / 2, 0.5, 1 - alpha / 2))
    above = post.prob_above_zero()
    rc = control.ratio
    rel, rel_ci = np.expm1(mid), (np.expm1(low), np.expm1(high))
    return Estimate(
        abs_effect=rel * rc,
        abs_ci=(rel_ci[0] * rc, rel_ci[1] * rc),
        rel_effect=rel,
        rel_ci=rel_ci,
        p_value=np.minimum(1.0, 2 * np.minimum(above, 1 - above)),
    )


def fit_prior(effects, standard_errors, *, method: str = "REML") -> Prior:
    """An empirical-Bayes prior from past relative lifts (0.2 = +20 %) and their standard errors (log scale).

    The random-effects model of the past log lifts (``postlab.stats.pooled``)
    gives their mean and between-experiment spread tau; a new experiment's
    lift is drawn from N(mean, tau² + se(mean)²), so the prior also carries
    the uncertainty of the mean.
    """
    from postlab.stats.pooled import random_effects

    lifts = np.asarray(effects, dtype=float)
    se = np.asarray(standard_errors, dtype=float)
    keep = np.isfinite(lifts) & np.isfinite(se) & (se > 0) & (lifts > -1)
    if keep.sum() < MIN_PAST_RESULTS:
        raise AnalysisError(
            f"need at least {MIN_PAST_RESULTS} past results with an interval to fit a prior, "
            f"found {int(keep.sum())}",
            field="prior",
        )
    meta = random_effects(np.log1p(lifts[keep]), se[keep] ** 2, method=method, hartung_knapp=False)
    sd = math.sqrt(meta.tau2 + meta.se**2)
    return Prior(meta.estimate, sd, f"fitted to {meta.k} past results")


def prior_from_record(path: str | Path, *, level: float = 0.95) -> Prior:
    """Fit the prior to a record's ``results.csv``: the last result of each experiment.

    The standard error of each log lift is read back from its printed
    ``level`` interval, (log(1 + high) - log(1 + low)) / (2 z).
    """
    path = Path(path)
    file = path / "results.csv" if path.is_dir() else path
    if not file.is_file():
        raise AnalysisError("no record results (results.csv) to fit a prior to", path=file)
    try:
        table = pd.read_csv(file)
    except (ValueError, OSError) as error:
        raise AnalysisError(f"cannot read the record's results ({error})", path=file) from None
    needed = {"experiment", "rel_effect", "rel_ci_low", "rel_ci_high"}
    if not needed <= set(table.columns):
        raise AnalysisError(
            f"the record's results lack {', '.join(sorted(needed - set(table.columns)))}",
            path=file,
        )
    last = table.groupby("experiment", sort=True).tail(1)
    z = special.ndtri(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = (np.log1p(last["rel_ci_high"]) - np.log1p(last["rel_ci_low"])) / (2 * z)
    try:
        return fit_prior(last["rel_effect"].to_numpy(float), se.to_numpy(float))
    except AnalysisError as error:
        error.path = str(file)
        raise
