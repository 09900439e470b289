"""Do the verdicts keep their promises? Coverage, false positives and power by simulation.

Posts as a police account's are: lognormal impressions (a few go viral), each
post's own engagement rate drawn from a beta distribution around the arm's
rate, binomial engagements. Two settings from issue #14: "moderate" (beta
concentration 10, impressions log-sd 1.0) and "heavy" (concentration 5,
log-sd 1.2). Seeded: the same table on every run.

1. Fixed-sample table (one look; ``compare(sequential=False)``'s procedure:
   the studentised bootstrap below 1,000 posts per arm): coverage of the
   relative interval at a true +20 %, power at +20 %, A/A false positives,
   and false positives when only the spread changes (control heavy,
   treatment moderate, same mean rate).
2. Sequential table (the default): A/A experiments rerun every week for 26
   weeks at 10 and 20 posts per arm per week, heavy setting: the chance that
   any look says adopt or reject, sequential and fixed (fixed: one look at the
   planned posts). A true effect equal to the mde (20 %) with the posts the
   sequential plan asks for: the chance of "adopt" by the planned end, and of
   ever saying "no meaningful difference".

``python -m benchmarks stats_sim`` prints both tables against the targets;
``tests/stats/test_simulation.py`` runs them small.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from scipy import special

from postlab.stats import sequential as seq
from postlab.stats.bayes import PRIOR_SD, posterior
from postlab.stats.bootstrap import studentised_test
from postlab.stats.comparison import DEFAULT_PLANNED_PER_ARM, RELIABLE_FROM
from postlab.stats.delta import Moments, kurtosis

RATE = 0.03
LIFT = 0.2
ALPHA = 0.05
SETTINGS = {"moderate": (10.0, 1.0), "heavy": (5.0, 1.2)}
POSTS = (5, 10, 20, 30, 60, 100, 300)
WEEKS = 26
PER_WEEK = (10, 20)
MDE = 0.2
TARGETS = {
    "coverage": "≥ 92 % moderate from 10 posts, ≥ 90 % heavy from 30",
    "a/a": "≤ 5 % (about 5 % is exact)",
    "spread only": "≤ 7 % from 30 posts",
}


# #26's three data types: "light" (beta concentration 100, impressions log-sd 0.5), and
# the same with impressions lognormal with log-sd 1.5, or with each post's engagement
# rate times a Pareto(2.5) multiplier (mean 1: finite variance, infinite kurtosis)
TAILS = {
    "light": (100.0, 0.5, None),
    "lognormal 1.5": (100.0, 1.5, None),
    "pareto 2.5": (100.0, 0.5, 2.5),
}


def post_arrays(rng, shape, rate=RATE, concentration=10.0, spread=1.0, median=2000.0, pareto=None):
    """Engagements and impressions arrays of ``shape`` (replicates..., posts)."""
    impressions = np.maximum(1, np.round(rng.lognormal(np.log(median), spread, size=shape)))
    post_rate = rng.beta(rate * concentration, (1 - rate) * concentration, size=shape)
    if pareto is not None:  # a classic Pareto (minimum 1) scaled to mean 1
        post_rate = np.minimum(
            1.0, post_rate * (1 + rng.pareto(pareto, size=shape)) * (pareto - 1) / pareto
        )
    engagements = rng.binomial(impressions.astype(np.int64), post_rate).astype(float)
    return engagements, impressions


def _setting(rng, shape, name, lift=0.0):
    concentration, spread, pareto = (*SETTINGS[name], None) if name in SETTINGS else TAILS[name]
    return post_arrays(rng, shape, RATE * (1 + lift), concentration, spread, pareto=pareto)


def _fixed_intervals(rng, treatment, control) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relative interval and p-value of the fixed procedure, per replicate."""
    (xt, yt), (xc, yc) = treatment, control
    out = np.empty((3, xt.shape[0]))
    for i in range(xt.shape[0]):
        e = studentised_test(xt[i], yt[i], xc[i], yc[i], alpha=ALPHA, rng=rng)
        out[:, i] = (*e.rel_ci, e.p_value)
    return out[0], out[1], out[2]


@dataclass
class FixedRow:
    setting: str
    posts: int
    coverage: float
    power: float
    aa: float
    spread_only: float


def fixed_table(replicates: int = 400, posts=POSTS, seed: int = 14) -> list[FixedRow]:
    rows = []
    for name in SETTINGS:
        for n in posts:
            rng = np.random.default_rng([seed, n, len(name)])
            low, high, _ = _fixed_intervals(
                rng,
                _setting(rng, (replicates, n), name, LIFT),
                _setting(rng, (replicates, n), name),
            )
            _, _, p_aa = _fixed_intervals(
                rng, _setting(rng, (replicates, n), name), _setting(rng, (replicates, n), name)
            )
            spread_p = (
                _fixed_intervals(
                    rng,
                    _setting(rng, (replicates, n), "moderate"),
                    _setting(rng, (replicates, n), "heavy"),
                )[2]
                if name == "heavy"
                else np.full(replicates, np.nan)
            )
            rows.append(
                FixedRow(
                    name,
                    n,
                    float(((low < LIFT) & (high > LIFT)).mean()),
                    float((low > 0).mean()),
                    float((p_aa < ALPHA).mean()),
                    float(np.nanmean(spread_p < ALPHA)) if name == "heavy" else np.nan,
                )
            )
    return rows


def _looks(x: np.ndarray, y: np.ndarray, at: np.ndarray) -> Moments:
    """Moments of the first ``at[k]`` posts of each replicate, for every look k, from running sums."""
    shift_x, shift_y = x[:, :1].mean(), y[:, :1].mean()
    dx, dy = x - shift_x, y - shift_y
    sums = [np.cumsum(v, axis=1)[:, at - 1] for v in (dx, dy, dx * dx, dy * dy, dx * dy)]
    return Moments.from_sums(at.astype(float), *sums, shift_x, shift_y)


def _sequence(rng, name, lift, replicates, at, rho, chunk=250):
    """Relative confidence sequence (low, high) at every look, per replicate, in chunks of replicates."""
    lows, highs = [], []
    for start in range(0, replicates, chunk):
        shape = (min(chunk, replicates - start), at[-1])
        treatment, control = _setting(rng, shape, name, lift), _setting(rng, shape, name)
        tails = [
            np.stack([kurtosis(x[:, :n], y[:, :n]) for n in at], axis=1)
            for x, y in (treatment, control)
        ]
        e = seq.sequence_test(_looks(*treatment, at), _looks(*control, at), rho, ALPHA, tails)
        lows.append(e.rel_ci[0])
        highs.append(e.rel_ci[1])
    return np.concatenate(lows), np.concatenate(highs)


def true_spread(name: str, posts: int = 2_000_000, seed: int = 0) -> float:
    """The setting's post-to-post coefficient of variation, from a very large sample."""
    x, y = _setting(np.random.default_rng(seed), posts, name)
    m = Moments.of(x, y)
    return float(np.sqrt(m.post_variance) / m.ratio)


def sequential_plan(cv: float, mde: float = MDE, power: float = 0.8) -> int:
    """Posts per arm a sequential plan asks for: the sequence, tuned to end there, excludes no change with this power.

    The same rule as the planner's: the shift mde/se against the sequence's
    multiplier at its tuned end, with the treatment arm's variance (1 + mde)²
    times the control's.
    """
    n = 2
    while True:
        shift = mde / (cv * math.sqrt((1 + (1 + mde) ** 2) / n))
        if special.ndtr(shift - seq.multiplier(n, seq.rho(n, ALPHA), ALPHA)) >= power:
            return n
        n = math.ceil(n * 1.02) + 1 if n > 50 else n + 1


@dataclass
class SequentialRow:
    per_week: int
    sequential_aa: float
    fixed_aa: float


@dataclass
class PowerRow:
    planned: int
    adopt_by_end: float
    ever_no_difference: float


def sequential_table(
    replicates: int = 1_000,
    power_replicates: int = 300,
    seed: int = 13,
    name="heavy",
    weeks=WEEKS,
    fixed_replicates: int | None = None,
):
    """A/A reruns at each weekly posting rate, and the power of a sequential plan at the mde.

    ``fixed_replicates`` (default: a fifth of ``replicates``, at least 200) sizes the one-look
    comparison column, the dearest part (the studentised bootstrap at the planned posts)."""
    rows = []
    cv = true_spread(name)
    plan = sequential_plan(cv)
    rng = np.random.default_rng(seed)
    for k in PER_WEEK:
        at = np.arange(1, weeks + 1) * k
        at = at[at >= RELIABLE_FROM]
        low, high = _sequence(
            rng, name, 0.0, replicates, at, seq.rho(DEFAULT_PLANNED_PER_ARM, ALPHA)
        )
        any_decision = ((low > 0) | (high < 0)).any(axis=1).mean()
        fixed_reps = fixed_replicates or max(200, replicates // 5)
        fixed_low, fixed_high, _ = _fixed_intervals(
            rng,
            _setting(rng, (fixed_reps, at[-1]), name),
            _setting(rng, (fixed_reps, at[-1]), name),
        )
        fixed_any = ((fixed_low > 0) | (fixed_high < 0)).mean()
        rows.append(SequentialRow(k, float(any_decision), float(fixed_any)))
    at_plan = np.unique(np.ceil(plan * np.arange(1, weeks + 1) / weeks).astype(int))
    at_plan = at_plan[at_plan >= RELIABLE_FROM]
    effect_low, effect_high = _sequence(
        rng, name, MDE, power_replicates, at_plan, seq.rho(plan, ALPHA)
    )
    power = PowerRow(
        plan,
        float((effect_low > 0).any(axis=1).mean()),
        float(((effect_low > -MDE) & (effect_high < MDE)).any(axis=1).mean()),
    )
    return rows, power, cv


EDGE_SETTINGS = tuple(TAILS)
EDGE_PER_WEEK = 20
EARLY_POSTS, EARLY_PLANNED = 20, 5_000  # posts per arm seen; planned over both arms
CALIBRATION_BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)


@dataclass
class EdgeRow:
    setting: str
    sequential_aa: float  # A/A, weekly looks: any look says adopt or reject
    chance_aa: float  # A/A, weekly looks: P(better) >= 0.95 at some look, were it shown weekly
    chance_once_aa: float  # A/A, one look at the end (fixed mode, where it is shown)
    calibration: list  # one look, a world of lifts like the prior: (bin, said, right, count)
    early_finite: float  # 20 posts per arm of a 5,000-post plan: the sequence is finite
    early_decided: float  # ... and says adopt or reject (A/A)


def _chance(moments_t: Moments, moments_c: Moments) -> np.ndarray:
    """The default prior's P(better) for every replicate and look (grids in small batches)."""
    fields = tuple(Moments.__dataclass_fields__)
    shape = np.broadcast(moments_t.mean_x, moments_c.mean_x).shape
    flat = [
        Moments(*(np.broadcast_to(getattr(m, f), shape).reshape(-1) for f in fields))
        for m in (moments_t, moments_c)
    ]
    out = np.empty(flat[0].mean_x.size)
    for start in range(0, out.size, 500):
        part = [Moments(*(getattr(m, f)[start : start + 500] for f in fields)) for m in flat]
        out[start : start + 500] = posterior(*part).prob_above_zero()
    return out.reshape(shape)


def _calibration(prob: np.ndarray, lift: np.ndarray) -> list:
    """Per bin of the favoured side's probability: what it said, how often it was right, how many."""
    favoured = np.maximum(prob, 1 - prob)
    right = np.where(prob >= 0.5, lift > 0, lift < 0)
    rows = []
    for low, high in zip(CALIBRATION_BINS[:-1], CALIBRATION_BINS[1:], strict=True):
        inside = (favoured >= low) & ((favoured < high) | (high == 1.0))
        if inside.any():
            rows.append(
                (
                    low,
                    float(favoured[inside].mean()),
                    float(right[inside].mean()),
                    int(inside.sum()),
                )
            )
    return rows


def edges_table(
    replicates: int = 1_000, calibration_replicates: int = 4_000, seed: int = 26, weeks=WEEKS
):
    """#26's edges on the three data types: weekly A/A (verdict and chance-to-win),
    chance-to-win calibration at one look, and the early look of a long plan."""
    rows = []
    at = np.arange(1, weeks + 1) * EDGE_PER_WEEK
    rho = seq.rho(DEFAULT_PLANNED_PER_ARM, ALPHA)
    for name in EDGE_SETTINGS:
        rng = np.random.default_rng([seed, len(name)])
        decided, claimed, claimed_once = [], [], []
        for start in range(0, replicates, 100):
            shape = (min(100, replicates - start), at[-1])
            (xt, yt), (xc, yc) = _setting(rng, shape, name), _setting(rng, shape, name)
            mt, mc = _looks(xt, yt, at), _looks(xc, yc, at)
            tails = [
                np.stack([kurtosis(x[:, :n], y[:, :n]) for n in at], axis=1)
                for x, y in ((xt, yt), (xc, yc))
            ]
            e = seq.sequence_test(mt, mc, rho, ALPHA, tails)
            decided.append(((e.rel_ci[0] > 0) | (e.rel_ci[1] < 0)).any(axis=1))
            chance = _chance(mt, mc)
            claimed.append((chance >= 0.95).any(axis=1))
            claimed_once.append(chance[:, -1] >= 0.95)
        lift = rng.normal(0.0, PRIOR_SD, (calibration_replicates, 1))
        xt, yt = _setting(rng, (calibration_replicates, at[-1]), name, np.expm1(lift))
        xc, yc = _setting(rng, (calibration_replicates, at[-1]), name)
        calibration = _calibration(_chance(Moments.of(xt, yt), Moments.of(xc, yc)), lift[:, 0])
        (xt, yt), (xc, yc) = (_setting(rng, (replicates, EARLY_POSTS), name) for _ in range(2))
        early = seq.sequence_test(
            Moments.of(xt, yt),
            Moments.of(xc, yc),
            seq.rho(EARLY_PLANNED / 2, ALPHA),
            ALPHA,
            (kurtosis(xt, yt), kurtosis(xc, yc)),
        )
        low, high = early.rel_ci
        rows.append(
            EdgeRow(
                name,
                float(np.concatenate(decided).mean()),
                float(np.concatenate(claimed).mean()),
                float(np.concatenate(claimed_once).mean()),
                calibration,
                float((np.isfinite(low) & np.isfinite(high)).mean()),
                float(((low > 0) | (high < 0)).mean()),
            )
        )
    return rows


def print_edges(rows: list[EdgeRow], weeks: int = WEEKS) -> None:
    print(
        f"Edges (#26): A/A rerun weekly for {weeks} weeks at {EDGE_PER_WEEK} posts per arm per week; "
        f"early look = {EARLY_POSTS} posts per arm of a {EARLY_PLANNED:,}-post plan"
    )
    print(
        f"{'setting':>14} {'A/A any look decides':>21} {'P(better)>=0.95 any look':>25} "
        f"{'... one look':>12} {'early: finite interval':>23} {'early: decides (A/A)':>21}"
    )
    for r in rows:
        print(
            f"{r.setting:>14} {_pct(r.sequential_aa):>21} {_pct(r.chance_aa):>25} "
            f"{_pct(r.chance_once_aa):>12} {_pct(r.early_finite):>23} {_pct(r.early_decided):>21}"
        )
    print(
        f"P(better) calibration at one look ({weeks * EDGE_PER_WEEK} posts per arm, true log lifts "
        f"normal with sd {PRIOR_SD}, as the default prior): bin: said / right (experiments)"
    )
    for r in rows:
        cells = "; ".join(
            f"{low:.2f}+: {said:.3f} / {right:.3f} ({count:,})"
            for low, said, right, count in r.calibration
        )
        print(f"{r.setting:>14}  {cells}")
    print(
        "targets: A/A any look ≤ 5 %; P(better) ≥ 0.95 at some weekly look ≤ 5 % if shown weekly "
        "(it is not: sequential results do not show it); calibration within 0.05 per bin; "
        "early look finite, A/A decides ≤ 5 %"
    )


def _pct(value: float) -> str:
    return "-" if not np.isfinite(value) else f"{100 * value:.1f} %"


def print_tables(
    fixed: list[FixedRow], sequential: list[SequentialRow], power: PowerRow, cv: float
):
    print(
        "Fixed-sample procedure (one look): relative interval at a true +20 %, and false positives"
    )
    print(
        f"{'setting':>9} {'posts/arm':>9} {'coverage':>9} {'power':>7} {'A/A':>7} {'spread only':>11}"
    )
    for r in fixed:
        flags = []
        if (r.setting == "moderate" and r.posts >= 10 and r.coverage < 0.92) or (
            r.setting == "heavy" and r.posts >= 30 and r.coverage < 0.90
        ):
            flags.append("coverage below target")
        if r.posts >= 30 and r.spread_only > 0.07:
            flags.append("spread-only above target")
        print(
            f"{r.setting:>9} {r.posts:>9} {_pct(r.coverage):>9} {_pct(r.power):>7} {_pct(r.aa):>7} "
            f"{_pct(r.spread_only):>11}  {'; '.join(flags)}"
        )
    print(
        f"targets: coverage {TARGETS['coverage']}; A/A {TARGETS['a/a']}; spread only {TARGETS['spread only']}"
    )
    print(
        f"below {RELIABLE_FROM} posts per arm compare() prints no interval (too few posts for a reliable one)"
    )
    print()
    print(f"Weekly reruns for {WEEKS} weeks, heavy setting (post-to-post spread {cv:.2f})")
    print(f"{'posts/arm/week':>14} {'A/A any look, sequential':>25} {'A/A, fixed (one look)':>22}")
    for r in sequential:
        print(f"{r.per_week:>14} {_pct(r.sequential_aa):>25} {_pct(r.fixed_aa):>22}")
    print(
        f"A true +{MDE:.0%} (the mde), {power.planned:,} posts per arm as the sequential plan asks, "
        f"looked at {WEEKS} times: adopt by the planned end {_pct(power.adopt_by_end)}, "
        f"ever 'no meaningful difference' {_pct(power.ever_no_difference)}"
    )
    print(
        "targets: A/A ≤ 5 % both modes; adopt by the planned end ≥ 78 %; ever no difference ≤ 5 %"
    )


def main() -> None:
    start = time.perf_counter()
    fixed = fixed_table()
    sequential, power, cv = sequential_table()
    print_tables(fixed, sequential, power, cv)
    print()
    print_edges(edges_table())
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
