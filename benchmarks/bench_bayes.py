"""Is method="bayes" calibrated on small arms? (#14)

Small heavy-tailed experiments (#14's "moderate" and "heavy" settings, 6 to
10 posts per arm; 30 for contrast):

- A/A: the share of experiments the method calls decisive (credible
  interval excludes no change); target <= 5 %. The old method (prior sd 0.5,
  normal likelihood) gave 7.8 % at 6 posts.
- calibration: each experiment's true log lift is drawn from a world of
  plausible post-style effects, normal with sd 0.1 (as the default prior
  assumes) and, as a check that the result does not just restate the prior,
  sd 0.2; of the experiments with P(better) >= 0.95, the share where the
  treatment really is better; target >= 0.95 (the old method: 0.56 at 10 posts);
  and, where P(better) >= 0.7, its mean against the share right (calibrated
  when they agree).

``python -m benchmarks bayes``; tests/plan/test_bayes.py runs it small.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from benchmarks.bench_plans import SETTINGS, post_arrays
from postlab.stats.bayes import Prior, likelihood, posterior
from postlab.stats.delta import Moments

OLD_PRIOR_SD = 0.5


def _old_prob_better(mt: Moments, mc: Moments) -> np.ndarray:
    """The former method: normal likelihood, prior sd 0.5, closed form."""
    d_hat, se, _ = likelihood(mt, mc)
    precision = 1 / se**2
    post_precision = precision + 1 / OLD_PRIOR_SD**2
    return special.ndtr(d_hat * precision / post_precision * np.sqrt(post_precision))


def run(setting: str, n: int, replicates: int, world_sd: float, *, seed: int = 0) -> dict:
    """A/A decisive share and P(right | P(better) >= 0.95), new and old, for one cell."""
    rng = np.random.default_rng([seed, n, int(100 * world_sd), len(setting)])
    out = {}
    for label, lift in (("aa", np.zeros((replicates, 1))), ("world", None)):
        if lift is None:
            lift = np.expm1(rng.normal(0, world_sd, (replicates, 1)))
        xt, yt = post_arrays(rng, (replicates, n), setting, lift=lift)
        xc, yc = post_arrays(rng, (replicates, n), setting)
        mt, mc = Moments.of(xt, yt), Moments.of(xc, yc)
        new = _prob_better(mt, mc)
        old = _old_prob_better(mt, mc)
        if label == "aa":
            out["aa_new"] = _share(np.minimum(new, 1 - new) < 0.025)
            out["aa_old"] = _share(np.minimum(old, 1 - old) < 0.025)
        else:
            better = lift[:, 0] > 0
            out["right_new"], out["claims_new"] = _right(new, better)
            out["right_old"], out["claims_old"] = _right(old, better)
            out["leaning_new"] = _calibration(new, better)
            out["leaning_old"] = _calibration(old, better)
    return out


def _prob_better(mt: Moments, mc: Moments, chunk: int = 2000) -> np.ndarray:
    """The method's P(better), a chunk of experiments at a time (the grids are large)."""
    pieces = []
    for start in range(0, mt.mean_x.shape[0], chunk):
        part = [Moments(*(_rows(getattr(m, f), start, chunk) for f in FIELDS)) for m in (mt, mc)]
        pieces.append(posterior(*part, Prior()).prob_above_zero())
    return np.concatenate(pieces)


FIELDS = tuple(Moments.__dataclass_fields__)


def _rows(value, start: int, chunk: int):
    value = np.asarray(value)
    return value[start : start + chunk] if value.ndim else value


def _share(flags) -> float:
    flags = np.asarray(flags)
    finite = flags[np.isfinite(flags)] if flags.dtype.kind == "f" else flags
    return float(np.mean(finite))


def _calibration(prob: np.ndarray, better: np.ndarray, lean: float = 0.7) -> tuple:
    """Where P(better) >= ``lean``: its mean, the share where the treatment is better, how many."""
    leaning = np.nan_to_num(prob) >= lean
    if not leaning.any():
        return float("nan"), float("nan"), 0
    return float(prob[leaning].mean()), float(better[leaning].mean()), int(leaning.sum())


def _right(prob: np.ndarray, better: np.ndarray) -> tuple[float, int]:
    claims = np.nan_to_num(prob) >= 0.95
    return (float(better[claims].mean()) if claims.any() else float("nan")), int(claims.sum())


def main(replicates: int = 10_000) -> None:
    print(
        f"{replicates:,} experiments per cell; new = prior sd 0.1 + t likelihood, old = sd 0.5 + normal"
    )
    for world_sd in (0.1, 0.2):
        for setting in SETTINGS:
            for n in (6, 10, 30, 100):
                r = run(setting, n, replicates, world_sd)
                said, right, count = r["leaning_new"]
                said_old, right_old, _ = r["leaning_old"]
                aa = (
                    f"A/A decisive {r['aa_new']:.3f} (old {r['aa_old']:.3f})"
                    if world_sd == 0.1
                    else ""
                )
                print(
                    f"world sd {world_sd}  {setting:>8} {n:>2} posts/arm: P(right | P(better) >= 0.95) "
                    f"{r['right_new']:.3f} of {r['claims_new']:,} (old {r['right_old']:.3f} of "
                    f"{r['claims_old']:,}); P(better) >= 0.7 ({count:,}) says {said:.2f}, right {right:.2f} "
                    f"(old says {said_old:.2f}, right {right_old:.2f})  {aa}",
                    flush=True,
                )
    print("targets: A/A decisive <= 0.05; P(right | P(better) >= 0.95) >= 0.95")


if __name__ == "__main__":
    main()
