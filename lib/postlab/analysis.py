"""What the analysis notebook shows and hands back to ``postlab rerun``.

The notebook stays a thin sequence of calls; the wording of the design, the
exclusions and the hand-over of the result live here, where tests cover them.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import pandas as pd

from postlab import display as shown
from postlab.exceptions import PostlabWarning
from postlab.explore.tables import Table
from postlab.markup import html_text, md_link, md_text, web_address
from postlab.payload import RESULT_MIME, Result
from postlab.privacy import preview
from postlab.project import DEFAULT_SEED, find_root, project_settings
from postlab.stats.result import _sides as arm_sides  # per arm: posts, per post, value, median
from postlab.words import interval_kind, metric_label, more_posts, plural, value_text


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
        f"**Scope.** Posts on {md_text(', '.join(experiment.platforms) or 'every platform')} by "
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


def scope_table(selection) -> pd.DataFrame:
    """Posts counted per arm and posts left out per reason: nothing dropped silently."""
    counted = selection.posts.groupby("arm", sort=True).size().rename("posts").reset_index()
    counted.insert(0, "what", "counted in arm")
    counted = counted.rename(columns={"arm": "detail"})
    excluded = selection.excluded.copy()
    excluded.columns = ["detail", "posts"]
    excluded.insert(0, "what", "left out")
    return pd.concat([counted, excluded], ignore_index=True)


def emit_result(experiment, selection, comparison, accounts=None) -> None:
    """Hand the result to ``postlab rerun`` as data (a custom MIME output), shown to nobody.

    The HTML alternative is a comment, so the report and JupyterLab show no machine line.
    ``accounts`` is ``account_effects(...)`` for an experiment over several accounts.
    """
    from IPython.display import display

    section = accounts_payload(comparison.verdict, accounts) if accounts is not None else None
    result = Result.from_analysis(experiment, selection, comparison, section)
    comment = f"<!-- postlab result of {html_text(experiment.id)}: data for postlab rerun -->"
    display({RESULT_MIME: result.to_dict(), "text/html": comment}, raw=True)


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


def balance_table(selection) -> pd.DataFrame:
    """Each arm's share of posts per weekday, hour block and account, in percent."""
    table = selection.balance()
    shares = [*selection.arms, "largest gap"]
    table[shares] = (100 * table[shares]).round(1)
    return table.rename(columns={"largest gap": "largest gap (points)"})


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


@dataclass
class Analysis:
    """One experiment analysed: its file, the posts loaded, those in scope and the comparison."""

    experiment: object
    posts: pd.DataFrame
    load_report: object
    selection: object
    comparison: object


def analyse(experiment_path, data_dir, *, alpha=None, seed=DEFAULT_SEED, method="auto") -> Analysis:
    """Load the data, assign posts to arms and compare them, as the notebook does.

    Loader warnings are not repeated as they arise: the load report lists them.
    Inside a project the posts table comes from ``postlab.loaders.cache``. In a force
    workspace (``teams:`` in its settings) ``data_dir`` is not read: the posts are the
    named teams' own, each team's in its arms by its own schedule (``experiment.force``).
    """
    from postlab.experiment import force, load_experiment, select_posts
    from postlab.stats import compare

    experiment = load_experiment(experiment_path)
    teams = force.members(find_root())
    if teams:
        selection, load_report = force.select_pooled(experiment, teams, project_settings())
        posts = selection.posts
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PostlabWarning)
            posts, load_report = _load(data_dir)
        selection = select_posts(experiment, posts, data_dir)
    sequential = getattr(experiment, "analysis", "sequential") != "fixed"
    comparison = compare(
        selection.posts,
        arm="arm",
        control=experiment.control,
        metrics=experiment.metrics,
        method=method,
        alpha=alpha or experiment.alpha,
        seed=seed,
        mde=experiment.mde,
        split=experiment.split,
        sequential=sequential,
        planned_posts=getattr(experiment, "planned_posts", None),
        cap=getattr(experiment, "cap", None),
        posts_per_week=selection.posts_per_week,
        **levers(experiment, selection.posts, posts, pooled=bool(teams)),
    )
    return Analysis(experiment, posts, load_report, selection, comparison)


def levers(
    experiment, selected: pd.DataFrame, posts: pd.DataFrame, *, pooled: bool = False
) -> dict:
    """``compare``'s options for the experiment file's effect, adjustment and spending.

    Adjustment uses every pre-posting covariate the posts carry, the
    accounts' earlier posts giving the first posts their recent level; a
    randomised schedule's blocks (account, weekday, hour block) are always
    analysed as strata. A force's pooled posts (``pooled``) are compared within
    accounts, each a team's: its schedules are balanced per account, and the
    accounts differ more than the arms do.
    """
    adjust = getattr(experiment, "adjust", True)
    history = None
    if adjust and len(selected) and "published_at" in posts.columns:
        start = selected["published_at"].min()
        mine = posts["account"].isin(selected["account"].unique()) & posts["platform"].isin(
            selected["platform"].unique()
        )
        history = posts.loc[mine & (posts["published_at"] < start)]
    return {
        "effect": getattr(experiment, "effect", "ratio-of-sums"),
        "covariates": True if adjust else None,
        "history": history,
        "strata": _strata(experiment, selected, pooled),
        "spending": getattr(experiment, "spending", "obrien-fleming"),
    }


def _strata(experiment, selected: pd.DataFrame, pooled: bool) -> list[str]:
    strata = ["account", "weekday", "hour_block"] if experiment.randomised else []
    if pooled and selected["account"].nunique() > 1 and "account" not in strata:
        strata.insert(0, "account")
    return strata


def _load(data_dir):
    from postlab.loaders.cache import load_posts

    return load_posts(data_dir)


# ---- the report for people: the answer first, then why, then the details ----

NEXT_STEPS = {
    "adopt": "Use {arm} posts where they suit the message, and write what the team learned "
    "into the experiment file (decision:).",
    "reject": "Stop using {arm} posts for this, and write what the team learned into the "
    "experiment file (decision:).",
    "no meaningful difference": "Stop testing: the choice does not matter for this measure, so "
    "choose on other grounds.",
    "check the data": 'Fix the data first: see "Which posts count" below, then rerun.',
}


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
        f"{shown.whole_percent(primary.rel_effect)} {label} for {primary.treatment} "
        f"against {primary.control} ({kind} {shown.whole_percent(low)} to "
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
    caveat = " ".join(f"{text[0].upper()}{text[1:]}." for text in caveats) or None
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
        written, verdict.decision, verdict.arm, verdict.posts_needed, verdict.weeks_needed
    )


def next_step_words(written, decision, arm, posts_needed=None, weeks_needed=None) -> str:
    """The owner's next step when written, else what the verdict suggests (report, page)."""
    written = " ".join((written or "").split())
    if written:
        return written
    if decision == "keep testing":
        if posts_needed:
            return f"Keep posting both styles: {more_posts(posts_needed, weeks_needed)}."
        return "Keep posting both styles and rerun as posts accumulate."
    return NEXT_STEPS.get(decision, "Rerun as posts accumulate.").format(
        arm=arm or "the treatment's"
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


def scope_people(selection) -> Table:
    """Posts counted per arm and left out per reason, for people: no row numbers."""
    table = scope_table(selection)
    frame = pd.DataFrame(
        {
            "counted or left out": table["what"],
            "arm or reason": table["detail"].astype(str),
            "posts": table["posts"].map(shown.readable),
        }
    )
    return Table(frame=frame, numeric={"posts"})


def balance_people(table: pd.DataFrame) -> Table:
    """The balance table with words for headers and percent signs."""
    frame = table.rename(columns={"dimension": "when or where", "value": "which"}).copy()
    numeric = set(frame.columns[2:])
    for column in numeric:
        unit = " points" if column.startswith("largest gap") else " %"
        frame[column] = frame[column].map(lambda v, unit=unit: f"{v:g}{unit}")
    return Table(frame=frame.reset_index(drop=True), numeric=numeric)


def effects_people(comparison) -> Table:
    """Each measure's change with its interval and how easily chance alone would give it."""
    several = len({m.treatment for m in comparison.metrics}) > 1
    rows = []
    for m in comparison.metrics:
        rows.append(
            {
                "measure": m.label + (" (main measure)" if m.primary else ""),
                **({"compared": f"{m.treatment} against {m.control}"} if several else {}),
                m.control: value_text(m.metric, m.control_arm.value),
                "treatment arm" if several else m.treatment: value_text(
                    m.metric, m.treatment_arm.value
                ),
                "change": shown.percent(m.rel_effect),
                _interval_header(
                    m
                ): f"{shown.percent(m.rel_ci[0])} to {shown.percent(m.rel_ci[1])}",
                "chance alone": _chance(m.p_adjusted),
            }
        )
    frame = pd.DataFrame(rows)
    return Table(frame=frame, numeric=set(frame.columns[2 if several else 1 :]))


def _interval_header(m) -> str:
    return "95 % interval (any look)" if m.sequential else "95 % interval"


def _chance(p) -> str:
    """A multiple-comparison-adjusted p-value in words (see the glossary)."""
    if p is None or pd.isna(p):
        return "-"
    if p < 0.001:
        return "under 0.1 %: not chance"
    if p >= 0.5:
        return "over 50 %: could well be chance"
    words = "unlikely" if p < 0.05 else "could be chance"
    return f"{shown.readable(100 * p)} %: {words}"


def arms_people(comparison) -> Table:
    """Per measure and arm: what goes into the rate, per post, and the typical (median) post."""
    rows = []
    for m in comparison.metrics:
        for arm, n, numerator, denominator, value, median in arm_sides(m):
            rows.append(
                {
                    "measure": m.label,
                    "arm": arm,
                    "posts": shown.readable(n),
                    "per post": f"{shown.readable(numerator)} {m.numerator}"
                    + (
                        f" / {shown.readable(denominator)} {m.denominator}" if m.denominator else ""
                    ),
                    "value": value_text(m.metric, value),
                    "typical post": value_text(m.metric, median),
                }
            )
    frame = pd.DataFrame(rows).drop_duplicates(subset=["measure", "arm"]).reset_index(drop=True)
    return Table(frame=frame, numeric={"posts", "value", "typical post"})


def estimates_people(comparison) -> Table:
    """Each arm's value of the main measure with its 95 % interval: the figure's numbers."""
    primary = comparison.result()
    rows = comparison.arm_estimates()
    rows = rows[rows["metric"] == primary.metric]
    frame = pd.DataFrame(
        {
            "arm": rows["arm"].astype(str),
            "posts": rows["posts"].map(shown.readable),
            primary.label: rows["value"].map(lambda v: value_text(primary.metric, v)),
            "95 % interval": [
                f"{value_text(primary.metric, lo)} to {value_text(primary.metric, hi)}"
                for lo, hi in zip(rows["ci_low"], rows["ci_high"], strict=True)
            ],
        }
    ).reset_index(drop=True)
    return Table(frame=frame, numeric=set(frame.columns[1:]))


POST_COLUMNS = ("post", "arm", "text (scrubbed, shortened)", "impressions", "engagements")


def influential_posts(analysed: Analysis) -> Table:
    """The single posts that move a result (the leave-one-out check), to open and read."""
    posts = analysed.selection.posts
    chosen = []
    for m in analysed.comparison.metrics:
        match = posts[posts["post_id"].astype(str) == str(m.loo_post_id)].head(1)
        if m.loo_post_id and not match.empty:
            chosen.append(({"measure it moves": m.label}, match.iloc[0]))
    return _posts_table(analysed, chosen, ("measure it moves",))


def top_posts(analysed: Analysis, n: int = 3) -> Table:
    """Each arm's ``n`` best posts on the main measure, among its posts with at least the
    arm's median denominator (impressions), so a post seen by a handful of people cannot top it.
    """
    from postlab.stats.metrics import metric

    primary = analysed.comparison.result()
    measure = metric(primary.metric)
    chosen = []
    for arm in analysed.selection.arms:
        rows = analysed.selection.posts[analysed.selection.posts["arm"] == arm]
        x, y, usable = measure.per_post(rows)
        seen = usable & (y > 0) & (y >= pd.Series(y[usable]).median())
        if not seen.any():
            continue
        values = pd.Series(x[seen] / y[seen], index=rows.index[seen])
        for index, value in values.nlargest(n).items():
            chosen.append(({primary.label: value_text(primary.metric, value)}, rows.loc[index]))
    return _posts_table(analysed, chosen, (primary.label,), values=True)


def _posts_table(analysed: Analysis, chosen: list, extra: tuple[str, ...], values=False) -> Table:
    """Posts as people see them: the id linked to the post, the text scrubbed and shortened."""
    settings = analysed.selection.settings
    rows = [
        {
            **first,
            "post": str(post["post_id"]),
            "arm": str(post["arm"]),
            "text (scrubbed, shortened)": preview(post.get("text"), settings),
            "impressions": shown.readable(post.get("impressions")),
            "engagements": shown.readable(post.get("engagements")),
        }
        for first, post in chosen
    ]
    return Table(
        frame=pd.DataFrame(rows, columns=[*extra, *POST_COLUMNS]),
        numeric={"impressions", "engagements", *(extra if values else ())},
        links={"post": [web_address(post.get("url")) for _, post in chosen]},
        wrap={"post", "text (scrubbed, shortened)"},
    )


def deviations_people(analysed: Analysis) -> Table:
    """Posts off the posting schedule (and empty slots), each post linked to the post."""
    deviations = analysed.selection.deviations
    urls = _urls(analysed.posts)
    ids = deviations["post_id"].astype("object")
    frame = pd.DataFrame(
        {
            "what": deviations["issue"].astype(str),
            "account": deviations["account"].fillna("").astype(str),
            "post": ids.fillna("").astype(str),
            "published": deviations["published_at"].map(_when),
            "planned slot": deviations["slot"].map(_when),
            "arm": deviations["arm"].fillna("").astype(str),
        }
    ).reset_index(drop=True)
    return Table(
        frame=frame,
        links={"post": [urls.get(str(i)) for i in ids]},
        wrap={"post", "what"},
    )


def _when(value) -> str:
    stamp = pd.Timestamp(value) if value is not None and not pd.isna(value) else None
    return "" if stamp is None else stamp.strftime("%Y-%m-%d %H:%M")


def caveats_markdown(analysed: Analysis) -> str:
    """The verdict's caveats as bullets, each post id linked to the post, and any metric the
    assignment column biases on the experiment's platforms."""
    urls = _urls(analysed.selection.posts)
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


def _urls(posts: pd.DataFrame) -> dict[str, str]:
    if "url" not in posts:
        return {}
    pairs = zip(posts["post_id"].astype(str), posts["url"], strict=True)
    return {post_id: url for post_id, url in pairs if web_address(url)}


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


# ---- per-account effects: does the result hold in each account? ----


def account_effects(analysed: Analysis, *, seed=DEFAULT_SEED, by: str = "account"):
    """The primary metric by account with a random-effects pooled estimate (``ByAccount``).

    ``by="team"``: by team (borough) of a force-wide experiment, each team's estimate
    beside the force's. None when the posts in scope come from a single account (team),
    or carry no team: there is nothing to pool.
    """
    from postlab.stats.pooled import by_account

    experiment, comparison = analysed.experiment, analysed.comparison
    posts = analysed.selection.posts
    if by not in posts.columns or posts[by].nunique() < 2:
        return None
    return by_account(
        posts,
        account=by,
        unit="borough" if by == "team" else "account",
        arm="arm",
        control=experiment.control,
        treatment=comparison.verdict.arm or experiment.treatments[0],
        metric=experiment.primary_metric,
        alpha=experiment.alpha,
        seed=seed,
        # each account's interval is read as the experiment's own is: a confidence
        # sequence unless the design is a fixed one-look analysis
        sequential=getattr(experiment, "analysis", "sequential") != "fixed",
        cap=getattr(experiment, "cap", None),
    )


def accounts_verdict(verdict, accounts) -> str:
    """The verdict qualified by how many accounts agree: "works in 2 of 3 accounts; not everywhere"."""
    counts, k = accounts.counts(), len(accounts.accounts)
    consistency = accounts.consistency()
    if verdict.decision not in ("adopt", "reject"):
        return f"Verdict over all posts: {verdict.decision}. By {accounts.unit}: {consistency}"
    agree = counts["better"] if verdict.decision == "adopt" else counts["worse"]
    if agree == k:
        return f"{verdict.decision.capitalize()} in every {accounts.unit}: {consistency}"
    return (
        f"{verdict.decision.capitalize()} over all posts, but by {accounts.unit}: {consistency} "
        f"Look at the {accounts.unit}s where it does not hold before applying it there."
    )


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


def accounts_payload(verdict, accounts):
    """What the record keeps of the per-account section (``payload.Accounts``)."""
    from postlab.payload import AccountEffect, Accounts

    pooled = accounts.pooled
    return Accounts(
        metric=accounts.metric,
        control=accounts.control,
        treatment=accounts.treatment,
        accounts=tuple(
            AccountEffect(
                account=a.account,
                control_posts=a.control_n,
                treatment_posts=a.treatment_n,
                rel_effect=_finite(a.effect),
                rel_ci=tuple(_finite(b) for b in a.ci),
                verdict=a.verdict,
            )
            for a in accounts.accounts
        ),
        pooled=_finite(accounts.estimate) if pooled else None,
        pooled_ci=tuple(_finite(b) for b in accounts.confidence_interval()),
        prediction=tuple(_finite(b) for b in accounts.prediction_interval()),
        i2=float(pooled.i2) if pooled else None,
        tau=float(math.expm1(pooled.tau)) if pooled else None,
        consistency=accounts.consistency(),
        prediction_sentence=accounts.prediction_sentence(),
        verdict_note=accounts_verdict(verdict, accounts),
        left_out=dict(accounts.left_out),
    )


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None
