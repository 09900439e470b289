"""Run and read: one experiment's rerun, its verdict as a card, and links to the pages.

The rerun is ``postlab rerun``'s library function; the card reads the record
it wrote, with the record's own words (the verdict hedged when the team chose
the arms, the interval the verdict rests on, the next step of the report).
Every value from a file is escaped.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from postlab import display
from postlab.project import Project
from postlab.record import read_record
from postlab.run.rerun import RerunOptions, RerunSummary, rerun
from postlab.words import interval_kind, metric_label, next_step_words

NA = "n/a"


def rerun_one(
    project: Project, experiment_id: str, on_progress: Callable[[int, int], None]
) -> RerunSummary:
    """``postlab rerun <id> --no-explore`` inside ``project``, reporting each notebook done."""
    data = os.path.relpath(project.data_folder().resolve(), project.root)
    return rerun(
        RerunOptions(
            root=str(project.root),
            data_dir=data,
            experiments_dir=project.experiments_dir,
            runs_dir=project.runs_dir,
            record_dir=project.record_dir,
            names=(experiment_id,),
            workers=1,
            progress=False,
            explore=False,
            on_progress=on_progress,
        )
    )


@dataclass(frozen=True)
class Card:
    """What a meeting reads first about one experiment, as plain text (escaped when shown)."""

    id: str
    title: str
    verdict: str
    summary: str
    effect: str
    posts: str
    next_step: str
    status: str
    report: str | None  # the HTML report, relative to the workspace

    def html(self, link: Callable[[str], str]) -> str:
        """The card; ``link`` turns a workspace-relative path into the page's address."""
        e = html.escape
        report = (
            f'<a href="{e(link(self.report))}" target="_blank" rel="noopener">open the report</a>'
            if self.report
            else "no report yet"
        )
        return (
            f'<div class="postlab-card" data-experiment="{e(self.id)}">'
            f"<h3>{e(self.title)}</h3>"
            f'<p class="postlab-verdict"><b>{e(self.verdict)}</b>: {e(self.summary)}</p>'
            f"<p><b>Effect</b>: {e(self.effect)}</p>"
            f"<p><b>Posts per arm</b>: {e(self.posts)}</p>"
            f"<p><b>Next step</b>: {e(self.next_step)}</p>"
            f"<p><b>Status</b>: {e(self.status)} · {report}</p></div>"
        )


def cards(project: Project) -> list[Card]:
    """One card per experiment in the workspace's record, in the record's order."""
    record = read_record(project.record)
    return [card for entry in record.ordered() if (card := _card(entry, project))]


def _card(entry, project: Project) -> Card | None:
    result = entry.payload
    if result is None or entry.id.startswith("explore"):
        return None
    primary = result.primary()
    effect = NA
    if primary is not None:
        low, high = primary.bounds()
        effect = (
            f"{display.whole_percent(primary.rel_effect, NA)} {metric_label(primary.metric)} "
            f"({interval_kind(bool(primary.rel_seq))} "
            f"{display.whole_percent(low, NA)} to {display.whole_percent(high, NA)})"
        )
    verdict = result.comparison.get("verdict", {})
    caveat = result.caveat()
    report = project.runs / f"{entry.id}.html"
    return Card(
        id=entry.id,
        title=result.design.title,
        verdict=result.verdict_word(),
        summary=result.verdict.summary + (f" {caveat}." if caveat else ""),
        effect=effect,
        posts=", ".join(f"{a.name} {a.posts:,}" for a in result.arms),
        next_step=next_step_words(
            result.design.next_step,
            result.verdict.decision,
            result.verdict.arm,
            verdict.get("posts_per_arm") or verdict.get("posts_needed"),
            verdict.get("weeks_needed"),
            verdict.get("posts_in_all"),
        ),
        status=f"{result.design.status} ({entry.status} result)",
        report=project.relative(report) if report.exists() else None,
    )


def record_page(project: Project) -> Path | None:
    page = project.record / "index.html"
    return page if page.exists() else None
