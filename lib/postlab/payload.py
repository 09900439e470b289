"""The result an analysis notebook hands to ``postlab rerun``: typed, versioned data.

The notebook displays it under its own MIME type; the runner reads it back
from the executed notebook with nbformat, and the record keeps it in
``state.json``. Only ``Result`` writes and reads that dict, so a change to
its shape is one schema version, not a hunt for ``.get(`` calls.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import ClassVar

from postlab.exceptions import PostlabError
from postlab.markup import html_text
from postlab.words import accounts_verdict, chose_arms_caveat, verdict_word

RESULT_MIME = "application/vnd.postlab.result+json"


class PayloadError(PostlabError):
    """A result written by another version of postlab, or not by postlab at all."""


@dataclass(frozen=True)
class Design:
    """What the experiment file says, as the record shows it."""

    title: str
    owner: str = ""
    status: str = ""
    hypothesis: str = ""
    platforms: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    period_start: str | None = None
    period_end: str | None = None
    control: str = ""
    treatments: tuple[str, ...] = ()
    primary_metric: str = "engagement_rate"
    randomised: bool = False
    assignment: str = ""
    parent: str | None = None
    tags: tuple[str, ...] = ()  # hypothesis tags shared across teams (postlab summary)
    learning: str = ""
    next_step: str = ""


@dataclass(frozen=True)
class ArmPosts:
    name: str
    role: str  # control or treatment
    posts: int


@dataclass(frozen=True)
class Effect:
    """One metric's comparison of one treatment with the control."""

    metric: str
    control: str
    treatment: str
    control_value: float | None
    treatment_value: float | None
    rel_effect: float | None
    rel_ci: tuple[float | None, float | None] = (None, None)
    p_value: float | None = None
    # the confidence sequence of the relative effect (valid at every look); None: not computed
    rel_seq: tuple[float | None, float | None] | None = None

    def bounds(self) -> tuple[float | None, float | None]:
        """The interval the verdict rests on: the sequence when there is one."""
        return self.rel_seq or self.rel_ci


@dataclass(frozen=True)
class Verdict:
    decision: str
    summary: str = ""
    arm: str | None = None  # the treatment the verdict is about


@dataclass(frozen=True)
class Scope:
    """The posts counted, and those left out by reason."""

    posts: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    randomised: bool = False
    deviations: int = 0


@dataclass(frozen=True)
class AccountEffect:
    """One account's own comparison on the primary metric."""

    account: str
    control_posts: int
    treatment_posts: int
    rel_effect: float | None
    rel_ci: tuple[float | None, float | None] = (None, None)
    verdict: str = ""  # better, worse, unclear or cannot tell


@dataclass(frozen=True)
class Accounts:
    """The primary metric by account, pooled by random effects: does it work everywhere?

    ``tau`` is the accounts' spread of true relative effects (expm1 of the log-scale
    tau); ``verdict_note`` qualifies the pooled verdict by how many accounts agree.
    """

    metric: str
    control: str
    treatment: str
    accounts: tuple[AccountEffect, ...] = ()
    pooled: float | None = None
    pooled_ci: tuple[float | None, float | None] = (None, None)
    prediction: tuple[float | None, float | None] = (None, None)
    i2: float | None = None
    tau: float | None = None
    consistency: str = ""
    prediction_sentence: str = ""
    verdict_note: str = ""
    left_out: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """One experiment's analysis, as the record needs it; ``comparison`` is the full compare()."""

    SCHEMA_VERSION: ClassVar[int] = 3

    experiment_id: str
    design: Design
    arms: tuple[ArmPosts, ...]
    effects: tuple[Effect, ...]
    verdict: Verdict
    scope: Scope = field(default_factory=Scope)
    comparison: dict = field(default_factory=dict)
    mode: str = "fixed"  # how the verdict was reached: "sequential" (any look) or "fixed"
    accounts: Accounts | None = None  # only for an experiment over several accounts

    def primary(self) -> Effect | None:
        """The primary metric's effect for the treatment the verdict is about."""
        rows = [e for e in self.effects if e.metric == self.design.primary_metric] or list(
            self.effects
        )
        return next((e for e in rows if e.treatment == self.verdict.arm), rows[0] if rows else None)

    def posts(self) -> int:
        return sum(a.posts for a in self.arms)

    def verdict_word(self) -> str:
        """The decision as every output shows it: a win on the team's own choices is hedged."""
        return verdict_word(self.verdict.decision, self.design.randomised)

    def decision_words(self) -> str:
        """The verdict word with the reason for care after it."""
        caveat = self.caveat()
        if caveat is None:
            return self.verdict_word()
        return f"{self.verdict_word()}: {caveat[0].lower()}{caveat[1:]}"

    def caveat(self) -> str | None:
        """Why an adopt or reject on arms the team chose (not randomised) needs care."""
        if self.verdict_word() == self.verdict.decision:
            return None
        arm = self.verdict.arm or (self.design.treatments[0] if self.design.treatments else "")
        return chose_arms_caveat(arm)

    def posts_of(self, arm: str | None) -> int | None:
        return next((a.posts for a in self.arms if a.name == arm), None)

    def to_dict(self) -> dict:
        return {"schema_version": self.SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        version = data.get("schema_version")
        if version is None and "experiment" in data:
            data = _from_unversioned(data)
        elif version == 1:
            data = _from_version_1(data)
        elif version not in (2, cls.SCHEMA_VERSION):  # version 2 had no per-account section
            raise PayloadError(
                f"a result of schema version {version}; this postlab reads version "
                f"{cls.SCHEMA_VERSION}: rerun with --force"
            )
        return cls._build(data)

    @classmethod
    def _build(cls, data: dict) -> Result:
        try:
            return cls(
                experiment_id=data["experiment_id"],
                design=Design(**_tuples(data["design"])),
                arms=tuple(ArmPosts(**a) for a in data["arms"]),
                effects=tuple(Effect(**_tuples(e)) for e in data["effects"]),
                verdict=Verdict(**data["verdict"]),
                scope=Scope(**data.get("scope", {})),
                comparison=data.get("comparison", {}),
                mode=data.get("mode") or "fixed",
                accounts=_accounts(data.get("accounts")),  # absent before version 3
            )
        except (KeyError, TypeError) as error:
            raise PayloadError(f"not a postlab result ({error})") from None

    @classmethod
    def from_analysis(cls, experiment, selection, comparison, accounts=None) -> Result:
        """The result of ``postlab.analysis.analyse``: experiment file, selection and comparison.

        ``accounts`` is the per-account section (``postlab.analysis.account_effects``), if any.
        """
        excluded = selection.excluded
        result = cls._build(
            _from_unversioned(
                {
                    "experiment": {
                        **experiment.to_dict(),
                        # the names people read (a yes/no column's "with media"), not the values
                        "arms": {
                            "control": experiment.control,
                            "treatments": list(experiment.treatments),
                        },
                        "primary_metric": experiment.primary_metric,
                        "randomised": experiment.randomised,
                        "assignment_description": experiment.assignment.describe(),
                    },
                    "selection": {
                        "posts": int(len(selection.posts)),
                        "excluded": {
                            str(k): int(v)
                            for k, v in zip(excluded.iloc[:, 0], excluded.iloc[:, 1], strict=True)
                        },
                        "randomised": bool(selection.randomised),
                        "deviations": int(len(selection.deviations)),
                    },
                    "comparison": comparison.to_dict(),
                }
            )
        )
        return result if accounts is None else replace(result, accounts=accounts)


def _accounts(data: dict | None) -> Accounts | None:
    if not data:
        return None
    rows = tuple(AccountEffect(**_tuples(a)) for a in data.get("accounts", []))
    return Accounts(**{**_tuples(data), "accounts": rows})


def _tuples(data: dict) -> dict:
    """JSON gives lists where the dataclasses hold tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def _from_version_1(data: dict) -> dict:
    """Version 1 had no sequence and no mode: every verdict was a fixed-sample one."""
    effects = [{**e, "rel_seq": None} for e in data.get("effects", [])]
    return {**data, "effects": effects, "mode": "fixed"}


def _from_unversioned(data: dict) -> dict:
    """The shape of this version, from the untyped dict of earlier records (and of compare())."""
    exp, comparison = data["experiment"], data.get("comparison", {})
    period, arms = exp.get("period") or {}, exp.get("arms") or {}
    decision = exp.get("decision") or {}
    verdict = comparison.get("verdict") or {}
    return {
        "experiment_id": exp.get("id", ""),
        "design": {
            "title": exp.get("title") or exp.get("id", ""),
            "owner": exp.get("owner") or "",
            "status": exp.get("status") or "",
            "hypothesis": (exp.get("hypothesis") or "").strip(),
            "platforms": exp.get("platforms") or [],
            "accounts": exp.get("accounts") or [],
            "period_start": _text(period.get("start")),
            "period_end": _text(period.get("end")),
            "control": _arm_name(arms.get("control")),
            "treatments": [_arm_name(arm) for arm in arms.get("treatments") or []],
            "primary_metric": exp.get("primary_metric") or "engagement_rate",
            "randomised": bool(exp.get("randomised")),
            "assignment": exp.get("assignment_description") or "",
            "parent": exp.get("parent"),
            "tags": exp.get("tags") or [],
            "learning": decision.get("learning") or "",
            "next_step": decision.get("next_step") or "",
        },
        "arms": [
            {"name": a["name"], "role": a["role"], "posts": int(a["posts"])}
            for a in comparison.get("arms", [])
        ],
        "effects": [
            {
                "metric": m["metric"],
                "control": m["control"],
                "treatment": m["treatment"],
                "control_value": m.get("control_value"),
                "treatment_value": m.get("treatment_value"),
                "rel_effect": m.get("rel_effect"),
                "rel_ci": m.get("rel_ci") or [None, None],
                "p_value": m.get("p_value"),
                "rel_seq": m.get("sequence_rel"),
            }
            for m in comparison.get("metrics", [])
        ],
        "mode": verdict.get("mode") or comparison.get("mode") or "fixed",
        "verdict": {
            "decision": verdict.get("decision") or "",
            "summary": verdict.get("summary") or "",
            "arm": verdict.get("arm"),
        },
        "scope": data.get("selection") or {},
        "comparison": comparison,
    }


def _arm_name(arm) -> str:
    """An arm as the record names it: a file's ``{value: true, name: with media}`` by its name."""
    if isinstance(arm, dict):
        return str(arm.get("name") or arm.get("value", ""))
    return "" if arm is None else str(arm)


def _text(value) -> str | None:
    return None if value is None else str(value)


# ---- the hand-over: from the notebook to postlab rerun ----


def emit_result(experiment, selection, comparison, accounts=None) -> None:
    """Hand the result to ``postlab rerun`` as data (a custom MIME output), shown to nobody.

    The HTML alternative is a comment, so the report and JupyterLab show no machine line.
    ``accounts`` is ``account_effects(...)`` for an experiment over several accounts.
    """
    from IPython.display import display

    section = accounts_payload(comparison.verdict, accounts) if accounts is not None else None
    result = Result.from_analysis(experiment, selection, comparison, section)
    comment = f"<!-- postlab result of {html_text(experiment.id)}: data for postlab rerun -->"
    display({RESULT_MIME: result.to_dict(), "text/html": comment}, raw=True)


def accounts_payload(verdict, accounts):
    """What the record keeps of the per-account section (``payload.Accounts``)."""
    pooled = accounts.pooled
    return Accounts(
        metric=accounts.metric,
        control=accounts.control,
        treatment=accounts.treatment,
        accounts=tuple(
            AccountEffect(
                account=a.account,
                control_posts=a.control_n,
                treatment_posts=a.treatment_n,
                rel_effect=_finite(a.effect),
                rel_ci=tuple(_finite(b) for b in a.ci),
                verdict=a.verdict,
            )
            for a in accounts.accounts
        ),
        pooled=_finite(accounts.estimate) if pooled else None,
        pooled_ci=tuple(_finite(b) for b in accounts.confidence_interval()),
        prediction=tuple(_finite(b) for b in accounts.prediction_interval()),
        i2=float(pooled.i2) if pooled else None,
        tau=float(math.expm1(pooled.tau)) if pooled else None,
        consistency=accounts.consistency(),
        prediction_sentence=accounts.prediction_sentence(),
        verdict_note=accounts_verdict(verdict, accounts),
        left_out=dict(accounts.left_out),
    )


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None
