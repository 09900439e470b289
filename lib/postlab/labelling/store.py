"""labels.csv as the labelling notebook and ``postlab label suggest`` keep it.

The file is the team's: every column and row it already has is kept, ids
stay text, and each change is written atomically (a new file moved into
place), so a kernel killed mid-write leaves the previous file intact. For a
label column ``tone`` the columns are ``tone`` (the human label),
``tone_status`` (``skipped`` or ``not sure``: asked, not answered),
``tone_suggested`` and ``tone_confidence`` (the classifier's proposal,
written only where there is no human label).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from postlab.exceptions import ExperimentError
from postlab.experiment.labels import read_labels_strict
from postlab.files import write_atomically

SKIPPED = "skipped"
NOT_SURE = "not sure"
IDENTITY = ("post_id", "platform", "account")


def status_column(column: str) -> str:
    return f"{column}_status"


def suggested_column(column: str) -> str:
    return f"{column}_suggested"


def confidence_column(column: str) -> str:
    return f"{column}_confidence"


def post_keys(frame: pd.DataFrame, *, by_platform: bool = True) -> pd.Series:
    """One text key per post: ``platform:post_id`` (ids alone can repeat across platforms)."""
    ids = frame["post_id"].astype("string")
    if not by_platform:
        return ids
    return frame["platform"].astype("string").fillna("") + ":" + ids


class LabelsFile:
    """One label column of a labels file, read once and rewritten after each change."""

    def __init__(self, path: str | Path, column: str) -> None:
        self.path = Path(path)
        self.column = column
        if column in IDENTITY or column.endswith(("_status", "_suggested", "_confidence")):
            raise ExperimentError(f"{column!r} cannot be a label column", field="column")
        if self.path.exists():
            self.table = read_labels_strict(self.path).copy()
        else:
            self.table = pd.DataFrame({name: pd.Series(dtype="string") for name in IDENTITY})
        self._ensure(column)
        self.by_platform = "platform" in self.table.columns
        self._rows = dict(
            zip(post_keys(self.table, by_platform=self.by_platform), self.table.index, strict=False)
        )

    def key(self, post: pd.Series | dict) -> str:
        """The key of a post of the posts table, as this file can match it."""
        return f"{post['platform']}:{post['post_id']}" if self.by_platform else str(post["post_id"])

    def human(self) -> dict[str, str]:
        """Human labels by post key."""
        return self._values(self.column)

    def status(self) -> dict[str, str]:
        """``skipped`` or ``not sure`` by post key."""
        return self._values(status_column(self.column))

    def _ensure(self, name: str) -> None:
        if name not in self.table.columns:
            self.table[name] = pd.Series(pd.NA, index=self.table.index, dtype="string")

    def _values(self, name: str) -> dict[str, str]:
        if name not in self.table.columns:
            return {}
        keys = {row: key for key, row in self._rows.items()}
        values = self.table[name].dropna()
        return {keys[row]: str(value) for row, value in values.items() if row in keys}

    def record(self, post, *, label: str | None = None, status: str | None = None) -> None:
        """Set a post's human label (clearing its status) or its status, and save."""
        self._ensure(status_column(self.column))
        row = self._row(post)
        self.table.loc[row, self.column] = label if label is not None else pd.NA
        self.table.loc[row, status_column(self.column)] = status if label is None else pd.NA
        self.save()

    def set_suggestions(self, posts: pd.DataFrame, labels, confidence) -> int:
        """Replace the suggestions with these, for posts without a human label; saves.

        Returns how many posts got a suggestion. Posts not yet in the file get a row.
        """
        suggested, conf = suggested_column(self.column), confidence_column(self.column)
        keys = post_keys(posts, by_platform=self.by_platform)
        labels, confidence = (
            pd.Series(labels, index=posts.index),
            pd.Series(confidence, index=posts.index),
        )
        chosen = (~keys.isin(list(self.human())) & labels.notna()).to_numpy()
        self._add(posts[chosen])
        rows = [self._rows[key] for key in keys[chosen]]
        self.table[suggested] = pd.Series(pd.NA, index=self.table.index, dtype="string")
        self.table[conf] = pd.Series(pd.NA, index=self.table.index, dtype="string")
        self.table.loc[rows, suggested] = labels[chosen].astype(str).to_numpy()
        self.table.loc[rows, conf] = confidence[chosen].map("{:.3f}".format).to_numpy()
        self.save()
        return len(rows)

    def _row(self, post) -> int:
        self._add(pd.DataFrame([dict(post)]))
        return self._rows[self.key(post)]

    def _add(self, posts: pd.DataFrame) -> None:
        """Rows for the posts the file does not have yet (their id, platform and account)."""
        keys = post_keys(posts, by_platform=self.by_platform)
        new = posts[~keys.isin(list(self._rows))].drop_duplicates(["platform", "post_id"])
        if new.empty:
            return
        columns = [name for name in IDENTITY if name in self.table.columns]
        added = new[columns].astype("string").reset_index(drop=True)
        added.index += len(self.table)
        self.table = pd.concat([self.table, added])
        self._rows.update(
            zip(post_keys(added, by_platform=self.by_platform), added.index, strict=False)
        )

    def save(self) -> None:
        """Write the whole file atomically (a hidden file beside it, then a rename)."""
        write_atomically(self.path, lambda path: self.table.to_csv(path, index=False))
