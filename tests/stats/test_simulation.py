"""The engine's promises by simulation, run small (``python -m benchmarks stats_sim`` runs them in full).

With a few hundred replicates a rate has a standard error of 1-2 points, so
the bounds here sit about two standard errors outside the targets.
"""

import numpy as np
import pytest
from scipy import stats
from simulate import post_arrays

from benchmarks.bench_stats_sim import (
    edges_table,
    fixed_table,
    print_edges,
    print_tables,
    sequential_table,
)

ALPHA = 0.05


def test_pooled_impressions_z_test_fails_the_check_postlab_passes():
    rng = np.random.default_rng(99)
    xt, yt = post_arrays(rng, (2_000, 30))
    xc, yc = post_arrays(rng, (2_000, 30))
    et, it, ec, ic = xt.sum(1), yt.sum(1), xc.sum(1), yc.sum(1)
    pooled = (et + ec) / (it + ic)
    z = (et / it - ec / ic) / np.sqrt(pooled * (1 - pooled) * (1 / it + 1 / ic))
    rate = (2 * stats.norm.sf(np.abs(z)) < ALPHA).mean()
    assert rate > 0.5, rate  # every impression treated as a trial: most A/A tests "significant"


def test_the_benchmark_tables_print(capsys):
    fixed = fixed_table(replicates=20, posts=(10,))
    sequential, power, cv = sequential_table(replicates=20, power_replicates=10, weeks=4)
    print_tables(fixed, sequential, power, cv)
    out = capsys.readouterr().out
    assert "coverage" in out and "adopt by the planned end" in out


@pytest.mark.slow
def test_fixed_intervals_cover_and_spread_alone_is_no_effect():
    # the hard sizes: from 100 posts the intervals are further inside the bounds (benchmark)
    rows = fixed_table(replicates=300, posts=(10, 30))
    for row in rows:
        if row.setting == "moderate":
            assert row.coverage >= 0.90, row
        if row.setting == "heavy" and row.posts >= 30:
            assert row.coverage >= 0.88, row
            # the target is 7 %; at 30 posts per arm the full benchmark measures about 9 %
            assert row.spread_only <= 0.11, row


@pytest.mark.slow
def test_weekly_reruns_keep_false_positives_and_the_plan_delivers():
    # the one-look column is the benchmark's to print (test_the_benchmark_tables_print)
    rows, power, _ = sequential_table(replicates=300, power_replicates=100, fixed_replicates=20)
    for row in rows:
        assert row.sequential_aa <= 0.065, row
    assert power.adopt_by_end >= 0.72, power
    assert power.ever_no_difference <= 0.05, power


def test_the_edges_table_prints(capsys):
    print_edges(edges_table(replicates=20, calibration_replicates=40, weeks=3), weeks=3)
    out = capsys.readouterr().out
    assert "pareto 2.5" in out and "early: finite interval" in out
