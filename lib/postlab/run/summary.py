"""One page across teams: every team's experiments and verdicts, pooled where they share a test.

Where several team workspaces (``teams/<team>/``) live in one checkout, a central
team wants every borough's experiments side by side, and one borough's result
should inform the others. Experiments that share an id, or a hypothesis tag
(``tags:`` in the experiment file), are pooled across teams on their primary
metric with the same random-effects model as accounts within an experiment
(``postlab.stats.pooled``): the pooled change, how much teams differ, and what
a borough like these can expect. Each team's effect enters as its log ratio,
with the standard error read back from its interval (symmetric on that scale).
The page reads only the teams' records, so it holds no post text.
"""

from __future__ import annotations

import base64
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from scipy import stats as scipy_stats

from postlab import display
from postlab import record as rec
from postlab.config import load_settings
from postlab.exceptions import PostlabError
from postlab.experiment import force
from postlab.files import write_text_atomically
from postlab.markup import html_text as esc
from postlab.markup import keep_units, md_text
from postlab.project import TEAMS_FOLDER, team_names
from postlab.stats.metrics import METRICS
from postlab.stats.pooled import AccountEffect, ByAccount, account_verdict, random_effects

SUMMARY_FOLDER = "summary"  # at the checkout's root, beside teams/
MARKDOWN_FILE = "SUMMARY.md"
HTML_FILE = "index.html"


@dataclass(frozen=True)
class TeamExperiment:
    """One team's experiment as its record holds it (``result`` None: it never ran well)."""

    team: str
    id: str
    status: str
    result: object = None  # postlab.payload.Result
    reason: str | None = None
    report: str | None = None  # the team's HTML report, relative to the summary page
    force_teams: int = 0  # a force workspace's experiment: the teams whose posts it pools

    @property
    def who(self) -> str:
        """The team, or the force workspace with its number of teams."""
        return f"{self.team} ({self.force_teams} teams)" if self.force_teams else self.team

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.result.design.tags) if self.result else ()

    @property
    def decision(self) -> str:
        return self.result.verdict_word() if self.result else "failed"

    def effect(self):
        return self.result.primary() if self.result else None


@dataclass
class SharedGroup:
    """Experiments of several teams that test the same thing, pooled across teams."""

    key: str  # "id humour-vs-serious-x" or "tag humour-x"
    members: list[TeamExperiment]
    pooled: ByAccount | None = None  # the teams as the "accounts" of the pooled model
    left_out: dict[str, str] = field(default_factory=dict)

    def sentence(self) -> str:
        if self.pooled is None or self.pooled.pooled is None:
            return "Fewer than two teams have a result to pool yet."
        return _teams(self.pooled.summary())


@dataclass
class Summary:
    teams: list[str]
    experiments: list[TeamExperiment]
    groups: list[SharedGroup]

    def table(self) -> pd.DataFrame:
        """One row per team and experiment: status, verdict, primary effect and interval."""
        rows = []
        for item in self.experiments:
            effect = item.effect()
            rows.append(
                {
                    "team": item.who,
                    "experiment": item.id,
                    "tags": ", ".join(item.tags),
                    "status": item.status,
                    "verdict": item.decision,
                    "effect": _change(effect),
                    "interval": _interval(effect),
                    "posts": f"{item.result.posts():,}" if item.result else "-",
                }
            )
        return pd.DataFrame(rows, columns=_COLUMNS)

    def force_wide(self) -> list[str]:
        """The force workspaces' verdicts, one sentence each."""
        return [
            f"{item.id} ({item.team}, over {item.force_teams} teams): {item.decision}, "
            f"{_change(item.effect())} ({_interval(item.effect())}); each borough's estimate "
            "is in its report"
            for item in self.experiments
            if item.force_teams
        ]

    def to_markdown(self) -> str:
        lines = [
            "# Experiments across teams",
            "",
            f"{len(self.experiments)} experiments of {len(self.teams)} teams "
            f"({md_text(', '.join(self.teams) or 'none')}); {len(self.groups)} shared between "
            "teams.",
            "",
            "## Every team's experiments",
            "",
            _markdown_table(self.table()),
        ]
        for item in self.experiments:
            if item.result is None:
                name, reason = md_text(f"{item.team} / {item.id}"), md_text(item.reason or "-")
                lines += ["", f"- **{name}** failed: {reason}"]
        force_wide = self.force_wide()
        if force_wide:
            lines += ["", "## Force-wide experiments", ""]
            lines += [f"- {md_text(sentence)}" for sentence in force_wide]
        lines += ["", "## Pooled across teams"]
        if not self.groups:
            lines += ["", "No experiment id or tag is shared by two teams yet."]
        for group in self.groups:
            lines += ["", f"### {md_text(group.key)}", "", md_text(group.sentence()), ""]
            if group.pooled is not None:
                lines.append(_markdown_table(_team_table(group.pooled)))
            lines += [
                f"- left out: {md_text(name)} ({md_text(why)})"
                for name, why in group.left_out.items()
            ]
        return "\n".join(lines).rstrip() + "\n"

    def to_html(self) -> str:
        from postlab.htmlexport import stylesheet

        parts = [
            "<h1>Experiments across teams</h1>",
            f"<p>{len(self.experiments)} experiments of {len(self.teams)} teams "
            f"({esc(', '.join(self.teams) or 'none')}); {len(self.groups)} shared between "
            "teams.</p>",
            "<h2>Every team's experiments</h2>",
            _html_table(self.table(), links=[item.report for item in self.experiments]),
        ]
        failed = [i for i in self.experiments if i.result is None]
        if failed:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><b>{esc(i.team)} / {esc(i.id)}</b> failed: {esc(i.reason or '-')}</li>"
                    for i in failed
                )
                + "</ul>"
            )
        force_wide = self.force_wide()
        if force_wide:
            parts.append("<h2>Force-wide experiments</h2>")
            parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in force_wide) + "</ul>")
        parts.append("<h2>Pooled across teams</h2>")
        if not self.groups:
            parts.append("<p>No experiment id or tag is shared by two teams yet.</p>")
        for group in self.groups:
            parts += [f"<h3>{esc(group.key)}</h3>", f"<p>{esc(group.sentence())}</p>"]
            if group.pooled is not None:
                parts.append(_html_table(_team_table(group.pooled)))
                if group.pooled.pooled is not None:
                    parts.append(_figure_tag(group.pooled))
            parts += [f"<p>left out: {esc(n)} ({esc(w)})</p>" for n, w in group.left_out.items()]
        body = keep_units("\n".join(parts))
        return (
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Experiments across teams</title><style>{stylesheet()}</style></head>"
            f"<body><main class='postlab-summary'>{body}</main></body></html>\n"
        )


_COLUMNS = ["team", "experiment", "tags", "status", "verdict", "effect", "interval", "posts"]


def build_summary(workbench: Path, out_dir: Path) -> Summary:
    """Read every team's record and pool the experiments they share."""
    teams = team_names(workbench)
    experiments = []
    for team in teams:
        root = workbench / TEAMS_FOLDER / team
        pooled = _pooled_teams(root)
        record = rec.read_record(root / "record")
        for entry in sorted(record.entries.values(), key=lambda e: e.id):
            report = root / "runs" / f"{entry.id}.html"
            experiments.append(
                TeamExperiment(
                    team=team,
                    id=entry.id,
                    status=entry.status,
                    result=entry.payload,
                    reason=entry.reason,
                    report=_relative(report, out_dir) if report.exists() else None,
                    force_teams=pooled,
                )
            )
    return Summary(teams, experiments, shared_groups(experiments))


def _pooled_teams(root: Path) -> int:
    """How many teams a force workspace's experiments pool (0: a team's own workspace)."""
    try:
        return len(force.members(root))
    except PostlabError:  # a team gone since: the page still shows the force's record
        return len(load_settings(root).teams)


def shared_groups(experiments: list[TeamExperiment]) -> list[SharedGroup]:
    """Experiments that share an id or a tag across at least two teams, each pooled."""
    keys: dict[str, list[TeamExperiment]] = {}
    for item in experiments:
        if item.force_teams:
            continue  # already pooled from the teams' posts: pooling it again counts twice
        for key in [f"id {item.id}", *(f"tag {tag}" for tag in item.tags)]:
            keys.setdefault(key, []).append(item)
    groups = []
    for key, members in sorted(keys.items()):
        if len({m.team for m in members}) >= 2:
            groups.append(pool(key, members))
    return groups


def pool(key: str, members: list[TeamExperiment]) -> SharedGroup:
    """Random-effects pooling of the teams' primary effects (on the metric most of them use)."""
    effects = {m.team + "/" + m.id: m.effect() for m in members}
    usable = {name: e for name, e in effects.items() if _poolable(e)}
    metrics = pd.Series([e.metric for e in usable.values()], dtype="string")
    metric = metrics.mode().iloc[0] if len(metrics) else None
    left_out = {name: "no result with an interval yet" for name in effects if name not in usable}
    left_out |= {n: f"measured on {e.metric}" for n, e in usable.items() if e.metric != metric}
    chosen = {n: e for n, e in usable.items() if e.metric == metric}
    group = SharedGroup(key, members, left_out=left_out)
    if not chosen:
        return group
    first = next(iter(chosen.values()))
    higher = METRICS[metric].higher_is_better if metric in METRICS else True
    rows = [_team_effect(name, e, _posts(members, name), higher) for name, e in chosen.items()]
    meta = None
    if len(rows) >= 2:
        meta = random_effects(
            [r.log_ratio for r in rows],
            [r.log_se**2 for r in rows],
            names=[r.account for r in rows],
        )
    group.pooled = ByAccount(
        metric=metric,
        label=metric.replace("_", " "),
        control=first.control,
        treatment=first.treatment,
        higher_is_better=higher,
        accounts=rows,
        pooled=meta,
    )
    return group


def _poolable(effect) -> bool:
    if effect is None or effect.rel_effect is None:
        return False
    low, high = effect.rel_ci
    return low is not None and high is not None and -1 < low < high


def _team_effect(name: str, effect, posts: tuple[int, int], higher: bool) -> AccountEffect:
    """A team's effect on the log scale, its standard error read back from the 95 % interval."""
    low, high = effect.rel_ci
    z = scipy_stats.norm.ppf(0.975)
    return AccountEffect(
        account=name,
        control_n=posts[0],
        treatment_n=posts[1],
        effect=effect.rel_effect,
        ci=(low, high),
        log_ratio=math.log1p(effect.rel_effect),
        log_se=(math.log1p(high) - math.log1p(low)) / (2 * z),
        verdict=account_verdict((low, high), higher),
    )


def _posts(members: list[TeamExperiment], name: str) -> tuple[int, int]:
    member = next(m for m in members if f"{m.team}/{m.id}" == name)
    effect = member.effect()
    return (
        member.result.posts_of(effect.control) or 0,
        member.result.posts_of(effect.treatment) or 0,
    )


def write_summary(workbench: Path, out_dir: Path | None = None) -> Summary:
    """Build the page and write ``SUMMARY.md`` and a self-contained ``index.html``."""
    out_dir = (out_dir or workbench / SUMMARY_FOLDER).resolve()
    summary = build_summary(workbench, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomically(out_dir / MARKDOWN_FILE, summary.to_markdown())
    write_text_atomically(out_dir / HTML_FILE, summary.to_html())
    return summary


def _teams(text: str) -> str:
    """The pooled model's sentences speak of accounts; here each unit is a team."""
    return text.replace(" accounts", " teams").replace("accounts'", "teams'")


def _team_table(pooled: ByAccount) -> pd.DataFrame:
    return pooled.table().rename(columns={"account": "team / experiment"})


def _change(effect) -> str:
    return display.percent(effect.rel_effect) if effect else "-"


def _interval(effect) -> str:
    if effect is None or None in effect.rel_ci:
        return "-"
    low, high = effect.rel_ci
    return f"{display.percent(low)} to {display.percent(high)}"


def _markdown_table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(map(md_text, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(map(md_text, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def _html_table(frame: pd.DataFrame, links: list[str | None] | None = None) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    body = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = [esc(v) for v in row]
        if links and links[i]:
            cells[1] = f"<a href='{esc(links[i])}'>{cells[1]}</a>"
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure_tag(pooled: ByAccount) -> str:
    """The forest plot by team, embedded: the page opens from the file system alone."""
    import matplotlib.pyplot as plt

    fig = pooled.figure()
    fig.axes[0].set_title(f"{pooled.label} by team")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    return (
        f"<img alt='forest plot of {esc(pooled.label)} by team' src='data:image/png;base64,{data}'>"
    )


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()
