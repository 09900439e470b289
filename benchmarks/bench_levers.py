"""Do the levers keep their promises on real posts? (#31, #26 item 7)

Posts are resampled (with replacement) from the real X exports (rOpenSci,
like rate) and the demo's X posts (engagement rate); each keeps its own
account, weekday, hour block, media, link, length band and reply, so the
covariates carry what they carry in real posts. A history of
``HISTORY_POSTS`` posts sizes each lever with ``postlab.stats.levers`` at 80 %
power for a +``MDE`` change; each replicate then posts that many per arm at
random (a randomised design) over ``LOOKS`` weekly looks, the treatment
arm's engagements multiplied by 1 + MDE (the ratio of sums moves by exactly
that; the typical post's true change is computed on the whole pool), and is
read at every look by ``postlab.stats.looks.read_looks`` (the code path of
``compare`` for a group-sequential design: first crossing decides).

Reported per source and lever: A/A false wins over the looks (target <= 5 %),
power at the planned size (target >= 80 %), and the share of runs whose
interval covered the true change at every look read (target >= 95 %).

``python -m benchmarks levers`` (``REPLICATES`` per cell; ``POSTLAB_BENCH_REPLICATES``
overrides it); tests/stats/test_levers.py runs it tiny.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.config import Settings
from postlab.posts.time import add_local_columns
from postlab.stats.covariates import OFFSET_QUANTILE
from postlab.stats.levers import history_spreads, posts_per_arm
from postlab.stats.looks import read_looks
from postlab.stats.metrics import metric as resolve_metric
from postlab.stats.power import spread_bound

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "real X (rOpenSci), like rate": (
        Path("/work/shared/real-exports/x-tweet-activity"),
        "rOpenSci",
        "like_rate",
    ),
    "demo X, engagement rate": (ROOT / "data" / "demo", None, "engagement_rate"),
}
LEVERS = {  # name: (effect, adjusted)
    "group-sequential": ("ratio-of-sums", False),
    "+ typical post": ("typical-post", False),
    "+ adjustment": ("ratio-of-sums", True),
    "all three": ("typical-post", True),
}
MDE = 0.2
LOOKS = 20
HISTORY_POSTS = 300
REPLICATES = int(os.environ.get("POSTLAB_BENCH_REPLICATES", 200))
ALPHA, POWER = 0.05, 0.8
SEED = 31


def pool(source: str) -> pd.DataFrame:
    """The source's posts with a usable metric, their local weekday and hour block fixed."""
    from postlab.loaders import load

    folder, account, metric = SOURCES[source]
    posts = load([folder])
    posts = posts[posts["platform"] == "x"]
    if account:
        posts = posts[posts["account"] == account]
    x, y, usable = resolve_metric(metric).per_post(posts)
    posts = posts[usable & (y > 0)]
    return add_local_columns(posts, Settings()).reset_index(drop=True)


def sizes(posts: pd.DataFrame, metric: str, rng) -> dict[str, int]:
    """Posts per arm each lever asks for, from one history drawn from the pool."""
    history = posts.iloc[rng.choice(len(posts), HISTORY_POSTS, replace=False)]
    cv = spread_bound(history, metric).planned
    spreads = history_spreads(history, metric, MDE, cv)
    rate = 1.0  # posts a week: the looks' price is taken at the most looks (conservative)
    return {
        name: posts_per_arm(spreads, MDE, effect, "group-sequential", adjusted, rate, ALPHA, POWER)
        for name, (effect, adjusted) in LEVERS.items()
    }


def true_change(posts: pd.DataFrame, metric: str, effect: str) -> float:
    if effect == "ratio-of-sums":
        return MDE
    x, y, _ = resolve_metric(metric).per_post(posts)
    rates = x / y
    c = np.quantile(rates[rates > 0], OFFSET_QUANTILE)
    return float(np.exp(np.mean(np.log((1 + MDE) * rates + c) - np.log(rates + c))) - 1)


def experiment(posts, metric, n_per_arm, lift, rng) -> pd.DataFrame:
    """2 n posts drawn from the pool, randomised to arms, posted evenly over ``LOOKS`` weeks."""
    total = 2 * n_per_arm
    drawn = posts.iloc[rng.integers(0, len(posts), total)].reset_index(drop=True)
    drawn["arm"] = rng.permutation(np.repeat(["control", "treatment"], n_per_arm))
    numerator = resolve_metric(metric).numerator
    values = drawn[numerator].astype(float)
    drawn[numerator] = np.where(drawn["arm"] == "treatment", values * (1 + lift), values)
    start = pd.Timestamp("2026-01-05", tz="UTC")
    drawn["published_at"] = start + pd.to_timedelta(np.arange(total) * 7 * LOOKS / total, unit="D")
    return drawn


def run(posts, metric, n_per_arm, effect, adjusted, lift, truth, rng) -> tuple[bool, bool]:
    """(decided for the treatment or against it at some look, every look's interval covered the truth)."""
    trial = experiment(posts, metric, n_per_arm, lift, rng)
    looks = read_looks(
        trial,
        "arm",
        "control",
        ["treatment"],
        resolve_metric(metric),
        2 * n_per_arm,
        alpha=ALPHA,
        spending="obrien-fleming",
        min_posts=10,
        effect=effect,
        covariates=_standard(trial) if adjusted else (),
        screen=adjusted,
    )["treatment"]
    crossed = any(look.crossed for look in looks)
    covered = all(look.estimate.rel_ci[0] <= truth <= look.estimate.rel_ci[1] for look in looks)
    return crossed, covered


def _standard(posts):
    from postlab.stats.covariates import default_covariates

    return default_covariates(posts)


def main(replicates: int = REPLICATES) -> None:
    print(
        f"weekly looks to the planned end ({LOOKS} looks), +{MDE:.0%} planted, sizes from a "
        f"{HISTORY_POSTS}-post history at {POWER:.0%} power; {replicates} runs per cell"
    )
    print(
        "source | lever | posts per arm | A/A false wins (<= 5 %) | power (>= 80 %) | "
        "coverage at every look (>= 95 %)"
    )
    rng = np.random.default_rng(SEED)
    for source, (_, _, metric) in SOURCES.items():
        posts = pool(source)
        planned = sizes(posts, metric, rng)
        for lever, (effect, adjusted) in LEVERS.items():
            n = planned[lever]
            truth = true_change(posts, metric, effect)
            null = [
                run(posts, metric, n, effect, adjusted, 0.0, 0.0, rng) for _ in range(replicates)
            ]
            lifted = [
                run(posts, metric, n, effect, adjusted, MDE, truth, rng) for _ in range(replicates)
            ]
            false_wins = np.mean([crossed for crossed, _ in null])
            power = np.mean([crossed for crossed, _ in lifted])
            coverage = np.mean([covered for _, covered in null + lifted])
            print(
                f"{source} | {lever} | {n:,} | {false_wins:.1%} | {power:.1%} | {coverage:.1%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
