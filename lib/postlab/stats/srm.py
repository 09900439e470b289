"""Sample ratio mismatch: do the arms hold the share of posts that was planned?

A lopsided split means posts went missing or were labelled by hand after the
fact, and then no effect estimate can be trusted. The check needs a plan: a
design that did not plan its mix (the team chose each post's style) has no
expected share to test, so it gets a statement of the balance instead.
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
    expected: dict[str, float] | None  # None: no planned split, nothing to test
    p_value: float | None
    mismatch: bool
    method: str

    def statement(self) -> str:
        """One line for the report: the test against the plan, or the balance when there is none."""
        total = sum(self.observed.values())
        shares = " and ".join(
            f"{n:,} {name} ({round(100 * n / total) if total else 0} %)"
            for name, n in self.observed.items()
        )
        if self.expected is None:
            return f"no planned split (not randomised, so no sample-ratio check): {shares}"
        p = "<0.0001" if self.p_value < 0.0001 else f"{self.p_value:.3g}"
        verdict = "MISMATCH" if self.mismatch else "as planned"
        return f"sample ratio: {shares}; p = {p} ({self.method}): {verdict}"


def sample_ratio(
    counts: dict[str, int], split: dict[str, float] | None = None, alpha: float = SRM_ALPHA
) -> SampleRatio:
    """Exact binomial test for two arms and few posts, chi-square otherwise; no test without a plan."""
    names = list(counts)
    if split is None:
        return SampleRatio(
            observed={n: int(counts[n]) for n in names},
            expected=None,
            p_value=None,
            mismatch=False,
            method="no planned split",
        )
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


def _shares(names: list[str], split: dict[str, float]) -> np.ndarray:
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
