"""An experiment analysed: its posts loaded, assigned to arms and compared, as the notebook does.

``analyse`` is the one entry point (the analysis notebook, ``postlab rerun``'s
plain-Python runs and the benchmarks call it); ``account_effects`` adds the
per-account section. The words and tables people read are in ``report`` and
``tables``; what goes to the record is ``postlab.payload``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd

from postlab.exceptions import PostlabWarning
from postlab.project import DEFAULT_SEED, find_root, project_settings


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
    Inside a project the posts table comes from ``postlab.loaders.cache``. In a force
    workspace (``teams:`` in its settings) ``data_dir`` is not read: the posts are the
    named teams' own, each team's in its arms by its own schedule (``experiment.force``).
    """
    from postlab.experiment import force, load_experiment, select_posts
    from postlab.stats.comparison import compare

    experiment = load_experiment(experiment_path)
    teams = force.members(find_root())
    if teams:
        selection, load_report = force.select_pooled(experiment, teams, project_settings())
        posts = selection.posts
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PostlabWarning)
            posts, load_report = _load(data_dir)
        selection = select_posts(experiment, posts, data_dir)
    sequential = getattr(experiment, "analysis", "sequential") != "fixed"
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
        sequential=sequential,
        planned_posts=getattr(experiment, "planned_posts", None),
        cap=getattr(experiment, "cap", None),
        posts_per_week=selection.posts_per_week,
        **levers(experiment, selection.posts, posts, pooled=bool(teams)),
    )
    return Analysis(experiment, posts, load_report, selection, comparison)


def levers(
    experiment, selected: pd.DataFrame, posts: pd.DataFrame, *, pooled: bool = False
) -> dict:
    """``compare``'s options for the experiment file's effect, adjustment and spending.

    Adjustment uses every pre-posting covariate the posts carry, the
    accounts' earlier posts giving the first posts their recent level; a
    randomised schedule's blocks (account, weekday, hour block) are always
    analysed as strata. A force's pooled posts (``pooled``) are compared within
    accounts, each a team's: its schedules are balanced per account, and the
    accounts differ more than the arms do.
    """
    adjust = getattr(experiment, "adjust", True)
    history = None
    if adjust and len(selected) and "published_at" in posts.columns:
        start = selected["published_at"].min()
        mine = posts["account"].isin(selected["account"].unique()) & posts["platform"].isin(
            selected["platform"].unique()
        )
        history = posts.loc[mine & (posts["published_at"] < start)]
    return {
        "effect": getattr(experiment, "effect", "ratio-of-sums"),
        "covariates": True if adjust else None,
        "history": history,
        "strata": _strata(experiment, selected, pooled),
        "spending": getattr(experiment, "spending", "obrien-fleming"),
    }


def _strata(experiment, selected: pd.DataFrame, pooled: bool) -> list[str]:
    strata = ["account", "weekday", "hour_block"] if experiment.randomised else []
    if pooled and selected["account"].nunique() > 1 and "account" not in strata:
        strata.insert(0, "account")
    return strata


def _load(data_dir):
    from postlab.loaders.cache import load_posts

    return load_posts(data_dir)


def account_effects(analysed: Analysis, *, seed=DEFAULT_SEED, by: str = "account"):
    """The primary metric by account with a random-effects pooled estimate (``ByAccount``).

    ``by="team"``: by team (borough) of a force-wide experiment, each team's estimate
    beside the force's. None when the posts in scope come from a single account (team),
    or carry no team: there is nothing to pool.
    """
    from postlab.stats.pooled import by_account

    experiment, comparison = analysed.experiment, analysed.comparison
    posts = analysed.selection.posts
    if by not in posts.columns or posts[by].nunique() < 2:
        return None
    return by_account(
        posts,
        account=by,
        unit="borough" if by == "team" else "account",
        arm="arm",
        control=experiment.control,
        treatment=comparison.verdict.arm or experiment.treatments[0],
        metric=experiment.primary_metric,
        alpha=experiment.alpha,
        seed=seed,
        # each account's interval is read as the experiment's own is: a confidence
        # sequence unless the design is a fixed one-look analysis
        sequential=getattr(experiment, "analysis", "sequential") != "fixed",
        cap=getattr(experiment, "cap", None),
    )
