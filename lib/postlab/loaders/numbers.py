"""Numbers as a file writes them: one decimal mark per file, thousands only in valid groups.

A spreadsheet re-save in another locale writes ``3775,0`` for 3775 and
``148.767`` for 148767. Stripping every comma would read the first as 37750,
so each file's decimal mark is decided from evidence in all its numeric
columns together: a value that only one style can read (``0.0125``,
``3775,0``, ``1,234,567``) votes for that style; ``1,234`` or ``1.234`` votes
for neither. Conflicting votes, or an undecided value that is not a whole
count, refuse the file with a sentence. Only plain decimal notation is a
number here: ``inf``, ``NaN`` and ``1e30`` are refused, not converted.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError
from postlab.loaders.convert import row_error

_GROUP = "[ \u00a0\u202f{sep}]"
_PLAIN = r"^-?\d+(?:\.\d+)?$"
_UNDECIDED = r"^-?[1-9]\d{0,2}[.,]\d{3}$"  # 1,234 or 1.234: thousands, or three decimals
_STYLES = {
    "point": (",", "."),  # (thousands separator, decimal mark)
    "comma": (".", ","),
}
LARGEST = 1e15  # no post has a quadrillion of anything; beyond it a float loses whole numbers


def _grammar(style: str) -> str:
    sep, mark = _STYLES[style]
    group = _GROUP.format(sep="\\" + sep)
    return rf"^-?(?:\d+|[1-9]\d{{0,2}}(?:{group}\d{{3}})+)(?:\{mark}\d+)?$"


_GRAMMARS = {style: _grammar(style) for style in _STYLES}


@dataclass(frozen=True)
class Column:
    """A numeric column to parse: its text, where it is, and whether it holds counts."""

    text: pa.Array
    odd: pa.Array | None  # per row, not plain decimal notation; None: every value is plain
    index: pd.Index
    where: dict
    whole: bool

    @property
    def name(self) -> str:
        return self.where["column"]

    @property
    def plain(self) -> bool:
        """Every value is digits with an optional decimal point: the common case."""
        return self.odd is None

    def part(self, rows: slice) -> Column:
        """The column's values in ``rows`` (one file of several read together)."""
        odd = None if self.odd is None else self.odd[rows]
        if odd is not None and not pc.any(odd).as_py():
            odd = None
        return Column(self.text[rows], odd, self.index[rows], self.where, self.whole)


def number_columns(table: pd.DataFrame, wanted: dict[str, bool], where) -> dict[str, Column]:
    """The ``wanted`` columns of ``table`` (name -> whole) as text to parse.

    ``where(name)`` gives the keyword arguments that let an error name the file,
    row and column.
    """
    names = [name for name in wanted if name in table]
    with ThreadPoolExecutor(2) as pool:  # arrow's kernels let go of the GIL: two cores
        texts = list(pool.map(lambda name: _text(table[name]), names))
    return {
        name: Column(text, odd, table.index, where(name), wanted[name])
        for name, (text, odd) in zip(names, texts, strict=True)
    }


def _text(values: pd.Series) -> tuple[pa.Array, pa.Array | None]:
    """A column's text, trimmed, and which values are not plain (None: all are). Plain
    text holds no spaces: it is tested as it is, and only text that fails is trimmed."""
    text = pa.array(values, type=pa.string())
    odd = _odd(text)
    if odd is not None:
        text = pc.utf8_trim(text, " \t\u00a0\u202f")
        odd = _odd(text)
    return text, odd


def _odd(text: pa.Array) -> pa.Array | None:
    odd = pc.invert(pc.fill_null(pc.match_substring_regex(text, _PLAIN), True))
    return odd if pc.any(odd).as_py() else None


def file_style(columns: list[Column], note=None) -> str:
    """The one decimal mark of a file's numbers (``decide_style``); ``note`` (if given) is
    told when the file writes decimal commas, so the report shows how its numbers were read."""
    style = decide_style(columns)
    if style == "comma" and note is not None:
        note(_comma_note(columns))
    return style


def parse_numbers(columns: dict[str, Column], style: str) -> dict[str, pd.Series]:
    """Parse the columns under the file's style: counts as ``Int64``, other numbers as floats."""
    with ThreadPoolExecutor(2) as pool:  # errors come in column order all the same
        parsed = list(pool.map(lambda column: _parse(column, style), columns.values()))
    return dict(zip(columns, parsed, strict=True))


def decide_style(columns: list[Column]) -> str:
    """'point' or 'comma', from the values only one style can read; refused when they disagree."""
    votes: dict[str, tuple[str, str]] = {}
    undecided: list[tuple[Column, str]] = []
    for column in columns:
        if column.plain and "point" in votes:
            continue  # plain values can only vote for the decimal point
        for style, example in _votes(column).items():
            votes.setdefault(style, (column.name, example))
        if len(votes) == 2:
            break
        if not votes:
            found = _first(column.text, _UNDECIDED)
            if found is not None:
                undecided.append((column, found))
    if len(votes) == 2:
        (point_col, point), (comma_col, comma) = votes["point"], votes["comma"]
        raise ExportError(
            f"mixes decimal points ({point!r} in column {point_col!r}) and decimal commas "
            f"({comma!r} in column {comma_col!r}): postlab cannot tell which numbers are "
            "thousands; download the export again",
            path=columns[0].where["path"],
        )
    if votes:
        return next(iter(votes))
    return _settle(undecided)


def _settle(undecided: list[tuple[Column, str]]) -> str:
    """No value decides the style: counts can only hold thousands (1,234 is not a count)."""
    styles = set()
    for column, example in undecided:
        if not column.whole:
            raise ExportError(
                f"column {column.name!r} holds {example!r}, which reads as a thousands separator "
                "or as a decimal mark, and no other number in the file settles which; "
                "download the export again (or re-save it without thousands separators)",
                path=column.where["path"],
            )
        styles.add("point" if "," in example else "comma")
    if len(styles) == 2:
        column = undecided[0][0]
        raise ExportError(
            "uses both ',' and '.' as thousands separators in its counts (like "
            f"{undecided[0][1]!r} in column {column.name!r}); download the export again",
            path=column.where["path"],
        )
    return styles.pop() if styles else "point"


def _votes(column: Column) -> dict[str, str]:
    """The styles this column's values vote for, each with one example value."""
    text = column.text
    votes = {}
    if not column.plain:
        plain = pc.fill_null(pc.match_substring_regex(text, _PLAIN), True)
        rest = pc.filter(text, pc.invert(plain))
        fits = {style: pc.match_substring_regex(rest, rule) for style, rule in _GRAMMARS.items()}
        for style, other in (("point", "comma"), ("comma", "point")):
            only = pc.filter(rest, pc.and_(fits[style], pc.invert(fits[other])))
            if len(only):
                votes[style] = only[0].as_py()
        text = pc.filter(text, plain)
    if "point" not in votes:  # plain values with a decimal point that is not 1.234
        dotted = pc.filter(text, pc.match_substring(text, "."))
        decided = pc.filter(dotted, pc.invert(pc.match_substring_regex(dotted, _UNDECIDED)))
        if len(decided):
            votes["point"] = decided[0].as_py()
    return votes


def _comma_note(columns: list[Column]) -> str:
    example = next((found for c in columns if (found := _first(c.text, r"[.,]")) is not None), None)
    like = f" (like {example!r})" if example is not None else ""
    return (
        f"numbers read with a decimal comma and '.' between thousands{like}: the file was "
        "re-saved by a spreadsheet set to a European locale"
    )


def _first(text: pa.Array, pattern: str) -> str | None:
    found = pc.filter(text, pc.match_substring_regex(text, pattern))
    return found[0].as_py() if len(found) else None


def _parse(column: Column, style: str) -> pd.Series:
    text = column.text
    sep, mark = _STYLES[style]
    if not (column.plain and style == "point"):
        fits = pc.match_substring_regex(text, _GRAMMARS[style])
        bad = pc.invert(pc.fill_null(fits, True)).to_numpy(zero_copy_only=False)
        if bad.any():
            raise _error(column, bad, _not_a_number(style))
    if not column.plain or style == "comma":
        text = pc.replace_substring_regex(text, _GROUP.format(sep="\\" + sep), "")
        if mark == ",":
            text = pc.replace_substring(text, ",", ".")
    values = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
    huge = np.abs(np.nan_to_num(values)) >= LARGEST
    if huge.any():
        raise _error(column, huge, "is too large to be a count of anything on a post")
    if column.whole:
        fractional = ~np.isnan(values) & (values != np.floor(values))
        if fractional.any():
            what = "is not a whole number"
            if style == "comma" and "," not in str(column.text[int(np.argmax(fractional))]):
                what += " (this file writes decimals with a comma, so '.' groups thousands)"
            raise _error(column, fractional, what)
        blank = np.isnan(values)  # whole and below LARGEST: exact as integers
        counts = pd.arrays.IntegerArray(np.where(blank, 0, values).astype("int64"), blank)
        return pd.Series(counts, index=column.index)
    return pd.Series(values, index=column.index)


def _not_a_number(style: str) -> str:
    if style == "comma":
        return "is not a number as this file writes them (like 1.234,5: decimal comma)"
    return "is not a number as this file writes them (like 1,234.5: decimal point)"


def _error(column: Column, bad: np.ndarray, what: str) -> ExportError:
    frame = pd.DataFrame({column.name: column.text.to_pandas().array}, index=column.index)
    mask = pd.Series(bad, index=column.index)
    where = column.where
    return row_error(frame, mask, column.name, what, where["path"], where["header_rows"])
