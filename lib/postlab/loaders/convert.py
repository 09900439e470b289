"""Shared by the converters: naming a bad cell, and local times to UTC."""

from __future__ import annotations

import numpy as np
import pandas as pd

from postlab.exceptions import ExportError


class Eventful(Exception):
    """Raised where files checked together meet something one file alone would note, drop,
    refuse or read the slow way (``layout.BatchContext``): they are read one by one instead."""


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


def localize(naive: pd.Series, zones: pd.Series, note=None) -> pd.Series:
    """Local wall-clock times to UTC, each row in its own account's zone.

    On the days the clocks change, one local hour is missing and one happens
    twice. The rule (stated in the note, where it applies): a time in the
    skipped hour was written by a clock not yet put forward, so it is read
    with the offset in force before the change (01:30 on 29 March 2026 in
    London is 01:30 GMT, 01:30Z); a time in the repeated hour is read as its
    first occurrence, in summer time (01:30 on 25 October 2026 is 01:30 BST,
    00:30Z). Either reading gives the same local weekday and hour block.
    """
    if isinstance(naive.dtype, pd.DatetimeTZDtype):
        return naive.dt.tz_convert("UTC")
    out = pd.Series(pd.NaT, index=naive.index, dtype="datetime64[ns, UTC]")
    skipped, repeated = [], []
    for zone, index in naive.groupby(zones, sort=False).groups.items():
        part = naive.loc[index]
        utc = part.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
        unsure = utc.isna() & part.notna()
        if unsure.any():
            earlier = part[unsure].dt.tz_localize(
                zone, ambiguous=np.ones(int(unsure.sum()), dtype=bool), nonexistent="NaT"
            )
            gap = earlier.isna()
            if gap.any():  # the offset of the day before, when the clock had not moved yet
                before = (part[unsure][gap] - pd.Timedelta(days=1)).dt.tz_localize(
                    zone, ambiguous=True, nonexistent="shift_forward"
                )
                offset = before.dt.tz_localize(None) - before.dt.tz_convert("UTC").dt.tz_localize(
                    None
                )
                earlier[gap] = (part[unsure][gap] - offset).dt.tz_localize("UTC")
            skipped += list(part[unsure][gap])
            repeated += list(part[unsure][~gap])
            utc = utc.dt.tz_convert("UTC").where(~unsure, earlier.dt.tz_convert("UTC"))
        out.loc[index] = utc.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    if note is not None:
        _note_clock_changes(note, skipped, repeated)
    return out


def _note_clock_changes(note, skipped: list, repeated: list) -> None:
    if skipped:
        note(
            f"{len(skipped)} publish {'time falls' if len(skipped) == 1 else 'times fall'} in the "
            f"hour the clocks skipped (like {skipped[0]:%Y-%m-%d %H:%M}): read with the offset "
            "before the change, as a clock not yet put forward shows it"
        )
    if repeated:
        note(
            f"{len(repeated)} publish {'time falls' if len(repeated) == 1 else 'times fall'} in "
            f"the hour the clocks repeated (like {repeated[0]:%Y-%m-%d %H:%M}): read as the first "
            "occurrence (summer time); the other would be an hour later, same weekday and hour block"
        )
