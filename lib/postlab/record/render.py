"""RECORD.md, index.html and the record's figures, all drawn from the same ``Record``."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path

from postlab import display
from postlab.record.figures import forest_figure, history_figure
from postlab.payload import Design
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

@dataclass
class Section:
    """One experiment as people read it; Markdown and HTML are two drawings of it."""

    id: str
    title: str
    banner: str | None = None  # STALE / FAILED with the reason
    verdict: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    history: list[tuple[str, ...]] = field(default_factory=list)
    link: str | None = None

    def markdown(self) -> list[str]:
        lines = [f"## {self.title} (`{self.id}`)", ""]
        if self.banner:
            lines += [f"> {self.banner}", ""]
        if self.verdict is None:
            return lines + ["No result yet.", ""]
        lines += [f"- {label}: {value}" for label, value in self.facts]
        if self.link:
            lines.append(f"- **Report**: [{self.id}]({self.link})")
        lines += ["", "| " + " | ".join(HISTORY_HEADER) + " |", "|---" * len(HISTORY_HEADER) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.history]
        return lines + [""]

    def html(self) -> str:
        out = [f"<section id='{esc(self.id)}'><h2>{esc(self.title)}</h2>"]
        if self.banner:
            out.append(f"<p class='stale'>{_strong(esc(self.banner))}</p>")
        if self.verdict is not None:
            out.append(f"<p class='decision'>{esc(self.verdict)}</p>")
            out += [f"<p>{_strong(esc(label))}: {_strong(esc(v))}</p>" for label, v in self.facts]
            cells = "".join(f"<th>{esc(h)}</th>" for h in HISTORY_HEADER)
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in self.history
            )
            out.append(f"<table><tr>{cells}</tr>{rows}</table>")
        if self.link:
            out.append(f"<p><a href='{esc(self.link)}'>Full report</a></p>")
        out.append("</section>")
        return "".join(out)


HISTORY_HEADER = ("rerun", "posts", "effect", "interval", "verdict")
NOT_WRITTEN = "_not written yet by the owner_"


def esc(text) -> str:
    return html.escape(str(text))


def _strong(text: str) -> str:
    """Markdown's **bold** as HTML, so both drawings share one text."""
    parts = text.split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts)).replace(
        "_not written yet by the owner_", "<i>not written yet by the owner</i>"
    )


def section(record: Record, entry: Entry, links: dict[str, str], children) -> Section:
    """Everything the record says about ``entry``, once."""
    result = entry.payload
    banner = f"**{entry.status.upper()}**: {entry.reason}" if entry.status in ("stale", "failed") else None
    out = Section(entry.id, result.design.title if result else entry.id, banner, link=links.get(entry.id))
    if result is None:
        return out
    design, verdict = result.design, result.verdict
    out.verdict = f"{verdict.decision}: {verdict.summary}"
    out.facts = [
        (
            "**Status**",
            f"{design.status or NA} · owner: {design.owner or NA} · "
            f"result {entry.status} ({entry.ran_at or NA})",
        ),
        ("**Hypothesis**", design.hypothesis),
        ("**Design**", _design_line(design)),
        ("**Posts per arm**", ", ".join(f"{a.name} {a.posts}" for a in result.arms)),
    ]
    primary = result.primary()
    if primary:
        low, high = primary.rel_ci
        out.facts += [
            (
                f"**Primary metric** ({primary.metric})",
                f"{primary.control} {display.number(primary.control_value, NA)}, "
                f"{primary.treatment} {display.number(primary.treatment_value, NA)}",
            ),
            (
                "**Effect**",
                f"{display.whole_percent(primary.rel_effect, NA)} (95 % interval "
                f"{display.whole_percent(low, NA)} to {display.whole_percent(high, NA)})",
            ),
        ]
    out.facts += [
        ("**Verdict**", f"**{verdict.decision or NA}**: {verdict.summary}"),
        ("**Learning**", design.learning or NOT_WRITTEN),
        ("**Next step**", design.next_step or NOT_WRITTEN),
        (
            "**Parent**",
            f"{design.parent or 'none'} · **Follow-ups**: "
            f"{', '.join(children.get(entry.id, [])) or 'none'}",
        ),
    ]
    out.history = [
        (
            str(row["rerun_at"]),
            str(row["posts"]),
            display.whole_percent(row["rel_effect"], NA),
            f"{display.whole_percent(row['rel_ci_low'], NA)} to "
            f"{display.whole_percent(row['rel_ci_high'], NA)}",
            f"{row['decision']} ({row['status']})",
        )
        for row in _history_of(record, entry.id)
    ]
    return out


def _design_line(design: Design) -> str:
    kind = "randomised (posting schedule)" if design.randomised else "observational"
    return (
        f"{kind}; control {design.control or NA}, "
        f"treatment {', '.join(design.treatments) or NA}; "
        f"platforms {', '.join(design.platforms) or 'all'}; "
        f"accounts {', '.join(design.accounts) or 'all'}; "
        f"period {design.period_start or 'open'} to {design.period_end or 'open'}; "
        f"assigned {design.assignment or 'as the file says'}"
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
        out += section(record, entry, links, children).markdown()
    return "\n".join(out).rstrip() + "\n"


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
            f"<p><a href='{esc(links['explore_engagement'])}'>Explore the history of all posts</a></p>"
        )
    for name, path in figures.items():
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        parts.append(f"<figure><img alt='{name}' src='data:image/png;base64,{data}'></figure>")
    children = record.follow_ups()
    for entry in record.ordered():
        parts.append(section(record, entry, links, children).html())
    parts.append("</body></html>")
    return "\n".join(parts)
