"""How a post's arm is known: one small class per assignment kind.

Each kind reads its own part of the experiment file (``from_spec``), says
what is wrong with it (``spec_problems``, and ``data_problems`` against the
team's data folder), and turns the in-scope posts into an ``arm`` per post,
or a reason why the post belongs to no arm, so the analysis can count what
it left out. Nothing outside this module switches on ``kind``.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, NamedTuple

import pandas as pd

from postlab.exceptions import ExperimentError
from postlab.experiment.durations import format_duration, parse_duration
from postlab.experiment.labels import read_labels_lenient, read_labels_strict
from postlab.experiment.schedule import read_schedule
from postlab.files import inside
from postlab.posts.columns import MEDIA_TYPES
from postlab.posts.time import time_known

DEFAULT_TOLERANCE = "30min"
SUGGESTED = "{column}_suggested"


class Assigned(NamedTuple):
    """Per post (same index as the posts): its arm, or why it has none."""

    arm: pd.Series
    reason: pd.Series
    deviations: pd.DataFrame
    suggested: int = 0  # arms taken from a classifier's suggestion, not a person's label


DEVIATION_COLUMNS = ("issue", "account", "post_id", "published_at", "slot", "arm")

Problem = tuple[str, str]  # (message, field of the experiment file)


def no_deviations() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in DEVIATION_COLUMNS})


def suggest(value: object, choices, *, cutoff: float = 0.6) -> str:
    """`` (did you mean x?)`` when one choice is close to ``value`` (ignoring case), else ``""``."""
    by_key = {str(c).casefold(): str(c) for c in choices}
    close = difflib.get_close_matches(str(value).casefold(), list(by_key), n=1, cutoff=cutoff)
    return f" (did you mean {by_key[close[0]]}?)" if close else ""


def _by_value(values: pd.Series, arms: list[str], missing: str, other: str) -> Assigned:
    """Arms from one value per post, matched to arm names ignoring case and spaces."""
    lookup = {arm.strip().casefold(): arm for arm in arms}
    keys = values.astype("string").str.strip().str.casefold()
    arm = keys.map(lookup).astype("string")
    reason = pd.Series(pd.NA, index=values.index, dtype="string")
    reason[keys.isna() | (keys == "")] = missing
    reason[arm.isna() & reason.isna()] = other
    return Assigned(arm, reason, no_deviations())


TIME_COLUMNS = ("hour_block", "weekday")  # columns of the posts table the posting time decides


class Assignment:
    """What every kind offers; the defaults suit a kind with nothing to check."""

    kind: ClassVar[str]
    randomised: ClassVar[bool] = False  # only a posting schedule assigns styles at random
    by_name: ClassVar[bool] = False  # the data holds the arms' names, not their values

    @property
    def time_column(self) -> str | None:
        """The column of the posting time the arms come from (hour_block), if they do: no
        random schedule can choose such an arm for a slot."""
        return None

    @classmethod
    def from_spec(cls, spec: dict) -> Assignment:
        return cls()

    @classmethod
    def spec_problems(cls, spec: dict, arm_fields: list[tuple[str, str]]) -> list[Problem]:
        """What the schema cannot see in the ``assignment`` part of a file."""
        return []

    def data_problems(self, arm_fields: list[tuple[str, str]], data_dir) -> list[Problem]:
        """What does not fit the files in the team's data folder."""
        return []

    def labels_file(self, data_dir) -> tuple[Path, str] | None:
        """The labels file and column this kind reads, for ``postlab check``."""
        return None

    def describe(self) -> str:
        raise NotImplementedError

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        raise NotImplementedError

    def post_values(self, posts: pd.DataFrame, data_dir) -> tuple[str, pd.Series] | None:
        """What the arms are matched against, per post, and its name; None if no such column."""
        return None


@dataclass(frozen=True)
class LabelsAssignment(Assignment):
    """A column of a labels file: post_id (and optionally platform) -> value.

    With ``use_suggestions`` a post without a person's label takes the
    classifier's ``<column>_suggested`` value, and the analysis says how many did.
    """

    file: str
    column: str
    use_suggestions: bool = False
    kind: ClassVar[str] = "labels"

    @classmethod
    def from_spec(cls, spec: dict) -> LabelsAssignment:
        return cls(spec["file"], spec["column"], bool(spec.get("use_suggestions", False)))

    @property
    def suggested_column(self) -> str:
        return SUGGESTED.format(column=self.column)

    def describe(self) -> str:
        text = f"by the '{self.column}' column of the labels file {self.file}"
        if self.use_suggestions:
            text += f" (or, where a post has no label, the suggestion in {self.suggested_column})"
        return text

    def path(self, data_dir: str | Path) -> Path:
        return inside(data_dir, self.file, ExperimentError)

    def labels_file(self, data_dir) -> tuple[Path, str]:
        return self.path(data_dir), self.column

    def values(self, data_dir: str | Path) -> list[str]:
        """The distinct values written in the column(s), to check arm names against."""
        labels = self.labels(data_dir, strict=False)
        columns = [self.column] + ([self.suggested_column] if self.use_suggestions else [])
        return sorted(pd.concat([labels[c] for c in columns]).dropna().unique())

    def labels(self, data_dir: str | Path, *, strict: bool = True) -> pd.DataFrame:
        """The labels file; ``strict`` refuses damaged or duplicated post ids."""
        labels = (read_labels_strict if strict else read_labels_lenient)(self.path(data_dir))
        needed = [self.column] + ([self.suggested_column] if self.use_suggestions else [])
        for column in needed:
            if column not in labels.columns:
                why = " (use_suggestions reads it: make it with `postlab label`)" * (
                    column != self.column
                )
                raise ExperimentError(
                    f"labels file {self.path(data_dir)} has no column {column!r}{why} "
                    f"(columns: {', '.join(labels.columns)})",
                    field="assignment.column",
                )
        return labels

    def data_problems(self, arm_fields, data_dir) -> list[Problem]:
        try:
            values = self.values(data_dir)
        except ExperimentError as error:
            return [(str(error), "assignment.column" if error.field else "assignment.file")]
        known = {value.casefold() for value in values}
        return [
            (
                f"{field} {arm!r} is not a value of labels column {self.column}"
                f"{suggest(arm, values)} (values: {', '.join(values)})",
                field,
            )
            for field, arm in arm_fields
            if arm.casefold() not in known
        ]

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        labels = self.labels(data_dir)
        keys = ["platform", "post_id"] if "platform" in labels.columns else ["post_id"]
        columns = [self.column] + ([self.suggested_column] if self.use_suggestions else [])
        table = labels[keys + columns].copy()
        if "platform" in keys:
            table["platform"] = table["platform"].str.strip().str.lower()
        joined = posts[keys].merge(table, on=keys, how="left")
        joined.index = posts.index
        values = joined[self.column]
        suggested = pd.Series(False, index=posts.index)
        if self.use_suggestions:
            suggested = values.isna() & joined[self.suggested_column].notna()
            values = values.fillna(joined[self.suggested_column])
        assigned = _by_value(
            values,
            arms,
            missing=f"no '{self.column}' label",
            other=f"'{self.column}' label is not an arm",
        )
        return assigned._replace(suggested=int((suggested & assigned.arm.notna()).sum()))


@dataclass(frozen=True)
class CustomLabelsAssignment(Assignment):
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
class ColumnAssignment(Assignment):
    """Any column of the posts table: ``media_type``, or a feature such as ``has_media``.

    Booleans are matched as the text ``true`` / ``false``.
    """

    column: str
    kind: ClassVar[str] = "column"

    @property
    def time_column(self) -> str | None:
        return self.column if self.column in TIME_COLUMNS else None

    @classmethod
    def from_spec(cls, spec: dict) -> ColumnAssignment:
        return cls(spec.get("column", "media_type"))

    @classmethod
    def spec_problems(cls, spec, arm_fields) -> list[Problem]:
        if spec.get("column", "media_type") != "media_type":
            return []
        return [
            (
                f"{field} {value!r} is not a media type{suggest(value, MEDIA_TYPES)}"
                f" (media types: {', '.join(MEDIA_TYPES)})",
                field,
            )
            for field, value in arm_fields
            if value not in MEDIA_TYPES
        ]

    def describe(self) -> str:
        if self.column == "media_type":
            return "by the media type in the export (text, photo, video, live, ...)"
        return f"by the '{self.column}' column of the posts table"

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        name, values = self.post_values(posts, data_dir)
        return _by_value(values, arms, missing=f"no {name}", other=f"{name} is not an arm")

    def post_values(self, posts: pd.DataFrame, data_dir) -> tuple[str, pd.Series]:
        if self.column not in posts.columns:
            raise ExperimentError(
                f"assignment.column {self.column!r} is not a column of the posts table"
                f"{suggest(self.column, posts.columns)} (columns: {', '.join(posts.columns)})",
                field="assignment.column",
            )
        values = posts[self.column]
        if values.dtype.kind == "b" or str(values.dtype) == "boolean":
            values = values.map({True: "true", False: "false"}, na_action="ignore")
        return ("media type" if self.column == "media_type" else f"'{self.column}'"), values


@dataclass(frozen=True)
class MediaTypeAssignment(ColumnAssignment):
    """``{kind: media_type}``: the same as ``{kind: column, column: media_type}``."""

    column: str = "media_type"
    kind: ClassVar[str] = "media_type"

    @classmethod
    def from_spec(cls, spec: dict) -> MediaTypeAssignment:
        return cls()


MATCH_WORDS = {"contains": "contains", "regex": "matches the regular expression"}


@dataclass(frozen=True)
class TextAssignment(Assignment):
    """Rules on the post text, per arm: plain text contained (default) or a regular expression.

    ``otherwise`` says where a post that matches no rule goes: the ``control``
    arm, or ``exclude`` (left out and counted). Matching ignores case; a rule
    that is one hashtag matches that whole tag (``#fun`` does not match ``#funny``).
    HTML entities that X keeps in its texts (``&amp;``) are decoded first.
    """

    patterns: dict[str, tuple[str, ...]]
    otherwise: str
    match: str = "contains"
    kind: ClassVar[str] = "text"

    @classmethod
    def from_spec(cls, spec: dict) -> TextAssignment:
        patterns = {
            arm: tuple([rule] if isinstance(rule, str) else rule)
            for arm, rule in spec["patterns"].items()
        }
        return cls(patterns, spec["otherwise"], spec.get("match", "contains"))

    @classmethod
    def spec_problems(cls, spec, arm_fields) -> list[Problem]:
        arms = [arm for _, arm in arm_fields]
        found = []
        for arm, rules in spec["patterns"].items():
            field = f"assignment.patterns.{arm}"
            if arm not in arms:
                found.append(
                    (f"{field} is not an arm{suggest(arm, arms)} (arms: {', '.join(arms)})", field)
                )
            if spec.get("match") != "regex":
                continue
            for rule in [rules] if isinstance(rules, str) else rules:
                try:
                    re.compile(rule)
                except re.error as error:
                    found.append(
                        (f"{field} {rule!r} is not a valid regular expression ({error})", field)
                    )
        need = arms[1:] if spec["otherwise"] == "control" else arms
        without = [arm for arm in need if arm not in spec["patterns"]]
        if without:
            why = (
                "every treatment needs a rule (posts that match none go to the control arm)"
                if spec["otherwise"] == "control"
                else "with otherwise: exclude, every arm needs a rule"
            )
            found.append(
                (
                    f"assignment.patterns: {why}; no rule for {', '.join(without)}",
                    "assignment.patterns",
                )
            )
        return found

    def rule_text(self, arm: str) -> str:
        """The rule as written, in code quotes so that Markdown keeps every character."""
        return " or ".join(f"“{rule}”" for rule in self.patterns[arm])

    def describe(self) -> str:
        verb = MATCH_WORDS[self.match]
        rules = "; ".join(
            f"{arm} if the text {verb} {self.rule_text(arm)}" for arm in self.patterns
        )
        rest = "goes to the control arm" if self.otherwise == "control" else "is left out"
        return f"by rules on the post text, ignoring case ({rules}); a post that matches no rule {rest}"

    def compiled(self) -> dict[str, re.Pattern]:
        """One case-blind regular expression per arm."""
        return {
            arm: re.compile("|".join(f"(?:{self._regex(rule)})" for rule in rules), re.IGNORECASE)
            for arm, rules in self.patterns.items()
        }

    def _regex(self, rule: str) -> str:
        if self.match == "regex":
            return rule
        if re.fullmatch(r"#\w+", rule):
            return re.escape(rule) + r"(?!\w)"
        return re.escape(rule)

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        text = posts["text"].fillna("").map(html.unescape)
        hits = pd.DataFrame(
            {arm: text.str.contains(rule, regex=True) for arm, rule in self.compiled().items()},
            index=posts.index,
        )
        count = hits.sum(axis=1)
        arm = hits.idxmax(axis=1).where(count == 1).astype("string")
        reason = pd.Series(pd.NA, index=posts.index, dtype="string")
        reason[count > 1] = "text matches more than one arm's rule"
        if self.otherwise == "control":
            arm[count == 0] = arms[0]
        else:
            reason[count == 0] = "text matches no arm's rule"
        return Assigned(arm, reason, no_deviations())


@dataclass(frozen=True)
class ScheduleAssignment(Assignment):
    """A plan made by ``postlab schedule``: each post takes the arm of its slot."""

    file: str
    tolerance: str = DEFAULT_TOLERANCE
    kind: ClassVar[str] = "schedule"
    randomised: ClassVar[bool] = True
    by_name: ClassVar[bool] = True  # `postlab schedule` writes the arms' names

    @classmethod
    def from_spec(cls, spec: dict) -> ScheduleAssignment:
        return cls(spec["file"], spec.get("tolerance", DEFAULT_TOLERANCE))

    def describe(self) -> str:
        return (
            f"by the randomised posting schedule {self.file}: each post takes the style "
            f"planned for its slot (within {format_duration(parse_duration(self.tolerance))})"
        )

    def data_problems(self, arm_fields, data_dir) -> list[Problem]:
        try:
            planned = set(read_schedule(inside(data_dir, self.file, ExperimentError))["arm"])
        except ExperimentError as error:
            return [(str(error), "assignment.file")]
        found = [
            (f"{field} {arm!r} has no slot in the schedule {self.file}", field)
            for field, arm in arm_fields
            if arm not in planned
        ]
        strangers = sorted(planned - {arm for _, arm in arm_fields})
        if strangers:
            found.append(
                (
                    f"assignment.file plans arms that are not in the experiment: {', '.join(strangers)}",
                    "assignment.file",
                )
            )
        return found

    def assign(self, posts: pd.DataFrame, arms: list[str], data_dir) -> Assigned:
        slots = read_schedule(inside(data_dir, self.file, ExperimentError))
        return match_slots(posts, slots, parse_duration(self.tolerance))


KINDS: dict[str, type[Assignment]] = {
    kind.kind: kind
    for kind in (
        LabelsAssignment,
        CustomLabelsAssignment,
        ColumnAssignment,
        MediaTypeAssignment,
        TextAssignment,
        ScheduleAssignment,
    )
}


def assignment_from_spec(spec: dict) -> Assignment:
    """The assignment a file's ``assignment:`` part describes (its shape already checked)."""
    return KINDS[spec["kind"]].from_spec(spec)


def match_slots(posts: pd.DataFrame, slots: pd.DataFrame, tolerance: pd.Timedelta) -> Assigned:
    """Each account's posts to the nearest free planned slot within ``tolerance``."""
    arm = pd.Series(pd.NA, index=posts.index, dtype="string")
    reason = pd.Series(pd.NA, index=posts.index, dtype="string")
    timed = time_known(posts)
    reason[~timed] = "publish time unknown (cannot match a slot)"
    candidates = posts[timed].sort_values("published_at")
    per_account = "account" in slots.columns  # each account its own plan, or one for all
    planned = (
        candidates[["account"]]
        .drop_duplicates()
        .merge(
            slots.assign(
                time=slots["time"].astype(posts["published_at"].dtype),
                **(
                    {"account": slots["account"].astype(posts["account"].dtype)}
                    if per_account
                    else {}
                ),
            ).rename(columns={"time": "slot"}),
            **({"on": "account"} if per_account else {"how": "cross"}),
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
            "published_at": pd.Series(pd.NaT, index=missed.index, dtype=missed["slot"].dtype),
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
