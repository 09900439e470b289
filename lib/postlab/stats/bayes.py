"""Probability that the treatment beats control, and the expected loss of adopting it.

Normal approximation on the log ratio d = log(R_t/R_c), likelihood
N(d_hat, var_t/R_t² + var_c/R_c²) from the delta method, with a
weakly-informative prior d ~ N(0, 0.5²): 95 % prior mass between a halving
and a 2.7-fold change, so a few posts cannot claim a huge effect.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from postlab.stats.delta import Estimate, Moments

PRIOR_SD = 0.5
PRIOR = f"normal prior on the log ratio, mean 0, sd {PRIOR_SD}"


@dataclass(frozen=True)
class Posterior:
    mean: np.ndarray
    sd: np.ndarray

    def prob_above_zero(self) -> np.ndarray:
        return special.ndtr(self.mean / self.sd)

    def expected_loss(self, higher_is_better: bool = True) -> np.ndarray:
        """Expected relative shortfall if the treatment is adopted: E[max(0, 1 - R_t/R_c)]."""
        m = self.mean if higher_is_better else -self.mean
        s = self.sd
        return special.ndtr(-m / s) - np.exp(m + s * s / 2) * special.ndtr(-(m + s * s) / s)


def posterior(treatment: Moments, control: Moments, prior_sd: float = PRIOR_SD) -> Posterior:
    rt, rc = treatment.ratio, control.ratio
    with np.errstate(divide="ignore", invalid="ignore"):
        d_hat = np.log(rt / rc)
        precision = 1 / (treatment.variance / rt**2 + control.variance / rc**2)
    post_precision = precision + 1 / prior_sd**2
    return Posterior(mean=d_hat * precision / post_precision, sd=np.sqrt(1 / post_precision))


def bayes_test(treatment: Moments, control: Moments, alpha: float = 0.05) -> Estimate:
    """Posterior mean and equal-tailed credible interval; no p-value (it is not a test)."""
    post = posterior(treatment, control)
    z = special.ndtri(1 - alpha / 2)
    rel_ci = (np.expm1(post.mean - z * post.sd), np.expm1(post.mean + z * post.sd))
    rel = np.expm1(post.mean)
    rc = control.ratio
    return Estimate(
        abs_effect=rel * rc,
        abs_ci=(rel_ci[0] * rc, rel_ci[1] * rc),
        rel_effect=rel,
        rel_ci=rel_ci,
        p_value=None,
    )
