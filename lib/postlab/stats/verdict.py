"""From the primary metric's results to one decision and one plain sentence.

Order of the rules: data problems first (a lopsided split or too few posts
make every estimate suspect), then "no meaningful difference" (the whole
interval is smaller than the smallest effect worth acting on), then adopt or
reject on a significant difference, and otherwise keep testing with how long.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from postlab.stats.power import n_per_arm
from postlab.stats.result import MetricResult, Verdict
from postlab.stats.srm import SampleRatio

DECISIONS = ("adopt", "reject", "no meaningful difference", "keep testing", "check the data")
_PREFERENCE = ("adopt", "keep testing", "no meaningful difference", "reject")


@dataclass(frozen=True)
class Finding:
    """One treatment's primary result, with the post-to-post spread for the power step."""

    result: MetricResult
    spread: float
    higher_is_better: bool


def decide(
    findings: list[Finding],
    srm: SampleRatio,
    *,
    alpha: float,
    mde: float | None,
    min_posts: int,
    posts_per_week: float | None,
    arm_count: int,
) -> Verdict:
    if srm.mismatch:
        return Verdict("check the data", _mismatch_sentence(srm))
    for f in findings:
        r = f.result
        for name, n in ((r.control, r.control_n), (r.treatment, r.treatment_n)):
            if n < min_posts:
                return Verdict(
                    "check the data",
                    f"Check the data: the {name} arm has only {n} {'post' if n == 1 else 'posts'} "
                    f"with {r.label} data (at least {min_posts} are needed).",
                    arm=r.treatment,
                )
        if not all(math.isfinite(v) for v in (r.rel_effect, *r.rel_ci)):
            return Verdict(
                "check the data",
                f"Check the data: the change in {r.label} from {r.control} to {r.treatment} "
                f"cannot be estimated ({r.method}; is an arm all zeros?).",
                arm=r.treatment,
            )
    verdicts = [
        _decide_one(f, alpha=alpha, mde=mde, posts_per_week=posts_per_week, arm_count=arm_count)
        for f in findings
    ]
    chosen = min(
        zip(verdicts, findings, strict=True),
        key=lambda pair: (
            _PREFERENCE.index(pair[0].decision),
            -_better_by(pair[1]),
        ),
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


def _decide_one(f: Finding, *, alpha, mde, posts_per_week, arm_count) -> Verdict:
    r = f.result
    low, high = r.rel_ci
    interval = f"{round(100 * (1 - alpha))} % interval {_whole(low)} to {_whole(high)}"
    if mde is not None and -mde < low and high < mde:
        return Verdict(
            "no meaningful difference",
            f"{_title(r.treatment)} posts' {r.label} was within ±{_whole(mde, sign=False)} of "
            f"{r.control} posts' ({interval}): no meaningful difference between {r.treatment} "
            f"and {r.control}.",
            arm=r.treatment,
        )
    change = _change(r)
    if r.significant:
        decision = "adopt" if _better_by(f) > 0 else "reject"
        return Verdict(
            decision, f"{change} ({interval}): {decision} {r.treatment}.", arm=r.treatment
        )
    extra = _more_posts(f, mde, alpha)
    if extra is None:
        more = "no difference is in sight at any practical size"
        weeks = None
    else:
        weeks = extra * arm_count / posts_per_week if posts_per_week else None
        more = f"about {extra} more posts per arm" + (
            f" (about {max(1, math.ceil(weeks))} weeks at the current posting rate)"
            if weeks
            else ""
        )
    return Verdict(
        "keep testing",
        f"{change}, but the {interval} is too wide to decide: keep testing, {more}.",
        arm=r.treatment,
        posts_needed=extra,
        weeks_needed=round(weeks, 1) if weeks else None,
    )


def _more_posts(f: Finding, mde: float | None, alpha: float) -> int | None:
    """Posts per arm still to collect: power at the mde, else (or once that is reached) at the observed effect."""
    r = f.result
    have = min(r.control_n, r.treatment_n)
    targets = [t for t in (mde, abs(r.rel_effect)) if t and math.isfinite(t) and t > 1e-9]
    if not math.isfinite(f.spread):
        return None
    for target in targets:
        extra = n_per_arm(f.spread, target, alpha=alpha) - have
        if extra > 0:
            return extra
    return None


def _change(r: MetricResult) -> str:
    size = _whole(abs(r.rel_effect), sign=False)
    if r.denominator is None:  # a per-post amount: "63 % more impressions per post"
        fewer = "less" if "time" in r.label else "fewer"
        amount = f"{size} {'more' if r.rel_effect >= 0 else fewer} {r.label}"
    else:  # a rate: "a 24 % higher engagement rate"
        amount = f"a {size} {'higher' if r.rel_effect >= 0 else 'lower'} {r.label}"
    return f"{_title(r.treatment)} posts had {amount} than {r.control} ones"


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
