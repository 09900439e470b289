"""Ideas to test: styles that did clearly better than the usual one in the history.

The history is observational: the team chose when and how to post, so a
style may look better because of the days, topics or accounts it was used
for. Each idea therefore comes with what a fair test needs: the posts per
arm to detect the smallest change worth acting on, and the ``postlab new``
command that starts the experiment.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.config import Settings
from postlab.exceptions import AnalysisError, PostlabError
from postlab.experiment import load_experiment
from postlab.explore.rates import group_moments
from postlab.explore.scope import time_of_day
from postlab.project import DEFAULT_POWER
from postlab.stats.delta import Moments, delta_test
from postlab.stats.power import posts_needed
from postlab.words import platform_name

IDEA_COLUMNS = [
    "comparison",
    "platform",
    "dimension",
    "control",
    "treatment",
    "control_rate",
    "treatment_rate",
    "difference",
    "difference_low",
    "difference_high",
    "control_posts",
    "treatment_posts",
    "posts_per_arm",
    "experiment_id",
    "existing",
    "command",
]
_TITLE_SAFE = re.compile(r"[\w .,&()+'-]*")


def ideas_to_test(
    posts: pd.DataFrame,
    labels=None,
    mde: float = 0.1,
    *,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    min_posts: int = 30,
    metric: str = "engagement_rate",
    experiments=(),
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Styles that beat the platform's most common style by at least ``mde``, clearly.

    Compared within each platform on media type, time of day (local) and
    each label column in ``labels`` (e.g. ["tone", "format"]): every value with ``min_posts`` posts
    against the most used value (the control, what the team usually does).
    An idea needs a difference of at least ``mde`` whose 1 - ``alpha`` interval
    excludes zero; ``posts_per_arm`` is what an experiment needs to detect a
    change of ``mde`` with this ``power``. ``existing`` names an experiment
    among ``experiments`` already testing the same arms on the platform.
    """
    if not mde or mde <= 0:
        raise AnalysisError(f"mde must be a positive share (0.1 = 10 %), not {mde}", field="mde")
    if "time_of_day" not in posts.columns:
        posts = posts.assign(time_of_day=time_of_day(posts, settings))
    rows = []
    for dimension in ["media_type", "time_of_day", *(labels or [])]:
        if dimension not in posts.columns:
            raise AnalysisError(f"no column {dimension!r} to look for ideas in", field="labels")
        rows += _ideas_in(posts, dimension, mde, alpha, power, min_posts, metric, experiments)
    table = pd.DataFrame(rows, columns=IDEA_COLUMNS).astype({"existing": "string"})
    return table.sort_values(
        ["difference", "platform", "dimension", "treatment"],
        ascending=[False, True, True, True],
        kind="stable",
        ignore_index=True,
    )


def _ideas_in(posts, dimension, mde, alpha, power, min_posts, metric, experiments) -> list[list]:
    values = posts[dimension].astype("string")
    counted = posts.assign(**{dimension: values})
    keys, moments = group_moments(counted, ["platform", dimension], metric)
    rows = []
    for platform, group in keys.groupby("platform", sort=True):
        index = group.index.to_numpy()
        usable = index[(moments.n[index] >= min_posts) & _arm_safe(group[dimension])]
        if len(usable) < 2:
            continue
        control = usable[np.lexsort((group.loc[usable, dimension], -moments.n[usable]))[0]]
        for treatment in usable[usable != control]:
            estimate = delta_test(_pick(moments, treatment), _pick(moments, control), alpha)
            low, high = (float(v) for v in estimate.rel_ci)
            if float(estimate.rel_effect) < mde or low <= 0:
                continue
            pair = [keys.loc[control, dimension], keys.loc[treatment, dimension]]
            pair_posts = counted[(counted["platform"] == platform) & counted[dimension].isin(pair)]
            needed = posts_needed(pair_posts, metric, mde, alpha=alpha, power=power)
            rows.append(
                _idea(platform, dimension, pair, moments, (control, treatment), estimate, needed)
                + _command(platform, *pair, experiments)
            )
    return rows


def _arm_safe(values: pd.Series) -> np.ndarray:
    """Values that can be arms on a command line (no commas, not blank)."""
    return (values.str.strip().str.len().gt(0) & ~values.str.contains(",", regex=False)).to_numpy()


def _pick(moments: Moments, i: int) -> Moments:
    return Moments(*(np.asarray(getattr(moments, f))[i] for f in Moments.__dataclass_fields__))


def _idea(platform, dimension, pair, moments, codes, estimate, needed) -> list:
    control, treatment = pair
    c, t = codes
    what = dimension.replace("_", " ")
    return [
        f"{what} on {platform_name(platform)}: {treatment} vs {control}",
        platform,
        dimension,
        control,
        treatment,
        float(moments.ratio[c]),
        float(moments.ratio[t]),
        float(estimate.rel_effect),
        float(estimate.rel_ci[0]),
        float(estimate.rel_ci[1]),
        int(moments.n[c]),
        int(moments.n[t]),
        int(needed),
    ]


def experiment_id(platform: str, control: str, treatment: str) -> str:
    """A valid experiment id (lower-case letters, digits, dashes) for this comparison."""
    return "-".join([_slug(treatment), "vs", _slug(control), _slug(platform)])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _command(platform: str, control: str, treatment: str, experiments) -> list:
    """The experiment id, an existing experiment of the same arms, and the ``postlab new`` line."""
    new_id = experiment_id(platform, control, treatment)
    existing = next(
        (
            e.id
            for e in experiments
            if platform in e.platforms and {control, treatment} <= set(e.arms)
        ),
        None,
    )
    title = f"{treatment.capitalize()} vs {control} posts on {platform_name(platform)}"
    quoted = f'"{title}"' if _TITLE_SAFE.fullmatch(title) else shlex.quote(title)
    command = (
        f"postlab new {new_id} --title {quoted} --platform {platform} "
        f"--arms {shlex.quote(f'{control},{treatment}')}"
    )
    return [new_id, existing, command]


def known_experiments(folder="experiments") -> list:
    """The valid experiments in ``folder`` (none if it is missing).

    Invalid files are skipped here: ``postlab check`` and ``postlab rerun``
    report them, and they must not stop the history from being explored.
    """
    found = []
    for path in sorted(Path(folder).glob("*.yml")):
        try:
            found.append(load_experiment(path))
        except PostlabError:
            continue
    return found
