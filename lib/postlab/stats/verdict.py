"""From the primary metric's results to one decision and one plain sentence.

Order of the rules: data problems first (a lopsided split, a metric missing
far more in one arm, an effect that cannot be estimated make every estimate
suspect), then too few posts for a reliable interval, then a fixed design that
has not reached its planned posts (progress, no decision), then "no meaningful
difference" (the whole interval is smaller than the smallest effect worth
acting on), then adopt or reject when the interval excludes no change, and
otherwise keep testing.

The interval is the confidence sequence in sequential mode, so every weekly
rerun may read it. "N more posts" is the plan's answer
(``postlab.stats.howlong``): the posts that give the planned power at the mde
for this design, less the posts already in, never from the observed effect.
It sizes the wait and never changes the decision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from postlab import display
from postlab.project import DEFAULT_POWER
from postlab.stats.result import MetricResult, Verdict
from postlab.stats.srm import SampleRatio
from postlab.words import arm_object, arm_posts, arm_posts_measure, more_posts, than_arm

DECISIONS = ("adopt", "reject", "no meaningful difference", "keep testing", "check the data")
_PREFERENCE = ("adopt", "keep testing", "no meaningful difference", "reject")


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
    how_long: object = None  # postlab.stats.howlong.HowLong: the plan's posts, or None
    power: float = DEFAULT_POWER

    def interval_name(self) -> str:
        """Named for what it does, as in every other output (``postlab.words.interval_kind``)."""
        level = round(100 * (1 - self.alpha))
        if self.spending or self.sequential:
            return f"{level} % interval valid at every look:"
        return f"{level} % interval"

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
        posts_in_all=chosen.posts_in_all,
        posts_per_arm=chosen.posts_per_arm,
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
    found = design.how_long
    if found is not None and max(found.more.values()) >= extra:
        more = _more(found)
    else:
        found = None
        more = more_posts(extra, design.weeks(extra), extra * design.arm_count)
    arms = " and ".join(f"{n} {name}" for name, n in counts)
    return _keep_testing(
        r,
        design,
        found,
        f"Too few posts for a reliable interval: {arms} {_posts(sum(n for _, n in counts))} "
        f"with {r.label} data (at least {design.min_posts} per arm are needed): keep testing, "
        f"{more}.",
        extra,
    )


def _progress(r: MetricResult, design: Design) -> Verdict:
    """A fixed design says nothing decisive before its one planned look."""
    found = design.how_long
    return _keep_testing(
        r,
        design,
        found,
        f"{design.posts:,} of {design.planned_posts:,} planned posts: this fixed-design "
        f"experiment is read once, when all planned posts are in: {_more(found)}.",
    )


def _keep_testing(
    r: MetricResult, design: Design, found, summary: str, extra: int | None = None
) -> Verdict:
    """Keep testing, with the plan's posts still to come (``extra`` per arm when it has none)."""
    each = None
    if found is not None and not found.out_of_reach:
        each, in_all, weeks = dict(found.more), found.more_total, found.weeks()
        per_arm = max(each.values())
    else:
        per_arm = extra
        in_all = extra * design.arm_count if extra else None
        weeks = design.weeks(extra)
    return Verdict(
        "keep testing",
        summary,
        arm=r.treatment,
        posts_needed=per_arm or None,
        weeks_needed=_round_weeks(weeks),
        posts_in_all=in_all or None,
        posts_per_arm=each if in_all else None,
    )


def _more(found) -> str:
    """The plan's posts still to come, and the time, in the plan's words."""
    return more_posts(found.more, found.weeks(), found.more_total) + f" ({found.source})"


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
    found = design.how_long
    wide = f"{change}, but the {interval} is too wide to decide"
    if found is None:
        more = (
            "give an mde (the smallest change worth acting on) to know how many more posts"
            if mde is None
            else "too few posts with this metric to size the rest of the test yet"
        )
        return _keep_testing(r, design, None, f"{wide}: keep testing, {more}.")
    if found.out_of_reach:
        return _keep_testing(
            r,
            design,
            None,
            f"{wide}: no test of a {_whole(mde, sign=False)} change is in reach at any "
            "practical number of posts: test a bolder change or a less noisy metric.",
        )
    if found.reached or (design.planned_posts and not design.sequential) or _at_end(design):
        return _keep_testing(r, design, found, f"{wide}; {_plan_reached(found, design)}.")
    return _keep_testing(r, design, found, f"{wide}: keep testing, {_more(found)}.")


def _plan_reached(found, design: Design) -> str:
    """What the plan says once its posts are in without a verdict."""
    said = f"the planned posts are in ({found.total_needed:,} in all) without a verdict"
    if found.powered:
        said += (
            f": the plan gave {round(100 * design.power)} % power to find a change of "
            f"{_whole(design.mde, sign=False)}, so a change that large is now unlikely"
        )
    if found.design == "always-valid":
        return (
            f"{said}; stop and choose on other grounds, or keep posting (the interval stays "
            "valid at every look)"
        )
    return f"{said}; the design ends here: choose on other grounds, or plan a follow-up test"


def _at_end(design: Design) -> bool:
    """A group-sequential design at its planned end: its last look has been read."""
    return bool(design.spending and design.planned_posts and design.posts >= design.planned_posts)


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
