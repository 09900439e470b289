"""How many posts an experiment needs, from how the chosen accounts posted before.

The spread of the metric and the posting rate come from the accounts'
history: the posts before the period starts (or all posts if there are
none), and among those, the posts the assignment would place in an arm
when there are enough of them (a live-vs-recorded test only posts videos).

A plan says what it assumed (the spread's upper bound, the treatment arm's
larger variance, the analysis mode) because a plan that silently assumes
the best case promises power it does not deliver. A sequential experiment
(the default: the team may look every week) needs more posts than a
fixed-sample one; the plan gives both. When the experiment needs more than a
year, it says what would make it feasible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.exceptions import AnalysisError, PostlabError
from postlab.experiment.model import Period
from postlab.experiment.select import scope_reasons
from postlab.experiment.validate import equal_split
from postlab.posts.time import local_times, posting_rate
from postlab.project import DEFAULT_POWER, project_settings
from postlab.stats import howlong
from postlab.stats.metrics import METRICS
from postlab.stats.power import Spread, chance, reachable, spread_bound
from postlab.words import (
    how_long,
    more_posts,
    platform_name,
    posts_and_time,
    posts_needed,
    sentence,
    share,
)

POWER = DEFAULT_POWER
MIN_ARM_HISTORY = 20  # fewer past posts in the arms than this: use all the accounts' posts
FEASIBLE_WEEKS = 52  # longer than this: suggest what would make the experiment feasible
MATERIAL = 0.75  # a lever is worth suggesting when it cuts the time to this share (or under a year)
MIX_GAP = 0.10  # a past mix this far from the planned split is said
LARGEST_SENSIBLE_MDE = 1.0  # a smallest effect above +100 % is no test of a post style
SUGGESTION_WEEKS = 12  # the period the suggestions aim for
ANALYSES = ("sequential", "fixed")


@dataclass(frozen=True)
class Suggestion:
    """A change that would shorten the experiment materially, and its time to a verdict."""

    text: str
    weeks: float

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Plan:
    """What an experiment needs and what its period can deliver, in plain numbers."""

    experiment_id: str
    metric: str
    mde: float
    alpha: float
    power: float
    analysis: str
    spread: Spread
    history: pd.DataFrame
    history_note: str
    posts_per_week: float
    needed: dict[str, int]
    needed_fixed: dict[str, int]
    period_weeks: float | None
    expected: dict[str, int] | None
    reachable_mde: dict[str, float] | None
    split: dict[str, float]
    suggestions: list[Suggestion] = field(default_factory=list)  # what shortens it materially
    mde_note: str = ""  # why no sensible mde is reachable in twelve weeks, when none is
    mix: dict[str, float] | None = None  # the past posts' share per arm (a team's own choice)
    levers: list = field(default_factory=list)  # postlab.stats.levers.Option, one per lever
    lever_spreads: object = None  # postlab.stats.levers.Spreads
    design: str = (
        "always-valid"  # fixed, group-sequential or always-valid, as the analysis reads it
    )
    so_far: object = None  # postlab.stats.howlong.HowLong of a running experiment: what is left

    @property
    def mix_differs(self) -> bool:
        """The team's past mix is far from the split the plan assumes (10 points or more)."""
        return bool(self.mix) and any(
            abs(self.mix.get(arm, 0) - part) >= MIX_GAP for arm, part in self.split.items()
        )

    @property
    def sequential(self) -> bool:
        return self.analysis == "sequential"

    @property
    def total_needed(self) -> int:
        """Posts in all, so that every arm gets its need at the planned split."""
        return _total(self.needed, self.split)

    @property
    def weeks_needed(self) -> float:
        return self.total_needed / self.posts_per_week if self.posts_per_week else math.inf

    @property
    def assumptions(self) -> list[str]:
        """What the numbers rest on, one sentence each."""
        total = self.total_needed
        mode = {
            "always-valid": "a sequential analysis: the verdict may be read at every rerun, so the "
            "interval is a confidence sequence, wider than a one-look interval, tuned to end at "
            f"the planned posts (write planned_posts: {total:,} in the experiment file)",
            "group-sequential": "a group-sequential analysis: weekly looks to the planned end "
            "(planned_posts), each look spending part of alpha (Lan-DeMets spending)",
            "fixed": "a fixed-sample analysis: one decisive look once the planned posts are in "
            f"(planned_posts: {total:,})",
        }[self.design]
        return [
            f"The spread: {self.spread}.",
            f"The mode: {mode}.",
            f"A true change of {share(self.mde)} also changes the treatment arm's spread, so its "
            f"variance is taken as {(1 + self.mde) ** 2:.2f} times the control's.",
            f"A two-sided test at alpha {self.alpha:g} with {share(self.power)} power, at the split "
            + ", ".join(f"{arm} {share(part)}" for arm, part in self.split.items())
            + f", and {self.posts_per_week:.1f} posts a week as before.",
        ]

    def power_curve(self, n_values=None) -> pd.DataFrame:
        """Power by posts in the control arm (first treatment), past the need and the period."""
        control, treatment = list(self.split)[:2]
        top = max(2 * self.needed[control], 1.1 * (self.expected or {}).get(control, 0), 20)
        n = n_values if n_values is not None else np.unique(np.linspace(5, top, 60).astype(int))
        n = np.asarray(n, dtype=float)
        found = chance(
            self.spread.planned,
            self.mde,
            n,
            alpha=self.alpha,
            ratio=self.split[treatment] / self.split[control],
            sequential=self.sequential,
        )
        return pd.DataFrame({"posts_per_arm": n.astype(int), "power": found, "mde": self.mde})

    def figure(self):
        """The power curve with the 80 % line and the posts the period can give."""
        import matplotlib.pyplot as plt

        curve = self.power_curve()
        control = next(iter(self.split))
        fig, ax = plt.subplots(figsize=(6.5, 3.5), dpi=100)
        ax.plot(curve["posts_per_arm"], curve["power"], color="#1f77b4")
        ax.axhline(self.power, color="#7f7f7f", linestyle="--", linewidth=1)
        ax.axvline(self.needed[control], color="#2ca02c", linewidth=1, label="posts needed")
        if self.expected:
            ax.axvline(
                self.expected[control], color="#ff7f0e", linewidth=1, label="expected in period"
            )
        ax.set_xlabel(f"posts in the {control} arm")
        ax.set_ylabel("chance to detect the effect")
        ax.set_ylim(0, 1)
        ax.set_title(
            f"{self.experiment_id}: {_label(self.metric)} change of {share(self.mde)} ({self.analysis})"
        )
        ax.legend(loc="lower right", frameon=False)
        fig.tight_layout()
        return fig

    def table(self) -> pd.DataFrame:
        """Per arm: posts needed (this mode and fixed) and posts the period can be expected to give."""
        return pd.DataFrame(
            {
                "arm": list(self.split),
                "share": list(self.split.values()),
                "posts_needed": [self.needed[arm] for arm in self.split],
                "posts_needed_fixed": [self.needed_fixed[arm] for arm in self.split],
                "posts_expected": [
                    self.expected[arm] if self.expected else pd.NA for arm in self.split
                ],
            }
        )

    def to_dict(self) -> dict:
        """The plan's numbers as JSON-ready data."""
        return {
            "experiment": self.experiment_id,
            "metric": self.metric,
            "mde": self.mde,
            "alpha": self.alpha,
            "power": self.power,
            "analysis": self.analysis,
            "spread_observed": round(self.spread.observed, 6),
            "spread_planned": round(self.spread.planned, 6),
            "history_posts": self.spread.posts,
            "posts_per_week": round(self.posts_per_week, 3),
            "needed": dict(self.needed),
            "needed_fixed": dict(self.needed_fixed),
            "total_needed": self.total_needed,
            "weeks_needed": None if math.isinf(self.weeks_needed) else round(self.weeks_needed, 1),
            "expected": self.expected,
            "reachable_mde": self.reachable_mde,
            "assumptions": self.assumptions,
            "feasibility": self.feasibility,
            "suggestions": [str(s) for s in self.suggestions],
            "mix_so_far": self.mix,
            "design": self.design,
            "more_needed": dict(self.so_far.more) if self.so_far else None,
            "more_needed_total": self.so_far.more_total if self.so_far else None,
            "levers": [option.to_dict() for option in self.levers],
            "lever_assumptions": self.lever_assumptions,
        }

    @property
    def lever_assumptions(self) -> list[str]:
        """How the levers were sized, one sentence each."""
        found = self.lever_spreads
        if found is None:
            return []
        label = _label(self.metric)
        reduction = found.reduction
        return [
            f"The typical post: the mean of log({label} + c) per arm, c = {found.offset:.3g} "
            f"(the 10th percentile of the past posts' positive {label}s, so posts with none "
            f"count); its spread {found.typical_sd:.2f} (the 90 % upper bound), and a "
            f"{share(self.mde)} change shifts it by {found.typical_shift:.3f} on average over the "
            f"past posts (log {1 + self.mde:g} = {math.log1p(self.mde):.3f} where no post is near zero).",
            "Regression adjustment: the pre-posting covariates ("
            + ", ".join(n.replace("_", " ") for n in found.covariates)
            + f") predicted {share(reduction['ratio-of-sums'])} of the past posts' variance "
            f"(ratio of sums) and {share(reduction['typical-post'])} (typical post), left-one-out.",
            "Group-sequential: weekly looks to the planned posts, Lan-DeMets "
            "O'Brien-Fleming-type alpha spending; N teams: each posting as often as this one.",
        ]

    def __str__(self) -> str:
        lines = [
            f"Plan for {self.experiment_id} ({self.analysis} analysis)",
            f"Based on {self.history_note}: {self.posts_per_week:.1f} a week.",
            f"To detect a {share(self.mde)} change in {_label(self.metric)} "
            f"(alpha {self.alpha:g}, {share(self.power)} power) you need "
            f"{posts_and_time(self.needed, self.total_needed, self.weeks_needed)}.",
        ]
        if self.sequential:
            fixed = _total(self.needed_fixed, self.split)
            lines.append(
                "That is the price of looking at every rerun: a fixed-sample test with one "
                f"look would need {posts_needed(self.needed_fixed, fixed)}, "
                f"{how_long(fixed / self.posts_per_week if self.posts_per_week else math.inf)}."
            )
        if self.so_far is not None:
            lines.append(self.progress)
        if self.mix_differs:
            lines.append(
                "So far the team's posts split "
                + ", ".join(f"{arm} {share(part)}" for arm, part in self.mix.items())
                + "; these numbers assume "
                + ", ".join(f"{arm} {share(part)}" for arm, part in self.split.items())
                + " from now on (at today's mix the smaller arm takes longer to fill)."
            )
        if self.expected is not None:
            expected = ", ".join(f"{arm} {n:,}" for arm, n in self.expected.items())
            reach = ", ".join(
                _share(effect) if len(self.reachable_mde) == 1 else f"{arm} {_share(effect)}"
                for arm, effect in self.reachable_mde.items()
            )
            verdict = (
                "enough"
                if all(self.expected[a] >= n for a, n in self.needed.items())
                else "not enough"
            )
            lines.append(
                f"The period ({how_long(self.period_weeks)}) should give about {expected} posts: "
                f"{verdict} for {share(self.mde)}; the smallest change it can detect is {reach}."
            )
        else:
            lines.append("The period is open-ended, so no end date limits the posts.")
        lines += ["Assumed:", *(f"- {line}" for line in self.assumptions)]
        if self.levers:
            useful, little = _sorted_levers(self.levers, self.weeks_needed)
            lines += [
                f"What would make it faster (time to a verdict on a {share(self.mde)} change, "
                f"{share(self.power)} power):",
                *(f"- {_lever_line(option, self.split)}" for option in useful),
            ]
            if little:
                lines.append(
                    "Saves less than a quarter of the time here: "
                    + "; ".join(_lever_line(option, self.split) for option in little)
                    + "."
                )
            lines += [
                "How the levers were sized:",
                *(f"- {line}" for line in self.lever_assumptions),
            ]
        if self.weeks_needed > FEASIBLE_WEEKS:
            lines.append(self.feasibility)
            if self.suggestions:
                feasible = any(s.weeks <= FEASIBLE_WEEKS for s in self.suggestions)
                lines.append(
                    "What would make it feasible:" if feasible else "What else would shorten it:"
                )
                lines += [f"- {s}" for s in self.suggestions]
        return "\n".join(lines)

    @property
    def progress(self) -> str:
        """Where a running experiment stands against its plan, as its record says it."""
        found = self.so_far
        have = ", ".join(f"{arm} {n:,}" for arm, n in found.have.items())
        if found.out_of_reach:
            return f"So far {have} posts are in; no number of posts reaches the plan's power."
        if found.reached:
            return (
                f"So far {have} posts are in: as many as the plan needs, so the verdict of "
                "the latest rerun (postlab rerun) is the answer."
            )
        more = more_posts(found.more, found.weeks(), found.more_total)
        return f"So far {have} posts are in: {more} ({found.source})."

    @property
    def feasibility(self) -> str:
        """Plainly, whether what the team can choose, or only other teams, brings the
        experiment under a year (the line above ``suggestions``)."""
        if self.weeks_needed <= FEASIBLE_WEEKS:
            return f"It can finish within {how_long(FEASIBLE_WEEKS)}."
        own = [o for o in self.levers if o.now and o.weeks <= FEASIBLE_WEEKS]
        force = [o for o in self.levers if not o.now and o.weeks <= FEASIBLE_WEEKS]
        other = [s for s in self.suggestions if s.weeks <= FEASIBLE_WEEKS]
        best = min((o.weeks for o in self.levers if o.now), default=None)
        lines = ["More than a year is too long."]
        if own:
            fastest = min(own, key=lambda o: o.weeks)
            lines.append(
                f"The team can bring it under a year now: {fastest.name}, {how_long(fastest.weeks)}."
            )
        elif best is not None:
            lines.append(
                "No lever the team can choose on its own brings it under a year (with all of "
                f"them, {how_long(best)})."
            )
        lines += [sentence(self.mde_note)] if self.mde_note else []
        if force and not own:
            lead = "Running it force-wide does" if other else "Only running it force-wide does"
            lines.append(f"{lead}: {_teams_times(force)}.")
        if not (own or other or force):
            lines.append(
                "Nothing makes it feasible: test a bolder change, or a question this team's "
                "posts can answer sooner."
            )
        return " ".join(lines)


def _sorted_levers(levers: list, weeks: float) -> tuple[list, list]:
    """The baseline and the levers that cut the time materially (under a year, or by at least
    a quarter), and those that gain little here."""
    useful, little = [], []
    for option in levers:
        (
            useful if _material(option.weeks, weeks) or option.name.startswith("alone") else little
        ).append(option)
    return useful, little


def _teams_times(options: list) -> str:
    return ", ".join(f"with {o.teams} teams {how_long(o.weeks)}" for o in options)


LEVER_HOW = {
    "group-sequential": "choose it now: write planned_posts: {total:,}",
    "typical-post": "choose it now: write effect: typical-post",
    "adjusted": "on by default: adjust: true",
    "together": "choose it now: effect: typical-post and planned_posts: {total:,}",
    "teams": "needs other teams to run the same experiment file",
}


def _lever_line(option, split: dict[str, float]) -> str:
    """One lever: what it is, the posts and the time, and whether the team can choose it now."""
    total = math.ceil(option.posts_per_arm / min(split.values()) - 1e-9)
    what = f"{option.name}: {total:,} posts, {how_long(option.weeks)}"
    if option.teams > 1:
        how = LEVER_HOW["teams"]
    elif option.name.startswith("all"):
        how = LEVER_HOW["together" if option.effect == "typical-post" else "group-sequential"]
    elif option.analysis == "group-sequential":
        how = LEVER_HOW["group-sequential"]
    elif option.effect == "typical-post":
        how = LEVER_HOW["typical-post"]
    elif option.adjusted:
        how = LEVER_HOW["adjusted"]
    else:
        return what
    return f"{what} ({how.format(total=total)})"


def _total(needed: dict[str, int], split: dict[str, float]) -> int:
    return math.ceil(max(n / split[arm] for arm, n in needed.items()) - 1e-9)


def _label(metric: str) -> str:
    return METRICS[metric].label


def _share(effect: float) -> str:
    return f"{share(effect, 1)}" if math.isfinite(effect) else "none (too few posts)"


def plan_experiment(experiment, posts: pd.DataFrame, data_dir: str | Path = ".", *, settings=None):
    """The numbers ``postlab plan`` prints and the planning notebook plots."""
    settings = settings or project_settings()
    analysis = getattr(experiment, "analysis", "sequential") or "sequential"
    if analysis not in ANALYSES:
        raise AnalysisError(
            f"{experiment.id}: analysis {analysis!r} is not one of {', '.join(ANALYSES)}",
            field="analysis",
        )
    history, note, arms = _history(experiment, posts, data_dir, settings)
    if len(history) < 2:
        raise AnalysisError(
            f"{experiment.id}: need past posts of {', '.join(experiment.accounts) or 'the accounts'} "
            f"on {', '.join(experiment.platforms)} to plan, found {len(history)}"
        )
    # an observational design plans no split: size it for equal arms
    split = {
        arm: (experiment.split or equal_split(experiment.arms))[arm] for arm in experiment.arms
    }
    spread = spread_bound(history, experiment.primary_metric)
    rate = posting_rate(history)
    sizing = _Sizing(spread.planned, experiment, split, rate)
    design = howlong.design_of(
        analysis == "sequential",
        getattr(experiment, "planned_posts", None),
        getattr(experiment, "spending", None),
    )
    period_weeks = expected = reached = None
    start, end = experiment.period.start, experiment.period.end
    sequential = analysis == "sequential"
    if start and end:
        period_weeks = ((end - start).days + 1) / 7
        expected = {arm: int(rate * period_weeks * part) for arm, part in split.items()}
        reached = sizing.reachable(expected[experiment.control], sequential)
    plan = Plan(
        experiment_id=experiment.id,
        metric=experiment.primary_metric,
        mde=experiment.mde,
        alpha=experiment.alpha,
        power=POWER,
        analysis=analysis,
        spread=spread,
        history=history,
        history_note=note,
        posts_per_week=rate,
        needed=sizing.needed(experiment.mde, design),
        needed_fixed=sizing.needed(experiment.mde, "fixed"),
        period_weeks=period_weeks,
        expected=expected,
        reachable_mde=reached,
        split=split,
        mix=None if experiment.randomised else _mix(experiment, history, data_dir),
        design=design,
        so_far=_so_far(experiment, posts, data_dir, history, split, design),
    )
    plan = _with_levers(plan, experiment, arms)
    if plan.weeks_needed <= FEASIBLE_WEEKS:
        return plan
    suggestions, note = _suggestions(plan, experiment, posts, history)
    return Plan(**{**plan.__dict__, "suggestions": suggestions, "mde_note": note})


def _so_far(experiment, posts, data_dir, history, split, design):
    """What an experiment still needs, as its record says (None before its first post; with no
    period, every post in its arms counts, as in the record):
    the spread of its own control posts when there are enough, else the history's."""
    from postlab.experiment.select import select_posts

    try:
        selection = select_posts(experiment, posts, data_dir)
    except PostlabError:
        return None
    selected = selection.posts
    if selected.empty or "arm" not in selected.columns:
        return None
    counts = selected["arm"].value_counts()
    control = selected[selected["arm"] == experiment.control]
    spread, source = howlong.spread_for(
        control, history, experiment.primary_metric, experiment.control
    )
    return howlong.how_long(
        spread,
        experiment.mde,
        {arm: split[arm] for arm in (experiment.control, *experiment.treatments)},
        alpha=experiment.alpha,
        power=POWER,
        design=design,
        posts_per_week=selection.posts_per_week,  # the current rate, as the record uses
        source=source,
        have={arm: int(counts.get(arm, 0)) for arm in split},
        planned_posts=getattr(experiment, "planned_posts", None),
        spending=getattr(experiment, "spending", None),
    )


def _mix(experiment, history: pd.DataFrame, data_dir) -> dict[str, float] | None:
    """Each arm's share of the past posts in the arms, when the assignment can tell."""
    arms = experiment.assign(history, data_dir).arm.dropna()
    if arms.empty:
        return None
    shares = arms.value_counts(normalize=True)
    return {arm: float(shares.get(arm, 0.0)) for arm in experiment.arms}


def _with_levers(plan: Plan, experiment, arms: pd.Series | None) -> Plan:
    """The plan with each lever's time to a verdict (none when the history cannot size them).

    ``arms``: each past post's arm where the assignment can tell (None for a randomised one).
    """
    from postlab.stats.levers import history_spreads, options

    try:
        spreads = history_spreads(
            plan.history,
            plan.metric,
            plan.mde,
            plan.spread.planned,
            arm_columns=[getattr(experiment.assignment, "column", None) or "media_type"],
            arms=arms,
        )
    except AnalysisError:
        return plan
    found = options(
        spreads,
        plan.mde,
        plan.posts_per_week,
        alpha=plan.alpha,
        power=plan.power,
        arms=len(plan.split),
        current_analysis="confidence sequence" if plan.sequential else "fixed",
    )
    return Plan(**{**plan.__dict__, "levers": found, "lever_spreads": spreads})


@dataclass(frozen=True)
class _Sizing:
    """Posts per arm and reachable changes for one spread, every treatment against control."""

    cv: float
    experiment: object
    split: dict[str, float]
    rate: float | None = None  # posts a week: a group-sequential design's looks

    def ratio(self, treatment: str) -> float:
        return self.split[treatment] / self.split[self.experiment.control]

    def needed(self, mde: float, design: str) -> dict[str, int]:
        """Posts per arm for ``design`` (``postlab.stats.howlong``: the record's answer too)."""
        return howlong.needed_per_arm(
            self.cv,
            mde,
            {
                arm: self.split[arm]
                for arm in (self.experiment.control, *self.experiment.treatments)
            },
            alpha=self.experiment.alpha,
            power=POWER,
            design=design,
            posts_per_week=self.rate,
            spending=getattr(self.experiment, "spending", None) or "obrien-fleming",
        )

    def reachable(self, n_control: int, sequential: bool) -> dict[str, float]:
        return {
            treatment: reachable(
                self.cv,
                max(n_control, 2),
                alpha=self.experiment.alpha,
                power=POWER,
                ratio=self.ratio(treatment),
                sequential=sequential,
            )
            for treatment in self.experiment.treatments
        }


def _suggestions(plan: Plan, experiment, posts, history) -> tuple[list[Suggestion], str]:
    """What would shorten the experiment materially (under a year, or by at least a quarter):
    a larger mde, a quieter metric, more accounts; each with its figure, none that gains nothing.
    Also the note when no sensible mde can be reached in twelve weeks."""
    sizing = _Sizing(plan.spread.planned, experiment, plan.split, plan.posts_per_week)
    in_weeks = {
        arm: int(plan.posts_per_week * SUGGESTION_WEEKS * part) for arm, part in plan.split.items()
    }
    control = in_weeks[experiment.control]
    effect = max(sizing.reachable(control, plan.sequential).values()) if control >= 2 else math.inf
    count = posts_needed(in_weeks).removesuffix(")").replace(" (", ", ")
    out, note = [], ""
    if effect <= LARGEST_SENSIBLE_MDE:
        text = (
            f"a larger mde: in {SUGGESTION_WEEKS} weeks ({count}) it can detect a change of "
            f"{share(effect)} (write mde: {math.ceil(100 * effect) / 100:g})"
        )
        out.append(Suggestion(text, SUGGESTION_WEEKS))
    elif math.isfinite(effect):
        note = (
            f"a larger mde will not do: in {SUGGESTION_WEEKS} weeks ({count}) only a change of "
            f"{share(effect)} or more could show"
        )
    else:
        note = (
            f"a larger mde will not do: {SUGGESTION_WEEKS} weeks give {count}, too few to "
            "detect a change of any size"
        )
    out += [line for line in (_quieter_metric(plan, experiment, history),) if line]
    out += [line for line in (_more_accounts(plan, experiment, posts),) if line]
    return out, note


def _quieter_metric(plan: Plan, experiment, history) -> Suggestion | None:
    """The metric of the same kind (a rate, or a count per post) that varies least, if it beats the plan's."""
    best = None
    for name, candidate in METRICS.items():
        if name == plan.metric or candidate.kind != METRICS[plan.metric].kind:
            continue
        try:
            cv = spread_bound(history, name).planned
        except AnalysisError:
            continue
        if best is None or cv < best[1]:
            best = (name, cv)
    if best is None or best[1] >= plan.spread.planned:
        return None
    sizing = _Sizing(best[1], experiment, plan.split, plan.posts_per_week)
    weeks = _total(sizing.needed(plan.mde, plan.design), plan.split) / plan.posts_per_week
    if not _material(weeks, plan.weeks_needed):  # not worth changing what is measured
        return None
    text = (
        f"a metric with less noise: {_label(best[0])} varies less from post to post "
        f"({best[1]:.2f} against {plan.spread.planned:.2f}) and would need {how_long(weeks)} "
        f"for {share(plan.mde)}"
    )
    return Suggestion(text, weeks)


def _more_accounts(plan: Plan, experiment, posts) -> Suggestion | None:
    """How long it takes if every account on the experiment's platforms joins in (as noisy as these)."""
    if not experiment.accounts:
        return None
    on_platforms = posts[posts["platform"].isin(experiment.platforms)]
    own = on_platforms[on_platforms["account"].isin(experiment.accounts)]
    others = sorted(set(on_platforms["account"].dropna()) - set(experiment.accounts))
    if not others or own.empty:
        return None
    wider = plan.posts_per_week * posting_rate(on_platforms) / posting_rate(own)
    weeks = plan.total_needed / wider if wider > 0 else math.inf
    if not _material(weeks, plan.weeks_needed):  # the others post too little to matter
        return None
    text = (
        f"more accounts: with {', '.join(others)} as well (about {wider:.1f} posts a week in "
        f"all) it would take {how_long(weeks)}"
    )
    return Suggestion(text, weeks)


def _material(weeks: float, before: float) -> bool:
    """Worth suggesting: under a year, or at most ``MATERIAL`` of the time before."""
    return weeks <= FEASIBLE_WEEKS or weeks <= MATERIAL * before


def _history(experiment, posts, data_dir, settings) -> tuple[pd.DataFrame, str, pd.Series | None]:
    """The accounts' past posts, narrowed to those in an arm when enough are labelled, and
    their arms (None for a randomised assignment: the past posts had none)."""
    reason = scope_reasons(experiment, posts, settings, period=Period())
    scoped = posts[reason.isna()]
    start = experiment.period.start
    when = "all posts"
    if start is not None:
        before = scoped[local_times(scoped, settings).dt.date < start]
        if len(before):
            scoped, when = before, f"posts before {start}"
        else:
            when = f"all posts; none before {start}"
    note = (
        f"{len(scoped):,} past posts of {', '.join(experiment.accounts) or 'every account'} "
        f"on {', '.join(map(platform_name, experiment.platforms))} ({when})"
    )
    if experiment.randomised:
        return scoped, note, None
    arms = experiment.assign(scoped, data_dir).arm
    known = arms.notna()
    if known.sum() >= MIN_ARM_HISTORY:
        return scoped[known], f"{note}, {known.sum():,} of them in the arms", arms[known]
    return scoped, f"{note}; too few in the arms, so all of them", arms
