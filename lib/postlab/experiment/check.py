"""``postlab check``: every experiment and labels file, against each other and the data.

Problems are collected, not raised, so one run lists everything to fix. An
experiment that would find no posts, or too few for a verdict, is a problem
with its reason in words: an account the data does not know (and the ones it
does), a period outside the data's dates, an arm below the verdict's minimum.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from postlab.exceptions import ExperimentError, PostlabError
from postlab.experiment.assign import suggest
from postlab.experiment.labels import DAMAGED_ID, id_problems, read_labels_lenient, value_problems
from postlab.experiment.load import check_experiment
from postlab.experiment.model import Period
from postlab.experiment.select import scope_reasons, select_posts
from postlab.experiment.validate import arm_field_names, data_problems, problem
from postlab.posts.time import local_times
from postlab.project import MIN_POSTS_PER_ARM
from postlab.words import plural

MIN_POSTS = MIN_POSTS_PER_ARM  # the verdict's minimum
EXAMPLES = 3
VALUES_SHOWN = 8  # a column's values listed when an arm matches none of them


@dataclass
class CheckReport:
    problems: list[PostlabError] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)  # "ok" lines, each with its caveats
    experiments: int = 0
    labels_files: int = 0

    def __str__(self) -> str:
        checked = f"checked {plural(self.experiments, 'experiment')}"
        if self.labels_files:
            checked += f" and {plural(self.labels_files, 'labels file')}"
        found = plural(len(self.problems), "problem") if self.problems else "no problems"
        return f"{checked}: {found}"


def check_files(
    files: list[Path], data_dir: Path, load_posts: Callable[[], pd.DataFrame]
) -> CheckReport:
    """Check experiment files (``.yml``) and labels files (``.csv``) against ``data_dir``."""
    report = CheckReport()
    experiments = []
    label_arms: dict[Path, dict[str, set[str]]] = {}
    for path in files:
        if path.suffix.lower() == ".csv":
            label_arms.setdefault(path, {})
            continue
        report.experiments += 1
        experiment, problems = check_experiment(path)
        report.problems += problems
        if experiment is None:
            continue
        experiments.append(experiment)
        used = _labels_file(experiment, data_dir, report)
        if used:
            label_arms.setdefault(used[0], {}).setdefault(used[1], set()).update(
                [experiment.value_of(a) for a in experiment.arms]
            )
    posts = _posts(load_posts, data_dir, report) if experiments or label_arms else None
    broken = set()
    for path, columns in label_arms.items():
        report.labels_files += 1
        problems = _labels_problems(path, columns)
        report.problems += problems
        if problems:
            broken.add(path)
        if posts is not None and path not in broken:
            report.problems += _unmatched_ids(read_labels_lenient(path), path, posts, data_dir)
    for experiment in experiments:
        problems = data_problems(experiment, data_dir)
        report.problems += problems
        used = _labels_file(experiment, data_dir)
        if not problems and posts is not None and not (used and used[0] in broken):
            report.problems += _design_problems(experiment, data_dir, posts, report)
    return report


def _labels_file(experiment, data_dir, report: CheckReport | None = None):
    """The labels file and column the experiment reads (None, and a problem, if it is refused)."""
    try:
        return experiment.assignment.labels_file(data_dir)
    except ExperimentError as error:
        if report is not None:
            report.problems.append(
                problem(error.message, "assignment.file", experiment.lines, experiment.path)
            )
        return None


def _posts(load_posts, data_dir, report: CheckReport) -> pd.DataFrame | None:
    """The data folder's posts, or None (and one problem) when they cannot be read."""
    try:
        return load_posts()
    except PostlabError as error:
        report.problems.append(
            ExperimentError(f"cannot check against the data in {data_dir}: {error}")
        )
        return None


def _design_problems(experiment, data_dir, posts: pd.DataFrame, report) -> list[PostlabError]:
    """Accounts the data does not know, an empty period, arms too small for a verdict."""
    found = _account_problems(experiment, data_dir, posts)
    if found:
        return found
    try:
        selection = select_posts(experiment, posts, data_dir)
    except ExperimentError as error:
        field_ = error.field or "assignment"
        return [problem(error.message, field_, experiment.lines, experiment.path)]
    found = _values_never_taken(experiment, data_dir, posts, selection)
    if found:
        return found
    counts = selection.counts()
    counted = ", ".join(f"{arm} {n:,}" for arm, n in counts.items())
    if experiment.status == "planned":
        _passed(report, experiment, f"planned; posts per arm so far: {counted}")
        return []
    found = _period_problems(experiment, data_dir, posts, selection)
    if found:
        return found
    left_out = ", ".join(f"{r.reason} {r.posts}" for r in selection.excluded.itertuples())
    fields = dict(zip(experiment.arms, _arm_fields(experiment), strict=True))
    for arm, n in counts.items():
        if n < MIN_POSTS:
            what = "has no posts" if n == 0 else f"has only {plural(n, 'post')}"
            found.append(
                problem(
                    f"{fields[arm]} {arm!r} {what} in {data_dir}; a verdict needs at least {MIN_POSTS} "
                    f"per arm (posts per arm: {counted}; left out: {left_out or 'none'})",
                    fields[arm],
                    experiment.lines,
                    experiment.path,
                )
            )
    if not found:
        _passed(report, experiment, f"posts per arm: {counted}")
    return found


def _passed(report: CheckReport, experiment, counted: str) -> None:
    """An ok line, and under it what the design and metrics cannot rule out (no problem to fix).

    A file with a problem of its own (a TODO hypothesis) is not ok: its line says only
    that it fits the data, and its problem is listed below."""
    own = any(p.path == str(experiment.path) for p in report.problems)
    lead = (
        f"    {experiment.path}: fits the data (see its problem below)"
        if own
        else (f"ok  {experiment.path}")
    )
    report.passed.append(f"{lead}: {counted}")
    report.passed += [f"    note: {text}" for text in experiment.caveats()]


def _arm_fields(experiment) -> list[str]:
    return arm_field_names(len(experiment.treatments))


def _values_never_taken(experiment, data_dir, posts, selection) -> list[PostlabError]:
    """An arm whose value the column never takes for these accounts: whatever the status,
    since no post will ever join it; the column's values are listed, closest first."""
    scoped = posts[scope_reasons(experiment, posts, selection.settings, period=Period()).isna()]
    found = experiment.assignment.post_values(scoped, data_dir)
    if found is None or scoped.empty:
        return []
    column, values = found
    counts = values.astype("string").str.strip().value_counts()
    taken = {str(value).casefold() for value in counts.index}
    problems = []
    for where, arm in zip(_arm_fields(experiment), experiment.arms, strict=True):
        value = experiment.value_of(arm)
        if value.strip().casefold() in taken:
            continue
        ranked = closest_first(value, counts)
        listed = ", ".join(f"{v!r} {plural(int(counts[v]), 'post')}" for v in ranked[:VALUES_SHOWN])
        more = f" and {len(ranked) - VALUES_SHOWN:,} more" if len(ranked) > VALUES_SHOWN else ""
        hint = f" (did you mean {ranked[0]!r}?)" if ranked and _close(value, ranked[0]) else ""
        problems.append(
            problem(
                f"{where} {value!r} is never a value of {column} for these posts in "
                f"{data_dir}{hint}; its values: {listed or 'none'}{more}",
                where,
                experiment.lines,
                experiment.path,
            )
        )
    return problems


def closest_first(value: str, counts: pd.Series) -> list[str]:
    """The column's values, those most like ``value`` first (one that contains it leads),
    then by how many posts take them."""
    key = value.strip().casefold()

    def rank(candidate: str) -> tuple:
        folded = str(candidate).casefold()
        return (
            not (key in folded or folded in key),
            -round(difflib.SequenceMatcher(None, key, folded).ratio(), 1),
            -int(counts[candidate]),
        )

    return sorted(counts.index, key=rank)


def _close(value: str, candidate: str) -> bool:
    key, folded = value.strip().casefold(), str(candidate).casefold()
    return (
        key in folded or folded in key or difflib.SequenceMatcher(None, key, folded).ratio() >= 0.6
    )


def _account_problems(experiment, data_dir, posts: pd.DataFrame) -> list[PostlabError]:
    """Each listed account that has no post on the experiment's platforms, with a did-you-mean."""
    on_platforms = posts[posts["platform"].isin(experiment.platforms)]
    known = sorted(on_platforms["account"].dropna().unique())
    platforms = ", ".join(experiment.platforms)
    if not known:
        return [
            problem(
                f"the data in {data_dir} has no posts on {platforms} "
                f"(platforms in the data: {', '.join(sorted(posts['platform'].dropna().unique())) or 'none'})",
                "platforms",
                experiment.lines,
                experiment.path,
            )
        ]
    return [
        problem(
            f"accounts[{index}] {account!r} has no posts on {platforms} in {data_dir}"
            f"{suggest(account, known)} (accounts: {', '.join(known)})",
            f"accounts[{index}]",
            experiment.lines,
            experiment.path,
        )
        for index, account in enumerate(experiment.accounts)
        if account not in known
    ]


def _period_problems(experiment, data_dir, posts: pd.DataFrame, selection) -> list[PostlabError]:
    """The period holds none of the accounts' posts: say where the data's dates lie."""
    if not (experiment.period.start or experiment.period.end) or len(selection.posts):
        return []
    scope = scope_reasons(experiment, posts, selection.settings)
    outside = scope.astype("string").str.startswith("published ").fillna(False)
    ours = posts[(scope.isna() | outside) & posts["published_at"].notna()]
    if ours.empty or scope.isna().any():
        return []
    days = local_times(ours, selection.settings).dt.date
    return [
        problem(
            f"period {experiment.period} holds no posts of these accounts; their posts in "
            f"{data_dir} run from {days.min()} to {days.max()}",
            "period",
            experiment.lines,
            experiment.path,
        )
    ]


def _labels_problems(path: Path, columns: dict[str, set[str]]) -> list[PostlabError]:
    try:
        labels = read_labels_lenient(path)
    except ExperimentError as error:
        return [error]
    problems: list[PostlabError] = list(id_problems(labels, path))
    for column, arms in sorted(columns.items()):
        if column in labels.columns:
            problems += value_problems(labels, path, column, sorted(arms))
    return problems


def _unmatched_ids(labels: pd.DataFrame, path: Path, posts: pd.DataFrame, data_dir):
    """Labelled ids that match no post: one line with the count and a few examples."""
    ids = labels["post_id"]
    usable = labels[ids.notna() & ~ids.fillna("").str.match(DAMAGED_ID)]
    keys = ["platform", "post_id"] if "platform" in labels.columns else ["post_id"]
    table = usable[keys].copy()
    if "platform" in keys:
        table["platform"] = table["platform"].str.strip().str.lower()
    known = posts[keys].astype("string").drop_duplicates()
    joined = table.merge(known, on=keys, how="left", indicator=True)
    missing = joined.loc[joined["_merge"] == "left_only", "post_id"]
    if missing.empty:
        return []
    examples = ", ".join(missing.head(EXAMPLES))
    return [
        ExperimentError(
            f"{len(missing):,} of {len(table):,} labelled post ids match no post in {data_dir} "
            f"(e.g. {examples}): labels from another account or a damaged copy?",
            path=path,
        )
    ]
