"""Rows no platform could have written, left out with the reason counted; and empty loads.

A negative count, more engagements than the post was seen, engagements on a
post nobody saw, a post published after the file was exported: each is a
damaged or edited row, and one such post can decide a comparison. They are
left out of the table (the load report counts them by reason) rather than
analysed or silently kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postlab.exceptions import ExportError
from postlab.loaders.layout import FileContext
from postlab.loaders.report import REFUSED, LoadReport
from postlab.posts.columns import COUNT_COLUMNS

FUTURE = pd.Timedelta(days=1)  # clocks and timezones; anything later is not yet published
NOUNS = {"impressions": "impressions", "video_views": "views"}


def drop_unhealthy(frame: pd.DataFrame, ctx: FileContext, now: pd.Timestamp) -> pd.DataFrame:
    """``frame`` without impossible rows, each counted under its first reason in the report."""
    taken = np.zeros(len(frame), dtype=bool)
    for reason, mask in _reasons(frame, ctx.layout.engagement_base, now):
        mask = mask & ~taken
        if mask.any():
            ctx.dropped(reason, int(mask.sum()))
            taken |= mask
    return frame.loc[~taken] if taken.any() else frame


def _reasons(frame: pd.DataFrame, base: str, now: pd.Timestamp):
    counts = [c for c in (*COUNT_COLUMNS, "watch_time_s") if c in frame]
    negative = np.zeros(len(frame), dtype=bool)
    for name in counts:
        negative |= _numbers(frame[name]) < 0
    yield "negative count", negative
    if base in frame and "engagements" in frame:
        noun = NOUNS.get(base, base)
        seen, engaged = _numbers(frame[base]), _numbers(frame["engagements"])
        yield f"engagements with zero {noun}", (seen == 0) & (engaged > 0)
        yield f"more engagements than {noun}", engaged > seen
    published = frame["published_at"]
    yield "published in the future", (published > now + FUTURE).to_numpy(dtype=bool, na_value=False)
    late = published > frame["exported_at"]
    yield "published after the export date", late.to_numpy(dtype=bool, na_value=False)


def _numbers(values: pd.Series) -> np.ndarray:
    """Counts as floats, NaN where blank (comparisons with NaN are False)."""
    return values.to_numpy(dtype="float64", na_value=np.nan)


def refuse_empty(report: LoadReport, paths: list[str]) -> None:
    """A load that found no posts stops with a sentence saying why (see ``allow_empty``)."""
    where = ", ".join(paths)
    raise ExportError(
        f"no posts loaded: {_why_empty(report, paths)} (--allow-empty accepts this)", path=where
    )


def _why_empty(report: LoadReport, paths: list[str]) -> str:
    if report.files:
        empty = [f for f in report.files if f.rows_read == 0]
        if len(empty) == len(report.files):
            more = f" (and {len(empty) - 1} more files like it)" if len(empty) > 1 else ""
            which = "the file" if paths == [empty[0].path] else empty[0].path
            return f"{which} has a header but no rows{more}"
        dropped = ", ".join(f"{n} {reason}" for reason, n in report.dropped.items())
        return f"every row was left out ({dropped})"
    youtube = [s for s in report.skipped if s.reason.startswith("YouTube Studio")]
    if youtube:
        return (
            f"{youtube[0].path.rsplit('/', 1)[0]} holds only YouTube Studio's chart data and "
            "totals, not its 'Table data.csv' (one row per video): export the Content table again"
        )
    labels = [s for s in report.skipped if s.reason.startswith("labels file")]
    if labels and len(labels) == len(report.skipped):
        return f"{labels[0].path} is a labels file, and there are no exports beside it"
    damaged = [s for s in report.skipped if s.reason.startswith(REFUSED)]
    if damaged:
        more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
        return f"{damaged[0].path} {damaged[0].reason}{more}"
    if report.skipped:
        first = report.skipped[0]
        return f"no file is a known export ({first.path} {first.reason})"
    return "no export files (.csv, .tsv, .txt, .xlsx or .zip) were found"
