"""The analyse-and-improve record: the team's memory of what was tried.

``record/`` holds ``state.json`` (the last good result of every experiment,
with the fingerprint that decides whether a rerun may reuse it),
``results.csv`` (one row per experiment per rerun: the history),
``RECORD.md`` and ``index.html`` (the same for people). The whole folder is
replaced in one step, so a killed rerun leaves the old record or the new one,
never a mix.
"""

from __future__ import annotations

import base64
import ctypes
import ctypes.util
import html
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from postlab.stats.result import format_number

STATE_FILE = "state.json"
HISTORY_FILE = "results.csv"
FIGURES = ("forest.png", "history.png")
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


def read_record(record_dir: str | Path) -> Record:
    """The record in ``record_dir``; an empty one where there is none yet."""
    record_dir = Path(record_dir)
    record = Record()
    state_path = record_dir / STATE_FILE
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        record.entries = {k: Entry(**v) for k, v in state.get("experiments", {}).items()}
        record.extras = state.get("extras", {})
    history_path = record_dir / HISTORY_FILE
    if history_path.exists():
        record.history = pd.read_csv(history_path, dtype={"experiment": "string"})
    return record


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


def stage_record(record: Record, staging: str | Path) -> Path:
    """Write state and history into ``staging``, where the record notebook reads them."""
    staging = Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    state = {
        "schema": 1,
        "experiments": {k: record.entries[k].to_dict() for k in sorted(record.entries)},
        "extras": record.extras,
    }
    (staging / STATE_FILE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    record.history.to_csv(staging / HISTORY_FILE, index=False)
    return staging


def finish_record(record: Record, staging: Path, record_dir: Path, links: dict[str, str]) -> Path:
    """Add RECORD.md and index.html (with the notebook's figures); swap it into place."""
    (staging / "RECORD.md").write_text(render_markdown(record, links), encoding="utf-8")
    figures = {name: staging / name for name in FIGURES if (staging / name).exists()}
    (staging / "index.html").write_text(render_html(record, links, figures), encoding="utf-8")
    return replace_directory(staging, record_dir)


def report_links(record_dir: str | Path, reports_dir: str | Path) -> dict[str, str]:
    """Relative links from the record folder to each HTML report, so files open offline."""
    base = Path(record_dir).resolve()
    return {
        p.stem: os.path.relpath(p.resolve(), base).replace(os.sep, "/")
        for p in sorted(Path(reports_dir).glob("*.html"))
    }


def _fmt_pct(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value * 100:+.0f} %"


def _fmt_value(value) -> str:
    if value is None or pd.isna(value):
        return "n/a"
    return format_number(value)


def _design_line(exp: dict) -> str:
    design = "randomised (posting schedule)" if exp.get("randomised") else "observational"
    period = exp.get("period") or {}
    arms = exp.get("arms") or {}
    return (
        f"{design}; control {arms.get('control', 'n/a')}, "
        f"treatment {', '.join(arms.get('treatments', [])) or 'n/a'}; "
        f"platforms {', '.join(exp.get('platforms', [])) or 'all'}; "
        f"accounts {', '.join(exp.get('accounts', [])) or 'all'}; "
        f"period {period.get('start') or 'open'} to {period.get('end') or 'open'}; "
        f"assigned {exp.get('assignment_description', 'as the file says')}"
    )


def render_markdown(record: Record, links: dict[str, str]) -> str:
    """RECORD.md: a section per experiment, newest first."""
    out = [
        "# Analyse-and-improve record",
        "",
        "What was tried, what happened, what was decided, what to try next. "
        "Rebuilt by `postlab rerun`; newest experiment first.",
        "",
    ]
    if "explore_engagement" in links:
        out += [f"History of all posts: [explore report]({links['explore_engagement']})", ""]
    children = record.follow_ups()
    for entry in record.ordered():
        out += _markdown_section(record, entry, links, children)
    return "\n".join(out).rstrip() + "\n"


def _markdown_section(record: Record, entry: Entry, links, children) -> list[str]:
    exp = entry.experiment
    verdict = entry.comparison.get("verdict", {})
    lines = [f"## {exp.get('title') or entry.id} (`{entry.id}`)", ""]
    if entry.status in ("stale", "failed"):
        lines += [f"> **{entry.status.upper()}**: {entry.reason}", ""]
    if entry.payload is None:
        return lines + ["No result yet.", ""]
    decision = exp.get("decision") or {}
    lines += [
        f"- **Status**: {exp.get('status', 'n/a')} · owner: {exp.get('owner', 'n/a')} · "
        f"result {entry.status} ({entry.ran_at or 'n/a'})",
        f"- **Hypothesis**: {exp.get('hypothesis', '').strip()}",
        f"- **Design**: {_design_line(exp)}",
        "- **Posts per arm**: "
        + ", ".join(f"{a['name']} {a['posts']}" for a in entry.comparison.get("arms", [])),
    ]
    primary = entry.primary()
    if primary:
        lines += [
            f"- **Primary metric** ({primary['metric']}): {primary['control']} "
            f"{_fmt_value(primary['control_value'])}, {primary['treatment']} "
            f"{_fmt_value(primary['treatment_value'])}",
            f"- **Effect**: {_fmt_pct(primary['rel_effect'])} "
            f"(95 % interval {_fmt_pct(primary['rel_ci'][0])} to {_fmt_pct(primary['rel_ci'][1])})",
        ]
    lines += [
        f"- **Verdict**: **{verdict.get('decision', 'n/a')}**: {verdict.get('summary', '')}",
        f"- **Learning**: {decision.get('learning') or '_not written yet by the owner_'}",
        f"- **Next step**: {decision.get('next_step') or '_not written yet by the owner_'}",
        f"- **Parent**: {exp.get('parent') or 'none'} · **Follow-ups**: "
        f"{', '.join(children.get(entry.id, [])) or 'none'}",
    ]
    if entry.id in links:
        lines.append(f"- **Report**: [{entry.id}]({links[entry.id]})")
    lines += ["", "| rerun | posts | effect | interval | verdict |", "|---|---|---|---|---|"]
    for row in _history_of(record, entry.id):
        lines.append(
            f"| {row['rerun_at']} | {row['posts']} | {_fmt_pct(row['rel_effect'])} | "
            f"{_fmt_pct(row['rel_ci_low'])} to {_fmt_pct(row['rel_ci_high'])} | "
            f"{row['decision']} ({row['status']}) |"
        )
    return lines + [""]


def _history_of(record: Record, experiment: str) -> list[dict]:
    history = record.history
    if history.empty:
        return []
    rows = history[history["experiment"] == experiment].copy()
    rows["posts"] = rows["posts_control"].fillna(0).astype(int) + rows["posts_treatment"].fillna(
        0
    ).astype(int)
    return rows.iloc[::-1].to_dict("records")


def render_html(record: Record, links: dict[str, str], figures: dict[str, Path]) -> str:
    """index.html: the record for people, self-contained so it opens from disk."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>postlab record</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}",
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em}",
        ".stale{background:#fff3cd;padding:.5em}.decision{font-weight:bold}img{max-width:100%}",
        "</style></head><body><h1>Analyse-and-improve record</h1>",
        "<p>What was tried, what happened, what was decided, what to try next.</p>",
    ]
    if "explore_engagement" in links:
        parts.append(
            f"<p><a href='{links['explore_engagement']}'>Explore the history of all posts</a></p>"
        )
    for name, path in figures.items():
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        parts.append(f"<figure><img alt='{name}' src='data:image/png;base64,{data}'></figure>")
    children = record.follow_ups()
    for entry in record.ordered():
        parts.append(_html_section(record, entry, links, children))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_section(record: Record, entry: Entry, links, children) -> str:
    esc = html.escape
    exp = entry.experiment
    verdict = entry.comparison.get("verdict", {})
    out = [f"<section id='{esc(entry.id)}'><h2>{esc(exp.get('title') or entry.id)}</h2>"]
    if entry.status in ("stale", "failed"):
        out.append(f"<p class='stale'><b>{entry.status.upper()}</b>: {esc(entry.reason or '')}</p>")
    if entry.payload is not None:
        decision = exp.get("decision") or {}
        out.append(
            f"<p class='decision'>{esc(verdict.get('decision', ''))}: {esc(verdict.get('summary', ''))}</p>"
            f"<p><b>Hypothesis</b>: {esc(exp.get('hypothesis', ''))}</p>"
            f"<p><b>Design</b>: {esc(_design_line(exp))}</p>"
            f"<p><b>Learning</b>: {esc(decision.get('learning') or 'not written yet')}<br>"
            f"<b>Next step</b>: {esc(decision.get('next_step') or 'not written yet')}<br>"
            f"<b>Parent</b>: {esc(exp.get('parent') or 'none')} · <b>Follow-ups</b>: "
            f"{esc(', '.join(children.get(entry.id, [])) or 'none')}</p>"
        )
        rows = "".join(
            f"<tr><td>{esc(str(r['rerun_at']))}</td><td>{r['posts']}</td><td>{_fmt_pct(r['rel_effect'])}</td>"
            f"<td>{_fmt_pct(r['rel_ci_low'])} to {_fmt_pct(r['rel_ci_high'])}</td>"
            f"<td>{esc(str(r['decision']))} ({esc(str(r['status']))})</td></tr>"
            for r in _history_of(record, entry.id)
        )
        out.append(
            "<table><tr><th>rerun</th><th>posts</th><th>effect</th><th>interval</th><th>verdict</th></tr>"
            f"{rows}</table>"
        )
    if entry.id in links:
        out.append(f"<p><a href='{esc(links[entry.id])}'>Full report</a></p>")
    out.append("</section>")
    return "".join(out)


def replace_directory(new: Path, target: Path) -> Path:
    """Put ``new`` at ``target`` in one step; the old content is removed after."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)
        return target
    if target.exists():
        # No atomic exchange on this system: rename aside, then in; recover_record undoes a kill.
        aside = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, aside)
        os.replace(new, target)
        shutil.rmtree(aside)
    else:
        os.replace(new, target)
    return target


def recover_record(target: Path) -> None:
    """Undo what a killed rerun left: restore a record moved aside, drop half-built ones."""
    parent = target.parent
    if not target.exists():
        olds = sorted(parent.glob(f".{target.name}.old-*"))
        if olds:
            os.replace(olds[-1], target)
    for leftover in [*parent.glob(f".{target.name}.old-*"), *parent.glob(f".{target.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    return target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
