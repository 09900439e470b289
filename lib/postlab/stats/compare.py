"""compare(): every metric, every treatment arm against control, and a verdict.

The post is the unit throughout. Posts without an arm, or without a metric's
numerator or denominator, are left out of that metric and counted in the result.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from scipy import stats

from postlab.exceptions import AnalysisError
from postlab.posts.time import posting_rate
from postlab.project import DEFAULT_SEED
from postlab.stats import covariates as regression
from postlab.stats.bayes import as_prior, bayes_test, posterior
from postlab.stats.bootstrap import RESAMPLES, bootstrap_test
from postlab.stats.delta import Estimate, delta_test
from postlab.stats.metrics import MeanMetric, Metric, RatioMetric
from postlab.stats.metrics import metric as resolve_metric
from postlab.stats.multiple import adjust as adjust_p
from postlab.stats.permutation import permutation_test
from postlab.stats.power import spread
from postlab.stats.result import Arm, Comparison, MetricResult
from postlab.stats.robustness import ArmPosts, single_post_check
from postlab.stats.srm import SRM_ALPHA, sample_ratio
from postlab.stats.verdict import Finding, decide

METHODS = ("auto", "delta", "permutation", "bootstrap", "bayes")
PERMUTATION_BELOW = 30  # posts in the smaller arm; "auto" uses the permutation test below this


def compare(
    posts: pd.DataFrame,
    arm: str = "arm",
    control: str | None = None,
    metrics=("engagement_rate",),
    method: str = "auto",
    alpha: float = 0.05,
    seed: int | None = None,
    *,
    mde: float | None = None,
    split: dict[str, float] | None = None,
    correction: str = "holm",
    covariates=None,
    primary: str | None = None,
    posts_per_week: float | None = None,
    min_posts: int = 5,
    history: pd.DataFrame | None = None,
    srm_alpha: float = SRM_ALPHA,
    prior=None,
) -> Comparison:
    """Compare each treatment arm with ``control`` on each metric; ``seed=None`` means seed 0.

    ``prior`` (method bayes, and every result's P(better)): an sd for the log lift, a
    ``postlab.stats.bayes.Prior`` (e.g. from ``prior_from_record``), or None for the default.
    """
    _check_options(method, alpha, mde, min_posts, covariates)
    prior = as_prior(prior)
    labelled, arm_names, unlabelled = _arms(posts, arm, control)
    chosen = _metrics(metrics, primary)
    treatments = arm_names[1:]
    counts = labelled[arm].value_counts().reindex(arm_names).astype(int)
    srm = sample_ratio(counts.to_dict(), split, srm_alpha)
    seeds = iter(
        np.random.SeedSequence(DEFAULT_SEED if seed is None else seed).spawn(
            len(chosen) * len(treatments)
        )
    )
    notes = [f"{unlabelled} posts have no {arm} value and are left out"] if unlabelled else []
    covariate_names = (
        regression.covariate_names(covariates, labelled, history) if covariates else []
    )

    arm_of = pd.Categorical(labelled[arm], categories=arm_names).codes
    post_ids = _post_ids(labelled)
    results, findings, estimates = [], [], []
    for m in chosen:
        data = _split_by_arm(labelled, arm_of, arm_names, post_ids, m)
        estimates += [_arm_estimate(m, data[name], alpha) for name in arm_names]
        adjusted = (
            regression.adjusted_tests(
                labelled,
                labelled[arm],
                control,
                treatments,
                m,
                covariate_names,
                history=history,
                alpha=alpha,
            )
            if covariate_names
            else None
        )
        if adjusted and adjusted.dropped:
            notes.append(
                f"{m.label}: covariates {', '.join(adjusted.dropped)} left out (constant or the same as the arms)"
            )
        for name in treatments:
            result = _analyse(
                m, data[control], data[name], method, alpha, next(seeds), adjusted, prior
            )
            results.append(dataclasses.replace(result, primary=m is chosen[0]))
    results = _with_adjusted_p(results, correction, alpha)
    for result in results:
        if result.primary:
            findings.append(
                Finding(
                    result,
                    _pair_spread(labelled, arm, result, chosen[0]),
                    chosen[0].higher_is_better,
                )
            )
    verdict = decide(
        findings,
        srm,
        alpha=alpha,
        mde=mde,
        min_posts=min_posts,
        posts_per_week=posts_per_week or posting_rate(labelled),
        arm_count=len(arm_names),
    )
    return Comparison(
        arms=[
            Arm(name, "control" if name == control else "treatment", int(counts[name]))
            for name in arm_names
        ],
        srm=srm,
        metrics=results,
        verdict=verdict,
        alpha=alpha,
        method=method,
        correction=correction,
        mde=mde,
        notes=notes,
        estimates=pd.DataFrame(
            estimates, columns=["metric", "arm", "value", "ci_low", "ci_high", "posts"]
        ),
    )


def _check_options(method, alpha, mde, min_posts, covariates) -> None:
    if method not in METHODS:
        raise AnalysisError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}", field="method"
        )
    if not 0 < alpha < 1:
        raise AnalysisError(f"alpha must be between 0 and 1, not {alpha}", field="alpha")
    if mde is not None and not mde > 0:
        raise AnalysisError(f"mde must be a positive share (0.1 = 10 %), not {mde}", field="mde")
    if min_posts < 2:
        raise AnalysisError("min_posts must be at least 2", field="min_posts")
    if covariates and method not in ("auto", "delta"):
        raise AnalysisError(
            "covariates work with method auto or delta (a regression t-test)", field="covariates"
        )


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


def _split_by_arm(posts, arm_of, arm_names, post_ids, m: Metric) -> dict[str, ArmPosts]:
    """Each arm's usable posts for metric ``m``; the metric's columns are read once."""
    x, y, usable = m.per_post(posts)
    data = {}
    for code, name in enumerate(arm_names):
        inside = arm_of == code
        keep = inside & usable
        data[name] = ArmPosts(name, x[keep], y[keep], post_ids[keep], int((inside & ~usable).sum()))
    return data


def _arm_estimate(m: Metric, data: ArmPosts, alpha: float) -> list:
    if data.n < 2:
        return [m.name, data.name, np.nan, np.nan, np.nan, data.n]
    moments = data.moments()
    half = stats.t.ppf(1 - alpha / 2, data.n - 1) * np.sqrt(moments.variance)
    value = float(moments.ratio)
    return [m.name, data.name, value, value - half, value + half, data.n]


def _analyse(
    m: Metric, control: ArmPosts, treatment: ArmPosts, method, alpha, seed, adjusted, prior
) -> MetricResult:
    enough = min(control.n, treatment.n) >= 2
    estimate, label = (
        _estimate(control, treatment, method, alpha, seed, adjusted, prior)
        if enough
        else (_nothing(), "not enough posts")
    )
    mt, mc = treatment.moments(), control.moments()
    post = posterior(mt, mc, prior) if enough else None
    better = post.prob_above_zero() if post else np.nan
    loo_id, loo_note = single_post_check(treatment, control, alpha) if enough else (None, None)
    return MetricResult(
        metric=m.name,
        label=m.label,
        primary=False,
        control=control.name,
        treatment=treatment.name,
        control_value=_f(mc.ratio),
        treatment_value=_f(mt.ratio),
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
        control_numerator=_f(mc.mean_x),
        treatment_numerator=_f(mt.mean_x),
        control_denominator=_f(mc.mean_y) if m.denominator else None,
        treatment_denominator=_f(mt.mean_y) if m.denominator else None,
        control_median=_median(m, control),
        treatment_median=_median(m, treatment),
        control_n=control.n,
        treatment_n=treatment.n,
        excluded=control.excluded + treatment.excluded,
        loo_post_id=loo_id,
        loo_note=loo_note,
        statistic=None if estimate.statistic is None else _f(estimate.statistic),
        df=None if estimate.df is None else _f(estimate.df),
        confidence_level=1 - alpha,
    )


def _estimate(
    control: ArmPosts, treatment: ArmPosts, method, alpha, seed, adjusted, prior
) -> tuple[Estimate, str]:
    mt, mc = treatment.moments(), control.moments()
    if adjusted is not None:
        return adjusted.estimates[treatment.name], adjusted.description
    if method == "auto":
        method = "permutation" if min(control.n, treatment.n) < PERMUTATION_BELOW else "delta"
    if method == "delta":
        return delta_test(mt, mc, alpha), "delta (Welch t)"
    if method == "permutation":
        test = permutation_test(
            treatment.x, treatment.y, control.x, control.y, rng=np.random.default_rng(seed)
        )
        estimate = dataclasses.replace(
            delta_test(mt, mc, alpha), p_value=test.p_value, statistic=test.statistic, df=None
        )
        return estimate, f"{test.description}; interval by delta method"
    if method == "bootstrap":
        estimate = bootstrap_test(
            treatment.x,
            treatment.y,
            control.x,
            control.y,
            alpha=alpha,
            rng=np.random.default_rng(seed),
        )
        return estimate, f"bootstrap (BCa, {RESAMPLES:,} resamples)"
    return bayes_test(mt, mc, alpha, prior), f"bayes ({prior}; t likelihood)"


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
        if result.p_value is None:
            low, high = result.rel_ci
            significant = bool(low > 0 or high < 0)
            p_adjusted = None
        else:
            significant, p_adjusted = bool(p < alpha), _f(p)
        out.append(dataclasses.replace(result, p_adjusted=p_adjusted, significant=significant))
    return out


def _pair_spread(posts: pd.DataFrame, arm: str, result: MetricResult, m: Metric) -> float:
    """Post-to-post spread of the primary metric over the two arms, for the posts-needed estimate."""
    pair = posts[posts[arm].isin([result.control, result.treatment])]
    try:
        return spread(pair, m)
    except AnalysisError:
        return np.nan


def _median(m: Metric, data: ArmPosts) -> float:
    values = m.per_post_values(data.x, data.y)
    return _f(np.median(values)) if values.size else np.nan


def _f(value) -> float:
    return float(np.asarray(value, dtype=float))
