"""What a load did to every file: nothing is dropped or merged without a count here."""

from __future__ import annotations

import os
import textwrap
from dataclasses import asdict, dataclass, field

from postlab.markup import html_text

WIDTH = 100  # a terminal's width: the text report never runs past it


@dataclass
class FileReport:
    path: str
    layout: str
    account: str = ""
    encoding: str = ""
    rows_read: int = 0
    rows_kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    superseded: int = 0  # rows replaced by a later export of the same post
    young: int = 0
    exported_at: str = ""
    saved_late: bool = False  # dated by its modification time, later than its period's end
    notes: list[str] = field(default_factory=list)


REFUSED = "was refused: "  # how the reason of a damaged export found in a folder begins


@dataclass
class SkippedFile:
    path: str
    reason: str
    companion: bool = False  # a file that sits beside exports by design (YouTube's chart data)


@dataclass
class LoadReport:
    """Per file: layout, account, rows read, kept and dropped (by reason); then the totals."""

    young_hours: float = 48
    files: list[FileReport] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    merged: int = 0
    posts: int = 0

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def dropped(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for report in self.files:
            for reason, count in report.dropped.items():
                totals[reason] = totals.get(reason, 0) + count
        return totals

    @property
    def refused(self) -> list[SkippedFile]:
        """Files that could not be used (damaged, unreadable, no export): never passed over."""
        return [s for s in self.skipped if not s.companion]

    @property
    def young(self) -> int:
        return sum(f.young for f in self.files)

    def to_dict(self) -> dict:
        return {
            "files": [asdict(f) for f in self.files],
            "skipped": [asdict(s) for s in self.skipped],
            "totals": self._totals(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> LoadReport:
        """The report ``to_dict()`` wrote (a cached load keeps its report)."""
        totals = data["totals"]
        return cls(
            young_hours=totals["young_hours"],
            files=[FileReport(**f) for f in data["files"]],
            skipped=[SkippedFile(**s) for s in data["skipped"]],
            merged=totals["duplicates_merged"],
            posts=totals["posts"],
        )

    def _totals(self) -> dict:
        return {
            "files_read": len(self.files),
            "files_skipped": len(self.skipped),
            "rows_read": self.rows_read,
            "dropped": self.dropped,
            "duplicates_merged": self.merged,
            "posts": self.posts,
            "young_posts": self.young,
            "young_hours": self.young_hours,
        }

    def _root(self) -> str:
        """The folder all files share, left out of the table so that it stays readable."""
        paths = [f.path for f in self.files] + [s.path for s in self.skipped]
        if len(paths) < 2:
            return os.path.dirname(paths[0]) if paths else ""
        return os.path.commonpath(paths)

    def _shortener(self):
        """``path`` without the shared folder (found once: a force's report lists thousands)."""
        root = self._root()
        return (lambda path: os.path.relpath(path, root)) if root else (lambda path: path)

    def _rows(self) -> list[list[str]]:
        short = self._shortener()
        return [
            [
                short(f.path),
                f.layout,
                f.account,
                f"{f.rows_read:,}",
                f"{f.rows_kept:,}",
                ", ".join(f"{n:,} {reason}" for reason, n in f.dropped.items()) or "-",
                f"{f.superseded:,}" if f.superseded else "-",
                f"{f.young:,}" if f.young else "-",
            ]
            for f in self.files
        ]

    _HEADER = ["file", "layout", "account", "read", "kept", "dropped", "merged", "young"]

    def _summary_lines(self) -> list[str]:
        dropped = ", ".join(f"{n:,} {r}" for r, n in self.dropped.items()) or "none"
        young = "post was" if self.young == 1 else "posts were"
        return [
            f"{_count(len(self.files), 'file')} read, {len(self.skipped):,} skipped; "
            f"{_count(self.rows_read, 'row')} read, dropped: {dropped}",
            f"{_count(self.merged, 'duplicate row')} merged (the latest export of a post wins); "
            f"{_count(self.posts, 'post')}",
            f"{self.young:,} {young} younger than {self.young_hours:g} hours when exported "
            "(their counts were still growing)",
            *self._late_line(),
        ]

    def _late_line(self) -> list[str]:
        late = sum(f.saved_late for f in self.files)
        if not late:
            return []
        files = "1 file was" if late == 1 else f"{late} files were"
        return [
            f"{files} saved more than a day after the period in the file name ended: "
            "dated by the modification time, not by the period's end"
        ]

    def __str__(self) -> str:
        lines = self._text_table()
        if self._root():
            lines.insert(0, _wrapped(f"files in {self._root()}"))
        lines += [_wrapped(f"note: {line}") for line in self.notes()]
        return "\n".join([*lines, "", *map(_wrapped, self._summary_lines())])

    def _text_table(self) -> list[str]:
        """The table within WIDTH: files under a line per folder (with its layouts), and a
        name too long for the room shortened at its start (the account has its own column)."""
        header = [h for h in self._HEADER if h != "layout"]
        folders: dict[str, list[tuple[str, list[str]]]] = {}
        for row in self._rows():
            folder, name = os.path.split(row[0])
            folders.setdefault(folder, []).append((row[1], ["  " + name, *row[2:]]))
        body = [row for rows in folders.values() for _, row in rows]
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        widths[0] = min(widths[0], max(24, WIDTH - sum(widths[1:]) - 2 * (len(widths) - 1)))

        def line(cells: list[str]) -> str:
            cells = [_tail(cells[0], widths[0]), *cells[1:]]
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        lines = [line(header), "  ".join("-" * w for w in widths)]
        for folder, rows in folders.items():
            layouts = ", ".join(dict.fromkeys(layout for layout, _ in rows))
            lines.append(_wrapped(f"{folder or '.'}/ ({layouts})"))
            lines += [line(row) for _, row in rows]
        return lines

    def notes(self) -> list[str]:
        """The loaders' notes on each file, and the files skipped with the reason."""
        short = self._shortener()
        notes = [f"{short(r.path)}: {n}" for r in self.files for n in r.notes]
        return notes + [f"skipped {short(s.path)}: {s.reason}" for s in self.skipped]

    def _repr_html_(self) -> str:
        def cells(tag: str, row: list[str]) -> str:
            return "".join(f"<{tag}>{html_text(c)}</{tag}>" for c in row)

        body = "".join(f"<tr>{cells('td', r)}</tr>" for r in self._rows())
        items = "".join(f"<li>{html_text(n)}</li>" for n in self.notes())
        summary = "".join(f"<p>{html_text(line)}</p>" for line in self._summary_lines())
        root = f"<p>files in {html_text(self._root())}</p>" if self._root() else ""
        return (
            f"{root}<table><thead><tr>{cells('th', self._HEADER)}</tr></thead><tbody>{body}"
            f"</tbody></table>{f'<ul>{items}</ul>' if items else ''}{summary}"
        )


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _wrapped(line: str) -> str:
    return textwrap.fill(line, WIDTH, subsequent_indent="  ", break_on_hyphens=False)


def _tail(text: str, width: int) -> str:
    """``text``, or its end after an ellipsis when it is wider than ``width``."""
    return text if len(text) <= width else "  …" + text[len(text) - width + 3 :]
