"""Build clean and damaged copies of every export layout, as rows of text.

Each base is a fixture that follows ../shared/exports/FORMATS.md (the legacy
Facebook one is the real export); a damage is a function of its rows, so
every damaged file is generated in the test, next to its undamaged twin.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from .conftest import FIXTURES, YOUTUBE_FOLDER

LEGACY = (  # the real download, copied from ../shared/real-exports
    FIXTURES
    / "facebook-legacy"
    / "Facebook Insights Data Export (Post Level) - USC Clinical Trials - 2017-01-19.csv"
)
BASES = {
    "x": FIXTURES / "x/tweet_activity_metrics_MPSTest_20150101_20150201_en.csv",
    "x-content": FIXTURES / "x/account_analytics_content_2026-07-01_2026-07-14.csv",
    "facebook": FIXTURES / "meta/Test-Police_May-01-2025_Aug-31-2025.csv",
    "instagram": FIXTURES / "meta/testpolice_Aug-01-2025_Aug-31-2025.csv",
    "youtube": YOUTUBE_FOLDER / "Table data.csv",
    "legacy": LEGACY,
}
SAVED = dt.datetime(2026, 1, 15, 12, 0).timestamp()  # both twins get this modification time


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [list(row) for row in csv.reader(handle)]


def write_rows(path: Path, rows, *, delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    csv.writer(
        buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\n"
    ).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    os.utime(path, (SAVED, SAVED))
    return path


def place(base: str, folder: Path) -> Path:
    """Where a copy of ``base`` goes: the same file name (and YouTube's channel folder)."""
    source = BASES[base]
    if base == "youtube":
        return folder / YOUTUBE_FOLDER.name / source.name
    return folder / source.name


def column(rows, name: str) -> int:
    names = [c.strip().lstrip("\ufeff").lower() for c in rows[0]]
    return names.index(name.lower())


def data_start(rows) -> int:
    """The first data row (legacy Facebook files carry a description row; YouTube a Total)."""
    if rows[1] and any(c.startswith("Lifetime:") for c in rows[1]):
        return 2
    return 2 if rows[1][0].strip().lower() == "total" else 1


def cells(name: str, change, rows_at=None):
    """A damage: apply ``change`` to the cells of column ``name`` (all data rows, or some)."""

    def damage(rows):
        at = column(rows, name)
        start = data_start(rows)
        targets = range(start, len(rows)) if rows_at is None else [start + i for i in rows_at]
        for i in targets:
            rows[i][at] = change(rows[i][at]) if rows[i][at] != "" else ""
        return rows

    return damage


def everywhere(change):
    """A damage: apply ``change`` to every data cell (a re-save in another locale)."""

    def damage(rows):
        start = data_start(rows)
        return rows[:start] + [[change(value) for value in row] for row in rows[start:]]

    return damage


def drop_column(name: str):
    def damage(rows):
        at = column(rows, name)
        return [row[:at] + row[at + 1 :] for row in rows]

    return damage


def double_column(name: str, first_copy: str = "1"):
    def damage(rows):
        at = column(rows, name)
        out = [row[:at] + [first_copy] + row[at:] for row in rows]
        out[0][at] = rows[0][at]
        if data_start(rows) == 2 and rows[1][at].startswith("Lifetime:"):
            out[1][at] = rows[1][at]
        return out

    return damage


def rounded(digits: str) -> str:
    """An id as a spreadsheet keeps it: 15 significant digits, the rest zeros."""
    value = Decimal(digits)
    shown = round(value, 15 - value.adjusted() - 1)
    return str(int(shown))


def scientific(digits: str) -> str:
    """An id as a re-saved CSV shows it: ``5.59877E+17``."""
    return f"{Decimal(digits):.5E}"


def decimal_comma(value: str) -> str:
    return value.replace(".", ",") if re.fullmatch(r"-?\d+\.\d+", value) else value


def us_date_to(order: str):
    """MM/DD/YYYY HH:MM (Meta's own) re-saved day-first or year-first."""

    def change(value: str) -> str:
        stamp = dt.datetime.strptime(value, "%m/%d/%Y %H:%M")
        return stamp.strftime("%d/%m/%Y %H:%M" if order == "day-first" else "%Y-%m-%d %H:%M:%S")

    return change


def x_time_to(fmt: str):
    def change(value: str) -> str:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M %z").strftime(fmt)

    return change


def set_times(name: str, values: list[str]):
    """Give the data rows new (undamaged) publish times, newest first.

    X ids encode their creation time, so in an X file the id (and its
    permalink) change with the time, as in a real download.
    """

    def change(rows):
        at = column(rows, name)
        start = data_start(rows)
        for i, value in zip(range(start, len(rows)), values, strict=False):
            rows[i][at] = value
            if name == "time":
                old, new = rows[i][0], snowflake(dt.datetime.strptime(value, "%Y-%m-%d %H:%M %z"))
                rows[i] = [cell.replace(old, new) for cell in rows[i]]
        return rows

    return change


def snowflake(when: dt.datetime, low: int = 4242) -> str:
    """An X id created at ``when``: ms since X's epoch, shifted past 22 bits of worker/sequence."""
    return str(((int(when.timestamp() * 1000) - 1288834974657) << 22) + low)


def as_workbook(rows, path: Path) -> Path:
    """The rows as Excel saves them after opening the CSV: numbers and dates become cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([_excel_cell(value) for value in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    os.utime(path, (SAVED, SAVED))
    return path


def _excel_cell(value: str):
    text = value.strip()
    if re.fullmatch(r"-?\d{1,15}", text):
        return int(text)
    if re.fullmatch(r"-?\d{16,}", text):
        return float(rounded(text))  # Excel keeps 15 significant digits
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    for fmt in ("%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return value
