"""compare(): every metric, every treatment arm against control, and a verdict.

The post is the unit throughout. Posts without an arm, or without a metric's
numerator or denominator, are left out of that metric and counted in the result.

One procedure per comparison: the interval the verdict reads and the p-value
come from the same method, so that "adopt" never stands beside an interval
that includes no change.

- sequential (the default): confidence sequences on the delta method's
  estimates (``postlab.stats.sequential``), valid however often the team
  reruns; tuned to the planned posts per arm (``planned_posts``), else to
  ``DEFAULT_PLANNED_PER_ARM``;
- fixed (``sequential=False``, one planned look): ``auto`` uses the
  studentised bootstrap up to ``STUDENTISED_BELOW`` posts per arm, the delta
  method (log scale, tea-tasting's degrees of freedom) above; ``permutation``
  inverts the permutation test for its interval; ``bootstrap`` is BCa with the
  p-value from its relative interval; ``bayes`` has no p-value (the verdict
  reads its credible interval). With ``planned_posts``, nothing decisive is
  said before that many posts are in, and then only the first
  ``planned_posts`` posts (by publication time) are compared, so every later
  rerun repeats the one planned look.

Below ``min_posts`` per arm no interval is printed: the simulations
(``python -m benchmarks stats_sim``) show no method covering the truth often
enough there on heavy-tailed posts.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from scipy import special, stats

from postlab.exceptions import AnalysisError
from postlab.posts.time import posting_rate
from postlab.project import DEFAULT_POWER, DEFAULT_SEED, MIN_POSTS_PER_ARM
from postlab.stats import covariates as regression
from postlab.stats import groupseq
from postlab.stats import sequential as seq
from postlab.stats.bayes import as_prior, bayes_test, posterior
from postlab.stats.bootstrap import (
    RESAMPLES,
    STUDENTISED_RESAMPLES,
    bootstrap_test,
    studentised_test,
)
from postlab.stats.delta import Estimate, delta_test, kurtosis
from postlab.stats.howlong import design_of, how_long, spread_for
from postlab.stats.looks import read_looks
from postlab.stats.metrics import MeanMetric, Metric, RatioMetric, check_values
from postlab.stats.metrics import metric as resolve_metric
from postlab.stats.multiple import adjust as adjust_p
from postlab.stats.permutation import permutation_interval, permutation_test
from postlab.stats.result import Arm, ArmSummary, Comparison, MetricResult
from postlab.stats.robustness import ArmPosts, single_post_check
from postlab.stats.srm import SRM_ALPHA, sample_ratio
from postlab.stats.verdict import Design, Finding, decide
from postlab.words import share as percent_share

METHODS = ("auto", "delta", "permutation", "bootstrap", "bayes")
SEQUENTIAL_METHODS = ("auto", "delta")
STUDENTISED_BELOW = (
    1_000  # posts in the smaller arm; fixed "auto" uses the studentised bootstrap below this
)
RELIABLE_FROM = MIN_POSTS_PER_ARM  # posts per arm; fewer and no interval is printed
DEFAULT_PLANNED_PER_ARM = 100  # the sequence's tuning when no planned_posts is given
MISSING_GAP = 0.1  # share of posts; a metric missing this much more often in one arm is suspect
MISSING_ALPHA = 0.001


def compare(
    posts: pd.DataFrame,
    arm: str = "arm",
    control: str | None = None,
    metrics=("engagement_rate",),
    method: str = "auto",
    alpha: float = 0.05,
    seed: int | None = None,
    *,
    sequential: bool = True,
    planned_posts: int | None = None,
    mde: float | None = None,
    split: dict[str, float] | None = None,
    cap: float | None = None,
    correction: str = "holm",
    covariates=None,
    primary: str | None = None,
    posts_per_week: float | None = None,
    min_posts: int = RELIABLE_FROM,
    history: pd.DataFrame | None = None,
    srm_alpha: float = SRM_ALPHA,
    prior=None,
    effect: str = regression.DEFAULT_EFFECT,
    spending: str | None = groupseq.DEFAULT_SPENDING,
    strata=(),
) -> Comparison:
    """Compare each treatment arm with ``control`` on each metric; ``seed=None`` means seed 0.

    ``split`` is the planned share per arm (None: no plan, no sample-ratio
    check); ``cap`` winsorises each post's numerator and denominator at that
    percentile of both arms' posts (0.99: the top 1 % are pulled in). ``prior`` (method
    bayes, and P(better) in fixed mode): an sd for the log lift, a
    ``postlab.stats.bayes.Prior`` (e.g. from ``prior_from_record``), or None for the default.
    ``effect`` is ``ratio-of-sums`` or ``typical-post`` (``postlab.stats.covariates``);
    a sequential comparison with ``planned_posts`` is group-sequential with the
    ``spending`` function (``postlab.stats.groupseq``; None: the always-valid
    confidence sequence); ``strata`` are columns whose blocks are analysed as such.
    """
    _check_options(method, alpha, mde, min_posts, covariates, sequential, planned_posts, cap)
    _check_levers(method, effect, spending, strata)
    group = bool(sequential and planned_posts and spending)
    prior = as_prior(prior)
    labelled, arm_names, unlabelled = _arms(posts, arm, control)
    notes = [f"{unlabelled} posts have no {arm} value and are left out"] if unlabelled else []
    arm_names_all = len(arm_names)
    labelled, later = _planned_look(labelled, sequential and not group, planned_posts)
    if later:
        notes.append(
            f"{later:,} posts after the first {planned_posts:,} planned are left out: "
            + (
                "a group-sequential design ends at the planned posts"
                if group
                else "a fixed design is read once, on the planned posts"
            )
        )
    chosen = _metrics(metrics, primary)
    treatments = arm_names[1:]
    counts = labelled[arm].value_counts().reindex(arm_names, fill_value=0).astype(int)
    srm = sample_ratio(counts.to_dict(), split, srm_alpha)
    seeds = iter(
        np.random.SeedSequence(DEFAULT_SEED if seed is None else seed).spawn(
            len(chosen) * len(treatments)
        )
    )
    covariate_names = (
        regression.covariate_names(covariates, labelled, history) if covariates else []
    )
    planned_per_arm = planned_posts / arm_names_all if planned_posts else DEFAULT_PLANNED_PER_ARM
    rho = seq.rho(planned_per_arm, alpha) if sequential else None
    procedure = _Procedure(method, alpha, sequential, rho, planned_per_arm, prior)
    modelled = _Modelled(
        effect,
        covariate_names,
        list(strata),
        history,
        group,
        spending,
        planned_posts,
        min_posts,
        screen=covariates is True,
    )

    arm_of = pd.Categorical(labelled[arm], categories=arm_names).codes
    post_ids = _post_ids(labelled)
    results, estimates, problems = [], [], []
    for m in chosen:
        data = _split_by_arm(labelled, arm_of, arm_names, post_ids, m, cap)
        estimates += [_arm_estimate(m, data[name], alpha) for name in arm_names]
        missing = _missing_gaps(m, data, control, treatments)
        if m is chosen[0]:
            problems += missing
        else:
            notes += missing
        given, dropped = (
            modelled.estimates(labelled, arm, control, treatments, m, procedure)
            if modelled.used
            else ({}, [])
        )
        if dropped:
            notes.append(
                f"{m.label}: covariates {', '.join(dropped)} left out (constant or the same as the arms)"
            )
        for name in treatments:
            result = _analyse(
                m,
                data[control],
                data[name],
                procedure,
                min_posts,
                next(seeds),
                given.get(name),
                cap,
            )
            results.append(
                dataclasses.replace(
                    result,
                    primary=m is chosen[0],
                    effect=effect,
                    variance_reduction=given[name][2] if name in given else None,
                )
            )
    results = _with_adjusted_p(results, correction, alpha)
    findings = [Finding(r, chosen[0].higher_is_better) for r in results if r.primary]
    rate = posts_per_week or posting_rate(labelled)
    design = Design(
        sequential=sequential,
        alpha=alpha,
        mde=mde,
        rho=rho,
        planned_posts=planned_posts,
        posts=int(counts.sum()),
        arm_count=arm_names_all,
        posts_per_week=rate,
        min_posts=min_posts,
        spending=spending if group else None,
        how_long=_how_long(
            labelled[labelled[arm] == control],
            history,
            chosen[0],
            split or {name: 1 / arm_names_all for name in arm_names},
            arm_names,
            counts,
            design_of(sequential, planned_posts, spending),
            alpha=alpha,
            mde=mde,
            rate=rate,
            planned_posts=planned_posts,
            spending=spending,
        ),
    )
    return Comparison(
        arms=[
            Arm(name, "control" if name == control else "treatment", int(counts[name]))
            for name in arm_names
        ],
        srm=srm,
        metrics=results,
        verdict=decide(findings, srm, design, problems),
        alpha=alpha,
        method=method,
        correction=correction,
        mde=mde,
        notes=notes,
        estimates=pd.DataFrame(
            estimates, columns=["metric", "arm", "value", "ci_low", "ci_high", "posts"]
        ),
        sequential=sequential,
        planned_posts=planned_posts,
        cap=cap,
        spending=spending if group else None,
    )


def _how_long(control_posts, history, m, split, arm_names, counts, design, **plan):
    """The plan's posts for this design, from the spread of the experiment's own control posts
    when there are enough, else from the accounts' history (None: neither can size it)."""
    spread, source = spread_for(control_posts, history, m, arm_names[0])
    return how_long(
        spread,
        plan["mde"],
        {name: split[name] / sum(split[a] for a in arm_names) for name in arm_names},
        alpha=plan["alpha"],
        power=DEFAULT_POWER,
        design=design,
        posts_per_week=plan["rate"],
        source=source,
        have={name: int(counts[name]) for name in arm_names},
        planned_posts=plan["planned_posts"],
        spending=plan["spending"],
    )


def _check_options(method, alpha, mde, min_posts, covariates, sequential, planned, cap) -> None:
    if method not in METHODS:
        raise AnalysisError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}", field="method"
        )
    if sequential and method not in SEQUENTIAL_METHODS:
        raise AnalysisError(
            f"method {method} is a fixed-sample method: use it with sequential=False "
            "(postlab compare --fixed); the sequential analysis uses the delta method",
            field="method",
        )
    if not 0 < alpha < 1:
        raise AnalysisError(f"alpha must be between 0 and 1, not {alpha}", field="alpha")
    if mde is not None and not 0 < mde < 1:
        raise AnalysisError(
            f"mde must be a share between 0 and 1 (0.1 = 10 %), not {mde}", field="mde"
        )
    if min_posts < 2:
        raise AnalysisError("min_posts must be at least 2", field="min_posts")
    if planned is not None and not (isinstance(planned, int | np.integer) and planned >= 4):
        raise AnalysisError(
            f"planned_posts must be a whole number of posts over all arms (at least 4), not {planned}",
            field="planned_posts",
        )
    if cap is not None and not 0.5 <= cap < 1:
        raise AnalysisError(
            f"cap must be a percentile between 0.5 and 1 (0.99 = the 99th), not {cap}",
            field="cap",
        )
    if covariates and method not in ("auto", "delta"):
        raise AnalysisError(
            "covariates work with method auto or delta (a regression t-test)", field="covariates"
        )


def _check_levers(method, effect, spending, strata) -> None:
    regression.check_effect(effect)
    if spending is not None and spending not in groupseq.SPENDING:
        raise AnalysisError(
            f"unknown spending {spending!r}: use {' or '.join(groupseq.SPENDING)}",
            field="spending",
        )
    if (effect != regression.DEFAULT_EFFECT or strata) and method not in ("auto", "delta"):
        raise AnalysisError(
            "the typical-post effect and strata work with method auto or delta (a regression "
            "t-test)",
            field="method",
        )


@dataclasses.dataclass(frozen=True)
class _Modelled:
    """The regression path: typical-post effect, covariates, strata, or planned looks."""

    effect: str
    covariates: list[str]
    strata: list[str]
    history: pd.DataFrame | None
    group: bool
    spending: str | None
    planned_posts: int | None
    min_posts: int
    screen: bool = False  # the standard covariates (covariates=True) are screened

    @property
    def used(self) -> bool:
        return bool(
            self.covariates or self.strata or self.group or self.effect != regression.DEFAULT_EFFECT
        )

    def estimates(self, posts, arm, control, treatments, m, procedure):
        """Each treatment's (estimate, method label, variance reduction), and covariates dropped."""
        alpha = procedure.alpha
        options = dict(
            effect=self.effect,
            covariates=self.covariates,
            strata=self.strata,
            history=self.history,
            screen=self.screen,
        )
        if self.group:
            looks = read_looks(
                posts,
                arm,
                control,
                treatments,
                m,
                self.planned_posts,
                alpha=alpha,
                spending=self.spending,
                min_posts=self.min_posts,
                **options,
            )
            out, dropped = {}, []
            for name, seen in looks.items():
                if not seen:
                    continue
                last = seen[-1]
                label = (
                    f"{last.analysis.description}; {groupseq.describe(self.spending, alpha)}, "
                    f"look {len(seen)} at {percent_share(last.fraction)} of the planned posts "
                    f"(|z| boundary {last.boundary:.2f})"
                    + (", stopped here" if last.crossed else "")
                )
                out[name] = (last.estimate, label, last.analysis.fits[name].variance_reduction)
                dropped = last.analysis.dropped
            return out, dropped
        found = regression.analyse(posts, arm, control, treatments, m, **options)
        if procedure.sequential:
            out = {}
            for name, fit in found.fits.items():
                n = found.posts / (1 + len(treatments))
                z = seq.multiplier(n, procedure.rho, alpha)
                multiplier = float(seq.t_multiplier(max(fit.df, 1.0), z))
                as_normal = -special.ndtri(special.stdtr(max(fit.df, 1.0), -abs(fit.z)))
                p = float(seq.p_value(as_normal, n, procedure.rho))
                label = f"{found.description}; confidence sequence tuned to {procedure.planned_per_arm:,.0f} posts per arm"
                out[name] = (fit.estimate(multiplier, p), label, fit.variance_reduction)
            return out, found.dropped
        tests = found.tests(alpha)
        return (
            {
                name: (tests[name], found.description, fit.variance_reduction)
                for name, fit in found.fits.items()
            },
            found.dropped,
        )


def _planned_look(posts: pd.DataFrame, sequential: bool, planned: int | None):
    """A fixed design past its plan: the first ``planned`` posts by publication time, and how many came later."""
    if sequential or not planned or len(posts) <= planned:
        return posts, 0
    if "published_at" not in posts.columns:
        raise AnalysisError(
            "a fixed design with planned posts needs published_at to know which posts were planned",
            field="published_at",
        )
    order = pd.to_datetime(posts["published_at"], utc=True).sort_values(
        kind="stable", na_position="last"
    )
    return posts.loc[order.index[:planned]], len(posts) - planned


def _arms(posts: pd.DataFrame, arm: str, control) -> tuple[pd.DataFrame, list[str], int]:
    """Posts with an arm, arm names with control first, and how many posts had no arm."""
    if arm not in posts.columns:
        raise AnalysisError(f"no column '{arm}' with the arm of each post", field=arm)
    labels = posts[arm].astype("string")
    has_arm = labels.notna().to_numpy()
    labelled = posts.loc[has_arm].assign(**{arm: labels[has_arm]})
    names = sorted(labelled[arm].unique())
    if control is None or str(control) not in names:
        what = (
            "no control arm given"
            if control is None
            else f"control '{control}' is not a value of column '{arm}'"
        )
        raise AnalysisError(f"{what}; arms found: {', '.join(names) or 'none'}", field=arm)
    if len(names) < 2:
        raise AnalysisError(
            f"column '{arm}' has only the arm '{control}'; nothing to compare with", field=arm
        )
    control = str(control)
    return labelled, [control] + [n for n in names if n != control], int((~has_arm).sum())


def _metrics(metrics, primary) -> list[Metric]:
    """Metric objects, primary first (the first listed unless ``primary`` names another)."""
    listed = [metrics] if isinstance(metrics, str | RatioMetric | MeanMetric) else list(metrics)
    chosen = [resolve_metric(m) for m in listed]
    if not chosen:
        raise AnalysisError("no metric to compare", field="metrics")
    if primary is not None:
        first = resolve_metric(primary)
        chosen = [first] + [m for m in chosen if m.name != first.name]
    return chosen


def _post_ids(posts: pd.DataFrame) -> np.ndarray:
    if "post_id" in posts.columns:
        return posts["post_id"].astype("string").to_numpy(dtype=object, na_value="?")
    return posts.index.to_numpy()


def _split_by_arm(
    posts, arm_of, arm_names, post_ids, m: Metric, cap: float | None
) -> dict[str, ArmPosts]:
    """Each arm's usable posts for metric ``m``; the metric's columns are read once."""
    x, y, usable = m.per_post(posts)
    check_values(m, posts, x, y, usable)
    if cap is not None:
        x, y = (
            _winsorised(x, usable, cap),
            (y if m.denominator is None else _winsorised(y, usable, cap)),
        )
    data = {}
    for code, name in enumerate(arm_names):
        inside = arm_of == code
        keep = inside & usable
        data[name] = ArmPosts(name, x[keep], y[keep], post_ids[keep], int((inside & ~usable).sum()))
    return data


def _winsorised(values: np.ndarray, usable: np.ndarray, cap: float) -> np.ndarray:
    """Values above the ``cap`` percentile of all arms' usable posts pulled down to it.

    The percentile is of the pooled arms, so both arms are capped at the same
    value and a difference between them survives the capping.
    """
    if not usable.any():
        return values
    limit = np.quantile(values[usable], cap)
    return np.where(usable, np.minimum(values, limit), values)


def _missing_gaps(m: Metric, data: dict[str, ArmPosts], control: str, treatments) -> list[str]:
    """Sentences for arms where the metric is missing on many more posts than in control."""
    base = data[control]
    problems = []
    for name in treatments:
        other = data[name]
        table = np.array([[base.excluded, base.n], [other.excluded, other.n]])
        if (table.sum(axis=1) == 0).any():
            continue
        shares = table[:, 0] / table.sum(axis=1)
        if abs(shares[0] - shares[1]) < MISSING_GAP:
            continue
        if stats.fisher_exact(table).pvalue >= MISSING_ALPHA:
            continue
        problems.append(
            f"Check the data: {m.label} is missing on {other.excluded:,} of "
            f"{other.excluded + other.n:,} {name} posts but {base.excluded:,} of "
            f"{base.excluded + base.n:,} {control} posts; the posts that have it may not be "
            "comparable (columns " + ", ".join(m.columns) + ")."
        )
    return problems


def _arm_estimate(m: Metric, data: ArmPosts, alpha: float) -> list:
    if data.n < 2:
        return [m.name, data.name, np.nan, np.nan, np.nan, data.n]
    moments = data.moments()
    half = stats.t.ppf(1 - alpha / 2, data.n - 1) * np.sqrt(moments.variance)
    value = float(moments.ratio)
    return [m.name, data.name, value, value - half, value + half, data.n]


@dataclasses.dataclass(frozen=True)
class _Procedure:
    """Which one procedure gives a comparison its interval and p-value."""

    method: str
    alpha: float
    sequential: bool
    rho: float | None
    planned_per_arm: float
    prior: object  # postlab.stats.bayes.Prior

    def estimate(self, control: ArmPosts, treatment: ArmPosts, seed) -> tuple[Estimate, str]:
        mt, mc = treatment.moments(), control.moments()
        alpha = self.alpha
        if self.sequential:
            tails = (kurtosis(treatment.x, treatment.y), kurtosis(control.x, control.y))
            return (
                seq.sequence_test(mt, mc, self.rho, alpha, tails),
                "confidence sequence (delta method, tuned to "
                f"{self.planned_per_arm:,.0f} posts per arm)",
            )
        method = self.method
        if not _estimable(mt, mc):
            return _nothing(), method
        if method == "auto":
            small = min(control.n, treatment.n) < STUDENTISED_BELOW
            method = "studentised" if small else "delta"
        arrays = (treatment.x, treatment.y, control.x, control.y)
        if method == "delta":
            return delta_test(mt, mc, alpha), "delta (Welch t on the log ratio)"
        if method == "studentised":
            return (
                studentised_test(*arrays, alpha=alpha, rng=np.random.default_rng(seed)),
                f"studentised bootstrap ({STUDENTISED_RESAMPLES:,} resamples)",
            )
        if method == "permutation":
            test = permutation_test(*arrays, rng=np.random.default_rng(seed))
            rel_ci = permutation_interval(*arrays, alpha=alpha, seed=seed)
            estimate = dataclasses.replace(
                delta_test(mt, mc, alpha),
                abs_ci=(np.nan, np.nan),
                rel_ci=rel_ci,
                p_value=test.p_value,
                statistic=test.statistic,
                df=None,
            )
            return estimate, f"{test.description}, interval by inverting it"
        if method == "bootstrap":
            estimate = bootstrap_test(*arrays, alpha=alpha, rng=np.random.default_rng(seed))
            return estimate, f"bootstrap (BCa, {RESAMPLES:,} resamples)"
        return bayes_test(mt, mc, alpha, self.prior), f"bayes ({self.prior}; t likelihood)"


def _analyse(
    m: Metric,
    control: ArmPosts,
    treatment: ArmPosts,
    procedure: _Procedure,
    min_posts: int,
    seed,
    given,
    cap: float | None,
) -> MetricResult:
    enough = min(control.n, treatment.n) >= 2
    reliable = min(control.n, treatment.n) >= min_posts
    if given is not None and reliable:
        estimate, label = given[0], given[1]
    elif reliable:
        estimate, label = procedure.estimate(control, treatment, seed)
    else:
        estimate, label = (
            _nothing(),
            f"too few posts for a reliable interval (under {min_posts} per arm)",
        )
    mt, mc = treatment.moments(), control.moments()
    if not reliable:  # the point estimate still shows; no interval, no test
        with np.errstate(divide="ignore", invalid="ignore"):
            estimate = dataclasses.replace(
                estimate, abs_effect=mt.ratio - mc.ratio, rel_effect=mt.ratio / mc.ratio - 1
            )
    # P(better) is a one-look figure: read at every weekly look it claims 0.95 in A/A
    # experiments far more often than 5 % (python -m benchmarks stats_sim), so the
    # sequential analysis, which is read weekly, does not show it
    post = posterior(mt, mc, procedure.prior) if enough and not procedure.sequential else None
    better = post.prob_above_zero() if post else np.nan
    loo_id, loo_note = (
        single_post_check(treatment, control, procedure.alpha) if enough else (None, None)
    )
    return MetricResult(
        metric=m.name,
        label=m.label,
        primary=False,
        control_arm=_summary(m, control, mc),
        treatment_arm=_summary(m, treatment, mt),
        abs_effect=_f(estimate.abs_effect),
        abs_ci=(_f(estimate.abs_ci[0]), _f(estimate.abs_ci[1])),
        rel_effect=_f(estimate.rel_effect),
        rel_ci=(_f(estimate.rel_ci[0]), _f(estimate.rel_ci[1])),
        p_value=None if estimate.p_value is None else _f(estimate.p_value),
        p_adjusted=None,
        method=label,
        prob_better=_f(better if m.higher_is_better else 1 - better),
        expected_loss=_f(post.expected_loss(m.higher_is_better)) if post else np.nan,
        significant=False,
        numerator=m.numerator,
        denominator=m.denominator,
        excluded=control.excluded + treatment.excluded,
        loo_post_id=loo_id,
        loo_note=loo_note,
        statistic=None if estimate.statistic is None else _f(estimate.statistic),
        df=None if estimate.df is None else _f(estimate.df),
        confidence_level=1 - procedure.alpha,
        sequential=procedure.sequential,
        capped=cap,
    )


def _summary(m: Metric, data: ArmPosts, moments) -> ArmSummary:
    return ArmSummary(
        name=data.name,
        value=_f(moments.ratio),
        numerator=_f(moments.mean_x),
        denominator=_f(moments.mean_y) if m.denominator else None,
        median=_median(m, data),
        n=data.n,
    )


def _estimable(treatment, control) -> bool:
    """Both arms have a non-zero, finite ratio: a relative change exists to estimate."""
    ratios = np.array([treatment.ratio, control.ratio], dtype=float)
    return bool(np.isfinite(ratios).all() and (ratios != 0).all())


def _nothing() -> Estimate:
    return Estimate(np.nan, (np.nan, np.nan), np.nan, (np.nan, np.nan), np.nan)


def _with_adjusted_p(
    results: list[MetricResult], correction: str, alpha: float
) -> list[MetricResult]:
    """Primary metric across arms is one family, secondary metrics another."""
    adjusted = np.empty(len(results))
    for family in (True, False):
        index = [i for i, r in enumerate(results) if r.primary is family]
        adjusted[index] = adjust_p([results[i].p_value for i in index], correction)
    out = []
    for result, p in zip(results, adjusted, strict=True):
        if result.p_value is None or not np.isfinite(result.p_value):
            low, high = result.rel_ci
            significant = bool(low > 0 or high < 0)
            p_adjusted = None
        else:
            significant, p_adjusted = bool(p < alpha), _f(p)
        out.append(dataclasses.replace(result, p_adjusted=p_adjusted, significant=significant))
    return out


def _median(m: Metric, data: ArmPosts) -> float:
    values = m.per_post_values(data.x, data.y)
    return _f(np.median(values)) if values.size else np.nan


def _f(value) -> float:
    return float(np.asarray(value, dtype=float))
