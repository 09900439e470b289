"""What a load did to every file: nothing is dropped or merged without a count here."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

from postlab.markup import html_text


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


@dataclass
class SkippedFile:
    path: str
    reason: str


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

    def _short(self, path: str) -> str:
        root = self._root()
        return os.path.relpath(path, root) if root else path

    def _rows(self) -> list[list[str]]:
        return [
            [
                self._short(f.path),
                f.layout,
                f.account,
                str(f.rows_read),
                str(f.rows_kept),
                ", ".join(f"{n} {reason}" for reason, n in f.dropped.items()) or "-",
                str(f.superseded or "-"),
                str(f.young or "-"),
            ]
            for f in self.files
        ]

    _HEADER = ["file", "layout", "account", "read", "kept", "dropped", "merged", "young"]

    def _summary_lines(self) -> list[str]:
        dropped = ", ".join(f"{n} {r}" for r, n in self.dropped.items()) or "none"
        return [
            f"{len(self.files)} files read, {len(self.skipped)} skipped; "
            f"{self.rows_read} rows read, dropped: {dropped}",
            f"{self.merged} duplicate rows merged (the latest export of a post wins); "
            f"{self.posts} posts",
            f"{self.young} posts were younger than {self.young_hours:g} hours when exported "
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
        rows = [self._HEADER, *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(self._HEADER))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        if self._root():
            lines.insert(0, f"files in {self._root()}")
        lines += [f"note: {line}" for line in self._notes()]
        return "\n".join([*lines, "", *self._summary_lines()])

    def _notes(self) -> list[str]:
        notes = [f"{self._short(r.path)}: {n}" for r in self.files for n in r.notes]
        return notes + [f"skipped {self._short(s.path)}: {s.reason}" for s in self.skipped]

    def _repr_html_(self) -> str:
        def cells(tag: str, row: list[str]) -> str:
            return "".join(f"<{tag}>{html_text(c)}</{tag}>" for c in row)

        body = "".join(f"<tr>{cells('td', r)}</tr>" for r in self._rows())
        items = "".join(f"<li>{html_text(n)}</li>" for n in self._notes())
        summary = "".join(f"<p>{html_text(line)}</p>" for line in self._summary_lines())
        root = f"<p>files in {html_text(self._root())}</p>" if self._root() else ""
        return (
            f"{root}<table><thead><tr>{cells('th', self._HEADER)}</tr></thead><tbody>{body}"
            f"</tbody></table>{f'<ul>{items}</ul>' if items else ''}{summary}"
        )
