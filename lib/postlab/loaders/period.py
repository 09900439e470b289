"""What a file's name and modification time say about its period and export date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from postlab.loaders.layout import Layout
from postlab.loaders.readers import Source

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_MONTH_DATE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})-(\d{1,2})-(\d{4})(?!\d)")


def period(source: Source) -> tuple[date | None, date | None]:
    """The first and last dates written in the file's name (or its zip's, or its folder's).

    A name with one date (legacy Facebook's export date) gives no start.
    """
    names = [Path(source.member).stem] if source.member else []
    names += [source.path.stem, source.path.parent.name]
    for name in names:
        found = [(m.start(), _date(*m.groups())) for m in _ISO_DATE.finditer(name)]
        found += [(m.start(), _month_date(*m.groups())) for m in _MONTH_DATE.finditer(name)]
        dates = [d for _, d in sorted(found) if d is not None]
        if dates:
            return (dates[0] if len(dates) > 1 else None), dates[-1]
    return None, None


@dataclass(frozen=True)
class ExportDate:
    """When a file was exported: the last day of its period (local), or a known moment (UTC)."""

    day: date | None = None
    moment: pd.Timestamp | None = None
    note: str = ""
    saved_late: bool = False  # modified after its period ended: dated by that

    @property
    def date(self) -> date:
        return self.day if self.day is not None else self.moment.date()

    def stamp(self, zone: str) -> pd.Timestamp:
        """The export time in UTC; a period's last day ends at midnight in ``zone``."""
        if self.moment is not None:
            return self.moment
        end = pd.Timestamp(datetime.combine(self.day, datetime.max.time()).replace(microsecond=0))
        return end.tz_localize(zone).tz_convert("UTC")


def export_date(source: Source, layout: Layout) -> ExportDate:
    """End of the period the file covers (from its name), else its modification time.

    X's monthly files are often downloaded long after their month: when the
    file was modified after its period ended, that later time is the export
    date, so its last days' posts are not taken as hours old.
    """
    end = period(source)[1]
    modified = pd.Timestamp(datetime.fromtimestamp(source.path.stat().st_mtime, UTC))
    if end is None:
        return ExportDate(
            moment=modified,
            note="no export date in the file name: the file's modification time was used",
        )
    if layout.export_after_period and modified.date() > end + timedelta(days=1):
        return ExportDate(moment=modified, saved_late=True)
    return ExportDate(day=end)


def _month_date(month: str, day: str, year: str) -> date | None:
    try:
        return datetime.strptime(f"{month.title()}-{day}-{year}", "%b-%d-%Y").date()
    except ValueError:
        return None


def _date(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
