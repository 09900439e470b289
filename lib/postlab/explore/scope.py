"""Which posts to explore, their local times, and the team's own labels joined on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from postlab.config import Settings
from postlab.exceptions import AnalysisError
from postlab.experiment.labels import read_labels_strict
from postlab.posts.columns import PLATFORMS, POSTS_COLUMNS
from postlab.posts.features import FEATURE_COLUMNS
from postlab.posts.time import hour_block, local_times
from postlab.project import project_settings

LABEL_KEYS = ("post_id", "platform", "account")
BUILT_IN = frozenset(POSTS_COLUMNS) | frozenset(FEATURE_COLUMNS)  # not from a labels file


def subset(
    posts: pd.DataFrame,
    accounts=(),
    platforms=(),
    period=(),
    *,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """The posts of ``accounts`` on ``platforms`` published in ``period`` (empty = all).

    ``period`` is ``[start, end]``: ISO dates, inclusive, in each account's
    local time; a blank end is open. Posts without a publish date fall
    outside any period.
    """
    keep = pd.Series(True, index=posts.index)
    if accounts:
        _check_known("account", accounts, posts["account"])
        keep &= posts["account"].isin(list(accounts)).to_numpy()
    if platforms:
        unknown = [p for p in platforms if p not in PLATFORMS]
        if unknown:
            raise AnalysisError(
                f"unknown platform {unknown[0]!r}; choose from {', '.join(PLATFORMS)}",
                field="platforms",
            )
        _check_known("platform", platforms, posts["platform"])
        keep &= posts["platform"].isin(list(platforms)).to_numpy()
    if period:
        start, end = _period(period)
        day = local_times(posts, settings or project_settings()).dt.date
        if start:
            keep &= (day >= start).fillna(False)
        if end:
            keep &= (day <= end).fillna(False)
    chosen = posts[keep.to_numpy(dtype=bool)].reset_index(drop=True)
    if chosen.empty:
        raise AnalysisError("no posts match the chosen accounts, platforms and period")
    return chosen


def _check_known(column: str, wanted, values: pd.Series) -> None:
    known = sorted(values.dropna().unique())
    missing = [w for w in wanted if w not in known]
    if missing:
        raise AnalysisError(
            f"no posts from {column} {missing[0]!r}; {column}s in the data: {', '.join(known)}",
            field=f"{column}s",
        )


def _period(period) -> tuple[date | None, date | None]:
    if len(period) != 2:
        raise AnalysisError("period must be [start, end] (ISO dates) or empty", field="period")
    try:
        start, end = (date.fromisoformat(str(d)) if d else None for d in period)
    except ValueError as error:
        raise AnalysisError(f"period: {error}; write dates as 2025-05-01", field="period") from None
    if start and end and end < start:
        raise AnalysisError(f"period ends ({end}) before it starts ({start})", field="period")
    return start, end


def with_labels(posts: pd.DataFrame, labels_path: str | Path) -> pd.DataFrame:
    """``posts`` with the labels file's columns (tone, format, ...) joined by post id.

    Joined on platform and post id when the file has a platform column (ids
    are only unique within a platform). A label column named like a posts
    column is joined as ``<name>_label``.
    """
    labels = read_labels_strict(labels_path)
    keys = ["platform", "post_id"] if "platform" in labels.columns else ["post_id"]
    table = labels.drop(columns=[c for c in LABEL_KEYS if c not in keys and c in labels.columns])
    if "platform" in keys:
        table["platform"] = table["platform"].str.lower()
    table = table.rename(
        columns={c: f"{c}_label" for c in table.columns if c in BUILT_IN and c not in keys}
    )
    joined = posts.merge(table, on=keys, how="left", validate="many_to_one")
    joined.index = posts.index
    return joined


def label_columns(posts: pd.DataFrame) -> list[str]:
    """The columns joined from a labels file (beyond the posts table and its features)."""
    return [c for c in posts.columns if c not in BUILT_IN]


def with_local_time(posts: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """``posts`` with ``local_time``: publish time in its account's zone (postlab.yml)."""
    return posts.assign(local_time=local_times(posts, settings or project_settings()))


def time_of_day(posts: pd.DataFrame, settings: Settings | None = None) -> pd.Series:
    """night, morning, afternoon or evening in local time (missing where only the date is known)."""
    block = hour_block(posts, settings or project_settings())
    return block.str.split().str[0].astype("string")
