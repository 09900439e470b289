"""The analyse-and-improve record: the team's memory of what was tried.

This module is the record as data; ``store`` reads and writes it and
``render`` shows it. ``record/`` holds ``state.json`` (the last good result of every experiment,
with the fingerprint that decides whether a rerun may reuse it),
``results.csv`` (one row per experiment per rerun: the history),
``RECORD.md`` and ``index.html`` (the same for people). The whole folder is
replaced in one step, so a killed rerun leaves the old record or the new one,
never a mix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from postlab.payload import Result
from postlab.words import verdict_word

STATE_FILE = "state.json"
HISTORY_FILE = "results.csv"
SUMMARY_COLUMNS = (
    "experiment",
    "title",
    "status",
    "decision",
    "metric",
    "effect",
    "ci_low",
    "ci_high",
    "posts",
)
NEXT_STEP_COLUMNS = ("experiment", "learning", "next step", "parent", "follow-ups")

HISTORY_COLUMNS = (
    "rerun_at",
    "data_dir",
    "experiment",
    "status",
    "decision",
    "summary",
    "metric",
    "control",
    "treatment",
    "posts_control",
    "posts_treatment",
    "control_value",
    "treatment_value",
    "rel_effect",
    "rel_ci_low",
    "rel_ci_high",
    "rel_seq_low",
    "rel_seq_high",
    "mode",
    "p_value",
    "design",
    "reason",
)
# what makes a rerun's row news: a row equal to the last one on these is not added
CHANGE_COLUMNS = (
    "status",
    "decision",
    "posts_control",
    "posts_treatment",
    "rel_effect",
    "rel_ci_low",
    "rel_ci_high",
    "rel_seq_low",
    "rel_seq_high",
    "reason",
)
DECIDED = ("adopt", "reject", "no meaningful difference")


@dataclass
class Entry:
    """One experiment's place in the record: its last good result and how fresh it is."""

    id: str
    status: str  # fresh, reused, stale (last good result kept), failed (none ever)
    payload: Result | None = None
    reason: str | None = None
    fingerprint: str | None = None
    notebook: str | None = None
    html: str | None = None
    ran_at: str | None = None

    def to_dict(self) -> dict:
        return {**self.__dict__, "payload": self.payload.to_dict() if self.payload else None}

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        payload = data.get("payload")
        return cls(**{**data, "payload": Result.from_dict(payload) if payload else None})

    def replace(self, **changes) -> Entry:
        return Entry(**{**self.__dict__, **changes})

    @property
    def decision(self) -> str | None:
        return self.payload.verdict.decision if self.payload else None

    @property
    def verdict_word(self) -> str | None:
        """The decision as every output shows it (hedged when the team chose the arms)."""
        return self.payload.verdict_word() if self.payload else None

    @property
    def design(self):
        return self.payload.design if self.payload else None


@dataclass
class Record:
    """What ``record/`` holds, read back for notebooks and the next rerun."""

    entries: dict[str, Entry] = field(default_factory=dict)
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))
    extras: dict = field(default_factory=dict)
    _looks: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def data_dir(self) -> str | None:
        """The data folder of the latest rerun: the history shown is this folder's."""
        return self.extras.get("data_dir")

    def current_history(self) -> pd.DataFrame:
        """Rows of current experiments on the current data folder, oldest rerun first."""
        history = self.history
        if history.empty:
            return history.assign(at=pd.Series(dtype="datetime64[ns]"))
        rows = history[
            history["experiment"].isin(list(self.entries))
            & (history["data_dir"].astype("string").fillna("") == (self.data_dir or ""))
        ]
        rows = rows.assign(at=pd.to_datetime(rows["rerun_at"], format="mixed", errors="coerce"))
        return rows.sort_values(["at", "experiment"], kind="stable").reset_index(drop=True)

    def looks(self, experiment: str) -> list[Look]:
        """Every rerun that changed ``experiment``'s result, in time order."""
        return self._looks_by_experiment().get(experiment, [])

    def _looks_by_experiment(self) -> dict[str, list[Look]]:
        """All experiments' looks from one pass over the history (the record page asks for
        each experiment's twice), again only when the history, folder or entries changed."""
        key = (len(self.history), self.data_dir, frozenset(self.entries))
        cached = self._looks
        if cached is None or cached[0] is not self.history or cached[1] != key:
            grouped: dict[str, list[Look]] = {}
            for row in self.current_history().to_dict("records"):
                grouped.setdefault(row["experiment"], []).append(Look.of(row))
            self._looks = cached = (self.history, key, grouped)
        return cached[2]

    def ordered(self) -> list[Entry]:
        """Newest experiment first (by period start, then id)."""

        def start(entry: Entry) -> str:
            return (entry.design.period_start if entry.design else None) or ""

        return sorted(self.entries.values(), key=lambda e: (start(e), e.id), reverse=True)

    def summary_table(self) -> pd.DataFrame:
        """One row per experiment: verdict, effect and interval, for a glance."""
        rows = []
        for entry in self.ordered():
            primary = entry.payload.primary() if entry.payload else None
            rows.append(
                {
                    "experiment": entry.id,
                    "title": entry.design.title if entry.design else entry.id,
                    "status": entry.status,
                    "decision": entry.verdict_word,
                    "metric": primary.metric if primary else None,
                    "effect": primary.rel_effect if primary else None,
                    "ci_low": primary.bounds()[0] if primary else None,
                    "ci_high": primary.bounds()[1] if primary else None,
                    "posts": entry.payload.posts() if entry.payload else 0,
                }
            )
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))

    def next_steps(self) -> pd.DataFrame:
        """What the owners learned and will try next, with follow-ups."""
        children = self.follow_ups()
        rows = []
        for entry in self.ordered():
            design = entry.design
            rows.append(
                {
                    "experiment": entry.id,
                    "learning": design.learning if design else "",
                    "next step": design.next_step if design else "",
                    "parent": (design.parent if design else None) or "",
                    "follow-ups": ", ".join(children.get(entry.id, [])),
                }
            )
        return pd.DataFrame(rows, columns=list(NEXT_STEP_COLUMNS))

    def follow_ups(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for entry in self.entries.values():
            parent = entry.design.parent if entry.design else None
            if parent:
                children.setdefault(parent, []).append(entry.id)
        return {k: sorted(v) for k, v in children.items()}


@dataclass(frozen=True)
class Look:
    """One rerun of one experiment as the record draws it: a point of the funnel."""

    at: str
    status: str
    decision: str | None
    posts: int
    effect: float | None
    low: float | None
    high: float | None
    sequential: bool
    reason: str | None
    randomised: bool = False

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def verdict_word(self) -> str | None:
        return verdict_word(self.decision, self.randomised) if self.decision else None

    @classmethod
    def of(cls, row: dict) -> Look:
        sequential = _present(row.get("rel_seq_low"))
        low, high = (
            (row["rel_seq_low"], row["rel_seq_high"])
            if sequential
            else (row.get("rel_ci_low"), row.get("rel_ci_high"))
        )
        posts = sum(
            int(row[c]) for c in ("posts_control", "posts_treatment") if _present(row.get(c))
        )
        return cls(
            at=str(row["rerun_at"]),
            status=str(row["status"]),
            decision=row["decision"] if _present(row.get("decision")) else None,
            posts=posts,
            effect=_number(row.get("rel_effect")),
            low=_number(low),
            high=_number(high),
            sequential=sequential,
            reason=row["reason"] if _present(row.get("reason")) else None,
            randomised=row.get("design") == "randomised",
        )


def decided_look(looks: list[Look]) -> Look | None:
    """The first look whose verdict was a decision (adopt, reject, no meaningful difference)."""
    return next((look for look in looks if look.decision in DECIDED), None)


def moved_after_decision(looks: list[Look]) -> str | None:
    """In words, when later data moved a decided experiment: never a silent flip."""
    decided = decided_look(looks)
    results = [look for look in looks if not look.failed]
    if decided is None or not results or results[-1].decision == decided.decision:
        return None
    latest = results[-1]
    return (
        f'Decided "{decided.decision}" at the rerun of {decided.at} ({decided.posts:,} posts); '
        f'later data moved it to "{latest.decision}" at the rerun of {latest.at} '
        f"({latest.posts:,} posts). The earlier decision no longer holds: read the report "
        "before acting on it."
    )


def _present(value) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and np.isnan(value))
        and (value is not pd.NA and value is not pd.NaT)
    )


def _number(value) -> float | None:
    return float(value) if _present(value) else None


def history_row(entry: Entry, rerun_at: str, data_dir: str | None = None) -> dict:
    """The row ``results.csv`` gains for ``entry`` in this rerun.

    A rerun that failed is a failed row with its reason, even when the record
    still shows the last good result (stale): the history says what happened.
    """
    result = entry.payload if entry.status in ("fresh", "reused") else None
    primary = result.primary() if result else None
    sequence = primary.rel_seq if primary and primary.rel_seq else (None, None)
    return {
        "rerun_at": rerun_at,
        "data_dir": data_dir,
        "experiment": entry.id,
        "status": "failed" if result is None else "ok",
        "decision": result.verdict.decision if result else None,
        "summary": result.verdict.summary if result else None,
        "metric": primary.metric if primary else None,
        "control": primary.control if primary else None,
        "treatment": primary.treatment if primary else None,
        "posts_control": result.posts_of(primary.control) if primary else None,
        "posts_treatment": result.posts_of(primary.treatment) if primary else None,
        "control_value": primary.control_value if primary else None,
        "treatment_value": primary.treatment_value if primary else None,
        "rel_effect": primary.rel_effect if primary else None,
        "rel_ci_low": primary.rel_ci[0] if primary else None,
        "rel_ci_high": primary.rel_ci[1] if primary else None,
        "rel_seq_low": sequence[0],
        "rel_seq_high": sequence[1],
        "mode": result.mode if result else None,
        "p_value": primary.p_value if primary else None,
        "design": None
        if result is None
        else ("randomised" if result.design.randomised else "observational"),
        "reason": entry.reason if result is None else None,
    }


def extend_history(
    record: Record, rerun_at: str, only: list[str], data_dir: str | None = None
) -> pd.DataFrame:
    """Previous history plus a row per experiment of this rerun whose result changed.

    Rows are kept per data folder: a rerun on another folder starts its own history.
    """
    history = record.history.reindex(columns=list(HISTORY_COLUMNS))
    rows = []
    for entry in record.ordered():
        if entry.id not in only:
            continue
        row = history_row(entry, rerun_at, data_dir)
        if not _same_as_last(history, row):
            rows.append(row)
    if not rows:
        return history
    new = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    return new if history.empty else pd.concat([history, new], ignore_index=True)


def _same_as_last(history: pd.DataFrame, row: dict) -> bool:
    earlier = history[
        (history["experiment"] == row["experiment"])
        & (history["data_dir"].astype("string").fillna("") == (row["data_dir"] or ""))
    ]
    if earlier.empty:
        return False
    last = earlier.iloc[-1]
    return all(_equal(last[c], row[c]) for c in CHANGE_COLUMNS)


def _equal(old, new) -> bool:
    if not _present(old) or not _present(new):
        return _present(old) == _present(new)
    if isinstance(new, int | float) and not isinstance(new, bool):
        return bool(np.isclose(float(old), float(new), rtol=1e-6, atol=1e-12))
    return str(old) == str(new)
