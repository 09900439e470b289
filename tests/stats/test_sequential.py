"""Confidence sequences against GrowthBook's published test values, and their promise."""

import numpy as np
import pytest

from postlab.exceptions import AnalysisError
from postlab.stats import sequential


def _growthbook_means():
    # gbstats tests/frequentist/test_tests.py, TestSequentialTTest: two sample means
    # (sum, sum of squares, n), the relative effect and its delta-method standard error.
    def mean_var(total, squares, n):
        return total / n, (squares - total * total / n) / (n - 1), n

    (ma, va, na), (mb, vb, nb) = (
        mean_var(1396.87, 52377.9767, 3000),
        mean_var(2422.7, 134698.29, 3461),
    )
    se = np.sqrt(vb / (ma**2 * nb) + va * mb**2 / (ma**4 * na))
    return (mb - ma) / ma, se, (na + nb) / 2


def test_relative_sequence_matches_growthbook_test_sequential_test_runs():
    # GrowthBook: sequential_tuning_parameter=1000 posts over both arms -> ci (-0.55844, 1.56516)
    estimate, se, n_per_arm = _growthbook_means()
    assert (estimate, se) == pytest.approx((0.50336, 0.33341), abs=5e-6)
    width = sequential.halfwidth(se, n_per_arm, sequential.rho(1000 / 2))
    assert (estimate - width, estimate + width) == pytest.approx((-0.55844, 1.56516), abs=5e-6)


def test_proportions_match_growthbook_default_tuning():
    # GrowthBook: ProportionStatistic(1396, 3000) vs (2422, 3461), default tuning 5000 -> (0.40098, 0.60675)
    pa, pb, na, nb = 1396 / 3000, 2422 / 3461, 3000, 3461
    se = np.sqrt(pb * (1 - pb) / (pa**2 * nb) + pa * (1 - pa) * pb**2 / (pa**4 * na))
    estimate = (pb - pa) / pa
    width = sequential.halfwidth(se, (na + nb) / 2, sequential.rho(5000 / 2))
    assert (estimate - width, estimate + width) == pytest.approx((0.40098, 0.60675), abs=5e-6)


def test_rho_matches_eq_161():
    # Waudby-Smith et al. eq. 161 at alpha 0.05: rho^2 * N = -2 log 0.05 + log(1 - 2 log 0.05)
    assert sequential.rho(1, 0.05) ** 2 == pytest.approx(5.99146 + np.log(6.99146), rel=1e-6)


def test_tuning_narrows_the_sequence_near_the_plan():
    estimate, se, n = _growthbook_means()
    widths = [sequential.halfwidth(se, n, sequential.rho(planned)) for planned in (5, n, 5000)]
    assert widths[1] < widths[2] < widths[0]


def test_sequence_is_wider_than_the_fixed_interval_and_p_value_agrees():
    r = sequential.rho(100)
    n = np.array([10, 100, 1000])
    assert (sequential.multiplier(n, r) > 1.96).all()
    z = sequential.multiplier(n, r)  # an estimate exactly on the boundary
    assert sequential.p_value(z, n, r) == pytest.approx(0.05, rel=1e-9)
    assert (sequential.p_value(z * 1.01, n, r) < 0.05).all()
    assert (sequential.p_value(z * 0.99, n, r) > 0.05).all()


def test_covers_at_every_look_at_once():
    # 4,000 normal streams looked at after every observation up to 400: the sequence
    # misses the truth at some look in at most about 5 % of streams.
    rng = np.random.default_rng(3)
    draws = rng.standard_normal((4_000, 400))
    n = np.arange(1, 401)
    means = draws.cumsum(axis=1) / n
    width = sequential.halfwidth(1 / np.sqrt(n), n, sequential.rho(100))
    ever_missed = (np.abs(means) > width).any(axis=1).mean()
    assert ever_missed <= 0.05, ever_missed


def test_bad_plans_are_errors_with_a_sentence():
    with pytest.raises(AnalysisError, match="planned posts"):
        sequential.rho(0)
    with pytest.raises(AnalysisError, match="alpha"):
        sequential.rho(10, alpha=1.5)
