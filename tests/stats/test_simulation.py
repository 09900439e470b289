"""Simulated experiments with post-to-post variation, vectorised across replicates.

A/A: 2,000 replicate experiments per setting; with a true rate of 5 % the
binomial standard error of the observed rate is 0.49 points, so the 3-7 %
band is about four standard errors wide on each side. The permutation
settings draw 1,000 random splits per replicate (a random-split permutation
test is exact for any number of splits); compare() itself draws 10,000.
"""

import numpy as np
import pytest
from scipy import stats
from simulate import post_arrays

from postlab.stats.compare import PERMUTATION_BELOW
from postlab.stats.delta import Moments, delta_test
from postlab.stats.permutation import permutation_test

REPLICATES = 2_000
ALPHA = 0.05


def _auto_p_values(rng, n):
    """What method="auto" computes, for REPLICATES A/A experiments of n posts per arm."""
    xt, yt = post_arrays(rng, (REPLICATES, n))
    xc, yc = post_arrays(rng, (REPLICATES, n))
    if n < PERMUTATION_BELOW:
        return permutation_test(xt, yt, xc, yc, n_resamples=1_000, rng=rng).p_value
    return delta_test(Moments.of(xt, yt), Moments.of(xc, yc)).p_value


@pytest.mark.parametrize("n", [5, 12, 25, 30, 80, 200])
def test_auto_false_positive_rate_stays_near_alpha(n):
    rate = (_auto_p_values(np.random.default_rng(n), n) < ALPHA).mean()
    assert 0.03 <= rate <= 0.07, rate


def test_pooled_impressions_z_test_fails_the_same_check():
    rng = np.random.default_rng(99)
    xt, yt = post_arrays(rng, (REPLICATES, 30))
    xc, yc = post_arrays(rng, (REPLICATES, 30))
    et, it, ec, ic = xt.sum(1), yt.sum(1), xc.sum(1), yc.sum(1)
    pooled = (et + ec) / (it + ic)
    z = (et / it - ec / ic) / np.sqrt(pooled * (1 - pooled) * (1 / it + 1 / ic))
    rate = (2 * stats.norm.sf(np.abs(z)) < ALPHA).mean()
    assert rate > 0.5, rate  # every impression treated as a trial: most A/A tests "significant"


def _ab(rng, n, lift=0.2):
    xt, yt = post_arrays(rng, (REPLICATES, n), rate=0.03 * (1 + lift))
    xc, yc = post_arrays(rng, (REPLICATES, n))
    return delta_test(Moments.of(xt, yt), Moments.of(xc, yc))


@pytest.mark.parametrize("n", [30, 80, 200])
def test_relative_intervals_cover_the_truth(n):
    estimate = _ab(np.random.default_rng(1000 + n), n)
    low, high = estimate.rel_ci
    coverage = ((low < 0.2) & (high > 0.2)).mean()
    assert 0.93 <= coverage <= 0.97, coverage


@pytest.mark.parametrize("n", [5, 20, 80])
def test_absolute_intervals_cover_the_truth(n):
    estimate = _ab(np.random.default_rng(2000 + n), n)
    low, high = estimate.abs_ci
    truth = 0.03 * 0.2
    coverage = ((low < truth) & (truth < high)).mean()
    assert 0.93 <= coverage <= 0.97, coverage
