"""Do plans deliver the power they promise? (#14, #13)

Each replicate draws a history of 60 or 150 posts from a heavy-tailed
setting (#14: lognormal impressions, beta-binomial engagements; "moderate" =
concentration 10, log-sd 1.0; "heavy" = concentration 5, log-sd 1.2), sizes
an experiment from it with ``posts_needed`` at 80 % power, then runs that
experiment once on fresh posts with a true lift equal to the mde. The share of
replicates that adopt is the power delivered on average over histories
(one experiment per history estimates exactly that average).

- fixed: a two-sided Welch test (delta method) at the planned posts; target 0.80.
- sequential: weekly looks at 10 posts per arm per week, adopting at the
  first look whose confidence sequence (tuned to the planned posts) excludes
  zero; target P(adopt by the planned end) >= 0.78 (#13).
- "sample spread" repeats the fixed run with the old rule (the history's own
  spread, equal variances), which delivered 0.57-0.73.

``python -m benchmarks plans``; tests/stats/test_plans.py runs it small.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postlab.stats.delta import Moments, two_sided_p, welch_t
from postlab.stats.power import n_per_arm, spread, spread_bound

SETTINGS = {"mild": (30.0, 0.6), "moderate": (10.0, 1.0), "heavy": (5.0, 1.2)}  # beta a+b, log-sd
# #26's audit types: light rates with lognormal impressions of log-sd 1.5, and light rates
# times a Pareto(2.5) multiplier of mean one (a few posts take off)
SETTINGS |= {"lognormal 1.5": (30.0, 1.5), "pareto 2.5": (30.0, 0.6)}
PARETO = {"pareto 2.5": 2.5}
RATE = 0.03
ALPHA = 0.05
POWER = 0.8
POSTS_PER_WEEK = 10  # per arm, for the sequential looks


def post_arrays(rng, shape, setting: str, lift: float = 0.0):
    """Engagements and impressions of ``shape`` posts in a setting, the rate lifted by ``lift``."""
    concentration, log_sd = SETTINGS[setting]
    impressions = np.maximum(1, np.round(rng.lognormal(np.log(2000), log_sd, size=shape)))
    rate = RATE * (1 + lift)
    post_rate = rng.beta(rate * concentration, (1 - rate) * concentration, size=shape)
    if setting in PARETO:
        alpha = PARETO[setting]
        post_rate = np.minimum(
            1.0, post_rate * (rng.pareto(alpha, size=shape) + 1) * (alpha - 1) / alpha
        )
    return rng.binomial(impressions.astype(np.int64), post_rate).astype(float), impressions


def _history(rng, posts: int, setting: str) -> pd.DataFrame:
    engagements, impressions = post_arrays(rng, posts, setting)
    return pd.DataFrame({"engagements": engagements, "impressions": impressions})


def planned(history: pd.DataFrame, mde: float, *, rule: str = "bound", sequential=False) -> int:
    """Posts per arm a plan asks for: ``bound`` is postlab's rule, ``sample`` the old one."""
    if rule == "sample":
        cv = spread(history, "engagement_rate")
        return n_per_arm(cv * np.sqrt(2 / (1 + (1 + mde) ** 2)), mde, alpha=ALPHA, power=POWER)
    cv = spread_bound(history, "engagement_rate").planned
    return n_per_arm(cv, mde, alpha=ALPHA, power=POWER, sequential=sequential)


def _adopts_fixed(rng, n: int, setting: str, mde: float) -> bool:
    xt, yt = post_arrays(rng, n, setting, lift=mde)
    xc, yc = post_arrays(rng, n, setting)
    t, _, df = welch_t(Moments.of(xt, yt), Moments.of(xc, yc))

    return bool(t > 0 and two_sided_p(t, df) < ALPHA)


def _adopts_sequential(rng, n: int, setting: str, mde: float) -> bool:
    """Weekly looks up to the planned posts; adopt when the sequence's lower end passes zero."""
    from postlab.stats.sequential import halfwidth, rho

    looks = np.unique(np.minimum(np.arange(POSTS_PER_WEEK, n + POSTS_PER_WEEK, POSTS_PER_WEEK), n))
    xt, yt = post_arrays(rng, n, setting, lift=mde)
    xc, yc = post_arrays(rng, n, setting)
    mt, mc = _running(xt, yt, looks), _running(xc, yc, looks)
    _, se, _ = welch_t(mt, mc)
    lower = mt.ratio - mc.ratio - halfwidth(se, looks, rho(n, ALPHA), ALPHA)
    return bool(np.any(lower > 0))


def _running(x: np.ndarray, y: np.ndarray, looks: np.ndarray) -> Moments:
    """Moments of the first k posts for every k in ``looks``, from running sums."""
    sx, sy = x - x[0], y - y[0]  # shifted: the sums of squares stay accurate
    sums = [np.cumsum(v)[looks - 1] for v in (sx, sy, sx * sx, sy * sy, sx * sy)]
    return Moments.from_sums(looks.astype(float), *sums, shift_x=x[0], shift_y=y[0])


def delivered(setting, history_posts, mde, replicates, *, rule="bound", sequential=False, seed=0):
    """Share of replicates (a history, its plan, one experiment) that adopt; mean posts planned."""
    rng = np.random.default_rng([seed, history_posts, int(1000 * mde), len(setting)])
    adopt = _adopts_sequential if sequential else _adopts_fixed
    wins, sizes = 0, []
    for _ in range(replicates):
        n = planned(_history(rng, history_posts, setting), mde, rule=rule, sequential=sequential)
        sizes.append(n)
        wins += adopt(rng, n, setting, mde)
    return wins / replicates, float(np.mean(sizes))


def main(replicates: int = 1000, mde: float = 0.3) -> None:
    print(
        f"power delivered where 80 % was promised; true lift = mde = {mde:.0%}; {replicates:,} histories each"
    )
    for setting in SETTINGS:
        for history_posts in (60, 150):
            row = [f"{setting:>8} history {history_posts:>3} posts:"]
            for label, rule, sequential in (
                ("sample spread", "sample", False),
                ("fixed", "bound", False),
                ("sequential", "bound", True),
            ):
                power, size = delivered(
                    setting, history_posts, mde, replicates, rule=rule, sequential=sequential
                )
                row.append(f"{label} {power:.3f} ({size:,.0f} posts/arm)")
            print("  ".join(row), flush=True)
    print("targets: fixed >= 0.80, sequential (adopt by the planned end) >= 0.78")


if __name__ == "__main__":
    main()
