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
from pathlib import Path

import pandas as pd

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
    payload: dict | None = None
    reason: str | None = None
    fingerprint: str | None = None
    notebook: str | None = None
    html: str | None = None
    ran_at: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}

    @property
    def experiment(self) -> dict:
        return (self.payload or {}).get("experiment", {})

    @property
    def comparison(self) -> dict:
        return (self.payload or {}).get("comparison", {})

    def primary(self) -> dict | None:
        """The primary metric's result for the treatment the verdict is about."""
        metrics = self.comparison.get("metrics", [])
        if not metrics:
            return None
        primary = self.experiment.get("primary_metric", metrics[0]["metric"])
        rows = [m for m in metrics if m["metric"] == primary] or metrics
        named = self.comparison.get("verdict", {}).get("arm")
        return next((m for m in rows if m["treatment"] == named), rows[0])


@dataclass
class Record:
    """What ``record/`` holds, read back for notebooks and the next rerun."""

    entries: dict[str, Entry] = field(default_factory=dict)
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))
    extras: dict = field(default_factory=dict)

    def ordered(self) -> list[Entry]:
        """Newest experiment first (by period start, then id)."""

        def start(entry: Entry) -> str:
            return str((entry.experiment.get("period") or {}).get("start") or "")

        return sorted(self.entries.values(), key=lambda e: (start(e), e.id), reverse=True)

    def summary_table(self) -> pd.DataFrame:
        """One row per experiment: verdict, effect and interval, for a glance."""
        rows = []
        for entry in self.ordered():
            primary = entry.primary() or {}
            ci = primary.get("rel_ci") or [None, None]
            rows.append(
                {
                    "experiment": entry.id,
                    "status": entry.status,
                    "decision": entry.comparison.get("verdict", {}).get("decision"),
                    "metric": primary.get("metric"),
                    "effect": primary.get("rel_effect"),
                    "ci_low": ci[0],
                    "ci_high": ci[1],
                    "posts": sum(a["posts"] for a in entry.comparison.get("arms", [])),
                }
            )
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))

    def next_steps(self) -> pd.DataFrame:
        """What the owners learned and will try next, with follow-ups."""
        children = self.follow_ups()
        rows = []
        for entry in self.ordered():
            decision = entry.experiment.get("decision") or {}
            rows.append(
                {
                    "experiment": entry.id,
                    "learning": decision.get("learning") or "",
                    "next step": decision.get("next_step") or "",
                    "parent": entry.experiment.get("parent") or "",
                    "follow-ups": ", ".join(children.get(entry.id, [])),
                }
            )
        return pd.DataFrame(rows, columns=list(NEXT_STEP_COLUMNS))

    def follow_ups(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for entry in self.entries.values():
            parent = entry.experiment.get("parent")
            if parent:
                children.setdefault(parent, []).append(entry.id)
        return {k: sorted(v) for k, v in children.items()}


def history_row(entry: Entry, rerun_at: str) -> dict:
    """The row ``results.csv`` gains for ``entry`` in this rerun."""
    primary = entry.primary() or {}
    arms = {
        a["role"] if a["role"] == "control" else a["name"]: a["posts"]
        for a in entry.comparison.get("arms", [])
    }
    ci = primary.get("rel_ci") or [None, None]
    return {
        "rerun_at": rerun_at,
        "experiment": entry.id,
        "status": entry.status,
        "decision": entry.comparison.get("verdict", {}).get("decision"),
        "summary": entry.comparison.get("verdict", {}).get("summary"),
        "metric": primary.get("metric"),
        "control": primary.get("control"),
        "treatment": primary.get("treatment"),
        "posts_control": arms.get("control"),
        "posts_treatment": arms.get(primary.get("treatment")),
        "control_value": primary.get("control_value"),
        "treatment_value": primary.get("treatment_value"),
        "rel_effect": primary.get("rel_effect"),
        "rel_ci_low": ci[0],
        "rel_ci_high": ci[1],
        "p_value": primary.get("p_value"),
        "design": "randomised" if entry.experiment.get("randomised") else "observational",
        "reason": entry.reason,
    }


def extend_history(record: Record, rerun_at: str, only: list[str]) -> pd.DataFrame:
    """Previous history plus one row per experiment considered in this rerun."""
    rows = [history_row(e, rerun_at) for e in record.ordered() if e.id in only]
    new = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    if record.history.empty:
        return new
    return pd.concat([record.history, new], ignore_index=True)
