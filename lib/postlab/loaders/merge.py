"""Overlapping exports: the same post in several files keeps its latest snapshot."""

from __future__ import annotations

import pandas as pd


def merge_snapshots(posts: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """One row per (platform, post_id): the one from the latest export.

    Lifetime counts only grow, so the later export is the truth. Ties on
    ``exported_at`` go to the file whose name sorts last, so the result does
    not depend on the order files were given. Returns the merged table and,
    per source file, how many of its rows a later snapshot replaced.
    """
    ordered = posts.sort_values(["exported_at", "source_file"], kind="stable")
    replaced = ordered.duplicated(["platform", "post_id"], keep="last")
    superseded = ordered.loc[replaced, "source_file"].value_counts()
    kept = ordered.loc[~replaced].sort_values(
        ["platform", "account", "published_at", "post_id"], kind="stable", na_position="last"
    )
    return kept.reset_index(drop=True), superseded
