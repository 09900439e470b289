"""How a post's arm is known: one small class per assignment kind.

Each kind turns the in-scope posts into an ``arm`` per post, or a reason
why the post belongs to no arm, so the analysis can count what it left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, NamedTuple

import pandas as pd

from postlab.exceptions import ExperimentError
from postlab.experiment.durations import format_duration, parse_duration
from postlab.experiment.labels import read_labels_lenient, read_labels_strict
from postlab.experiment.schedule import read_schedule
from postlab.posts.time import time_known

DEFAULT_TOLERANCE = "30min"


class Assigned(NamedTuple):
    """Per post (same index as the posts): its arm, or why it has none."""

    arm: pd.Series
    reason: pd.Series
    deviations: pd.DataFrame


DEVIATION_COLUMNS = ("issue", "account", "post_id", "published_at", "slot", "arm")


def no_deviations() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in DEVIATION_COLUMNS})


def _by_value(values: pd.Series, arms: list[str], missing: str, other: str) -> Assigned:
    """Arms from one value per post, matched to arm names ignoring case and spaces."""
    lookup = {arm.strip().casefold(): arm for arm in arms}
    keys = values.astype("string").str.strip().str.casefold()
    arm = keys.map(lookup).astype("string")
    reason = pd.Series(pd.NA, index=values.index, dtype="string")
    reason[keys.isna() | (keys == "")] = missing
    reason[arm.isna() & reason.isna()] = other
    return Assigned(arm, reason, no_deviations())


@dataclass(frozen=True)
class LabelsAssignment:
    """A column of a labels file: post_id (and optionally platform) -> value."""

    file: str
    column: str
    kind: ClassVar[str] = "labels"

    def describe(self) -> str:
        return f"by the '{self.column}' column of the labels file {self.file}"

    def path(self, data_dir: str | Path) -> Path:
        return Path(data_dir) / self.file

    def values(self, data_dir: str | Path) -> list[str]:
        """The distinct values written in the column, to check arm names against."""
        column = self.labels(data_dir, strict=False)[self.column]
        return sorted(column.dropna().unique())

    def labels(self, data_dir: str | Path, *, strict: bool = True) -> pd.DataFrame:
        """The labels file; ``strict`` refuses damaged or duplicated post ids."""
        labels = (read_labels_strict if strict else read_labels_lenient)(self.path(data_dir))
        if self.column not in labels.columns:
            raise ExperimentError(
                f"labels file {self.path(data_dir)} has no column {self.column!r} "
                f"(columns: {', '.join(labels.columns)})",
                field="assignment.column",
            )
        return labels

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        labels = self.labels(data_dir)
        keys = ["platform", "post_id"] if "platform" in labels.columns else ["post_id"]
        table = labels[keys + [self.column]].rename(columns={self.column: "_value"})
        if "platform" in keys:
            table["platform"] = table["platform"].str.strip().str.lower()
        joined = posts[keys].merge(table, on=keys, how="left")
        joined.index = posts.index
        return _by_value(
            joined["_value"],
            arms,
            missing=f"no '{self.column}' label",
            other=f"'{self.column}' label is not an arm",
        )


@dataclass(frozen=True)
class CustomLabelsAssignment:
    """Meta's Custom labels field: the arm name is one of the post's labels."""

    kind: ClassVar[str] = "custom_labels"

    def describe(self) -> str:
        return "by the Custom labels the team attached to each post in Meta Business Suite"

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        items = (
            posts["custom_labels"]
            .fillna("")
            .str.casefold()
            .str.split(r"[,;]", regex=True)
            .explode()
            .str.strip()
        )
        hits = pd.DataFrame(
            {arm: items.eq(arm.casefold()).groupby(level=0).any() for arm in arms}
        ).reindex(posts.index, fill_value=False)
        arm = hits.idxmax(axis=1).where(hits.sum(axis=1) == 1).astype("string")
        reason = pd.Series(pd.NA, index=posts.index, dtype="string")
        reason[hits.sum(axis=1) == 0] = "no custom label naming an arm"
        reason[hits.sum(axis=1) > 1] = "custom labels name more than one arm"
        return Assigned(arm, reason, no_deviations())


@dataclass(frozen=True)
class MediaTypeAssignment:
    """The media type in the export (e.g. live vs video)."""

    kind: ClassVar[str] = "media_type"

    def describe(self) -> str:
        return "by the media type in the export (text, photo, video, live, ...)"

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        return _by_value(
            posts["media_type"], arms, missing="no media type", other="media type is not an arm"
        )


@dataclass(frozen=True)
class TextAssignment:
    """A hashtag or regular expression per arm; an arm without one takes the rest."""

    patterns: dict[str, str]
    kind: ClassVar[str] = "text"

    def describe(self) -> str:
        rules = "; ".join(f"{arm}: {pattern}" for arm, pattern in self.patterns.items())
        return f"by a rule on the post text ({rules})"

    def compiled(self) -> dict[str, re.Pattern]:
        """Hashtags match as whole tags; everything else as a case-blind regex."""
        out = {}
        for arm, pattern in self.patterns.items():
            if re.fullmatch(r"#\w+", pattern):
                pattern = re.escape(pattern) + r"\b"
            out[arm] = re.compile(pattern, re.IGNORECASE)
        return out

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        text = posts["text"].fillna("")
        hits = pd.DataFrame(
            {arm: text.str.contains(rule, regex=True) for arm, rule in self.compiled().items()},
            index=posts.index,
        )
        count = hits.sum(axis=1)
        arm = hits.idxmax(axis=1).where(count == 1).astype("string")
        rest = [a for a in arms if a not in self.patterns]
        if rest:
            arm[count == 0] = rest[0]
        reason = pd.Series(pd.NA, index=posts.index, dtype="string")
        reason[count > 1] = "text matches more than one arm's pattern"
        if not rest:
            reason[count == 0] = "text matches no arm's pattern"
        return Assigned(arm, reason, no_deviations())


@dataclass(frozen=True)
class ScheduleAssignment:
    """A plan made by ``postlab schedule``: each post takes the arm of its slot."""

    file: str
    tolerance: str = DEFAULT_TOLERANCE
    kind: ClassVar[str] = "schedule"

    def describe(self) -> str:
        return (
            f"by the randomised posting schedule {self.file}: each post takes the style "
            f"planned for its slot (within {format_duration(parse_duration(self.tolerance))})"
        )

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        slots = read_schedule(Path(data_dir) / self.file)
        return match_slots(posts, slots, parse_duration(self.tolerance))


def match_slots(posts: pd.DataFrame, slots: pd.DataFrame, tolerance: pd.Timedelta) -> Assigned:
    """Each account's posts to the nearest free planned slot within ``tolerance``."""
    arm = pd.Series(pd.NA, index=posts.index, dtype="string")
    reason = pd.Series(pd.NA, index=posts.index, dtype="string")
    timed = time_known(posts)
    reason[~timed] = "publish time unknown (cannot match a slot)"
    candidates = posts[timed].sort_values("published_at")
    planned = (
        candidates[["account"]]
        .drop_duplicates()
        .merge(
            slots.assign(time=slots["time"].astype(posts["published_at"].dtype)).rename(
                columns={"time": "slot"}
            ),
            how="cross",
        )
        .sort_values("slot")
    )
    matched = pd.merge_asof(
        candidates[["account", "published_at"]].reset_index(),
        planned.rename(columns={"slot": "published_at"}).assign(slot=lambda f: f["published_at"]),
        on="published_at",
        by="account",
        direction="nearest",
        tolerance=tolerance,
    ).set_index("index")
    in_slot = matched[matched["slot"].notna()]
    nearest_first = in_slot.assign(
        distance=(in_slot["published_at"] - in_slot["slot"]).abs()
    ).sort_values("distance", kind="stable")
    second = nearest_first.index[nearest_first.duplicated(["account", "slot"])]
    arm[in_slot.index] = in_slot["arm"]
    arm[second] = pd.NA
    reason[matched.index[matched["slot"].isna()]] = "not published in a planned slot"
    reason[second] = "a second post in one planned slot"
    deviations = _deviations(posts, matched, reason, planned)
    return Assigned(arm.astype("string"), reason, deviations)


def _deviations(posts, matched, reason, planned) -> pd.DataFrame:
    off_plan = posts.loc[reason.dropna().index]
    rows = pd.DataFrame(
        {
            "issue": reason.dropna(),
            "account": off_plan["account"],
            "post_id": off_plan["post_id"],
            "published_at": off_plan["published_at"],
            "slot": matched["slot"].reindex(off_plan.index),
            "arm": matched["arm"].reindex(off_plan.index),
        }
    )
    used = matched.loc[matched["slot"].notna(), ["account", "slot"]].drop_duplicates()
    exported = posts.groupby("account")["exported_at"].max().rename("exported")
    missed = (
        planned.merge(used, on=["account", "slot"], how="left", indicator=True)
        .merge(exported, left_on="account", right_index=True)
        .loc[lambda f: (f["_merge"] == "left_only") & (f["slot"] <= f["exported"])]
    )
    missed = pd.DataFrame(
        {
            "issue": "planned slot with no post",
            "account": missed["account"],
            "post_id": pd.NA,
            "published_at": pd.NaT,
            "slot": missed["slot"],
            "arm": missed["arm"],
        }
    )
    frames = [frame for frame in (rows, missed) if len(frame)]
    if not frames:
        return no_deviations()
    out = pd.concat(frames, ignore_index=True)
    when = out["published_at"].fillna(out["slot"])
    return out.iloc[when.argsort(kind="stable")].reset_index(drop=True)
