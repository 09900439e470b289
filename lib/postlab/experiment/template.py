"""A new experiment file from the commented template, ready to edit."""

from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from postlab.exceptions import ExperimentError
from postlab.experiment.load import check_experiment
from postlab.posts.columns import PLATFORMS
from postlab.words import arm_posts, yes_no_arm_name

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEDULED = """assignment:
  kind: schedule
  file: plans/{id}-schedule.csv
  tolerance: 30min"""
CHOSEN = """assignment:
  kind: labels
  file: labels.csv
  column: tone"""
SCHEDULED_SPLIT = """# Planned share of posts per arm (adds up to 1): `postlab schedule` plans this mix, and
# the sample-ratio check compares the posts in each arm with it.
split:
{shares}"""
CHOSEN_SPLIT = """# No planned split: the team chooses each post's style, so the design is observational;
# the analysis shows how the arms differ by weekday, hour and account instead of checking
# the mix against a plan. Only if you commit to a mix, write it here (adds up to 1):
# split:
{shares}"""
# The note a file without a planned split carries where the split would go (to its last share)
CHOSEN_SPLIT_NOTE = re.compile(
    r"^# No planned split: [^\n]*\n(?:# [^\n]*\n)*?# split:\n(?:#   [^\n]*\n)*", re.MULTILINE
)
DEFAULT_ARMS = ("serious", "humorous")
YES_NO_PREFIXES = ("has_", "is_", "asks_")  # columns of the posts table that hold yes/no
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "experiment.schema.json"


@dataclass(frozen=True)
class Fields:
    """What a new file says beyond its id: ``postlab new`` leaves the defaults (a TODO
    hypothesis to fill in), the workbench page's form fills them all in."""

    title: str | None = None
    platform: str = "x"
    arms: tuple[str, ...] = ("serious", "humorous")
    names: tuple[str | None, ...] = ()  # a display name per arm (None: the value is the name)
    owner: str = "Digital communications team"
    schedule: bool = False
    hypothesis: str | None = None  # None: the template's TODO, which check refuses
    accounts: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    column: str | None = None  # arms from this column of the posts table (kind: column)
    labels_column: str | None = None  # arms from this column of labels.csv (kind: labels)
    primary: str = "engagement_rate"
    mde: float = 0.1


def new_experiment(
    experiment_id: str,
    *,
    folder: str | Path = "experiments",
    title: str | None = None,
    platform: str = "x",
    arms: tuple[str, ...] | None = None,
    owner: str = "Digital communications team",
    schedule: bool = False,
    column: str | None = None,
) -> Path:
    """Write ``folder/<id>.yml`` and return its path; never overwrite.

    ``schedule``: the team will follow a randomised posting schedule, so the
    file plans a split and reads arms from the schedule; otherwise the team
    chooses each post's style, and the file has no planned split
    (observational: no sample-ratio check that would fire on the team's own mix).
    ``column``: the arms are values of this column of the posts table; yes/no values
    (false,true by default for a ``has_``/``is_``/``asks_`` column) get their readable names.
    """
    if arms is None:
        arms = ("false", "true") if column and column.startswith(YES_NO_PREFIXES) else DEFAULT_ARMS
    if column:
        arms = tuple(_yes_no_value(arm) for arm in arms)
    elif any(str(arm).strip().casefold() in ("true", "false") for arm in arms):
        raise ExperimentError(
            "--arms true/false are the values of a yes/no column: name it with --column "
            "(e.g. --column has_media), and the arms read 'with media' / 'without media'"
        )
    names = tuple(yes_no_arm_name(column, str(arm).lower()) if column else None for arm in arms)
    fields = Fields(
        title=title,
        platform=platform,
        arms=arms,
        names=names,
        owner=owner,
        schedule=schedule,
        column=column,
    )
    return write_experiment(experiment_id, fields, folder=folder)


def write_experiment(experiment_id: str, fields: Fields, *, folder: str | Path) -> Path:
    """``folder/<id>.yml`` from ``fields``, checked as valid (a TODO hypothesis apart);
    never overwrites."""
    path = Path(folder) / f"{experiment_id}.yml"
    text = experiment_text(experiment_id, fields, path)
    if path.exists():
        raise ExperimentError("already exists; pick another id or edit the file", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _, problems = check_experiment(path, placeholders=False)
    if problems:  # the template must always give a valid file, TODO text apart
        path.unlink()
        raise problems[0]
    return path


def experiment_text(experiment_id: str, fields: Fields, path: Path) -> str:
    """The commented file ``fields`` make, as it would be written at ``path``."""
    if not ID_PATTERN.match(experiment_id):
        raise ExperimentError(
            f"id {experiment_id!r} must be lower-case letters, digits and dashes "
            "(like humour-vs-serious-x)"
        )
    if fields.platform not in PLATFORMS:
        raise ExperimentError(
            f"--platform {fields.platform!r} is not one of: {', '.join(PLATFORMS)}"
        )
    arms = fields.arms
    if len(arms) < 2 or len(set(arms)) != len(arms) or not all(str(a) for a in arms):
        raise ExperimentError("--arms needs a control and at least one treatment, all different")
    return render(experiment_id, path, fields)


def render(experiment_id, path: Path, fields: Fields) -> str:
    text = resources.files("postlab").joinpath("templates/experiment.yml").read_text()
    names = [
        name or str(arm)
        for arm, name in zip(fields.arms, (*fields.names, *[None] * len(fields.arms)), strict=False)
    ]
    indent = "  " if fields.schedule else "#   "  # without a schedule, a split to uncomment
    shares = "\n".join(
        f"{indent}{_quoted(name)}: {share}"
        for name, share in zip(names, _equal_shares(len(names)), strict=True)
    )
    arms = [_arm(arm, name) for arm, name in zip(fields.arms, names, strict=True)]
    secondary = [m for m in ("like_rate", "share_rate") if m != fields.primary]
    return Template(text).substitute(
        schema_path=Path(os.path.relpath(SCHEMA_FILE, path.parent.resolve())).as_posix(),
        file_name=path.as_posix(),
        id=experiment_id,
        title=_quoted(fields.title or experiment_id.replace("-", " ").capitalize()),
        owner=_quoted(fields.owner),
        hypothesis=_hypothesis(fields.hypothesis, names),
        platform=fields.platform,
        accounts=f"[{', '.join(_quoted(a) for a in fields.accounts)}]",
        start=fields.start.isoformat() if fields.start else "null",
        end=fields.end.isoformat() if fields.end else "null",
        control=arms[0],
        treatments=", ".join(arms[1:]),
        primary=fields.primary,
        secondary=", ".join(secondary),
        mde=f"{fields.mde:g}",
        assignment=_assignment(experiment_id, fields),
        split=(SCHEDULED_SPLIT if fields.schedule else CHOSEN_SPLIT).format(shares=shares),
    )


def planned_split(names: list[str]) -> str:
    """The ``split:`` (with its note) of a file whose arms follow a schedule in equal shares."""
    shares = "\n".join(
        f"  {_quoted(name)}: {share}"
        for name, share in zip(names, _equal_shares(len(names)), strict=True)
    )
    return SCHEDULED_SPLIT.format(shares=shares) + "\n"


def _hypothesis(text: str | None, names: list[str]) -> str:
    """The folded block's lines: the officer's words, or the TODO that check refuses."""
    if text is None:
        text = (
            f'TODO: write what you expect, e.g. "{_first_upper(arm_posts(names[1]))} get a higher '
            f'engagement rate than {arm_posts(names[0])}, because ...". `postlab check` refuses '
            "this file until you do."
        )
    return textwrap.fill(" ".join(text.split()), 88, initial_indent="  ", subsequent_indent="  ")


def _assignment(experiment_id: str, fields: Fields) -> str:
    if fields.schedule:
        return SCHEDULED.format(id=experiment_id)
    if fields.column:
        return f"assignment:\n  kind: column\n  column: {_quoted(fields.column)}"
    if fields.labels_column:
        return f"assignment:\n  kind: labels\n  file: labels.csv\n  column: {_quoted(fields.labels_column)}"
    return CHOSEN


def _arm(value, name: str) -> str:
    """An arm as the file writes it: the value, or ``{value: ..., name: ...}`` when the
    name people read differs from it (a yes/no value is written as YAML's true/false)."""
    written = ("true" if value else "false") if isinstance(value, bool) else _quoted(str(value))
    if isinstance(value, bool) or name != str(value):
        return f"{{value: {written}, name: {_quoted(name)}}}"
    return written


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _yes_no_value(arm):
    """``true``/``false`` (any case) as YAML's yes/no, so a yes/no column's arms match it."""
    key = str(arm).strip().casefold()
    return {"true": True, "false": False}.get(key, arm)


def _equal_shares(count: int) -> list[float]:
    """Equal shares rounded to 4 places, the last taking the remainder so they add to 1."""
    share = round(1 / count, 4)
    return [share] * (count - 1) + [round(1 - share * (count - 1), 4)]


def _quoted(text: str) -> str:
    """Plain when YAML reads it back as the same text, double-quoted otherwise."""
    try:
        plain = yaml.safe_load(f"key: {text}")
    except yaml.YAMLError:
        plain = None
    if isinstance(plain, dict) and plain.get("key") == text and "#" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
