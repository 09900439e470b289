"""Text cells to typed values, refusing what a spreadsheet has damaged.

Every conversion is vectorised; the slow path only runs to name the first
bad row when something does not parse.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError, PostlabWarning

_SCIENTIFIC_ID = r"^\s*[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+\s*$"
_NUMERIC_DATE = (
    r"^\s*(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{2,4})"
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"\s*(?P<zone>[+-]\d{2}:?\d{2}|Z)?\s*$"
)


def row_error(
    frame: pd.DataFrame, mask: pd.Series, column: str, what: str, path: str, header_rows: int
) -> ExportError:
    first = mask[mask].index[0]
    value = frame.at[first, column]
    count = int(mask.sum())
    more = f" ({count - 1} more rows like it)" if count > 1 else ""
    return ExportError(
        f"row {first + header_rows + 1}, column {column!r}: {value!r} {what}{more}", path=path
    )


def check_ids(
    ids: pd.Series, *, path: str, column: str, header_rows: int, digits_only: bool = False
) -> None:
    """Refuse ids a spreadsheet turned into numbers (6.49E+17): their digits are gone."""
    frame = ids.to_frame(column)
    destroyed = _matches(ids, _SCIENTIFIC_ID)
    if destroyed.any():
        raise row_error(
            frame,
            destroyed,
            column,
            "is an id a spreadsheet turned into a number (its last digits are lost); "
            "download the export again and do not re-save it in Excel",
            path,
            header_rows,
        )
    if digits_only:
        bad = ids.notna() & ~_matches(ids, r"^[0-9]+$")
        if bad.any():
            raise row_error(
                frame, bad, column, "is not a post id (digits expected)", path, header_rows
            )


def _matches(values: pd.Series, pattern: str) -> pd.Series:
    """Regex test in pyarrow (RE2, vectorised); blanks never match."""
    found = pc.match_substring_regex(pa.array(values, type=pa.string()), pattern)
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=values.index)


def to_numbers(
    values: pd.Series, *, path: str, column: str, header_rows: int, whole: bool
) -> pd.Series:
    """Floats (NaN for blanks); ``whole`` demands whole numbers (counts)."""
    text = pa.array(values, type=pa.string())
    if whole:  # thousands separators and stray spaces from a re-save
        text = pc.utf8_trim_whitespace(pc.replace_substring(text, ",", ""))
    try:
        result = pd.Series(
            pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False), index=values.index
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        result = pd.to_numeric(pd.Series(text, index=values.index), errors="coerce")
        bad = values.notna() & result.isna()
        raise row_error(
            values.to_frame(column), bad, column, "is not a number", path, header_rows
        ) from None
    if whole:
        fractional = result.notna() & (result != np.floor(result))
        if fractional.any():
            raise row_error(
                values.to_frame(column),
                fractional,
                column,
                "is not a whole number",
                path,
                header_rows,
            )
    return result


def to_counts(values: pd.Series, **where) -> pd.Series:
    return to_numbers(values, whole=True, **where).astype("Int64")


def parse_times(
    values: pd.Series, native_format: str, *, path: str, column: str, header_rows: int, example: str
) -> pd.Series:
    """Datetimes in the export's own format, or in a spreadsheet's re-saved numeric form.

    A re-saved file may have day-first or month-first dates: the order is
    decided from the data (a 29 cannot be a month) and refused when every
    date would read both ways. Zone-less results are naive (local time).
    """
    parsed = _arrow_strptime(values, native_format)
    if parsed is None:
        parsed = pd.to_datetime(values, format=native_format, errors="coerce")
    if not (values.notna() & parsed.isna()).any():
        return parsed
    return _parse_numeric_dates(
        values, path=path, column=column, header_rows=header_rows, example=example
    )


def _arrow_strptime(values: pd.Series, native_format: str) -> pd.Series | None:
    """The fast path (pyarrow's strptime); None when it cannot read every value."""
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
    return out.astype("datetime64[ns, UTC]" if stamps.type.tz else "datetime64[ns]")


def _parse_numeric_dates(
    values: pd.Series, *, path: str, column: str, header_rows: int, example: str
) -> pd.Series:
    parts = values.str.extract(_NUMERIC_DATE)
    unreadable = values.notna() & parts["a"].isna()
    if unreadable.any():
        raise row_error(
            values.to_frame(column),
            unreadable,
            column,
            f"is not a date postlab can read (expected like {example!r})",
            path,
            header_rows,
        )
    present = values.notna()
    a, b, c = (pd.to_numeric(parts[k]) for k in "abc")
    iso = a.ge(100) & present
    if iso.any() and not iso[present].all():
        raise ExportError(
            f"column {column!r} mixes date styles; download the export again", path=path
        )
    if iso.any():
        year, month, day, order = a, b, c, "year-first"
    else:
        month_first = bool((a[present] <= 12).all() and (b[present] <= 31).all())
        day_first = bool((b[present] <= 12).all() and (a[present] <= 31).all())
        if month_first and day_first:
            sample = values[present].iloc[0]
            raise ExportError(
                f"column {column!r} holds dates re-saved by a spreadsheet (like {sample!r}) "
                "that read both day-first and month-first; postlab will not guess: download "
                "the export again",
                path=path,
            )
        if not (month_first or day_first):
            raise ExportError(
                f"column {column!r} has dates that are neither day-first nor month-first", path=path
            )
        month, day = (a, b) if month_first else (b, a)
        order = "month-first" if month_first else "day-first"
        year = c.where(c >= 100, c + 2000)
    hour = pd.to_numeric(parts["hour"]).fillna(0)
    pm = parts["ampm"].str.lower().eq("pm").fillna(False)
    am = parts["ampm"].str.lower().eq("am").fillna(False)
    hour = hour.where(~(am & (hour == 12)), 0).where(~pm | (hour == 12), hour + 12)
    stamps = pd.to_datetime(
        pd.DataFrame(
            {
                "year": year,
                "month": month,
                "day": day,
                "hour": hour,
                "minute": pd.to_numeric(parts["minute"]).fillna(0),
                "second": pd.to_numeric(parts["second"]).fillna(0),
            }
        ),
        errors="coerce",
    )
    impossible = present & stamps.isna()
    if impossible.any():
        raise row_error(
            values.to_frame(column), impossible, column, "is not a real date", path, header_rows
        )
    zone = parts["zone"].dropna()
    if not zone.empty:
        offsets = pd.to_timedelta(
            zone.str.replace(":", "")
            .str.replace("Z", "+0000")
            .map(lambda z: f"{z[0]}{z[1:3]}:{z[3:5]}:00")
        )
        stamps = (
            stamps - offsets.reindex(stamps.index, fill_value=pd.Timedelta(0))
        ).dt.tz_localize("UTC")
    warnings.warn(
        f"{path}: column {column!r} was re-saved by a spreadsheet; read its dates {order} "
        f"(like {values[present].iloc[0]!r}), as the data allow no other reading",
        PostlabWarning,
        stacklevel=2,
    )
    return stamps


def localize(naive: pd.Series, zones: pd.Series) -> pd.Series:
    """Local wall-clock times to UTC, each row in its own account's zone.

    In the repeated autumn hour the earlier (summer-time) reading is taken;
    a time in the skipped spring hour moves forward to the first valid one.
    """
    if isinstance(naive.dtype, pd.DatetimeTZDtype):
        return naive.dt.tz_convert("UTC")
    out = pd.Series(pd.NaT, index=naive.index, dtype="datetime64[ns, UTC]")
    for zone, index in naive.groupby(zones, sort=False).groups.items():
        part = naive.loc[index]
        out.loc[index] = (
            part.dt.tz_localize(
                zone, ambiguous=np.ones(len(part), dtype=bool), nonexistent="shift_forward"
            )
            .dt.tz_convert("UTC")
            .astype("datetime64[ns, UTC]")
        )
    return out
