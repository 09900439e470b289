"""RECORD.md, index.html and the record's figures, all drawn from the same ``Record``."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from postlab import display
from postlab.record.figures import forest_figure, history_figure
from postlab.record.model import Entry, Record

NA = "n/a"
FIGURES = ("forest.png", "history.png")


def write_views(record: Record, folder: Path, links: dict[str, str]) -> None:
    """RECORD.md, the figures and index.html (which embeds them) into ``folder``."""
    (folder / "RECORD.md").write_text(render_markdown(record, links), encoding="utf-8")
    figures = {
        "forest.png": forest_figure(record.summary_table()),
        "history.png": history_figure(record.history),
    }
    for name, figure in figures.items():
        figure.savefig(folder / name)
    paths = {name: folder / name for name in FIGURES}
    (folder / "index.html").write_text(render_html(record, links, paths), encoding="utf-8")

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
            f"{display.number(primary['control_value'], NA)}, {primary['treatment']} "
            f"{display.number(primary['treatment_value'], NA)}",
            f"- **Effect**: {display.whole_percent(primary['rel_effect'], NA)} "
            f"(95 % interval {display.whole_percent(primary['rel_ci'][0], NA)} to {display.whole_percent(primary['rel_ci'][1], NA)})",
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
            f"| {row['rerun_at']} | {row['posts']} | {display.whole_percent(row['rel_effect'], NA)} | "
            f"{display.whole_percent(row['rel_ci_low'], NA)} to {display.whole_percent(row['rel_ci_high'], NA)} | "
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
            f"<tr><td>{esc(str(r['rerun_at']))}</td><td>{r['posts']}</td><td>{display.whole_percent(r['rel_effect'], NA)}</td>"
            f"<td>{display.whole_percent(r['rel_ci_low'], NA)} to {display.whole_percent(r['rel_ci_high'], NA)}</td>"
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
