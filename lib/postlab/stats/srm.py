"""Sample ratio mismatch: do the arms hold the share of posts that was planned?

A lopsided split means posts went missing or were labelled by hand after the
fact, and then no effect estimate can be trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from postlab.exceptions import AnalysisError

SRM_ALPHA = 0.001
EXACT_UP_TO = 1_000  # posts; the exact binomial is used for two arms up to this many


@dataclass(frozen=True)
class SampleRatio:
    observed: dict[str, int]
    expected: dict[str, float]
    p_value: float
    mismatch: bool
    method: str


def sample_ratio(
    counts: dict[str, int], split: dict[str, float] | None = None, alpha: float = SRM_ALPHA
) -> SampleRatio:
    """Exact binomial test for two arms and few posts, chi-square otherwise."""
    names = list(counts)
    shares = _shares(names, split)
    observed = np.array([counts[n] for n in names])
    total = observed.sum()
    expected = shares * total
    if len(names) == 2 and total <= EXACT_UP_TO:
        p = stats.binomtest(int(observed[0]), int(total), shares[0]).pvalue
        method = "exact binomial"
    else:
        p = stats.chisquare(observed, expected).pvalue
        method = "chi-square"
    return SampleRatio(
        observed={n: int(c) for n, c in zip(names, observed, strict=True)},
        expected={n: float(e) for n, e in zip(names, expected, strict=True)},
        p_value=float(p),
        mismatch=bool(p < alpha),
        method=method,
    )


def _shares(names: list[str], split: dict[str, float] | None) -> np.ndarray:
    if split is None:
        return np.full(len(names), 1 / len(names))
    unknown = set(split) - set(names)
    missing = [n for n in names if n not in split]
    if unknown or missing:
        raise AnalysisError(
            f"split must give a share for each arm ({', '.join(names)}); "
            f"{'unknown: ' + ', '.join(sorted(unknown)) if unknown else 'missing: ' + ', '.join(missing)}",
            field="split",
        )
    shares = np.array([float(split[n]) for n in names])
    if (shares <= 0).any():
        raise AnalysisError("split shares must be positive", field="split")
    return shares / shares.sum()
