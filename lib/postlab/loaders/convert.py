"""Shared by the converters: naming a bad cell, and local times to UTC."""

from __future__ import annotations

import numpy as np
import pandas as pd

from postlab.exceptions import ExportError


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
