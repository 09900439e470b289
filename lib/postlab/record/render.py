"""RECORD.md, index.html and the record's figures, all drawn from the same ``Record``.

index.html is for a Monday meeting: a summary strip per platform and account,
the forest plot, then one card per experiment (one printed page each). It is
one self-contained file: figures are embedded and reports are named by their
path as text, so the page still works when it is e-mailed or put on an intranet.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import pickle
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from postlab import display
from postlab.files import write_atomically
from postlab.fingerprint import library_digest
from postlab.htmlexport import label_cells, stylesheet
from postlab.markup import html_text, keep_units, md_code, md_file_link, md_text
from postlab.payload import Design, Result
from postlab.record.figures import (
    decision_colour,
    forest_figure,
    funnel_figure,
    history_figure,
)
from postlab.record.model import Entry, Look, Record, decided_look, moved_after_decision
from postlab.words import interval_kind, metric_label, platform_name, plural, value_text

NA = "n/a"
OWNER_DECIDED = ("concluded", "adopted", "rejected")  # statuses an owner sets after deciding
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
NOT_WRITTEN = "not written yet by the owner"
# The filter bar: the page's own script, no other (a saved page filters offline). Every
# element with data-filter is shown or hidden; experiments by account, platform, verdict
# and period (an open end passes), accounts' tiles by account and platform.
FILTER_SCRIPT = """(() => {
  const form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  const items = Array.from(document.querySelectorAll('[data-filter]'))
    .map(el => [el, JSON.parse(el.dataset.filter)]);
  const among = (wanted, list) => !wanted || !list || list.length === 0 || list.includes(wanted);
  function apply() {
    const f = Object.fromEntries(new FormData(form));
    let shown = 0, total = 0;
    for (const [el, d] of items) {
      let ok = among(f.account, d.accounts) && among(f.platform, d.platforms);
      if (d.kind === 'experiment') {
        ok = ok && (!f.verdict || d.verdict === f.verdict)
          && (!f.from || !d.end || d.end >= f.from) && (!f.to || !d.start || d.start <= f.to);
        if (el.tagName === 'SECTION') { total += 1; if (ok) shown += 1; }
      }
      el.hidden = !ok;
    }
    document.getElementById('shown').textContent =
      shown === total ? '' : `Showing ${shown} of ${total} experiments.`;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', () => setTimeout(apply));
})();"""
VERDICT = "Verdict"
RECORD_CSS = """
.lede .muted,.muted{color:var(--muted,#57606a);font-size:.9rem}
#decisions h2{margin-top:1rem}
.decided{border:1px solid var(--rule);border-left:6px solid #2ca02c;border-radius:6px;padding:.4rem .8rem;margin:.6rem 0}
.decided h3{margin:.2rem 0;font-size:1.05rem}.decided p{margin:.25rem 0}
ul.testing{padding-left:1.2rem}ul.testing li{margin:.3rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;border-top:1px solid var(--rule);margin-top:1.5rem}
.filters h2{flex-basis:100%;margin:.8rem 0 0}.filters label{display:flex;flex-direction:column;font-size:.9rem}
.filters select,.filters input,.filters button{font:inherit;font-size:1rem;min-height:2.2rem}
.filters p{flex-basis:100%;margin:0}
.strip{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem;margin:1rem 0}
.tile{border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem;background:var(--band)}
.tile h3{margin:0 0 .3rem;font-size:1rem}.tile p{margin:.1rem 0;font-size:.9rem}
.experiment{border:1px solid var(--rule);border-radius:8px;padding:.5rem 1rem 1rem;margin:1.5rem 0}
.experiment h2{border-top:0;margin-top:.5rem;padding-top:0}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;color:#fff;font-weight:600;white-space:nowrap}
.banner{background:#fff3cd;padding:.5rem .75rem;border-radius:4px}
.moved{background:#fde2e1;padding:.5rem .75rem;border-radius:4px}
.verdict{font-size:1.1rem}
dl.facts{margin:.5rem 0}dl.facts dt{font-weight:600;margin-top:.4rem}dl.facts dd{margin:0;overflow-wrap:break-word}
@media (min-width:40rem){dl.facts{display:grid;grid-template-columns:12rem 1fr;column-gap:1rem}dl.facts dd{margin-top:.4rem}}
table.looks td,table.looks th{white-space:nowrap}table.looks .when{white-space:nowrap}
.scroll{max-width:100%;overflow-x:auto}
picture,picture img,figure img{max-width:100%;height:auto}
[hidden]{display:none!important}
.print-only{display:none}
table.glance{width:100%;font-size:9pt}table.glance td,table.glance th{white-space:normal;vertical-align:top;text-align:left}
@page{size:A4;margin:12mm}
@media print{.print-only{display:table}.filters,section.experiment,section.overview,section.accounts,.no-print{display:none!important}
body{font-size:10pt}h1{font-size:16pt;margin:0 0 .2rem}h2{font-size:12pt;margin:.5rem 0 .2rem;border:0;padding:0}
.decided{break-inside:avoid;margin:.3rem 0;padding:.2rem .5rem}.decided h3{font-size:10.5pt}
.badge{color:#000;border:1px solid #555;background:none!important}a{color:inherit;text-decoration:none}}
"""


def write_views(
    record: Record, folder: Path, links: dict[str, str], figure_cache: Path | None = None
) -> None:
    """RECORD.md, the overview figures and index.html (which embeds every figure) into ``folder``.

    With ``figure_cache`` (a folder), a figure whose data did not change since the last
    record is read from there, not drawn again (``_figure_png``).
    """
    cache = _FigureCache(figure_cache, library_digest()) if figure_cache else None
    token = _FIGURE_CACHE.set(cache)
    try:
        (folder / "RECORD.md").write_text(render_markdown(record, links), encoding="utf-8")
        figures = overview_figures(record)
        for name, png in figures.items():
            if not name.endswith(".narrow"):
                (folder / name).write_bytes(png)
        (folder / "index.html").write_text(render_html(record, figures), encoding="utf-8")
    finally:
        _FIGURE_CACHE.reset(token)
    if cache is not None:
        cache.prune()


@dataclass
class _FigureCache:
    """PNGs by a digest of what was drawn: the drawing function, its data, the library and
    matplotlib. Drawing is most of the time a record takes, and a rerun of one experiment
    leaves every other experiment's figures as they were."""

    folder: Path
    library: str
    used: set[str] = field(default_factory=set)

    def key(self, draw, args, kwargs) -> str:
        import matplotlib

        drawn = (draw.__module__, draw.__qualname__, matplotlib.__version__, args, kwargs)
        found = hashlib.sha256(self.library.encode())
        found.update(pickle.dumps(drawn, protocol=5))
        return found.hexdigest()

    def png(self, draw, args, kwargs) -> bytes:
        name = f"{self.key(draw, args, kwargs)}.png"
        self.used.add(name)
        with contextlib.suppress(OSError):
            return (self.folder / name).read_bytes()
        png = _png(draw(*args, **kwargs))
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / name, lambda path: Path(path).write_bytes(png))
        return png

    def prune(self) -> None:
        """Only this record's figures stay: they are the ones the next rerun may reuse."""
        with contextlib.suppress(OSError):
            for old in self.folder.glob("*.png"):
                if old.name not in self.used:
                    with contextlib.suppress(OSError):
                        os.unlink(old)


_FIGURE_CACHE: ContextVar[_FigureCache | None] = ContextVar("postlab_figure_cache", default=None)


def _figure_png(draw, *args, **kwargs) -> bytes:
    """``draw(*args, **kwargs)`` as PNG bytes, from the figure cache when ``write_views`` has one."""
    cache = _FIGURE_CACHE.get()
    if cache is None:
        return _png(draw(*args, **kwargs))
    return cache.png(draw, args, kwargs)


def overview_figures(record: Record) -> dict[str, bytes]:
    """The forest plot and the history chart as PNGs, by file name, each with a narrow
    drawing for phones (``<name>.narrow``); no history chart before a second rerun."""
    titles = {e.id: e.payload.design.title for e in record.entries.values() if e.payload}
    summary, history = record.summary_table(), record.current_history()
    figures = {
        "forest.png": _figure_png(forest_figure, summary),
        "forest.png.narrow": _figure_png(forest_figure, summary, narrow=True),
    }
    if has_history(history):
        figures["history.png"] = _figure_png(history_figure, history, titles)
        figures["history.png.narrow"] = _figure_png(history_figure, history, titles, narrow=True)
    return figures


def has_history(history: pd.DataFrame) -> bool:
    """Whether any experiment has two reruns to join (one rerun is a row of dots)."""
    if history.empty:
        return False
    return bool(history.dropna(subset=["rel_effect"]).groupby("experiment").size().max() >= 2)


class Bold(str):
    """Words postlab itself emphasises; a value from a file is never one."""


class Missing(str):
    """What stands in for a value the owner has not written (in italics)."""


# a line of the record: its parts in order, each drawn as Markdown or HTML text
Text = tuple[str, ...]


def _drawn(parts: Text, escape, bold: str, missing: str) -> str:
    """``parts`` escaped one by one, postlab's emphasis around them by their kind."""
    return "".join(
        (bold if isinstance(p, Bold) else missing if isinstance(p, Missing) else "{}").format(
            escape(p)
        )
        for p in parts
    )


def md_line(parts: Text) -> str:
    """``parts`` as Markdown, every character of every value escaped."""
    return _drawn(parts, md_text, "**{}**", "_{}_")


def html_line(parts: Text) -> str:
    """``parts`` as HTML, every character of every value escaped."""
    return _drawn(parts, esc, "<b>{}</b>", "<i>{}</i>")


@dataclass
class Section:
    """One experiment as people read it; Markdown and HTML are two drawings of it."""

    id: str
    title: str
    banner: Text | None = None  # STALE / FAILED with the reason
    moved: str | None = None  # a decided experiment that later data moved
    decision: str | None = None
    verdict: str | None = None
    facts: list[tuple[str, Text]] = field(default_factory=list)
    history: list[tuple[str, ...]] = field(default_factory=list)
    report: str | None = None  # the report's path in the project, as text
    link: str | None = None  # relative link for RECORD.md (read beside runs/ in the repository)
    funnel: bytes | None = None
    funnel_narrow: bytes | None = None  # the same drawn for a phone
    owner_decided: bool = False  # the owner concluded it (status, or a learning written)
    scope: dict = field(default_factory=dict)  # accounts, platforms, period: what filters use

    def fact(self, label: str) -> Text:
        """A fact's parts by its label (a missing one reads "not written yet")."""
        return next((value for key, value in self.facts if key == label), (Missing(NOT_WRITTEN),))

    def decision_line(self) -> str:
        """The decision in one line for the top of RECORD.md: verdict, learning, next step."""
        return (
            f"**{md_text(self.title)}**: {md_text(self.decision or NA)}. "
            f"Learnt: {md_line(self.fact('Learning'))} Next: {md_line(self.fact('Next step'))}"
        )

    def markdown(self) -> list[str]:
        lines = [f"## {md_text(self.title)} ({md_code(self.id)})", ""]
        if self.banner:
            lines += [f"> {md_line(self.banner)}", ""]
        if self.moved:
            lines += [f"> **Moved after a decision**: {md_text(self.moved)}", ""]
        if self.verdict is None:
            return lines + ["No result yet.", *self._history_md()]
        lines += [f"- **{md_text(label)}**: {md_line(value)}" for label, value in self.facts]
        if self.link:
            lines.append(f"- **Report**: {md_file_link(self.id, self.link)}")
        return lines + self._history_md()

    def _history_md(self) -> list[str]:
        if not self.history:
            return [""]
        lines = ["", "| " + " | ".join(HISTORY_HEADER) + " |", "|---" * len(HISTORY_HEADER) + "|"]
        rows = ["| " + " | ".join(map(md_text, row)) + " |" for row in self.history]
        return lines + rows + [""]

    def html(self) -> str:
        out = [
            f"<section class='experiment' id='{esc(self.id)}' "
            f"data-filter='{esc(json.dumps(self.filter_data()))}'><h2>{esc(self.title)}</h2>"
        ]
        if self.banner:
            out.append(f"<p class='banner'>{html_line(self.banner)}</p>")
        if self.moved:
            out.append(f"<p class='moved'><b>Moved after a decision</b>: {esc(self.moved)}</p>")
        if self.verdict is not None:
            colour = decision_colour(self.decision, "#57606a")
            out.append(
                f"<p class='verdict'><span class='badge' style='background:{colour}'>"
                f"{esc(self.decision)}</span> {esc(self.verdict)}</p><dl class='facts'>"
            )
            out += [
                f"<dt>{esc(k)}</dt><dd>{html_line(v)}</dd>"
                for k, v in self.facts
                if k != VERDICT  # the badge and sentence above say it
            ]
            if self.report:
                out.append(f"<dt>Full report</dt><dd><code>{esc(self.report)}</code></dd>")
            out.append("</dl>")
        if self.funnel:
            picture = _picture(
                self.funnel, self.funnel_narrow, "the estimate and its interval at every rerun"
            )
            out.append(
                f"<figure>{picture}<figcaption>Each rerun's change with its "
                "interval: it narrows as posts accumulate; the star marks the rerun that "
                "decided.</figcaption></figure>"
            )
        if self.history:
            cells = "".join(f"<th>{esc(h)}</th>" for h in HISTORY_HEADER)
            rows = "".join(
                f"<tr><td><span class='when'>{esc(row[0])}</span></td>"
                + "".join(f"<td>{esc(c)}</td>" for c in row[1:])
                + "</tr>"
                for row in self.history
            )
            out.append(  # a phone stacks each rerun as a card of "column: value" lines
                label_cells(
                    f"<div class='scroll'><table class='looks'><thead><tr>{cells}</tr></thead>"
                    f"<tbody>{rows}</tbody></table></div>"
                )
            )
        out.append("</section>")
        return "".join(out)

    def filter_data(self) -> dict:
        return {"kind": "experiment", "verdict": self.decision or "no result", **self.scope}

    def decision_html(self) -> str:
        """The decision as a small card at the top of the page (a phone's first screen)."""
        colour = decision_colour(self.decision, "#57606a")
        effect = next((value for key, value in self.facts if key == "Effect"), None)
        return (
            f"<article class='decided' style='border-left-color:{colour}' "
            f"data-filter='{esc(json.dumps(self.filter_data()))}'>"
            f"<h3><a href='#{esc(self.id)}'>{esc(self.title)}</a></h3>"
            f"<p><span class='badge' style='background:{colour}'>{esc(self.decision or NA)}"
            "</span>"
            + (f" <span class='effect'>{html_line(effect)}</span>" if effect else "")
            + "</p>"
            f"<p><b>Learnt</b>: {html_line(self.fact('Learning'))}</p>"
            f"<p><b>Next</b>: {html_line(self.fact('Next step'))}</p>"
            "</article>"
        )

    def testing_html(self) -> str:
        """One line for an experiment still running, at the top of the page."""
        colour = decision_colour(self.decision, "#57606a")
        return (
            f"<li data-filter='{esc(json.dumps(self.filter_data()))}'>"
            f"<a href='#{esc(self.id)}'>{esc(self.title)}</a> "
            f"<span class='badge' style='background:{colour}'>{esc(self.decision or 'no result')}"
            "</span></li>"
        )

    def glance_row(self) -> str:
        """The one-page summary's row: what, verdict, effect, next step."""
        return (
            f"<tr><td>{esc(self.title)}</td><td>{esc(self.decision or 'no result')}</td>"
            f"<td>{html_line(next((v for k, v in self.facts if k == 'Effect'), (NA,)))}</td>"
            f"<td>{html_line(self.fact('Next step'))}</td></tr>"
        )


def _picture(wide: bytes, narrow: bytes | None, alt: str) -> str:
    """An embedded figure, drawn again for a phone when there is a narrow drawing."""
    src = f"data:image/png;base64,{base64.b64encode(wide).decode('ascii')}"
    if narrow is None:
        return f"<img alt='{esc(alt)}' src='{src}'>"
    small = f"data:image/png;base64,{base64.b64encode(narrow).decode('ascii')}"
    return (
        f"<picture><source media='(max-width: 40rem)' srcset='{small}'>"
        f"<img alt='{esc(alt)}' src='{src}'></picture>"
    )


esc = html_text


def interval_words(low, high) -> str:
    return f"{display.whole_percent(low, NA)} to {display.whole_percent(high, NA)}"


def section(record: Record, entry: Entry, links: dict[str, str], children, funnel=True) -> Section:
    """Everything the record says about ``entry``, once."""
    result = entry.payload
    banner = (
        (Bold(entry.status.upper()), f": {entry.reason}")
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
        out.funnel = _figure_png(funnel_figure, looks, decided_look(looks))
        out.funnel_narrow = _figure_png(funnel_figure, looks, decided_look(looks), narrow=True)
    if result is None:
        return out
    design = result.design
    out.owner_decided = design.status in OWNER_DECIDED or bool(design.learning.strip())
    out.scope = {
        "accounts": list(design.accounts),
        "platforms": list(design.platforms),
        "start": design.period_start or "",
        "end": design.period_end or "",
    }
    out.decision = result.verdict_word()
    out.verdict = result.verdict.summary + (f" {result.caveat()}." if result.caveat() else "")
    out.facts = _facts(entry, result, children)
    return out


def _facts(entry: Entry, result: Result, children) -> list[tuple[str, Text]]:
    """What a meeting needs first (effect, posts, values, learning, next step), then the design."""
    design = result.design
    facts = []
    primary = result.primary()
    if primary:
        low, high = primary.bounds()
        kind = interval_kind(bool(primary.rel_seq))
        facts.append(
            (
                "Effect",
                (
                    f"{display.whole_percent(primary.rel_effect, NA)} "
                    f"{metric_label(primary.metric)} ({kind} {interval_words(low, high)})",
                ),
            )
        )
    facts.append(("Posts per arm", (", ".join(f"{a.name} {a.posts:,}" for a in result.arms),)))
    if primary:
        facts.append(
            (
                f"{metric_label(primary.metric).capitalize()} (primary metric)",
                (
                    f"{primary.control} {value_text(primary.metric, primary.control_value, NA)}, "
                    f"{primary.treatment} "
                    f"{value_text(primary.metric, primary.treatment_value, NA)}",
                ),
            )
        )
    facts.append((VERDICT, (Bold(result.decision_words()), f": {result.verdict.summary}")))
    if result.accounts is not None:
        facts.append(("By account", (result.accounts.verdict_note,)))
    return facts + [
        ("Learning", (_written(design.learning),)),
        ("Next step", (_written(design.next_step),)),
        (
            "Status",
            (f"{design.status or NA} · owner: {design.owner or NA} · {_freshness(entry)}",),
        ),
        ("Hypothesis", (design.hypothesis,)),
        ("Design", (_design_line(design),)),
        (
            "Parent",
            (
                f"{design.parent or 'none'} · ",
                Bold("Follow-ups"),
                f": {', '.join(children.get(entry.id, [])) or 'none'}",
            ),
        ),
    ]


def _written(text: str | None) -> str:
    return text.strip() if text and text.strip() else Missing(NOT_WRITTEN)


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
        f"platforms {', '.join(map(platform_name, design.platforms)) or 'all'}; "
        f"accounts {', '.join(design.accounts) or 'all'}; "
        f"posts from {design.period_start or 'the first post'} to {design.period_end or 'the last export'}; "
        f"assigned {design.assignment or 'as the file says'}"
    )


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


NONE_BEFORE = "none the month before"


def activity_tiles(record: Record) -> list[dict]:
    """The summary strip's tiles: each account's latest month, the month before in brackets."""
    tiles = []
    for row in record.extras.get("activity") or []:
        rate, was = row["engagement_rate"], row["previous_engagement_rate"]
        tiles.append(
            {
                "title": f"{platform_name(row['platform'])} · {row['account']}",
                "account": row["account"],
                "platform": row["platform"],
                "period": f"{_month_name(row['month'])} ({_month_name(row['previous_month'])})",
                "lines": [
                    f"{plural(row['posts'], 'post')} ({_before(row['previous_posts'])})",
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


def _before(count: int) -> str:
    return f"{count:,}" if count else NONE_BEFORE


def _change(now, before) -> str:
    if not before:
        return NONE_BEFORE
    return f"{display.whole_percent(now / before - 1)} on {before:,}"


def _month_name(period: str) -> str:
    return pd.Period(period, freq="M").strftime("%b %Y")




def repairs(record: Record) -> list[str]:
    """What this rerun found damaged (a torn results.csv, a corrupt cache) and how it recovered."""
    return [str(note) for note in record.extras.get("repairs") or []]


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
        out += [f"Data folder: {md_code(record.data_dir)}.", ""]
    out += [f"> **Repaired:** {md_text(note)}" for note in repairs(record)]
    out += [""] if repairs(record) else []
    tiles = activity_tiles(record)
    if tiles:
        out += [f"## {strip_heading(tiles)}", ""]
        out += [f"- **{md_text(t['title'])}**: {md_text('; '.join(t['lines']))}" for t in tiles]
        out.append("")
    if "explore_engagement" in links:
        explore = md_file_link("explore report", links["explore_engagement"])
        out += [f"History of all posts: {explore}", ""]
    across = (
        "; across reruns: [history.png](history.png)"
        if has_history(record.current_history())
        else " (the chart of how estimates move starts at the second rerun)"
    )
    out += [f"Every effect at a glance: [forest.png](forest.png){across}.", ""]
    children = record.follow_ups()
    sections = [section(record, entry, links, children, funnel=False) for entry in record.ordered()]
    decided = [s for s in sections if s.owner_decided]
    if decided:
        out += ["## What we decided", ""]
        out += [f"- {line}" for s in decided for line in [s.decision_line()]]
        out.append("")
    for part in sections:
        out += part.markdown()
    return "\n".join(out).rstrip() + "\n"


def render_html(record: Record, figures: dict[str, bytes] | None = None) -> str:
    """index.html: the record for a meeting, one self-contained file.

    First what was decided and what is still being tested (a phone's first
    screen), then filters, each experiment's card, the overview figures and the
    accounts; printed, it is a one-page summary (``postlab brief``).
    """
    children = record.follow_ups()
    sections = [section(record, entry, {}, children) for entry in record.ordered()]
    decided = [s for s in sections if s.owner_decided]
    testing = [s for s in sections if not s.owner_decided]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>postlab record</title><style>{stylesheet()}{RECORD_CSS}</style></head>",
        "<body><main><h1>Analyse-and-improve record</h1>",
        "<p class='lede'>What was tried, what happened, what was decided, what to try next.",
    ]
    if record.data_dir:
        parts.append(
            f" <span class='muted'>Data folder: <code>{esc(record.data_dir)}</code>.</span>"
        )
    parts.append("</p>")
    parts += [f"<p class='banner'><b>Repaired:</b> {esc(note)}</p>" for note in repairs(record)]
    parts.append("<section id='decisions'><h2>What we decided</h2>")
    if decided:
        parts += [s.decision_html() for s in decided]
    else:
        parts.append(
            "<p>Nothing decided yet: an experiment's owner writes the learning and next step "
            "into its file once a verdict is in.</p>"
        )
    waiting = [s for s in testing if s.decision not in (None, "keep testing")]
    for heading, listed in (
        ("Verdict in, waiting for the team's decision", waiting),
        ("Still testing", [s for s in testing if s not in waiting]),
    ):
        if listed:
            parts.append(f"<h2>{heading}</h2><ul class='testing'>")
            parts += [s.testing_html() for s in listed]
            parts.append("</ul>")
    parts.append("</section>")
    parts.append(
        "<table class='glance print-only'><thead><tr><th>experiment</th><th>verdict</th>"
        "<th>effect</th><th>next step</th></tr></thead><tbody>"
        + "".join(s.glance_row() for s in sections)
        + "</tbody></table>"
    )
    tiles = activity_tiles(record)
    parts.append(_filters(sections, tiles))
    parts += [s.html() for s in sections]
    figures = figures or overview_figures(record)
    for name, heading, caption in OVERVIEW:
        parts.append(f"<section class='overview'><h2>{esc(heading)}</h2>")
        if name in figures:
            picture = _picture(figures[name], figures.get(f"{name}.narrow"), heading)
            parts.append(f"<figure>{picture}<figcaption>{esc(caption)}</figcaption></figure>")
        else:
            parts.append(
                "<p>This chart starts at the second rerun: with one rerun there is no "
                "movement to show yet.</p>"
            )
        parts.append("</section>")
    if tiles:
        shared = len({tile["period"] for tile in tiles}) == 1
        parts.append(
            f"<section class='accounts'><h2>{esc(strip_heading(tiles))}</h2><div class='strip'>"
        )
        for tile in tiles:
            lines = "".join(f"<p>{esc(line)}</p>" for line in tile["lines"])
            period = "" if shared else f"<p><i>{esc(tile['period'])}</i></p>"
            scope = {
                "kind": "account",
                "accounts": [tile["account"]],
                "platforms": [tile["platform"]],
            }
            parts.append(
                f"<div class='tile' data-filter='{esc(json.dumps(scope))}'>"
                f"<h3>{esc(tile['title'])}</h3>{period}{lines}</div>"
            )
        parts.append("</div></section>")
    explore = (record.extras.get("explore_engagement") or {}).get("html")
    if explore:
        parts.append(
            "<p class='no-print'>The history of all posts (best times, top posts, ideas to test) is in the "
            f"explore report, <code>{esc(explore)}</code>.</p>"
        )
    parts.append(f"</main><script>{FILTER_SCRIPT}</script></body></html>")
    return keep_units("\n".join(parts))


def _filters(sections: list[Section], tiles: list[dict]) -> str:
    """The filter bar (shown by the page's own script; hidden when printed or without it)."""
    accounts = sorted(
        {a for s in sections for a in s.scope.get("accounts", [])} | {t["account"] for t in tiles}
    )
    platforms = sorted(
        {p for s in sections for p in s.scope.get("platforms", [])} | {t["platform"] for t in tiles}
    )
    verdicts = sorted({s.decision or "no result" for s in sections})

    def choice(name: str, label: str, values: list[str], shown=lambda v: v) -> str:
        options = "".join(f"<option value='{esc(v)}'>{esc(shown(v))}</option>" for v in values)
        return (
            f"<label>{label}<select name='{name}'><option value=''>all</option>{options}"
            "</select></label>"
        )

    return (
        "<form id='filters' class='filters' hidden><h2>Filter</h2>"
        + choice("account", "Account", accounts)
        + choice("platform", "Platform", platforms, platform_name)
        + choice("verdict", "Verdict", verdicts)
        + "<label>From<input type='date' name='from'></label>"
        "<label>To<input type='date' name='to'></label>"
        "<button type='reset'>Show all</button><p id='shown' class='muted'></p></form>"
    )
