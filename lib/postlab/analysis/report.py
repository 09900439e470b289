"""The report's sections in words: the answer first, then why, then the details.

Markdown and the headline for the analysis notebook; every phrase a
verdict, an arm, a duration or a number needs comes from ``postlab.words``,
so the report says what the record, the rerun table and the page say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from postlab import display as shown
from postlab.analysis.tables import post_urls
from postlab.markup import html_text, md_link, md_text
from postlab.payload import Result
from postlab.words import (
    accounts_verdict,
    arm_posts,
    interval_kind,
    metric_label,
    next_step_words,
    platform_name,
    plural,
    sentence,
    value_text,
)

if TYPE_CHECKING:
    from postlab.analysis.compute import Analysis


def design_markdown(experiment, selection) -> str:
    """The design in plain words, with the observational caveat where it applies."""
    period = experiment.period
    lines = [
        "### The experiment as its file describes it",
        "",
        f"**Hypothesis.** {md_text(experiment.hypothesis.strip())}",
        "",
        f"**Arms.** control *{md_text(experiment.control)}*; treatment "
        + ", ".join(f"*{md_text(arm)}*" for arm in experiment.treatments)
        + f". Posts are assigned {md_text(experiment.assignment.describe())}.",
        "",
        f"**Scope.** Posts on {md_text(', '.join(map(platform_name, experiment.platforms)) or 'every platform')} by "
        f"{md_text(', '.join(experiment.accounts) or 'every account')}, "
        f"published from {md_text(period.start or 'the first post')} to "
        f"{md_text(period.end or 'the last export')}, "
        f"at least {_hours(experiment.min_post_age)} old when exported.",
        "",
        f"**Measures.** main: {metric_label(experiment.primary_metric)}"
        + (
            f"; also {', '.join(map(metric_label, experiment.secondary_metrics))}"
            if experiment.secondary_metrics
            else ""
        )
        + (
            f". Smallest effect worth acting on: {100 * experiment.mde:g} %"
            if experiment.mde
            else ". No smallest effect worth acting on is set"
        )
        + "; a change counts as "
        f"clear when chance alone would give it less than {100 * experiment.alpha:g} % of the time.",
    ]
    if "team" in selection.posts.columns:
        teams = sorted(selection.posts["team"].unique())
        lines += [
            "",
            f"**Force-wide.** Run by {len(teams)} teams at once ({', '.join(teams)}), each "
            "on its own accounts and schedule; decided on their pooled posts, compared within "
            "accounts, with each borough's own estimate below.",
        ]
    if selection.randomised:
        lines += ["", "**Design: randomised.** Posts followed a random, balanced posting schedule."]
    else:
        lines += [
            "",
            "**Design: observational.** The arms were not assigned at random, so timing, "
            "account or topic may explain part of any difference: see how the arms differ below.",
        ]
    return "\n".join(lines)


def _hours(delta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} hours"


def plan_markdown(selection) -> str:
    """Whether posts followed the randomised schedule: off-plan posts weaken the design."""
    if not selection.randomised:
        return (
            "No posting schedule: the team chose each post's style, so there is no plan to "
            "check posts against."
        )
    deviations = selection.deviations
    if deviations.empty:
        return "Every post in the period followed the posting schedule."
    counts = deviations["issue"].value_counts(sort=False).sort_index()
    items = "\n".join(f"- {md_text(issue)}: {n}" for issue, n in counts.items())
    return (
        f"**{len(deviations)} departures from the posting schedule.** Posts off the plan are "
        f"left out of the comparison; if there are many, the randomisation is weakened.\n\n{items}"
    )


def split_markdown(experiment, comparison) -> str:
    """The planned split against the posts per arm, in words (no test name, no p-value)."""
    if not experiment.split or comparison.srm.expected is None:
        return "No split was planned (the team chose each post's style), so none is checked."
    srm = comparison.srm
    arms = " and ".join(
        f"{md_text(name)} {count:,} (about {round(srm.expected[name]):,} planned)"
        for name, count in srm.observed.items()
    )
    if srm.mismatch:
        return (
            f"**The arms' sizes do not match the plan**: {arms}. A gap this size happens by "
            f"chance {_chance_words(srm.p_value)}: check how posts were assigned before "
            "trusting the result."
        )
    return f"The arms' sizes match the plan: {arms}."


def _chance_words(p: float) -> str:
    return "in under 0.1 % of experiments" if p < 0.001 else f"in {shown.readable(100 * p)} %"


BALANCE_GAP_POINTS = 10  # a gap of this many points in any trait is worth a second look


def balance_caption(table: pd.DataFrame) -> str:
    """The largest imbalance between the arms, in one plain sentence."""
    if table.empty:
        return "No posts to compare."
    worst = table.loc[table["largest gap (points)"].idxmax()]
    gap = worst["largest gap (points)"]
    verdict = (
        "the arms were posted at similar times and on similar accounts"
        if gap < BALANCE_GAP_POINTS
        else "the arms differ in when or where they were posted, which may explain part "
        "of any difference"
    )
    return (
        f"The largest gap between the arms is {gap:g} percentage points "
        f"({md_text(worst['dimension'])} {md_text(worst['value'])}): {verdict}."
    )


def owner_markdown(experiment) -> str:
    """What the owner wrote after reading the result (the file's ``decision:``)."""
    decision = experiment.decision
    if not decision:
        return "*The owner has not yet written a learning and next step (`decision:`).*"
    lines = ["From the experiment file:", ""]
    lines += [f"- Learning: {md_text(decision.learning)}"] if decision.learning else []
    lines += [f"- Next step: {md_text(decision.next_step)}"] if decision.next_step else []
    return "\n".join(lines)


def _summary(verdict) -> str:
    """The verdict's sentence without repeating the decision it follows ("Check the data:")."""
    prefix = f"{verdict.decision}: "
    text = verdict.summary
    return text[len(prefix) :] if text.lower().startswith(prefix) else text


@dataclass
class Headline:
    """The first screen of a report: question, verdict, effect, posts, caveat, next step.

    Prints as plain text (what nbval compares) and as HTML in the report.
    """

    question: str
    hypothesis: str
    decision: str
    verdict: str
    effect: str
    posts: str
    caveat: str | None
    next_step: str
    accounts: str | None = None  # the verdict qualified by how many accounts agree

    def rows(self) -> list[tuple[str, str]]:
        rows = [("Effect", self.effect), ("Posts", self.posts)]
        rows += [("By account", self.accounts)] if self.accounts else []
        rows += [("Design", self.caveat)] if self.caveat else []
        return rows + [("Next step", self.next_step)]

    def __repr__(self) -> str:
        lines = [self.question, self.hypothesis, f"{self.decision}: {self.verdict}"]
        return "\n".join(lines + [f"{label}: {text}" for label, text in self.rows()])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<p><b>{html_text(label)}:</b> {html_text(text)}</p>" for label, text in self.rows()
        )
        return (
            f"<div class='postlab-headline'><h1>{html_text(self.question)}</h1>"
            f"<p><i>{html_text(self.hypothesis)}</i></p>"
            f"<p class='verdict'><b>{html_text(self.decision.capitalize())}.</b> "
            f"{html_text(self.verdict)}</p>{rows}</div>"
        )


def headline(analysed: Analysis, accounts=None) -> Headline:
    """The answer first, in words for people; ``accounts`` (``account_effects``) qualifies it."""
    experiment, comparison = analysed.experiment, analysed.comparison
    result = Result.from_analysis(experiment, analysed.selection, comparison)
    verdict, primary = comparison.verdict, comparison.result()
    low, high = result.primary().bounds()  # the confidence sequence when compare gives one
    kind = interval_kind(bool(result.primary().rel_seq))
    label = (
        f"{primary.label} of the typical post"
        if primary.effect == "typical-post"
        else primary.label
    )
    effect = (
        f"{shown.whole_percent(primary.rel_effect)} {label} for {arm_posts(primary.treatment)} "
        f"against {arm_posts(primary.control)} ({kind} {shown.whole_percent(low)} to "
        f"{shown.whole_percent(high)}): {primary.treatment} "
        f"{value_text(primary.metric, primary.treatment_arm.value)}, {primary.control} "
        f"{value_text(primary.metric, primary.control_arm.value)}"
    )
    counts = analysed.selection.counts()
    posts = " · ".join(f"{arm} {int(n):,} posts" for arm, n in counts.items())
    caveats = (
        []
        if analysed.selection.randomised
        else [result.caveat() or "The team chose each post's style (no random posting schedule)"]
    )
    caveats += experiment.metric_caveats()  # under the verdict, not only in the details
    caveat = " ".join(sentence(text) for text in caveats) or None
    return Headline(
        question=experiment.title,
        hypothesis=" ".join(experiment.hypothesis.split()),
        decision=result.verdict_word(),
        verdict=_summary(verdict),
        effect=effect,
        posts=posts,
        caveat=caveat,
        next_step=_next_step(experiment, verdict),
        accounts=accounts_verdict(verdict, accounts) if accounts is not None else None,
    )


def _next_step(experiment, verdict) -> str:
    written = experiment.decision.next_step if experiment.decision else ""
    return next_step_words(
        written,
        verdict.decision,
        verdict.arm,
        verdict.posts_per_arm or verdict.posts_needed,
        verdict.weeks_needed,
        verdict.posts_in_all,
    )


@dataclass
class Folded:
    """A short summary with the full listing folded away (HTML ``<details>``)."""

    summary: str
    title: str
    body_text: str
    body_html: str

    def __repr__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        return (
            f"<p>{html_text(self.summary)}</p><details><summary>{html_text(self.title)}"
            f"</summary>{self.body_html}</details>"
        )


def load_summary(load_report) -> Folded:
    """What the load read, in one sentence; every file in the folded listing."""
    dropped = sum(load_report.dropped.values())
    young = "post was" if load_report.young == 1 else "posts were"
    summary = (
        f"{plural(len(load_report.files), 'export file')} read"
        + (f" ({len(load_report.skipped):,} skipped)" if load_report.skipped else "")
        + f": {plural(load_report.rows_read, 'row')}, {plural(load_report.posts, 'post')} after "
        f"{load_report.merged:,} repeated rows of the same post were merged"
        + (f" and {dropped:,} unusable rows left out" if dropped else "")
        + f"; {load_report.young:,} {young} under {load_report.young_hours:g} hours old "
        "when exported."
    )
    return Folded(
        summary=summary,
        title=f"Every file read ({len(load_report.files):,})",
        body_text=str(load_report),
        body_html=load_report._repr_html_(),
    )


def caveats_markdown(analysed: Analysis) -> str:
    """The verdict's caveats as bullets, each post id linked to the post, and any metric the
    assignment column biases on the experiment's platforms."""
    urls = post_urls(analysed.selection.posts)
    lines = [
        _linked_caveat(line.removeprefix("- "), urls) for line in analysed.comparison.caveats()
    ]
    lines += [f"- Warning: {md_text(text)}" for text in analysed.experiment.metric_caveats()]
    return "\n".join(lines) if lines else "Nothing else to flag: no single post drives the result."


def _linked_caveat(line: str, urls: dict[str, str]) -> str:
    """One caveat as a Markdown bullet, escaped, each post id linked to its post."""
    pieces, last = [], 0
    for match in re.finditer(r"post (\S+) \(", line):
        pieces += [md_text(line[last : match.start(1)]), md_link(match[1], urls.get(match[1]))]
        last = match.end(1)
    return "- " + "".join([*pieces, md_text(line[last:])])


GLOSSARY = """\
## Words used in this report

- **95 % interval**: the range of changes that fit the data; the true change lies in it
  19 times out of 20. A narrow interval is a firm result.
- **Interval valid at every look** ("any look" in the tables): an interval that stays
  honest however often the team reruns the analysis as posts come in (a confidence
  sequence); it is wider than a one-look one.
- **Chance alone**: how often a change at least this large would appear if the two styles
  did equally well, allowing for the several measures looked at. Under 5 % is "unlikely".
- **Main measure**: the one measure the experiment file named before the data came in; the
  verdict rests on it, the others are context.
- **Observational**: the team chose which posts got which style, so the arms may differ in
  other ways (day, hour, topic); *randomised* means a random posting schedule decided.
- **Leave-one-out check**: each post is left out in turn; a post whose absence changes the
  result is shown, so a single viral post cannot decide silently.
- **Typical post**: the median post, which one very popular post cannot move.
- **Smallest effect worth acting on**: the change the team said would matter (the file's
  `mde`); a whole interval inside it means *no meaningful difference*.
"""


def accounts_markdown(verdict, accounts) -> str:
    """The per-account section: pooled effect, heterogeneity, prediction, verdict by account."""
    lines = [f"**{md_text(accounts_verdict(verdict, accounts))}**", "", md_text(accounts.summary())]
    if accounts.pooled is not None:
        p = accounts.pooled
        method = f"{p.method} tau²" + (
            ", Knapp-Hartung interval (ad hoc floor)" if p.hartung_knapp else ""
        )
        lines += ["", f"*Random-effects model over {p.k} {accounts.unit}s ({method}).*"]
    lines += [
        f"- left out: {md_text(name)} ({md_text(why)})" for name, why in accounts.left_out.items()
    ]
    return "\n".join(lines)
