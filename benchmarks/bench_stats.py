"""Statistics engine speed, as ratios to scipy doing the same computation.

1. compare() on 1,000,000 posts, three metrics, method delta (with everything
   a comparison reports: leave-one-post-out check, medians, SRM, posterior)
   against scipy.stats.ttest_ind(equal_var=False) on the linearised values.
2. A 10,000-split permutation test on 2 x 500 posts (studentised ratio statistic)
   against scipy.stats.permutation_test(vectorized=True) with the same statistic.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from scipy import stats

from postlab.stats.comparison import compare
from postlab.stats.delta import Moments, welch_t
from postlab.stats.permutation import permutation_test

METRICS = ("engagement_rate", "like_rate", "impressions_per_post")


def _best_of(repeats: int, work) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _posts(rng, n: int) -> pd.DataFrame:
    impressions = np.maximum(1, rng.lognormal(np.log(2000), 0.8, n).round()).astype(np.int64)
    engagements = rng.binomial(impressions, rng.beta(0.9, 29.1, n))
    return pd.DataFrame(
        {
            "arm": np.where(rng.random(n) < 0.5, "serious", "humorous"),
            "post_id": np.arange(n).astype(str),
            "impressions": pd.array(impressions, dtype="Int64"),
            "engagements": pd.array(engagements, dtype="Int64"),
            "likes": pd.array((engagements * 0.7).astype(np.int64), dtype="Int64"),
        }
    )


def _linearised(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ratio = x.sum() / y.sum()
    return ratio + (x - ratio * y) / y.mean()


def _scipy_welch(posts: pd.DataFrame) -> None:
    columns = {
        "engagement_rate": ("engagements", "impressions"),
        "like_rate": ("likes", "impressions"),
    }
    columns["impressions_per_post"] = ("impressions", None)
    treated = (posts["arm"] == "humorous").to_numpy()
    for num, den in columns.values():
        x = posts[num].to_numpy(dtype=float)
        y = posts[den].to_numpy(dtype=float) if den else np.ones_like(x)
        stats.ttest_ind(
            _linearised(x[treated], y[treated]),
            _linearised(x[~treated], y[~treated]),
            equal_var=False,
        )


def bench_compare(n: int = 1_000_000) -> None:
    posts = _posts(np.random.default_rng(0), n)
    ours = _best_of(3, lambda: compare(posts, "arm", "serious", metrics=METRICS, method="delta"))
    baseline = _best_of(3, lambda: _scipy_welch(posts))
    print(
        f"compare() {n:,} posts x {len(METRICS)} metrics by delta: {ours:.3f} s; "
        f"scipy ttest_ind on linearised values: {baseline:.3f} s; ratio {ours / baseline:.2f}"
    )


def bench_permutation(n: int = 500, splits: int = 10_000) -> None:
    rng = np.random.default_rng(1)
    y = np.maximum(1, rng.lognormal(np.log(2000), 0.8, 2 * n).round())
    x = rng.binomial(y.astype(np.int64), rng.beta(0.9, 29.1, 2 * n)).astype(float)

    def statistic(a, b, axis=-1):
        t, _, _ = welch_t(Moments.of(x[a], y[a]), Moments.of(x[b], y[b]))
        return np.abs(t)

    index = np.arange(2 * n)
    ours = _best_of(
        3, lambda: permutation_test(x[:n], y[:n], x[n:], y[n:], n_resamples=splits, rng=2)
    )
    baseline = _best_of(
        3,
        lambda: stats.permutation_test(
            (index[:n], index[n:]),
            statistic,
            vectorized=True,
            n_resamples=splits,
            alternative="greater",
            rng=np.random.default_rng(2),
        ),
    )
    print(
        f"permutation test 2 x {n} posts, {splits:,} splits: {ours:.3f} s; "
        f"scipy.stats.permutation_test(vectorized=True): {baseline:.3f} s; ratio {ours / baseline:.2f}"
    )


def main() -> None:
    bench_compare()
    bench_permutation()


if __name__ == "__main__":
    main()
