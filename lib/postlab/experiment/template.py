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
from postlab.experiment.load import load_experiment
from postlab.posts.columns import PLATFORMS

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "experiment.schema.json"


def new_experiment(
    experiment_id: str,
    *,
    folder: str | Path = "experiments",
    title: str | None = None,
    platform: str = "x",
    arms: tuple[str, ...] = ("serious", "humorous"),
    owner: str = "Digital communications team",
) -> Path:
    """Write ``folder/<id>.yml`` and return its path; never overwrite."""
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
    path.write_text(render(experiment_id, path, title, platform, arms, owner), encoding="utf-8")
    load_experiment(path)  # the template must always give a valid file
    return path


def render(experiment_id, path: Path, title, platform, arms, owner) -> str:
    text = resources.files("postlab").joinpath("templates/experiment.yml").read_text()
    shares = _equal_shares(len(arms))
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
        split="\n".join(
            f"  {_quoted(arm)}: {share}" for arm, share in zip(arms, shares, strict=True)
        ),
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
