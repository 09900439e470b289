"""The report's tables for people: words for headers, units in the cells, post ids linked.

Each returns a ``postlab.explore.tables.Table`` (or a plain frame for the
notebook's own checks); the phrases in the cells come from ``postlab.words``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from postlab import display as shown
from postlab.explore.tables import Table
from postlab.markup import web_address
from postlab.privacy import preview
from postlab.stats.result import arm_rows
from postlab.words import chance_words, value_text

if TYPE_CHECKING:
    from postlab.analysis.compute import Analysis


def scope_table(selection) -> pd.DataFrame:
    """Posts counted per arm and posts left out per reason: nothing dropped silently."""
    counted = selection.posts.groupby("arm", sort=True).size().rename("posts").reset_index()
    counted.insert(0, "what", "counted in arm")
    counted = counted.rename(columns={"arm": "detail"})
    excluded = selection.excluded.copy()
    excluded.columns = ["detail", "posts"]
    excluded.insert(0, "what", "left out")
    return pd.concat([counted, excluded], ignore_index=True)


def balance_table(selection) -> pd.DataFrame:
    """Each arm's share of posts per weekday, hour block and account, in percent."""
    table = selection.balance()
    shares = [*selection.arms, "largest gap"]
    table[shares] = (100 * table[shares]).round(1)
    return table.rename(columns={"largest gap": "largest gap (points)"})


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
                "chance alone": chance_words(m.p_adjusted),
            }
        )
    frame = pd.DataFrame(rows)
    return Table(frame=frame, numeric=set(frame.columns[2 if several else 1 :]))


def _interval_header(m) -> str:
    return "95 % interval (any look)" if m.sequential else "95 % interval"


def arms_people(comparison) -> Table:
    """Per measure and arm: what goes into the rate, per post, and the typical (median) post."""
    rows = []
    for m in comparison.metrics:
        for arm, n, numerator, denominator, value, median in arm_rows(m):
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
    urls = post_urls(analysed.posts)
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


def post_urls(posts: pd.DataFrame) -> dict[str, str]:
    """Each post id with a web address, to link it (other addresses are never links)."""
    if "url" not in posts:
        return {}
    pairs = zip(posts["post_id"].astype(str), posts["url"], strict=True)
    return {post_id: url for post_id, url in pairs if web_address(url)}
