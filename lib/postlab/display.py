"""How numbers read in every table, sentence and record: one place, one style.

Three significant figures and never scientific notation, so 0.0153 and 5510
read the same in a terminal, a notebook, RECORD.md and index.html.
"""

from __future__ import annotations

import math

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
    return _positional(round_significant(float(value)))


def readable(value, missing: str = MISSING) -> str:
    """Whole numbers exactly, others to three significant figures; thousands separated: 7,297."""
    if _missing(value):
        return missing
    if float(value).is_integer():
        return f"{int(value):,}"
    value = round_significant(float(value))
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return _positional(value)


def _positional(value: float) -> str:
    """numpy's shortest digits, never scientific (numpy loads here: a command that shows no
    number, such as a rerun starting its kernel, does not wait for it)."""
    import numpy as np

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


def bound_percent(value, *, signed: bool = True, decimals: int = 0) -> str:
    """An interval bound as a percentage with ``decimals``, or more where that would print a limit
    it is not: a bound of +0.25 % reads "+0.3 %", not "+0 %" (which would say the interval
    touches no change), and -99.98 % is not "-100 %".
    """
    percent_value = 100 * float(value)
    places = decimals
    while places < 12 and _on_a_limit(round(percent_value, places), percent_value):
        places += 1
    text = f"{percent_value:+.{places}f}" if signed else f"{percent_value:.{places}f}"
    return f"{text} %"


def _on_a_limit(shown: float, value: float) -> bool:
    return (shown == 0 and value != 0) or (shown == -100 and value > -100)


def interval(low, high, bound=None, missing: str = MISSING) -> str:
    """A relative interval in words; an open end (no upper limit, or down to -100 %) is said so."""
    bound = bound or bound_percent
    if low is None or high is None or math.isnan(float(low)) or math.isnan(float(high)):
        return f"{missing} to {missing}"
    open_below, open_above = float(low) <= -1, math.isinf(float(high))
    if open_below and open_above:
        return "open at both ends (any change from -100 % up)"
    if open_above:
        return f"at least {bound(low)} (no upper limit yet)"
    if open_below and math.isinf(float(low)):
        return f"at most {bound(high)}"
    return f"{bound(low)} to {bound(high)}"


def p_value(value, missing: str = MISSING) -> str:
    """A p-value to three figures; tiny ones as <0.0001."""
    if _missing(value):
        return missing
    return "<0.0001" if value < 0.0001 else number(value)
