"""What the analysis notebook shows and hands back to ``postlab rerun``.

The notebook stays a thin sequence of calls; the wording of the design, the
exclusions and the hand-over of the result live here, where tests cover them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd

from postlab.exceptions import PostlabWarning
from postlab.payload import RESULT_MIME, Result
from postlab.project import DEFAULT_SEED, MARKER, find_root


def design_markdown(experiment, selection) -> str:
    """The design in plain words, with the observational caveat where it applies."""
    period = experiment.period
    lines = [
        f"### {experiment.title}",
        "",
        f"**Hypothesis.** {experiment.hypothesis.strip()}",
        "",
        f"**Arms.** control *{experiment.control}*; treatment "
        + ", ".join(f"*{arm}*" for arm in experiment.treatments)
        + f". Posts are assigned {experiment.assignment.describe()}.",
        "",
        f"**Scope.** {', '.join(experiment.platforms) or 'all platforms'}; "
        f"{', '.join(experiment.accounts) or 'all accounts'}; "
        f"posts from {period.start or 'the start'} to {period.end or 'now'}, "
        f"at least {_hours(experiment.min_post_age)} old when exported.",
        "",
        f"**Metrics.** primary *{experiment.primary_metric}*"
        + (
            f"; secondary {', '.join(experiment.secondary_metrics)}"
            if experiment.secondary_metrics
            else ""
        )
        + ". Smallest effect worth acting on: "
        + (f"{100 * experiment.mde:g} %" if experiment.mde else "not set")
        + f"; alpha {experiment.alpha}.",
    ]
    if selection.suggested_labels:
        lines += [
            "",
            f"**Suggested labels.** {selection.suggested_labels} of the {len(selection.posts)} "
            "posts counted had no label from the team and take the classifier's suggestion.",
        ]
    if selection.randomised:
        lines += ["", "**Design: randomised.** Posts followed a random, balanced posting schedule."]
    else:
        lines += [
            "",
            "**Design: observational.** The arms were not assigned at random, so timing, "
            "account or topic may explain part of any difference: see how the arms differ below.",
        ]
    return "\n".join(lines)


def _hours(delta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} hours"


def scope_table(selection) -> pd.DataFrame:
    """Posts counted per arm and posts left out per reason: nothing dropped silently."""
    counted = selection.posts.groupby("arm", sort=True).size().rename("posts").reset_index()
    counted.insert(0, "what", "counted in arm")
    counted = counted.rename(columns={"arm": "detail"})
    excluded = selection.excluded.copy()
    excluded.columns = ["detail", "posts"]
    excluded.insert(0, "what", "left out")
    return pd.concat([counted, excluded], ignore_index=True)


def emit_result(experiment, selection, comparison) -> None:
    """Hand the result to ``postlab rerun`` as data (a custom MIME output)."""
    from IPython.display import display

    result = Result.from_analysis(experiment, selection, comparison)
    text = f"postlab result for {experiment.id}: {result.verdict.decision}"
    display({RESULT_MIME: result.to_dict(), "text/plain": text}, raw=True)


def plan_markdown(selection) -> str:
    """Whether posts followed the randomised schedule: off-plan posts weaken the design."""
    if not selection.randomised:
        return (
            "No posting schedule: the team chose each post's style, so there is no plan to "
            "check posts against."
        )
    deviations = selection.deviations
    if deviations.empty:
        return "Every post in the period followed the posting schedule."
    counts = deviations["issue"].value_counts(sort=False).sort_index()
    items = "\n".join(f"- {issue}: {n}" for issue, n in counts.items())
    return (
        f"**{len(deviations)} departures from the posting schedule.** Posts off the plan are "
        f"left out of the comparison; if there are many, the randomisation is weakened.\n\n{items}"
    )


BALANCE_GAP_POINTS = 10  # a gap of this many points in any trait is worth a second look


def balance_table(selection) -> pd.DataFrame:
    """Each arm's share of posts per weekday, hour block and account, in percent."""
    table = selection.balance()
    shares = [*selection.arms, "largest gap"]
    table[shares] = (100 * table[shares]).round(1)
    return table.rename(columns={"largest gap": "largest gap (points)"})


def balance_caption(table: pd.DataFrame) -> str:
    """The largest imbalance between the arms, in one plain sentence."""
    if table.empty:
        return "No posts to compare."
    worst = table.loc[table["largest gap (points)"].idxmax()]
    gap = worst["largest gap (points)"]
    verdict = (
        "the arms were posted at similar times and on similar accounts"
        if gap < BALANCE_GAP_POINTS
        else "the arms differ in when or where they were posted, which may explain part "
        "of any difference"
    )
    return (
        f"The largest gap between the arms is {gap:g} percentage points "
        f"({worst['dimension']} {worst['value']}): {verdict}."
    )


def verdict_markdown(experiment, comparison) -> str:
    """The decision in plain words, then what the owner wrote after reading it."""
    verdict = comparison.verdict
    lines = [f"**Verdict: {verdict.decision}.** {verdict.summary}", "", *comparison.caveats()]
    lines += [f"- Warning: {text}" for text in experiment_metric_warnings(experiment)]
    decision = experiment.decision
    if decision:
        lines += ["", "**What the owner decided** (from the experiment file):", ""]
        lines += [f"- Learning: {decision.learning.strip()}"] if decision.learning else []
        lines += [f"- Next step: {decision.next_step.strip()}"] if decision.next_step else []
    else:
        lines += ["", "*The owner has not yet written a learning and next step (`decision:`).*"]
    return "\n".join(lines).strip()


def experiment_metric_warnings(experiment) -> list[str]:
    """Where the column the arms come from biases a metric on the experiment's platforms."""
    from postlab.stats.metric_warnings import metric_warnings

    assignment = experiment.assignment
    column = getattr(assignment, "column", None) or assignment.kind
    found = [
        text
        for metric in experiment.metrics
        for text in metric_warnings(experiment.platforms, column, metric)
    ]
    return list(dict.fromkeys(found))


@dataclass
class Analysis:
    """One experiment analysed: its file, the posts loaded, those in scope and the comparison."""

    experiment: object
    posts: pd.DataFrame
    load_report: object
    selection: object
    comparison: object


def analyse(experiment_path, data_dir, *, alpha=None, seed=DEFAULT_SEED, method="auto") -> Analysis:
    """Load the data, assign posts to arms and compare them, as the notebook does.

    Loader warnings are not repeated as they arise: the load report lists them.
    Inside a project the posts table comes from ``postlab.loaders.cache``.
    """
    from postlab.experiment import load_experiment, select_posts
    from postlab.stats import compare

    experiment = load_experiment(experiment_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PostlabWarning)
        posts, load_report = _load(data_dir)
    selection = select_posts(experiment, posts, data_dir)
    comparison = compare(
        selection.posts,
        arm="arm",
        control=experiment.control,
        metrics=experiment.metrics,
        method=method,
        alpha=alpha or experiment.alpha,
        seed=seed,
        mde=experiment.mde,
        split=experiment.split,
        sequential=getattr(experiment, "analysis", "sequential") != "fixed",
        planned_posts=getattr(experiment, "planned_posts", None),
        cap=getattr(experiment, "cap", None),
        posts_per_week=selection.posts_per_week,
    )
    return Analysis(experiment, posts, load_report, selection, comparison)


def _load(data_dir):
    """Inside a project, through the posts cache: a rerun loads each data folder once."""
    from postlab.loaders import load_with_report
    from postlab.loaders.cache import load_cached

    root = find_root()
    if (root / MARKER).exists():
        return load_cached(data_dir, root=root)
    return load_with_report(data_dir)
