"""Results as plain data: they print as a table in a terminal and a notebook, and go to JSON.

Printed numbers are rounded to three significant figures so that stored
notebook outputs stay stable; JSON keeps six.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from postlab import display
from postlab.markup import html_text
from postlab.stats.srm import SampleRatio


class ConfidenceInterval(NamedTuple):
    low: float
    high: float


@dataclass(frozen=True)
class Arm:
    name: str
    role: str  # "control" or "treatment"
    posts: int


@dataclass(frozen=True)
class ArmSummary:
    """One arm's side of a metric: its value and what it is made of, per post."""

    name: str
    value: float
    numerator: float  # mean numerator per post
    denominator: float | None  # mean denominator per post (None for a per-post mean)
    median: float  # the median post's own value
    n: int  # posts with the metric


_ARM_KEYS = ("value", "numerator", "denominator", "median", "n")


@dataclass(frozen=True)
class MetricResult:
    """One metric, one treatment arm against control.

    ``rel_ci`` is the interval the verdict reads: the confidence sequence in
    sequential mode (also given as ``sequence_rel``), else the fixed-sample
    interval of ``method``; NaN where the data cannot support one.
    """

    metric: str
    label: str
    primary: bool
    control_arm: ArmSummary
    treatment_arm: ArmSummary
    abs_effect: float
    abs_ci: tuple[float, float]
    rel_effect: float
    rel_ci: tuple[float, float]
    p_value: float | None
    p_adjusted: float | None
    method: str
    prob_better: float
    expected_loss: float
    significant: bool
    numerator: str
    denominator: str | None
    excluded: int
    loo_post_id: str | None = None
    loo_note: str | None = None
    statistic: float | None = None
    df: float | None = None
    confidence_level: float = 0.95
    sequential: bool = False
    capped: float | None = None  # the percentile per-post values were winsorised at
    effect: str = "ratio-of-sums"  # or "typical-post" (postlab.stats.covariates)
    variance_reduction: float | None = None  # share of variance the covariates took out

    @property
    def control(self) -> str:
        return self.control_arm.name

    @property
    def treatment(self) -> str:
        return self.treatment_arm.name

    def confidence_interval(self) -> ConfidenceInterval:
        """The interval of the relative effect (treatment/control - 1)."""
        return ConfidenceInterval(*self.rel_ci)

    def to_dict(self) -> dict:
        """Flat, as the record stores it: control_value, treatment_n, ... and the sequence bounds."""
        data = {k: v for k, v in asdict(self).items() if k not in ("control_arm", "treatment_arm")}
        for role, arm in (("control", self.control_arm), ("treatment", self.treatment_arm)):
            data[role] = arm.name
            data.update({f"{role}_{key}": getattr(arm, key) for key in _ARM_KEYS})
        data["sequence_rel"] = self.rel_ci if self.sequential else None
        data["sequence_abs"] = self.abs_ci if self.sequential else None
        return {key: _plain(value) for key, value in data.items()}


@dataclass(frozen=True)
class Verdict:
    decision: str
    summary: str
    arm: str | None = None
    posts_needed: int | None = None  # per arm still to come (the most any arm needs)
    weeks_needed: float | None = None
    reasons: list[str] = field(default_factory=list)
    posts_in_all: int | None = None  # over all arms still to come, at the planned split
    posts_per_arm: dict[str, int] | None = None  # each arm's posts still to come


@dataclass(frozen=True, repr=False)
class Comparison:
    """Everything compare() found; ``to_dict()`` is what the record stores.

    Its repr is the rounded table, so a notebook cell ending in a comparison
    stores the same text on every run (nbval compares it).
    """

    arms: list[Arm]
    srm: SampleRatio
    metrics: list[MetricResult]
    verdict: Verdict
    alpha: float
    method: str
    correction: str
    mde: float | None
    notes: list[str]
    estimates: pd.DataFrame = field(repr=False)
    sequential: bool = True
    planned_posts: int | None = None
    cap: float | None = None
    spending: str | None = None  # group-sequential: the alpha-spending function

    @property
    def mode(self) -> str:
        """ "sequential" (valid at every look: a confidence sequence), "group-sequential"
        (weekly looks to the planned posts) or "fixed" (one planned look)."""
        if self.spending:
            return "group-sequential"
        return "sequential" if self.sequential else "fixed"

    def arm_estimates(self) -> pd.DataFrame:
        """Each arm's value with its interval, per metric (columns metric, arm, value, ci_low, ci_high, posts)."""
        return self.estimates.copy()

    def result(self, metric: str | None = None, treatment: str | None = None) -> MetricResult:
        """The result for one metric (default: primary) and treatment (default: the verdict's arm)."""
        rows = [m for m in self.metrics if (m.metric == metric if metric else m.primary)]
        chosen = treatment or self.verdict.arm
        return next((m for m in rows if m.treatment == chosen), rows[0])

    def to_dict(self) -> dict:
        verdict = {
            **asdict(self.verdict),
            "primary": next(m.metric for m in self.metrics if m.primary),
            "alpha": self.alpha,
            "mde": self.mde,
            "method": self.method,
            "correction": self.correction,
            "notes": list(self.notes),
            "mode": self.mode,
            "planned_posts": self.planned_posts,
            "cap": self.cap,
            "spending": self.spending,
        }
        return {
            "arms": [asdict(a) for a in self.arms],
            "srm": _plain(asdict(self.srm)),
            "verdict": _plain(verdict),
            "metrics": [m.to_dict() for m in self.metrics],
        }

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The effects table and the side-by-side table (numerator, denominator, ratio, median), as text."""
        level = f"{round(100 * (1 - self.alpha))} % " + (
            "repeated confidence interval"
            if self.spending
            else "confidence sequence"
            if self.sequential
            else "interval"
        )
        effects = pd.DataFrame(
            [
                {
                    "metric": m.label + (" (primary)" if m.primary else ""),
                    "arm": m.treatment,
                    m.control: display.number(m.control_arm.value),
                    "arm value": display.number(m.treatment_arm.value),
                    "change": display.percent(m.rel_effect),
                    level: display.interval(*m.rel_ci, bound=display.percent),
                    "p adjusted": display.p_value(m.p_adjusted),
                    "P(better)": display.number(m.prob_better),
                    "method": m.method,
                }
                for m in self.metrics
            ]
        )
        if self.sequential:  # a one-look figure, not shown where results are read weekly
            effects = effects.drop(columns="P(better)")
        sides = pd.DataFrame(
            [
                {
                    "metric": m.label,
                    "arm": arm,
                    "posts": n,
                    "numerator per post": f"{display.number(num)} {m.numerator}",
                    "denominator per post": f"{display.number(den)} {m.denominator}"
                    if m.denominator
                    else "",
                    "value": display.number(value),
                    "median post": display.number(median),
                    "left out": m.excluded,
                }
                for m in self.metrics
                for arm, n, num, den, value, median in arm_rows(m)
            ]
        ).drop_duplicates(subset=["metric", "arm"])
        return effects, sides

    def _header(self) -> list[str]:
        arms = ", ".join(f"{a.name} {a.posts:,} posts ({a.role})" for a in self.arms)
        return [f"arms: {arms}", self.srm.statement(), f"analysis: {self._mode_line()}"]

    def _mode_line(self) -> str:
        plan = f", {self.planned_posts:,} posts planned" if self.planned_posts else ""
        how = (
            "sequential (the intervals are confidence sequences: valid however often the "
            "results are looked at)"
            if self.sequential
            else "fixed (one look, at the planned number of posts)"
        )
        capped = (
            f"; per-post values capped at the {_ordinal(self.cap)} percentile of both arms"
            if self.cap
            else ""
        )
        return how + plan + capped

    def caveats(self) -> list[str]:
        """The other treatments' verdicts and any single post that drives a result, as bullets."""
        lines = [f"- {reason}" for reason in self.verdict.reasons]
        return lines + [f"- {m.label}: {m.loo_note}" for m in self.metrics if m.loo_note]

    def _footer(self) -> list[str]:
        lines = [f"verdict: {self.verdict.decision}", self.verdict.summary, *self.caveats()]
        return lines + [f"note: {note}" for note in self.notes]

    def __str__(self) -> str:
        effects, sides = self.tables()
        return "\n".join(
            [
                *self._header(),
                "",
                effects.to_string(index=False),
                "",
                sides.to_string(index=False),
                "",
                *self._footer(),
            ]
        )

    __repr__ = __str__

    def _repr_html_(self) -> str:
        effects, sides = self.tables()
        paragraphs = "".join(f"<p>{html_text(line)}</p>" for line in self._header())
        footer = self._footer()
        return (
            f"<div class='postlab-comparison'><p><b>{html_text(footer[0])}</b>: "
            f"{html_text(footer[1])}</p>{paragraphs}"
            + effects.to_html(index=False)
            + sides.to_html(index=False)
            + "".join(f"<p>{html_text(line)}</p>" for line in footer[2:])
            + "</div>"
        )


class ArmRow(NamedTuple):
    """One arm's side of a metric, as a table row: what goes into its value, per post."""

    arm: str
    posts: int  # posts with the metric
    numerator: float  # mean numerator per post (likes, ...)
    denominator: float | None  # mean denominator per post (impressions, ...); None for a mean
    value: float  # the arm's value of the metric
    median: float  # the median post's own value


def arm_rows(m: MetricResult) -> list[ArmRow]:
    """The control's row, then the treatment's: the per-arm table of a report or a terminal.

    With several treatments each ``MetricResult`` repeats the control; callers keep one
    row per metric and arm.
    """
    return [
        ArmRow(a.name, a.n, a.numerator, a.denominator, a.value, a.median)
        for a in (m.control_arm, m.treatment_arm)
    ]


def _ordinal(share: float) -> str:
    value = display.number(100 * share)
    return value + ("st" if value.endswith("1") and not value.endswith("11") else "th")


def _plain(value):
    """JSON-ready: no numpy types, floats to six significant figures, NaN as None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        value = float(value)
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    return value
