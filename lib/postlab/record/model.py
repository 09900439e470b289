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

import pandas as pd

from postlab.payload import Result

STATE_FILE = "state.json"
HISTORY_FILE = "results.csv"
SUMMARY_COLUMNS = (
    "experiment",
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
    "p_value",
    "design",
    "reason",
)


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
    def design(self):
        return self.payload.design if self.payload else None


@dataclass
class Record:
    """What ``record/`` holds, read back for notebooks and the next rerun."""

    entries: dict[str, Entry] = field(default_factory=dict)
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))
    extras: dict = field(default_factory=dict)

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
                    "status": entry.status,
                    "decision": entry.decision,
                    "metric": primary.metric if primary else None,
                    "effect": primary.rel_effect if primary else None,
                    "ci_low": primary.rel_ci[0] if primary else None,
                    "ci_high": primary.rel_ci[1] if primary else None,
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


def history_row(entry: Entry, rerun_at: str) -> dict:
    """The row ``results.csv`` gains for ``entry`` in this rerun."""
    result = entry.payload
    primary = result.primary() if result else None
    return {
        "rerun_at": rerun_at,
        "experiment": entry.id,
        "status": entry.status,
        "decision": entry.decision,
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
        "p_value": primary.p_value if primary else None,
        "design": None if result is None else (
            "randomised" if result.design.randomised else "observational"
        ),
        "reason": entry.reason,
    }


def extend_history(record: Record, rerun_at: str, only: list[str]) -> pd.DataFrame:
    """Previous history plus one row per experiment considered in this rerun."""
    rows = [history_row(e, rerun_at) for e in record.ordered() if e.id in only]
    new = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    if record.history.empty:
        return new
    return pd.concat([record.history, new], ignore_index=True)
