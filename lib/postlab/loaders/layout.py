"""What a layout is: how to recognise an export and map its columns onto posts."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError
from postlab.loaders.convert import Eventful
from postlab.loaders.dates import DateClues
from postlab.loaders.readers import Source
from postlab.loaders.report import FileReport

if TYPE_CHECKING:
    from postlab.loaders.period import ExportDate

Build = Callable[[pd.DataFrame, "FileContext"], pd.DataFrame]


@dataclass(frozen=True)
class Layout:
    """One export layout.

    ``signature`` holds the (lower-case) column names that identify it;
    ``fields`` maps each posts field to the source columns that can fill it,
    best first; ``build`` turns the selected text columns (ids checked,
    counts already numeric) into posts fields. ``needed`` are the fields the
    metrics need (a file without them loads, with a warning); a layout that
    computes engagements lists the columns it sums in ``engagement_parts``.
    ``id_in_url`` is a regex whose ``id`` group is the post id in a permalink;
    ``engagement_base`` is the count engagements cannot exceed;
    ``period_is_publish`` says the period in the file name bounds publish
    dates (not so for YouTube, whose period is that of the metrics);
    ``export_after_period`` says the file may be downloaded long after its
    period ends (X's monthly files), so a later modification time is its
    export date. ``batch`` says the files of this layout may be checked together
    (``BatchContext``): every decision its ``build`` makes per file goes through
    ``FileContext.each_file``, and every path it takes beside the fast one notes.
    """

    name: str
    title: str
    platform: str
    signature: frozenset[str]
    fields: Mapping[str, tuple[str, ...]]
    build: Build
    header_rows: int = 1
    local_time: bool = False
    id_digits: bool = False
    required: tuple[str, ...] = ("post_id", "published_at")
    total_rows: Callable[[pd.DataFrame], pd.Series] | None = None
    needed: tuple[str, ...] = ("impressions", "engagements")
    engagement_parts: tuple[str, ...] = ()
    id_in_url: str | None = None
    engagement_base: str = "impressions"
    period_is_publish: bool = True
    export_after_period: bool = False
    repeated_names: bool = False  # legacy Facebook files repeat names by design
    batch: bool = False

    def matches(self, names: list[str]) -> bool:
        return self.signature <= set(names)

    def columns(self, names: list[str], path: str) -> dict[str, str]:
        """Source column -> posts field, for the columns this file has."""
        chosen = {}
        for target, candidates in self.fields.items():
            found = next((c for c in candidates if c in names), None)
            if found is not None:
                chosen[found] = target
        missing = [f for f in self.required if f not in chosen.values()]
        if missing:
            wanted = " or ".join(repr(c) for c in self.fields[missing[0]])
            raise ExportError(
                f"looks like a {self.title} but the required column {wanted} is missing",
                path=path,
            )
        doubled = [c for c in chosen if f"{c}#2" in names]
        if doubled and not self.repeated_names:
            at = [i + 1 for i, name in enumerate(names) if re.sub(r"#\d+$", "", name) == doubled[0]]
            raise ExportError(
                f"has the column {doubled[0]!r} more than once (columns "
                f"{', '.join(map(str, at))}): postlab cannot tell which copy holds the "
                "counts; download the export again",
                path=path,
            )
        return chosen

    def missing_metrics(self, chosen: dict[str, str]) -> list[str]:
        """Sentences naming each column the metrics need that this file lacks."""
        have = set(chosen.values())
        out = []
        for target in self.needed:
            parts = set(self.engagement_parts)
            if target == "engagements" and have & parts and not parts <= have:
                lacking = [p for p in self.engagement_parts if p not in have]
                wanted = " or ".join(repr(self.fields[p][0]) for p in lacking)
                out.append(
                    f"has no {wanted} column: engagements are the sum of the other "
                    f"{', '.join(p for p in self.engagement_parts if p in have)} only, "
                    "lower than in files that have it"
                )
            if target in have or (target == "engagements" and have & parts):
                continue
            sources = self.fields.get(target) or [self.fields[p][0] for p in self.engagement_parts]
            wanted = " or ".join(repr(c) for c in sources)
            out.append(
                f"has no {wanted} column: {target} are blank, so every metric built on "
                f"them is missing for its posts"
            )
        return out


@dataclass
class FileContext:
    """Where a file's rows are being read, for error messages and the report."""

    source: Source
    layout: Layout
    report: FileReport
    account: str | None = None  # set by the user for this file or its folder
    headers: dict[str, str] = field(default_factory=dict)  # posts field -> column in the file
    clues: DateClues = field(default_factory=DateClues)  # what the file says about its dates
    exported: ExportDate | None = None  # when the file was exported

    @property
    def path(self) -> str:
        return self.source.name

    def where(self, target: str) -> dict:
        """Keyword arguments that let a converter name the file, row and column of a bad cell."""
        return {
            "path": self.path,
            "column": self.headers.get(target, target),
            "header_rows": self.layout.header_rows,
        }

    def note(self, text: str) -> None:
        self.report.notes.append(text)

    def categories(self, values: pd.Series, mapping: Mapping[str, str], target: str) -> pd.Series:
        """Map platform labels (any case) onto postlab's; unknown labels become 'other', noted."""
        mapped = values.str.strip().str.lower().map(mapping)
        unknown = values[values.notna() & mapped.isna()]
        if len(unknown):
            self.note(
                f"{len(unknown)} rows with an unknown {self.headers.get(target, target)!r} "
                f"(e.g. {unknown.iloc[0]!r}) read as 'other'"
            )
        return mapped.where(values.isna() | mapped.notna(), "other")

    def summed(self, table: pd.DataFrame, target: str = "engagements") -> pd.Series | object:
        """The layout's ``engagement_parts`` added up; unknown (<NA>) where any of them is blank.

        A blank cell is not a zero: a post whose Saves cell is empty has engagements
        of at least the others, not exactly them. Such posts are counted in a note.
        A part the file has no column for at all is the file-level warning of
        ``Layout.missing_metrics``, not a blank.
        """
        parts = [p for p in self.layout.engagement_parts if p in table]
        if not parts:
            return pd.NA
        values = table[parts]
        blank = values.isna().any(axis=1)
        count = int(blank.sum())
        if count:
            first = blank[blank].index[0]
            empty = [self.headers.get(p, p) for p in parts if pd.isna(values.at[first, p])]
            posts = "1 post has" if count == 1 else f"{count} posts have"
            self.note(
                f"{posts} a blank cell in a column {target} are summed from (first: row "
                f"{first + self.layout.header_rows + 1}, {', '.join(map(repr, empty))}): their "
                f"{target} are left unknown, not counted as 0"
            )
        return values.sum(axis=1, min_count=len(parts)).astype("Int64")

    def empty_rows(self, count: int) -> None:
        """Rows of separators only, left out by the reader: read, and dropped as having no id."""
        self.report.rows_read += count
        self.dropped("empty id", count)

    def dropped(self, reason: str, count: int) -> None:
        """Count ``count`` rows left out for ``reason`` in the report."""
        self.report.dropped[reason] = self.report.dropped.get(reason, 0) + count

    def drop(self, frame: pd.DataFrame, mask: pd.Series, reason: str) -> pd.DataFrame:
        """Remove rows, counting them under ``reason`` in the report."""
        count = int(mask.sum())
        if not count:
            return frame
        self.dropped(reason, count)
        return frame.loc[~mask]

    def each_file(self, decide: Callable[[slice, FileContext], Any]) -> list:
        """``decide(rows, ctx)`` for each file, ``rows`` its rows (positions): here the one
        file's, all of them; in a ``BatchContext`` each file's in turn."""
        return [decide(slice(None), self)]

    def spread(self, values: list, rows: int):
        """One value per file (``each_file``'s) as a column of ``rows`` rows."""
        return repeated(values, [rows])


class BatchContext(FileContext):
    """Files of one layout and header, checked as one table when none of them is unusual.

    Everything a file would note, drop or refuse, and every path beside the
    fast one, raises ``Eventful`` instead: the files are then read one by one,
    so each note, count and message is the one the file alone gives. Decisions
    a file makes as a whole (its decimal mark, its account) are made per file
    (``each_file``), never over the batch.
    """

    def __init__(self, files: list[FileContext], sizes: list[int]):
        first = files[0]
        clues = dataclasses.replace(
            DateClues(),
            day_first=first.clues.day_first,
            language=first.clues.language,
            note=self.note,
            fast_only=True,
        )
        super().__init__(first.source, first.layout, first.report, first.account, first.headers)
        self.clues, self.files, self.sizes = clues, files, sizes
        self.exported = first.exported if len(files) == 1 else None

    def note(self, text: str) -> None:
        raise Eventful(text)

    def dropped(self, reason: str, count: int) -> None:
        raise Eventful(reason)

    def each_file(self, decide) -> list:
        out, start = [], 0
        for file, size in zip(self.files, self.sizes, strict=True):
            out.append(decide(slice(start, start + size), BatchContext([file], [size])))
            start += size
        return out

    def spread(self, values: list, rows: int):
        return repeated(values, self.sizes)


def repeated(values: list, sizes: list[int]):
    """``values[i]`` ``sizes[i]`` times, as one column; text is repeated by arrow (a file's
    path on a million rows is one copy of bytes, not a million Python objects)."""
    if all(isinstance(value, str) for value in values):
        names = pa.array(values, type=pa.large_string())
        if len(values) == 1:
            return pd.array(pa.repeat(names[0], sizes[0]), dtype="string")
        which = np.repeat(np.arange(len(values)), sizes)
        return pd.array(pc.take(names, pa.array(which)), dtype="string")
    return pd.Series(values).repeat(sizes).array
