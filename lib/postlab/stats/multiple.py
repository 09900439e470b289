"""Several metrics or treatment arms: adjust p-values so that looking more often costs.

The primary metric across treatment arms is one family; the secondary metrics
are another, so adding secondary metrics never weakens the primary verdict.
"""

from __future__ import annotations

import numpy as np
from statsmodels.stats.multitest import multipletests

from postlab.exceptions import AnalysisError

CORRECTIONS = {"holm": "holm", "bh": "fdr_bh", "none": None}


def adjust(p_values, correction: str = "holm") -> np.ndarray:
    """Adjusted p-values (Holm by default, Benjamini-Hochberg with "bh"); None stays None."""
    if correction not in CORRECTIONS:
        raise AnalysisError(
            f"unknown correction {correction!r}; choose one of {', '.join(CORRECTIONS)}",
            field="correction",
        )
    p = np.array([np.nan if v is None else v for v in p_values], dtype=float)
    out = p.copy()
    tested = ~np.isnan(p)
    if CORRECTIONS[correction] and tested.sum() > 1:
        out[tested] = multipletests(p[tested], method=CORRECTIONS[correction])[1]
    return out
