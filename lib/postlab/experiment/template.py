"""A new experiment file from the commented template, ready to edit."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from postlab.exceptions import ExperimentError
from postlab.experiment.load import check_experiment
from postlab.posts.columns import PLATFORMS

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
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "experiment.schema.json"


def new_experiment(
    experiment_id: str,
    *,
    folder: str | Path = "experiments",
    title: str | None = None,
    platform: str = "x",
    arms: tuple[str, ...] = ("serious", "humorous"),
    owner: str = "Digital communications team",
    schedule: bool = False,
) -> Path:
    """Write ``folder/<id>.yml`` and return its path; never overwrite.

    ``schedule``: the team will follow a randomised posting schedule, so the
    file plans a split and reads arms from the schedule; otherwise the team
    chooses each post's style, and the file has no planned split
    (observational: no sample-ratio check that would fire on the team's own mix).
    """
    if not ID_PATTERN.match(experiment_id):
        raise ExperimentError(
            f"id {experiment_id!r} must be lower-case letters, digits and dashes "
            "(like humour-vs-serious-x)"
        )
    if platform not in PLATFORMS:
        raise ExperimentError(f"--platform {platform!r} is not one of: {', '.join(PLATFORMS)}")
    if len(arms) < 2 or len(set(arms)) != len(arms) or not all(arms):
        raise ExperimentError("--arms needs a control and at least one treatment, all different")
    path = Path(folder) / f"{experiment_id}.yml"
    if path.exists():
        raise ExperimentError("already exists; pick another id or edit the file", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        render(experiment_id, path, title, platform, arms, owner, schedule), encoding="utf-8"
    )
    _, problems = check_experiment(path, placeholders=False)
    if problems:  # the template must always give a valid file, TODO text apart
        raise problems[0]
    return path


def render(experiment_id, path: Path, title, platform, arms, owner, schedule: bool) -> str:
    text = resources.files("postlab").joinpath("templates/experiment.yml").read_text()
    indent = "  " if schedule else "#   "  # without a schedule, a split to uncomment
    shares = "\n".join(
        f"{indent}{_quoted(arm)}: {share}"
        for arm, share in zip(arms, _equal_shares(len(arms)), strict=True)
    )
    return Template(text).substitute(
        schema_path=Path(os.path.relpath(SCHEMA_FILE, path.parent.resolve())).as_posix(),
        file_name=path.as_posix(),
        id=experiment_id,
        title=_quoted(title or experiment_id.replace("-", " ").capitalize()),
        owner=_quoted(owner),
        platform=platform,
        control=_quoted(arms[0]),
        treatment=arms[1],
        treatments=", ".join(_quoted(arm) for arm in arms[1:]),
        assignment=(SCHEDULED if schedule else CHOSEN).format(id=experiment_id),
        split=(SCHEDULED_SPLIT if schedule else CHOSEN_SPLIT).format(shares=shares),
    )


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
