"""Monthly exports checked together give exactly what each file gives alone.

Consecutive X files of one header are read one by one and checked as one
table; where any of them is unusual the files are checked one by one. Either
way every post, note, count and message must be the one the file alone gives.
"""

import warnings
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.exceptions import ExportError
from postlab.loaders import load_with_report, pipeline
from postlab.loaders.report import REFUSED

from .damage import BASES, cells, read_rows, set_times, write_rows

MONTHS = ("2015-01", "2015-02", "2015-03", "2015-04")


def _monthly(folder: Path, damage=None, damaged_month: str = "2015-03") -> list[Path]:
    """The X fixture as four monthly downloads, each with its own posts (ids, permalinks)."""
    paths = []
    for month in MONTHS:
        year, number = month.split("-")
        rows = read_rows(BASES["x"])
        times = [f"{month}-{day:02d} {hour}:05 +0000" for day, hour in ((27, 18), (20, 9), (3, 7))]
        rows = set_times("time", times)(rows)
        if damage is not None and month == damaged_month:
            rows = damage(rows)
        name = f"tweet_activity_metrics_MPSTest_{year}{number}01_{year}{number}28_en.csv"
        paths.append(write_rows(folder / name, rows))
    return paths


def _checks(monkeypatch) -> list[str]:
    """Which context each check ran with: one BatchContext, or a FileContext per file."""
    seen, checked = [], pipeline._checked

    def spy(table, ctx, options):
        seen.append(type(ctx).__name__)
        return checked(table, ctx, options)

    monkeypatch.setattr(pipeline, "_checked", spy)
    return seen


def _alone(paths: list[Path]):
    """Each file loaded by itself: its posts and report entry, or its refusal's words."""
    out = []
    for path in paths:
        try:
            posts, report = load_with_report(path, settings=Settings(), allow_empty=True)
        except ExportError as error:
            out.append((None, str(error).removeprefix(f"{path}: ")))
        else:
            out.append((posts, asdict(report.files[0])))
    return out


def _together(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        posts, report = load_with_report(folder, settings=Settings(), allow_empty=True)
    return posts, [asdict(f) for f in report.files], [asdict(s) for s in report.skipped]


def test_clean_monthly_files_are_checked_as_one_table(tmp_path, monkeypatch):
    paths = _monthly(tmp_path)
    seen = _checks(monkeypatch)
    posts, files, skipped = _together(tmp_path)
    assert seen == ["BatchContext"] and not skipped
    alone = _alone(paths)
    pd.testing.assert_frame_equal(posts, pd.concat([p for p, _ in alone], ignore_index=True))
    assert files == [f for _, f in alone]


DAMAGES = {
    "blank time": cells("time", lambda v: "", rows_at=[1]),
    "total row": lambda rows: rows + [["Total"] + [""] * (len(rows[0]) - 1)],
    "decimal comma": cells("impressions", lambda v: v.replace(".", ",")),
    "count edited": cells("impressions", lambda v: v.replace(".0", "0.0"), rows_at=[0]),
    "negative count": cells("replies", lambda v: "-" + v, rows_at=[0]),
    "apostrophe id": cells("tweet id", lambda v: "'" + v, rows_at=[0]),
    "repeated row": lambda rows: rows[:2] + [rows[1]] + rows[2:],
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_an_unusual_file_among_them_reads_as_it_does_alone(tmp_path, monkeypatch, damage):
    paths = _monthly(tmp_path, DAMAGES[damage])
    seen = _checks(monkeypatch)
    posts, files, skipped = _together(tmp_path)
    checked = list(seen)
    alone = _alone(paths)
    assert checked[0] == "BatchContext"
    refused = [
        (str(path), words) for path, (p, words) in zip(paths, alone, strict=True) if p is None
    ]
    assert [(s["path"], s["reason"]) for s in skipped] == [
        (path, f"{REFUSED}{words}") for path, words in refused
    ]
    loaded = [(p, f) for p, f in alone if p is not None]
    assert files == [f for _, f in loaded]
    pd.testing.assert_frame_equal(posts, pd.concat([p for p, _ in loaded], ignore_index=True))
    assert refused or any(f["notes"] or f["dropped"] or f["superseded"] for f in files)
