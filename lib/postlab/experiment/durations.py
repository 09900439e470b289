"""Durations as a comms officer writes them: 48h, 2d, 30min, 1w."""

from __future__ import annotations

import re

import pandas as pd

_UNITS = {"min": "minutes", "h": "hours", "d": "days", "w": "weeks"}
PATTERN = re.compile(r"^([0-9]+) ?(min|h|d|w)$")


def parse_duration(text: str) -> pd.Timedelta:
    """``"48h"`` -> 48 hours; the schema has already checked the form."""
    match = PATTERN.match(str(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not a duration like 48h, 2d or 30min")
    return pd.Timedelta(**{_UNITS[match[2]]: int(match[1])})


def format_duration(delta: pd.Timedelta) -> str:
    """Plain words for reports: 2 days, 48 hours, 30 minutes."""
    minutes = int(delta.total_seconds() // 60)
    for size, unit in ((7 * 24 * 60, "week"), (24 * 60, "day"), (60, "hour"), (1, "minute")):
        if minutes and minutes % size == 0:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "0 minutes"
