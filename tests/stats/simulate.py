"""Simulated posts with realistic post-to-post variation, for the engine's tests.

Impressions are lognormal (a few posts go viral); each post has its own
engagement rate drawn from a beta distribution around the arm's mean rate;
engagements are binomial given both. The true arm ratio is the mean rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.bench_stats_sim import post_arrays as draw

CONCENTRATION = 30.0  # beta a+b: a post's rate varies by about 100 % (sd/mean) around the mean
SPREAD = 0.6  # log-sd of impressions: 90 % of posts between 0.37 and 2.7 times the median


def post_arrays(rng, shape, rate=0.03, concentration=CONCENTRATION, median_impressions=2000.0):
    """Impressions and engagements arrays of ``shape`` (replicates..., posts)."""
    return draw(rng, shape, rate, concentration, SPREAD, median_impressions)


def posts_frame(rng, arms: dict[str, tuple[int, float]], start="2025-01-06") -> pd.DataFrame:
    """A posts table with an ``arm`` column: arms maps name -> (posts, mean rate)."""
    frames = []
    for name, (n, rate) in arms.items():
        engagements, impressions = post_arrays(rng, n, rate)
        frames.append(
            pd.DataFrame(
                {
                    "arm": name,
                    "impressions": impressions.astype("int64"),
                    "engagements": engagements.astype("int64"),
                    "likes": (engagements * 0.7).astype("int64"),
                }
            )
        )
    posts = pd.concat(frames, ignore_index=True)
    posts["post_id"] = [f"p{i:04d}" for i in range(len(posts))]
    posts["account"] = np.where(np.arange(len(posts)) % 3 == 0, "@borough", "@borough_police")
    posts["published_at"] = pd.Timestamp(start, tz="UTC") + pd.to_timedelta(
        rng.permutation(len(posts)) * 8, unit="h"
    )
    for column in ("impressions", "engagements", "likes"):
        posts[column] = posts[column].astype("Int64")
    return posts.sample(frac=1, random_state=1).reset_index(drop=True)
