"""Labels files: a team's own record of each post's style (post_id -> value).

Kept as text throughout: a post id that passed through a spreadsheet as
``6.49E+17`` has lost its digits and can only be reported, never repaired.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.exceptions import ExperimentError
from postlab.files import environment_words

DAMAGED_ID = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
FIRST_DATA_ROW = 2  # row 1 is the header


def read_labels_strict(path: str | Path) -> pd.DataFrame:
    """The labels file as stripped text, refusing one that cannot be joined safely."""
    labels = read_labels_lenient(path)
    for problem in id_problems(labels, Path(path)):
        raise problem
    return labels


def read_labels_lenient(path: str | Path) -> pd.DataFrame:
    """The labels file as stripped text (blank cells missing), read once per change."""
    path = Path(path)
    try:
        return _read(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise ExperimentError("labels file not found", path=path) from None
    except OSError as error:
        raise ExperimentError(
            f"labels file cannot be read: {environment_words(error) or error.strerror}", path=path
        ) from None


@lru_cache(maxsize=8)
def _read(path: Path, mtime: int) -> pd.DataFrame:
    try:
        labels = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise ExperimentError(
            "labels file is empty (it needs a post_id column)", path=path
        ) from None
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        message = " ".join(str(error).split())
        raise ExperimentError(
            f"cannot be read as a UTF-8 CSV file ({message})", path=path
        ) from None
    labels.columns = [str(c).strip() for c in labels.columns]
    if "post_id" not in labels.columns:
        raise ExperimentError(
            f"labels file needs a post_id column (columns: {', '.join(labels.columns)})", path=path
        )
    labels = labels.apply(lambda column: column.str.strip()).replace("", pd.NA)
    return labels


def id_problems(labels: pd.DataFrame, path: Path) -> list[ExperimentError]:
    """Missing, damaged (6.49E+17) and duplicated post ids: the first row of each kind,
    with how many more rows are like it (a file damaged by Excel would fill a screen)."""
    ids = labels["post_id"]
    keys = ["platform", "post_id"] if "platform" in labels.columns else ["post_id"]
    empty = ids.isna().to_numpy()
    damaged = ids.fillna("").str.match(DAMAGED_ID.pattern, case=False).to_numpy() & ~empty
    twice = labels.duplicated(keys, keep="first").to_numpy() & ~empty & ~damaged
    found = []
    for mask, message in (
        (empty, lambda at: "post_id is empty"),
        (
            damaged,
            lambda at: (
                f"post_id {ids.iloc[at]} was damaged by a spreadsheet (digits lost); "
                "copy the id again from the export and save as CSV with ids as text"
            ),
        ),
        (
            twice,
            lambda at: (
                f"post_id {ids.iloc[at]} appears twice "
                f"(first on line {_first_row(labels[keys], at)})"
            ),
        ),
    ):
        rows = np.flatnonzero(mask)
        if len(rows):
            found.append((rows[0], message(rows[0]) + _more(len(rows) - 1)))
    return [
        ExperimentError(message, path=path, line=int(at) + FIRST_DATA_ROW)
        for at, message in sorted(found, key=lambda pair: pair[0])
    ]


def _first_row(keys: pd.DataFrame, at: int) -> int:
    """The line of the first row with the same key as row ``at``."""
    keys = keys.fillna("")
    same = (keys.iloc[:at] == keys.iloc[at]).all(axis=1).to_numpy(dtype=bool)
    return int(np.flatnonzero(same)[0]) + FIRST_DATA_ROW


def _more(extra: int) -> str:
    return f"; and {extra:,} more row{'s' if extra != 1 else ''} like it" if extra else ""


def value_problems(
    labels: pd.DataFrame, path: Path, column: str, arms: list[str]
) -> list[ExperimentError]:
    """Values that look like a misspelt arm: they would silently drop posts from it.

    Only a spelling of an arm the file also uses correctly counts (if no row
    says ``serious``, the experiment's ``serius`` is the typo, reported there);
    one line per distinct value, at its first row.
    """
    values = labels[column]
    used = {value.casefold() for value in values.dropna()}
    known = sorted(arm.casefold() for arm in arms if arm.casefold() in used)
    problems = []
    for value, rows in values.groupby(values, sort=False).groups.items():
        if value.casefold() in {arm.casefold() for arm in arms}:
            continue
        close = difflib.get_close_matches(value.casefold(), known, n=1, cutoff=0.75)
        if close:
            extra = len(rows) - 1
            more = f" (and {extra} more row{'s' if extra > 1 else ''})" if extra else ""
            problems.append(
                ExperimentError(
                    f"{column} {value!r} is not an arm value (did you mean {close[0]}?){more}",
                    path=path,
                    line=int(rows.min()) + FIRST_DATA_ROW,
                )
            )
    return problems
