"""RECORD.md, index.html and the record's figures, all drawn from the same ``Record``.

index.html is for a Monday meeting: a summary strip per platform and account,
the forest plot, then one card per experiment (one printed page each). It is
one self-contained file: figures are embedded and reports are named by their
path as text, so the page still works when it is e-mailed or put on an intranet.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from postlab import display
from postlab.analysis import interval_kind, metric_label, value_text
from postlab.htmlexport import stylesheet
from postlab.payload import Design, Result
from postlab.record.figures import (
    decision_colour,
    forest_figure,
    funnel_figure,
    history_figure,
)
from postlab.record.model import Entry, Look, Record, decided_look, moved_after_decision

NA = "n/a"
# the overview figures: file name, the heading above it and a caption saying how to read it
OVERVIEW = (
    (
        "forest.png",
        "Every experiment at a glance",
        "Each experiment's change in its primary metric with its interval, coloured by "
        "verdict. An interval that crosses 0 is not a clear difference.",
    ),
    (
        "history.png",
        "How the estimates moved",
        "Each experiment's estimate at every rerun that changed it, oldest first: a line "
        "that settles is an answer that holds as posts accumulate.",
    ),
)
HISTORY_HEADER = ("rerun", "posts", "change", "interval", "verdict")
NOT_WRITTEN = "_not written yet by the owner_"
VERDICT = "**Verdict**"
RECORD_CSS = """
.strip{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem;margin:1rem 0}
.tile{border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem;background:var(--band)}
.tile h3{margin:0 0 .3rem;font-size:1rem}.tile p{margin:.1rem 0;font-size:.9rem}
.experiment{border:1px solid var(--rule);border-radius:8px;padding:.5rem 1rem 1rem;margin:1.5rem 0}
.experiment h2{border-top:0;margin-top:.5rem;padding-top:0}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;color:#fff;font-weight:600}
.banner{background:#fff3cd;padding:.5rem .75rem;border-radius:4px}
.moved{background:#fde2e1;padding:.5rem .75rem;border-radius:4px}
.verdict{font-size:1.1rem}
dl.facts{margin:.5rem 0}dl.facts dt{font-weight:600;margin-top:.4rem}dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (min-width:40rem){dl.facts{display:grid;grid-template-columns:12rem 1fr;column-gap:1rem}dl.facts dd{margin-top:.4rem}}
table.looks td,table.looks th{white-space:normal}
.scroll{max-width:100%;overflow-x:auto}
@media print{section.experiment{break-before:page;border:0;padding:0}.strip{grid-template-columns:repeat(3,1fr)}
.tile{break-inside:avoid;margin:.3rem 0}.experiment img{max-height:4.5cm}figure img{max-height:7cm}dl.facts{font-size:.95em}.experiment figcaption{display:none}.experiment figure{margin:.3rem 0}dl.facts{display:grid;grid-template-columns:11rem 1fr;column-gap:1rem}dl.facts dt,dl.facts dd{margin-top:.2rem}}
"""


def write_views(record: Record, folder: Path, links: dict[str, str]) -> None:
    """RECORD.md, the overview figures and index.html (which embeds every figure) into ``folder``."""
    (folder / "RECORD.md").write_text(render_markdown(record, links), encoding="utf-8")
    figures = overview_figures(record)
    for name, png in figures.items():
        (folder / name).write_bytes(png)
    (folder / "index.html").write_text(render_html(record, figures), encoding="utf-8")


def overview_figures(record: Record) -> dict[str, bytes]:
    """The forest plot and the history chart as PNGs, by file name."""
    titles = {e.id: e.payload.design.title for e in record.entries.values() if e.payload}
    return {
        "forest.png": _png(forest_figure(record.summary_table())),
        "history.png": _png(history_figure(record.current_history(), titles)),
    }


@dataclass
class Section:
    """One experiment as people read it; Markdown and HTML are two drawings of it."""

    id: str
    title: str
    banner: str | None = None  # STALE / FAILED with the reason
    moved: str | None = None  # a decided experiment that later data moved
    decision: str | None = None
    verdict: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    history: list[tuple[str, ...]] = field(default_factory=list)
    report: str | None = None  # the report's path in the project, as text
    link: str | None = None  # relative link for RECORD.md (read beside runs/ in the repository)
    funnel: bytes | None = None

    def markdown(self) -> list[str]:
        lines = [f"## {self.title} (`{self.id}`)", ""]
        if self.banner:
            lines += [f"> {self.banner}", ""]
        if self.moved:
            lines += [f"> **Moved after a decision**: {self.moved}", ""]
        if self.verdict is None:
            return lines + ["No result yet.", *self._history_md()]
        lines += [f"- {label}: {value}" for label, value in self.facts]
        if self.link:
            lines.append(f"- **Report**: [{self.id}]({self.link})")
        return lines + self._history_md()

    def _history_md(self) -> list[str]:
        if not self.history:
            return [""]
        lines = ["", "| " + " | ".join(HISTORY_HEADER) + " |", "|---" * len(HISTORY_HEADER) + "|"]
        return lines + ["| " + " | ".join(row) + " |" for row in self.history] + [""]

    def html(self) -> str:
        out = [f"<section class='experiment' id='{esc(self.id)}'><h2>{esc(self.title)}</h2>"]
        if self.banner:
            out.append(f"<p class='banner'>{_strong(esc(self.banner))}</p>")
        if self.moved:
            out.append(f"<p class='moved'><b>Moved after a decision</b>: {esc(self.moved)}</p>")
        if self.verdict is not None:
            colour = decision_colour(self.decision, "#57606a")
            out.append(
                f"<p class='verdict'><span class='badge' style='background:{colour}'>"
                f"{esc(self.decision)}</span> {esc(self.verdict)}</p><dl class='facts'>"
            )
            out += [
                f"<dt>{esc(_plain(k))}</dt><dd>{_strong(esc(v))}</dd>"
                for k, v in self.facts
                if k != VERDICT  # the badge and sentence above say it
            ]
            if self.report:
                out.append(f"<dt>Full report</dt><dd><code>{esc(self.report)}</code></dd>")
            out.append("</dl>")
        if self.funnel:
            data = base64.b64encode(self.funnel).decode("ascii")
            out.append(
                "<figure><img alt='the estimate and its interval at every rerun' "
                f"src='data:image/png;base64,{data}'><figcaption>Each rerun's change with its "
                "interval: it narrows as posts accumulate; the star marks the rerun that "
                "decided.</figcaption></figure>"
            )
        if self.history:
            cells = "".join(f"<th>{esc(h)}</th>" for h in HISTORY_HEADER)
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                for row in self.history
            )
            out.append(
                f"<div class='scroll'><table class='looks'><thead><tr>{cells}</tr></thead>"
                f"<tbody>{rows}</tbody></table></div>"
            )
        out.append("</section>")
        return "".join(out)


def esc(text) -> str:
    return html.escape(str(text))


def _plain(label: str) -> str:
    return label.replace("**", "")


def _strong(text: str) -> str:
    """Markdown's **bold** as HTML, so both drawings share one text."""
    parts = text.split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts)).replace(
        NOT_WRITTEN, "<i>not written yet by the owner</i>"
    )


def interval_words(low, high) -> str:
    return f"{display.whole_percent(low, NA)} to {display.whole_percent(high, NA)}"


def section(record: Record, entry: Entry, links: dict[str, str], children, funnel=True) -> Section:
    """Everything the record says about ``entry``, once."""
    result = entry.payload
    banner = (
        f"**{entry.status.upper()}**: {entry.reason}"
        if entry.status in ("stale", "failed")
        else None
    )
    looks = record.looks(entry.id)
    out = Section(
        entry.id,
        result.design.title if result else entry.id,
        banner,
        moved=moved_after_decision(looks),
        report=entry.html,
        link=links.get(entry.id),
    )
    out.history = [_look_row(look) for look in reversed(looks)]
    if funnel and looks:
        out.funnel = _png(funnel_figure(looks, decided_look(looks)))
    if result is None:
        return out
    out.decision = result.verdict_word()
    out.verdict = result.verdict.summary + (f" {result.caveat()}." if result.caveat() else "")
    out.facts = _facts(entry, result, children)
    return out


def _facts(entry: Entry, result: Result, children) -> list[tuple[str, str]]:
    """What a meeting needs first (effect, posts, values, learning, next step), then the design."""
    design = result.design
    facts = []
    primary = result.primary()
    if primary:
        low, high = primary.bounds()
        kind = interval_kind(bool(primary.rel_seq))
        facts.append(
            (
                "**Effect**",
                f"{display.whole_percent(primary.rel_effect, NA)} "
                f"{metric_label(primary.metric)} ({kind} {interval_words(low, high)})",
            )
        )
    facts.append(("**Posts per arm**", ", ".join(f"{a.name} {a.posts:,}" for a in result.arms)))
    if primary:
        facts.append(
            (
                f"**{metric_label(primary.metric).capitalize()}** (primary metric)",
                f"{primary.control} {value_text(primary.metric, primary.control_value, NA)}, "
                f"{primary.treatment} {value_text(primary.metric, primary.treatment_value, NA)}",
            )
        )
    facts.append((VERDICT, f"**{result.decision_words()}**: {result.verdict.summary}"))
    if result.accounts is not None:
        facts.append(("**By account**", result.accounts.verdict_note))
    return facts + [
        ("**Learning**", design.learning or NOT_WRITTEN),
        ("**Next step**", design.next_step or NOT_WRITTEN),
        (
            "**Status**",
            f"{design.status or NA} · owner: {design.owner or NA} · {_freshness(entry)}",
        ),
        ("**Hypothesis**", design.hypothesis),
        ("**Design**", _design_line(design)),
        (
            "**Parent**",
            f"{design.parent or 'none'} · **Follow-ups**: "
            f"{', '.join(children.get(entry.id, [])) or 'none'}",
        ),
    ]


def _freshness(entry: Entry) -> str:
    """Where the result shown comes from, in words."""
    if entry.status == "reused":
        return f"result unchanged since the rerun of {entry.ran_at or NA}"
    if entry.status == "stale":
        return f"last good result, from the rerun of {entry.ran_at or NA}"
    return f"result from the rerun of {entry.ran_at or NA}"


def _look_row(look: Look) -> tuple[str, ...]:
    if look.failed:
        return (look.at, "-", "-", "-", f"failed: {look.reason or 'no reason given'}")
    return (
        look.at,
        f"{look.posts:,}",
        display.whole_percent(look.effect, NA),
        interval_words(look.low, look.high),
        look.verdict_word or NA,
    )


def _design_line(design: Design) -> str:
    kind = "randomised (posting schedule)" if design.randomised else "observational (team's choice)"
    return (
        f"{kind}; control {design.control or NA}, "
        f"treatment {', '.join(design.treatments) or NA}; "
        f"platforms {', '.join(design.platforms) or 'all'}; "
        f"accounts {', '.join(design.accounts) or 'all'}; "
        f"period {design.period_start or 'open'} to {design.period_end or 'open'}; "
        f"assigned {design.assignment or 'as the file says'}"
    )


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def activity_tiles(record: Record) -> list[dict]:
    """The summary strip's tiles: each account's latest month, the month before in brackets."""
    tiles = []
    for row in record.extras.get("activity") or []:
        rate, was = row["engagement_rate"], row["previous_engagement_rate"]
        tiles.append(
            {
                "title": f"{_platform(row['platform'])} · {row['account']}",
                "period": f"{_month_name(row['month'])} ({_month_name(row['previous_month'])})",
                "lines": [
                    f"{row['posts']:,} posts ({row['previous_posts']:,})",
                    f"{row['impressions']:,} impressions "
                    f"({_change(row['impressions'], row['previous_impressions'])})",
                    f"{display.percent(rate, signed=False, missing=NA)} engagement rate "
                    f"({display.percent(was, signed=False, missing=NA)})",
                ],
            }
        )
    return tiles


def strip_heading(tiles: list[dict]) -> str:
    """One heading for the strip; the months in it when every account shares them."""
    periods = {tile["period"] for tile in tiles}
    if len(periods) == 1:
        latest, before = periods.pop().rstrip(")").split(" (")
        return f"How the accounts are doing: {latest}, with {before} in brackets"
    return "How the accounts are doing: each account's latest month, the month before in brackets"


def _change(now, before) -> str:
    if not before:
        return "none the month before"
    return f"{display.whole_percent(now / before - 1)} on {before:,}"


def _month_name(period: str) -> str:
    return pd.Period(period, freq="M").strftime("%b %Y")


def _platform(name: str) -> str:
    return {"x": "X", "facebook": "Facebook", "instagram": "Instagram", "youtube": "YouTube"}.get(
        name, name
    )


def render_markdown(record: Record, links: dict[str, str]) -> str:
    """RECORD.md: the summary strip, then a section per experiment, newest first."""
    out = [
        "# Analyse-and-improve record",
        "",
        "What was tried, what happened, what was decided, what to try next. "
        "Rebuilt by `postlab rerun`; newest experiment first.",
        "",
    ]
    if record.data_dir:
        out += [f"Data folder: `{record.data_dir}`.", ""]
    tiles = activity_tiles(record)
    if tiles:
        out += [f"## {strip_heading(tiles)}", ""]
        out += [f"- **{t['title']}**: {'; '.join(t['lines'])}" for t in tiles]
        out.append("")
    if "explore_engagement" in links:
        out += [f"History of all posts: [explore report]({links['explore_engagement']})", ""]
    out += [
        "Every effect at a glance: [forest.png](forest.png); across reruns: "
        "[history.png](history.png).",
        "",
    ]
    children = record.follow_ups()
    for entry in record.ordered():
        out += section(record, entry, links, children, funnel=False).markdown()
    return "\n".join(out).rstrip() + "\n"


def render_html(record: Record, figures: dict[str, bytes] | None = None) -> str:
    """index.html: the record for a meeting, one self-contained file."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>postlab record</title><style>{stylesheet()}{RECORD_CSS}</style></head>",
        "<body><main><h1>Analyse-and-improve record</h1>",
        "<p>What was tried, what happened, what was decided, what to try next.</p>",
    ]
    if record.data_dir:
        parts.append(f"<p>Data folder: <code>{esc(record.data_dir)}</code></p>")
    tiles = activity_tiles(record)
    if tiles:
        shared = len({tile["period"] for tile in tiles}) == 1
        parts.append(f"<h2>{esc(strip_heading(tiles))}</h2><div class='strip'>")
        for tile in tiles:
            lines = "".join(f"<p>{esc(line)}</p>" for line in tile["lines"])
            period = "" if shared else f"<p><i>{esc(tile['period'])}</i></p>"
            parts.append(f"<div class='tile'><h3>{esc(tile['title'])}</h3>{period}{lines}</div>")
        parts.append("</div>")
    explore = (record.extras.get("explore_engagement") or {}).get("html")
    if explore:
        parts.append(
            "<p>The history of all posts (best times, top posts, ideas to test) is in the "
            f"explore report, <code>{esc(explore)}</code>.</p>"
        )
    figures = figures or overview_figures(record)
    for name, heading, caption in OVERVIEW:
        data = base64.b64encode(figures[name]).decode("ascii")
        parts.append(
            f"<h2>{esc(heading)}</h2><figure><img alt='{esc(heading)}' "
            f"src='data:image/png;base64,{data}'><figcaption>{esc(caption)}</figcaption></figure>"
        )
    children = record.follow_ups()
    for entry in record.ordered():
        parts.append(section(record, entry, {}, children).html())
    parts.append("</main></body></html>")
    return "\n".join(parts)
