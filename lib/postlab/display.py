"""How numbers read in every table, sentence and record: one place, one style.

Three significant figures and never scientific notation, so 0.0153 and 5510
read the same in a terminal, a notebook, RECORD.md and index.html.
"""

from __future__ import annotations

import math

import numpy as np

MISSING = "-"


def round_significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant figures (0, None and non-finite unchanged)."""
    if value is None or not math.isfinite(value) or value == 0:
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def number(value, missing: str = MISSING) -> str:
    """Three significant figures, never in scientific notation: 5510, 0.0153."""
    if _missing(value):
        return missing
    return np.format_float_positional(round_significant(float(value)), trim="-")


def readable(value, missing: str = MISSING) -> str:
    """Whole numbers exactly, others to three significant figures; thousands separated: 7,297."""
    if _missing(value):
        return missing
    if float(value).is_integer():
        return f"{int(value):,}"
    value = round_significant(float(value))
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return np.format_float_positional(value, trim="-")


def percent(value, *, signed: bool = True, missing: str = MISSING) -> str:
    """A share or change as a percentage to three figures: +24.3 % (signed), 1.67 %."""
    if _missing(value):
        return missing
    sign = "+" if signed and value >= 0 else ""
    return f"{sign}{readable(100 * value)} %"


def whole_percent(value, missing: str = MISSING) -> str:
    """A relative change as a signed whole percentage, for short lines: +24 %."""
    if _missing(value):
        return missing
    return f"{round(100 * float(value)):+d} %"


def p_value(value, missing: str = MISSING) -> str:
    """A p-value to three figures; tiny ones as <0.0001."""
    if _missing(value):
        return missing
    return "<0.0001" if value < 0.0001 else number(value)
