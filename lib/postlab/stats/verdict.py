"""From the primary metric's results to one decision and one plain sentence.

Order of the rules: data problems first (a lopsided split, a metric missing
far more in one arm, an effect that cannot be estimated make every estimate
suspect), then too few posts for a reliable interval, then a fixed design that
has not reached its planned posts (progress, no decision), then "no meaningful
difference" (the whole interval is smaller than the smallest effect worth
acting on), then adopt or reject when the interval excludes no change, and
otherwise keep testing.

The interval is the confidence sequence in sequential mode, so every weekly
rerun may read it. "N more posts" comes from the plan (planned posts) and the
mde, never from the observed effect: it is the number of posts after which the
interval must be narrower than ±mde, so that one of the decisive verdicts is
bound to come out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from postlab import display
from postlab.stats import sequential as seq
from postlab.stats.result import MetricResult, Verdict
from postlab.stats.srm import SampleRatio
from postlab.words import arm_object, arm_posts, arm_posts_measure, more_posts, than_arm

DECISIONS = ("adopt", "reject", "no meaningful difference", "keep testing", "check the data")
_PREFERENCE = ("adopt", "keep testing", "no meaningful difference", "reject")
_MAX_POSTS = 10**7  # per arm; beyond this "no difference is in sight at any practical size"


@dataclass(frozen=True)
class Finding:
    """One treatment's primary result, and which direction is better."""

    result: MetricResult
    higher_is_better: bool


@dataclass(frozen=True)
class Design:
    """How the comparison is read: sequential or one fixed look, and the plan."""

    sequential: bool
    alpha: float
    mde: float | None
    rho: float | None  # the confidence sequence's tuning (sequential mode)
    planned_posts: int | None  # over all arms
    posts: int  # posts analysed over all arms
    arm_count: int
    posts_per_week: float | None
    min_posts: int
    spending: str | None = None  # group-sequential (planned looks): its alpha-spending function

    @property
    def planned_per_arm(self) -> float | None:
        return self.planned_posts / self.arm_count if self.planned_posts else None

    def interval_name(self) -> str:
        level = round(100 * (1 - self.alpha))
        if self.spending:
            return f"{level} % repeated confidence interval"
        return f"{level} % confidence sequence" if self.sequential else f"{level} % interval"

    def weeks(self, per_arm: int | None) -> float | None:
        if not per_arm or not self.posts_per_week:
            return None
        return per_arm * self.arm_count / self.posts_per_week


def decide(
    findings: list[Finding], srm: SampleRatio, design: Design, problems: list[str]
) -> Verdict:
    if srm.mismatch:
        return Verdict("check the data", _mismatch_sentence(srm))
    if problems:
        return Verdict("check the data", problems[0], reasons=problems[1:])
    for f in findings:
        r = f.result
        if not all(math.isfinite(v) for v in (r.control_arm.value, r.treatment_arm.value)):
            return _cannot_estimate(r)
    for f in findings:
        few = _too_few(f.result, design)
        if few:
            return few
    for f in findings:
        r = f.result
        if any(math.isnan(v) for v in (r.rel_effect, *r.rel_ci)):  # an open end (inf) is fine
            return _cannot_estimate(r)
    if not design.sequential and design.planned_posts and design.posts < design.planned_posts:
        return _progress(findings[0].result, design)
    verdicts = [_decide_one(f, design) for f in findings]
    chosen = min(
        zip(verdicts, findings, strict=True),
        key=lambda pair: (_PREFERENCE.index(pair[0].decision), -_better_by(pair[1])),
    )[0]
    others = [v.summary for v in verdicts if v is not chosen]
    return Verdict(
        chosen.decision,
        chosen.summary,
        arm=chosen.arm,
        posts_needed=chosen.posts_needed,
        weeks_needed=chosen.weeks_needed,
        reasons=others,
    )


def _better_by(finding: Finding) -> float:
    rel = finding.result.rel_effect
    return rel if finding.higher_is_better else -rel


def _cannot_estimate(r: MetricResult) -> Verdict:
    return Verdict(
        "check the data",
        f"Check the data: the change in {r.label} from {r.control} to {r.treatment} "
        f"cannot be estimated ({r.method}; is an arm all zeros?).",
        arm=r.treatment,
    )


def _too_few(r: MetricResult, design: Design) -> Verdict | None:
    """Below ``min_posts`` per arm no interval is printed: it would cover the truth too rarely."""
    counts = [(a.name, a.n) for a in (r.control_arm, r.treatment_arm)]
    short = [(name, n) for name, n in counts if n < design.min_posts]
    if not short:
        return None
    extra = design.min_posts - min(n for _, n in counts)
    if design.planned_per_arm:
        extra = max(extra, math.ceil(design.planned_per_arm) - min(n for _, n in counts))
    arms = " and ".join(f"{n} {name}" for name, n in counts)
    return _keep_testing(
        r,
        design,
        extra,
        f"Too few posts for a reliable interval: {arms} {_posts(sum(n for _, n in counts))} "
        f"with {r.label} data (at least {design.min_posts} per arm are needed): keep testing, "
        f"{more_posts(extra, design.weeks(extra))}.",
    )


def _progress(r: MetricResult, design: Design) -> Verdict:
    """A fixed design says nothing decisive before its one planned look."""
    extra = math.ceil((design.planned_posts - design.posts) / design.arm_count)
    return _keep_testing(
        r,
        design,
        extra,
        f"{design.posts:,} of {design.planned_posts:,} planned posts: this fixed-design "
        f"experiment is read once, when all planned posts are in: "
        f"{more_posts(extra, design.weeks(extra))}.",
    )


def _keep_testing(r: MetricResult, design: Design, extra: int | None, summary: str) -> Verdict:
    return Verdict(
        "keep testing",
        summary,
        arm=r.treatment,
        posts_needed=extra,
        weeks_needed=_round_weeks(design.weeks(extra)),
    )


def _decide_one(f: Finding, design: Design) -> Verdict:
    r = f.result
    low, high = r.rel_ci
    mde = design.mde
    interval = f"{design.interval_name()} {display.interval(low, high)}"
    if mde is not None and -mde < low and high < mde:
        return Verdict(
            "no meaningful difference",
            f"{_title(arm_posts_measure(r.treatment, r.label))} was within "
            f"±{_whole(mde, sign=False)} of {arm_posts_measure(r.control)} "
            f"({interval}): no meaningful difference between {r.treatment} and {r.control}.",
            arm=r.treatment,
        )
    change = _change(r)
    if r.significant:
        decision = "adopt" if _better_by(f) > 0 else "reject"
        return Verdict(
            decision,
            f"{change} ({interval}): {decision} {arm_object(r.treatment)}.",
            arm=r.treatment,
        )
    extra = _more_posts(r, design)
    weeks = design.weeks(extra)
    if extra is None and not all(math.isfinite(v) for v in (low, high)):
        more = "the interval is still open, so how many more posts cannot be said yet"
    elif extra is None:
        more = (
            "give an mde (the smallest change worth acting on) to know how many more posts"
            if mde is None
            else "no difference is in sight at any practical size"
        )
    else:
        more = more_posts(extra, weeks)
    if design.planned_posts and (not design.sequential or _at_end(design)):
        tail = (
            f"the planned posts are in and could not decide: a follow-up needs {more}"
            if extra
            else "the planned posts are in and could not decide"
        )
        return _keep_testing(
            r, design, extra, f"{change}, but the {interval} is too wide to decide; {tail}."
        )
    return _keep_testing(
        r,
        design,
        extra,
        f"{change}, but the {interval} is too wide to decide: keep testing, {more}.",
    )


def _at_end(design: Design) -> bool:
    """A group-sequential design at its planned end: its last look has been read."""
    return bool(design.spending and design.posts >= design.planned_posts)


def _more_posts(r: MetricResult, design: Design) -> int | None:
    """Posts per arm still to collect: the rest of the plan, else until the interval is narrower than ±mde."""
    have = (r.control_arm.n + r.treatment_arm.n) / 2
    if design.planned_per_arm and have < design.planned_per_arm and design.sequential:
        return math.ceil(design.planned_per_arm - have)
    if design.mde is None:
        return None
    return _until_narrow(r, design, have)


def _until_narrow(r: MetricResult, design: Design, have: float) -> int | None:
    """Posts per arm after which the interval's half-width (on its own scale) is below the mde's.

    An interval narrower than (-mde, +mde) either excludes no change or lies
    inside ±mde, so a decisive verdict is bound to come out there. The
    standard error is assumed to shrink as 1/sqrt(posts), from its size now.
    """
    low, high = r.rel_ci
    mde = design.mde
    if not all(math.isfinite(v) for v in (low, high)):
        return None  # an open interval: its width says nothing yet
    if low > -1:
        half_now, target = (math.log1p(high) - math.log1p(low)) / 2, math.atanh(mde)
    else:
        half_now, target = (high - low) / 2, mde
    width = _width_factor(design)
    se_now = half_now / float(width(have))

    def narrow(n: float) -> bool:
        return se_now * math.sqrt(have / n) * float(width(n)) <= target

    if narrow(have):
        return None if design.sequential else 0
    n = have
    while not narrow(n):
        n *= 2
        if n > _MAX_POSTS:
            return None
    lo, hi = n / 2, n
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if narrow(mid) else (mid, hi)
    return max(1, math.ceil(hi - have))


def _width_factor(design: Design):
    """The interval's half-width in standard errors, as a function of posts per arm."""
    if design.sequential and not design.spending:
        return lambda n: seq.multiplier(n, design.rho, design.alpha)
    z = float(special.ndtri(1 - design.alpha / 2))
    return lambda n: np.float64(z)


def _round_weeks(weeks: float | None) -> float | None:
    return round(weeks, 1) if weeks else None


def _posts(n: int) -> str:
    return "post" if n == 1 else "posts"


def _change(r: MetricResult) -> str:
    size = _whole(abs(r.rel_effect), sign=False)
    if r.effect == "typical-post":  # a ratio of geometric means
        way = "higher" if r.rel_effect >= 0 else "lower"
        return (
            f"The typical {r.treatment} post's {r.label} was {size} {way} than a {r.control} post's"
        )
    if r.denominator is None:  # a per-post amount: "63 % more impressions per post"
        fewer = "less" if "time" in r.label else "fewer"
        amount = f"{size} {'more' if r.rel_effect >= 0 else fewer} {r.label}"
    else:  # a rate: "a 24 % higher engagement rate"
        amount = f"a {size} {'higher' if r.rel_effect >= 0 else 'lower'} {r.label}"
    capped = " (capped)" if r.capped else ""
    return f"{_title(arm_posts(r.treatment))} had {amount}{capped} {than_arm(r.control)}"


def _mismatch_sentence(srm: SampleRatio) -> str:
    counts = " and ".join(f"{n} {name}" for name, n in srm.observed.items())
    total = sum(srm.observed.values())
    shares = [e / total for e in srm.expected.values()]
    planned = (
        "an equal split"
        if max(shares) - min(shares) < 1e-9
        else "shares of " + " and ".join(_whole(s, sign=False) for s in shares)
    )
    p = f"{srm.p_value:.1g}" if srm.p_value < 0.001 else f"{srm.p_value:.3f}"
    return (
        f"Check the data: the comparison has {counts} posts where {planned} was planned "
        f"(sample ratio mismatch, p = {p})."
    )


def _whole(share: float, sign: bool = True) -> str:
    """A share as a whole percentage, as a sentence shows it: +21 %."""
    value = round(100 * share)
    return f"{value:+d} %" if sign else f"{value:d} %"


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]
