"""Publish times as the file writes them, checked against what the file says about itself.

A spreadsheet re-save writes ``05/07/2025`` in the locale of the machine, and
Meta's own format is month-first: a date whose day and month are both 12 or
less reads two ways. The order is taken from the data when only one reading
is possible (a 29 is never a month); otherwise from the file's own evidence:
the period in its name, its export date, and the order of its posts (platforms
write them newest first). A file that still reads both ways keeps the
platform's own order where it has one, and is otherwise refused, naming the
per-file override (``exports: day_first:`` in postlab.yml, or
``postlab load --day-first GLOB``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders.convert import Eventful, row_error

_NUMERIC_DATE = (
    r"^\s*(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{4}|\d{2})"
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"\s*(?P<zone>[+-]\d{2}:?\d{2}|Z)?\s*$"
)
_SLACK = pd.Timedelta(days=1)  # local dates against UTC bounds
MONTH_FIRST, DAY_FIRST = "month-first", "day-first"


@dataclass(frozen=True)
class DateClues:
    """What a file says about its dates: the period in its name, its export date, the team."""

    name: str = ""  # the file's name, for the override the message suggests
    earliest: date | None = None  # posts are published from this date (the period's start)
    latest: date | None = None  # and no later than this one (the export date)
    day_first: bool = False  # the team said this file is day-first
    language: str = ""  # headers in French, Spanish or German: day-first is their own order
    note: Callable[[str], None] | None = None
    fast_only: bool = False  # files checked together: any other path reads them one by one

    def slow_path(self) -> None:
        """Called where parsing leaves the fast path, whose result is the same per row."""
        if self.fast_only:
            raise Eventful("dates read the slow way")

    def outside(self, stamps: pd.Series) -> int:
        """Dates outside the file's period."""
        naive = _naive(stamps).dropna()
        out = pd.Series(False, index=naive.index)
        if self.earliest is not None:
            out |= naive < pd.Timestamp(self.earliest) - _SLACK
        if self.latest is not None:
            out |= naive > pd.Timestamp(self.latest) + 2 * _SLACK
        return int(out.sum())

    def override(self) -> str:
        glob = self.name or "FILE"
        return (
            f"if the file is day-first, say so in postlab.yml (exports: day_first: ['{glob}']) "
            f"or with postlab load --day-first '{glob}'"
        )


def parse_times(
    values: pd.Series,
    native_format: str,
    *,
    path: str,
    column: str,
    header_rows: int,
    example: str,
    clues: DateClues | None = None,
) -> pd.Series:
    """Datetimes in the export's own format, or in a spreadsheet's re-saved numeric form.

    Zone-less results are naive (local time). A native format that is itself
    numeric and month-first (Meta's) is read like a re-save, with month-first
    as the platform's own order.
    """
    clues = clues or DateClues()
    native_order = MONTH_FIRST if native_format.startswith("%m/%d") else None
    if native_order is not None and not clues.day_first:
        parsed = _arrow_strptime(values, native_format)
        swapped = _arrow_strptime(values, native_format.replace("%m/%d", "%d/%m", 1))
        if parsed is not None and swapped is None:
            return parsed  # the fast path: some day is above 12, so only Meta's order reads
    if native_order is not None:
        clues.slow_path()
    else:
        parsed = _arrow_strptime(values, native_format)
        if parsed is None:
            clues.slow_path()
            parsed = pd.to_datetime(values, format=native_format, errors="coerce")
        if not (values.notna() & parsed.isna()).any():
            return parsed
        if "%b" in native_format:
            named = word_dates(values)
            if named is not None:
                if named.language != "English":
                    sample = values.dropna().iloc[0]
                    _note(
                        clues, f"column {column!r} has dates in {named.language} (like {sample!r})"
                    )
                return named.dates
    where = {"path": path, "column": column, "header_rows": header_rows}
    return _parse_numeric_dates(
        values, where=where, example=example, clues=clues, native_order=native_order
    )


# Month names and abbreviations as X, Meta and YouTube write them in English,
# French, Spanish and German (accents kept and dropped: a re-save may lose them).
_MONTHS = {
    **dict.fromkeys(("january", "jan", "janvier", "janv", "enero", "ene", "januar", "jän"), 1),
    **dict.fromkeys(
        ("february", "feb", "février", "fevrier", "févr", "fevr", "fév", "febrero", "februar"), 2
    ),
    **dict.fromkeys(("march", "mar", "mars", "marzo", "märz", "maerz", "mär", "mrz"), 3),
    **dict.fromkeys(("april", "apr", "avril", "avr", "abril", "abr"), 4),
    **dict.fromkeys(("may", "mai", "mayo", "may"), 5),
    **dict.fromkeys(("june", "jun", "juin", "junio", "juni"), 6),
    **dict.fromkeys(("july", "jul", "juillet", "juil", "julio", "juli"), 7),
    **dict.fromkeys(("august", "aug", "août", "aout", "agosto", "ago"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre", "septiembre", "setiembre", "set"), 9),
    **dict.fromkeys(("october", "oct", "octobre", "octubre", "oktober", "okt"), 10),
    **dict.fromkeys(("november", "nov", "novembre", "noviembre"), 11),
    **dict.fromkeys(
        ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic", "dezember", "dez"),
        12,
    ),
}
_ENGLISH_MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "sept",
}
_LANGUAGE_HINTS = (
    (
        "French",
        {
            "janv",
            "févr",
            "fevr",
            "fév",
            "mars",
            "avr",
            "juin",
            "juil",
            "août",
            "aout",
            "déc",
            "janvier",
            "février",
            "avril",
            "juillet",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
            "lun",
            "mer",
            "jeu",
            "ven",
            "sam",
            "dim",
        },
    ),
    (
        "Spanish",
        {
            "ene",
            "abr",
            "ago",
            "dic",
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
            "mié",
            "jue",
            "vie",
            "sáb",
            "dom",
            "de",
        },
    ),
    (
        "German",
        {
            "jän",
            "märz",
            "mär",
            "mrz",
            "okt",
            "dez",
            "januar",
            "februar",
            "juni",
            "juli",
            "oktober",
            "dezember",
            "mo",
            "di",
            "mi",
            "do",
            "fr",
            "sa",
            "so",
        },
    ),
)


@dataclass(frozen=True)
class WordDates:
    dates: pd.Series
    language: str


def word_dates(values: pd.Series) -> WordDates | None:
    """Dates written with a month name in English, French, Spanish or German, or None.

    "Tue, Jul 14, 2026", "dim. 12 avr. 2026", "mar, 14 jul 2026", "Di., 14. Juli
    2026", "14 de julio de 2026": the day and the four-digit year are the two
    numbers, the month is the last month word (a weekday like French "mar." for
    mardi comes first). Parsed once per distinct value.
    """
    distinct = values.dropna().unique()
    parsed, words = {}, set()
    for text in distinct:
        tokens = re.findall(r"[^\W\d_]+", str(text).lower())
        numbers = re.findall(r"\d+", str(text))
        months = [_MONTHS[t] for t in tokens if t in _MONTHS]
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if not months or len(years) != 1 or len(days) != 1 or len(numbers) != 2:
            return None
        try:
            parsed[text] = pd.Timestamp(int(years[0]), months[-1], int(days[0]))
        except ValueError:
            return None
        words.update(tokens)
    dates = values.map(parsed).astype("datetime64[ns]")
    foreign = words - _ENGLISH_MONTHS - {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    language = next((name for name, hints in _LANGUAGE_HINTS if foreign & hints), "English")
    if foreign and language == "English":
        language = "another language"
    return WordDates(dates, language)


def clock_known(values: pd.Series) -> pd.Series:
    """Which publish-time cells hold a time of day (a re-save may keep only the date)."""
    found = pc.match_substring_regex(pa.array(values, type=pa.string()), r"\d:\d")
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=values.index)


def times_known(values: pd.Series, column: str, clues: DateClues) -> pd.Series:
    """``time_known`` for a layout that writes times: False, and noted, where a cell has none.

    A spreadsheet re-save can write ``28/09/2025`` for ``09/28/2025 17:00``; such
    a post reads as local midnight, which no analysis by hour may use.
    """
    known = clock_known(values) | values.isna()
    missing = int((~known).sum())
    if missing:
        _note(
            clues,
            f"{missing} {'value' if missing == 1 else 'values'} in column {column!r} have a date "
            "but no time of day (a spreadsheet re-save dropped it): time_known is False for them",
        )
    return known


def _arrow_strptime(values: pd.Series, native_format: str) -> pd.Series | None:
    """The fast path (pyarrow's strptime); None when it cannot read every value (a
    three-digit year reads as the year 25, which a nanosecond timestamp cannot hold)."""
    if native_format == "ISO8601":
        return None
    try:
        stamps = pc.strptime(
            pa.array(values, type=pa.string()), format=native_format, unit="s", error_is_null=True
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if stamps.null_count != values.isna().sum():
        return None
    out = pd.Series(stamps.to_pandas().array, index=values.index)
    try:
        return out.astype("datetime64[ns, UTC]" if stamps.type.tz else "datetime64[ns]")
    except pd.errors.OutOfBoundsDatetime:
        return None


def _parse_numeric_dates(values, *, where, example, clues, native_order) -> pd.Series:
    path, column = where["path"], where["column"]
    parts = values.str.extract(_NUMERIC_DATE)
    present = values.notna()
    unreadable = present & parts["a"].isna()
    if unreadable.any():
        raise _bad(
            values, unreadable, f"is not a date postlab can read (expected like {example!r})", where
        )
    a, b, c = (pd.to_numeric(parts[k]) for k in "abc")
    iso = a.ge(100) & present
    if iso.any() and not iso[present].all():
        raise ExportError(
            f"column {column!r} mixes date styles; download the export again", path=path
        )
    clock = _clock(parts)
    if iso.any():
        stamps = _stamps(values, a, b, c, clock, parts, where)
        order, reason = "year-first", "as written"
    else:
        year = c.where(c >= 100, c + 2000)
        readings = {
            order: _stamps(values, year, month, day, clock, parts, where, strict=False)
            for order, (month, day) in ((MONTH_FIRST, (a, b)), (DAY_FIRST, (b, a)))
        }
        readings = {k: v for k, v in readings.items() if not (present & v.isna()).any()}
        if clues.day_first:
            if DAY_FIRST not in readings:
                day_first = _stamps(values, year, b, a, clock, parts, where, strict=False)
                raise _bad(
                    values,
                    present & day_first.isna(),
                    "is not a day-first date, though the settings say this file is day-first",
                    where,
                )
            readings = {DAY_FIRST: readings[DAY_FIRST]}
        if not readings:
            raise ExportError(
                f"column {column!r} has dates that are neither day-first nor month-first",
                path=path,
            )
        order, reason = _settle(readings, values, column, path, clues, native_order)
        stamps = readings[order]
    if order != native_order:
        sample = values[present].iloc[0] if present.any() else ""
        said = f"column {column!r} read {order} (like {sample!r}), {reason}"
        _note(clues, said)
        if not clues.day_first and not (clues.language and order == DAY_FIRST):
            warnings.warn(
                f"{path}: {said}: the file was re-saved by a spreadsheet",
                PostlabWarning,
                stacklevel=3,
            )
    return _with_zone(stamps, parts)


def _settle(readings, values, column, path, clues: DateClues, native_order) -> tuple[str, str]:
    """The one reading the file's own evidence supports, and why (see the module docstring)."""
    if clues.day_first:
        return DAY_FIRST, "as the settings say this file is day-first"
    if len(readings) == 1:
        return next(iter(readings)), "as the data allow no other reading"
    outside = {order: clues.outside(stamps) for order, stamps in readings.items()}
    best = min(outside, key=outside.get)
    other = MONTH_FIRST if best == DAY_FIRST else DAY_FIRST
    if outside[best] < outside[other]:
        return best, (
            f"as {other} would put {outside[other]} posts outside the period in the file "
            "name or after its export date"
        )
    ordered = {order: _in_order(stamps) for order, stamps in readings.items()}
    if ordered[DAY_FIRST] != ordered[MONTH_FIRST]:
        best = DAY_FIRST if ordered[DAY_FIRST] else MONTH_FIRST
        return best, "as only that reading keeps the posts in date order"
    if native_order is not None:
        return native_order, "the platform's own order"
    sample = values.dropna().iloc[0]
    raise ExportError(
        f"column {column!r} holds dates re-saved by a spreadsheet (like {sample!r}) that read "
        "both day-first and month-first, and neither the period in the file name nor the "
        f"order of the posts settles it; postlab will not guess: {clues.override()}, "
        "or download the export again",
        path=path,
    )


def _note(clues: DateClues, text: str) -> None:
    if clues.note is not None:
        clues.note(text)


def _in_order(stamps: pd.Series) -> bool:
    known = stamps.dropna()
    return len(known) >= 3 and (known.is_monotonic_decreasing or known.is_monotonic_increasing)


def _clock(parts: pd.DataFrame) -> dict[str, pd.Series]:
    hour = pd.to_numeric(parts["hour"]).fillna(0)
    pm = parts["ampm"].str.lower().eq("pm").fillna(False)
    am = parts["ampm"].str.lower().eq("am").fillna(False)
    hour = hour.where(~(am & (hour == 12)), 0).where(~pm | (hour == 12), hour + 12)
    return {
        "hour": hour,
        "minute": pd.to_numeric(parts["minute"]).fillna(0),
        "second": pd.to_numeric(parts["second"]).fillna(0),
    }


def _stamps(values, year, month, day, clock, parts, where, *, strict=True) -> pd.Series:
    stamps = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month, "day": day, **clock}), errors="coerce"
    )
    impossible = values.notna() & stamps.isna()
    if strict and impossible.any():
        raise _bad(values, impossible, "is not a real date", where)
    return stamps


def _with_zone(stamps: pd.Series, parts: pd.DataFrame) -> pd.Series:
    zone = parts["zone"].dropna()
    if zone.empty:
        return stamps
    offsets = pd.to_timedelta(
        zone.str.replace(":", "")
        .str.replace("Z", "+0000")
        .map(lambda z: f"{z[0]}{z[1:3]}:{z[3:5]}:00")
    )
    return (stamps - offsets.reindex(stamps.index, fill_value=pd.Timedelta(0))).dt.tz_localize(
        "UTC"
    )


def _naive(stamps: pd.Series) -> pd.Series:
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        return stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    return stamps


def _bad(values: pd.Series, mask: pd.Series, what: str, where: dict) -> ExportError:
    column = where["column"]
    return row_error(
        values.to_frame(column), mask, column, what, where["path"], where["header_rows"]
    )
