"""Overlapping exports: the same post in several files keeps its latest snapshot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.exceptions import ExportError


def merge_snapshots(posts: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """One row per (platform, post_id): the one from the latest export.

    Lifetime counts only grow, so the later export is the truth. Ties on
    ``exported_at`` go to the file whose name sorts last, so the result does
    not depend on the order files were given. Kept rows stay in file order
    (files sorted by path). Returns the merged table and, per source file,
    how many of its rows a later snapshot replaced.
    """
    if all_distinct(posts["post_id"]):  # the common case: nothing to merge
        return posts.reset_index(drop=True), pd.Series(dtype="int64")
    files = pd.factorize(posts["source_file"], sort=True)[0]
    order = np.lexsort((files, posts["exported_at"].to_numpy()))
    keys = posts[["platform", "post_id"]].iloc[order]
    replaced = np.zeros(len(posts), dtype=bool)
    replaced[order] = keys.duplicated(keep="last").to_numpy()
    superseded = posts.loc[replaced, "source_file"].value_counts()
    return posts.loc[~replaced].reset_index(drop=True), superseded


def all_distinct(ids: pd.Series) -> bool:
    """Whether no id repeats. An export lists its posts newest first, and X's ids grow with
    time: a strictly ordered run of numeric ids proves it without hashing the text, and
    sorted numbers without a repeat prove it for any numeric ids (ten times cheaper)."""
    text = pa.array(ids, type=pa.string())
    try:
        values = pc.cast(text, pa.uint64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pc.count_distinct(text).as_py() == len(ids)
    if text.null_count or values.dtype != np.uint64:
        return pc.count_distinct(text).as_py() == len(ids)
    if len(values) < 2 or (values[1:] < values[:-1]).all() or (values[1:] > values[:-1]).all():
        return True
    ordered = np.sort(values)  # distinct numbers are distinct ids ("012" and "12" are not)
    if (ordered[1:] != ordered[:-1]).all():
        return True
    return pc.count_distinct(text).as_py() == len(ids)


def shrunk(posts: pd.DataFrame, kept: pd.DataFrame) -> pd.Series:
    """Per file, its kept posts that an earlier export shows with more impressions.

    Lifetime counts only grow, so a kept (latest) snapshot with fewer
    impressions than a replaced one says the export dates are wrong (files
    copied without keeping their modification times): the merge may have kept
    the older counts.
    """
    if len(kept) == len(posts):  # nothing was merged
        return pd.Series(dtype="int64")
    keys = ["platform", "post_id"]
    repeated = posts.duplicated(keys, keep=False)
    most = posts[repeated].groupby(keys)["impressions"].max()
    latest = kept.set_index(keys).reindex(most.index)
    fewer = (latest["impressions"] < most).fillna(False).to_numpy(dtype=bool)
    return latest.loc[fewer, "source_file"].value_counts()


def tied(posts: pd.DataFrame, kept: pd.DataFrame) -> pd.Series:
    """Per file, its kept posts that another export of the same date shows with other counts.

    Two exports dated alike (two copies of one download, one edited) cannot say
    which snapshot is later: the merge keeps the file whose name sorts last, and
    this counts the posts where that choice decided a count.
    """
    if len(kept) == len(posts):
        return pd.Series(dtype="int64")
    keys = ["platform", "post_id", "exported_at"]
    repeated = posts[posts.duplicated(keys, keep=False)]
    if repeated.empty:
        return pd.Series(dtype="int64")
    counts = ["impressions", "engagements"]
    differ = repeated.groupby(keys)[counts].nunique(dropna=False).gt(1).any(axis=1)
    clashing = differ[differ].index
    if clashing.empty:
        return pd.Series(dtype="int64")
    chosen = kept.set_index(keys).reindex(clashing).dropna(subset=["source_file"])
    return chosen["source_file"].value_counts()


def refuse_contradictions(table: pd.DataFrame, path: str, header_rows: int) -> None:
    """One export holding one post twice with different values cannot say which is true.

    Rows repeated exactly (a copy-paste) merge like overlapping exports; rows
    that disagree are refused, naming both rows.
    """
    if all_distinct(table["post_id"]):
        return
    repeated = table[table["post_id"].duplicated(keep=False)]
    distinct = repeated.drop_duplicates()
    clash = distinct["post_id"].duplicated(keep=False)
    if not clash.any():
        return
    post = distinct.loc[clash, "post_id"].iloc[0]
    rows = [int(i) + header_rows + 1 for i in repeated.index[repeated["post_id"] == post]]
    first, second = distinct[distinct["post_id"] == post].iloc[:2].to_dict("records")
    differ = next(
        k for k in first if not (first[k] == second[k] or pd.isna(first[k]) and pd.isna(second[k]))
    )
    raise ExportError(
        f"rows {rows[0]} and {rows[1]} are the same post ({post}) with different values "
        f"in {differ!r} ({first[differ]!r} and {second[differ]!r}): postlab cannot tell "
        "which is true; download the export again",
        path=path,
    )
