"""The words every output uses for counts, durations, arms and verdicts.

A plan, a record card, a rerun table, a report, the workbench page and a
calendar must say the same thing the same way: "4,494 posts per arm (8,988
in all), about 27 weeks", "adopt, with care", "posts with media", "12 %:
unlikely". Numbers themselves read as ``postlab.display`` formats them; this
module turns them into phrases, and every output takes its phrases from here.
"""

from __future__ import annotations

import math

from postlab import display as shown

WEEKS_PER_YEAR = 52
YEARS_FROM_WEEKS = 2 * WEEKS_PER_YEAR  # longer than this reads in years, not weeks

# yes/no feature columns of the posts table: the arm names people read (true, false)
FEATURE_ARM_NAMES = {
    "has_media": ("with media", "without media"),
    "has_link": ("with a link", "without a link"),
    "asks_question": ("question", "no question"),
    "has_emoji": ("with emoji", "without emoji"),
    "has_hashtag": ("with a hashtag", "without a hashtag"),
    "has_mention": ("with a mention", "without a mention"),
    "is_reply": ("reply", "not a reply"),
}
PLATFORM_NAMES = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "other": "other platforms",
}
HEDGED = ("adopt", "reject")  # decisions that need care when the team chose the arms
WITH_CARE = "with care"


def platform_name(platform: str) -> str:
    """``x`` as people write it: X, Facebook, YouTube."""
    return PLATFORM_NAMES.get(platform, platform)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 post``, ``1,668 posts``: the count with thousands separators and the right noun."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def share(value: float, decimals: int = 0) -> str:
    """A share or a planned change as people write it in a plan: ``20 %``, ``12.5 %``."""
    return f"{100 * value:.{decimals}f} %"


def how_long(weeks: float | None) -> str:
    """A duration for a plan or a verdict: about 3 weeks, about 27 weeks, about 298 years."""
    if weeks is None or not math.isfinite(weeks):
        return "an unknown time (no posting rate)"
    if weeks > YEARS_FROM_WEEKS:
        return f"about {plural(round(weeks / WEEKS_PER_YEAR), 'year')}"
    return f"about {plural(max(1, round(weeks)), 'week')}"


def posts_needed(per_arm: dict[str, int], total: int | None = None, noun: str = "posts") -> str:
    """Per arm and in all: ``4,494 posts per arm (8,988 in all)`` or ``text 300, media 150 posts
    (450 in all)``; ``noun`` "more posts" for what is still to come."""
    total = sum(per_arm.values()) if total is None else total
    counts = set(per_arm.values())
    if len(counts) == 1:
        return f"{next(iter(counts)):,} {noun} per arm ({total:,} in all)"
    each = ", ".join(f"{arm} {n:,}" for arm, n in per_arm.items())
    return f"{each} {noun} ({total:,} in all)"


def posts_and_time(per_arm: dict[str, int], total: int, weeks: float | None) -> str:
    """The one answer to "how long": posts per arm and in all, and the time at the posting rate."""
    return f"{posts_needed(per_arm, total)}, {how_long(weeks)} at the usual posting rate"


def more_posts(per_arm: dict[str, int] | int, weeks: float | None, total: int | None = None) -> str:
    """What a running experiment still needs, in the plan's words: posts per arm and in all, and
    the time at the current posting rate (``per_arm`` a number: the same for every arm)."""
    if isinstance(per_arm, dict):
        text = f"about {posts_needed(per_arm, total, 'more posts')}"
    else:
        text = f"about {plural(per_arm, 'more post', 'more posts')} per arm"
        text += f" ({total:,} in all)" if total else ""
    return f"{text}, {how_long(weeks)} at the current posting rate" if weeks else text


def yes_no_arm_name(column: str, value: str) -> str:
    """The readable name of a yes/no arm (``has_media`` true -> with media); ``value`` otherwise."""
    key = str(value).strip().casefold()
    if key not in ("true", "false"):
        return str(value)
    yes, no = FEATURE_ARM_NAMES.get(column) or _yes_no(column)
    return yes if key == "true" else no


_AFTER_POSTS = ("with ", "without ", "not ")  # names that follow "posts": posts with media


def arm_posts(name: str) -> str:
    """An arm's posts in a sentence: ``humorous posts``, ``posts with media``."""
    return f"posts {name}" if name.startswith(_AFTER_POSTS) else f"{name} posts"


def arm_object(name: str) -> str:
    """An arm after a verb: ``adopt humorous``, ``adopt posts with media``."""
    return f"posts {name}" if name.startswith(_AFTER_POSTS) else name


def than_arm(name: str) -> str:
    """The arm a change is measured against: ``than serious ones``, ``than posts without media``."""
    return f"than {arm_posts(name)}" if name.startswith(_AFTER_POSTS) else f"than {name} ones"


def arm_posts_measure(name: str, measure: str | None = None) -> str:
    """An arm's measure: ``humorous posts' like rate``, ``the like rate of posts with media``;
    without ``measure``, the one just named: ``serious posts'``, ``that of posts without media``."""
    if name.startswith(_AFTER_POSTS):
        return f"the {measure} of posts {name}" if measure else f"that of posts {name}"
    return f"{name} posts' {measure}" if measure else f"{name} posts'"


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter (not on a column name such as has_media,
    which keeps its spelling) and a full stop."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    return f"{text if '_' in first else text[:1].upper() + text[1:]}."


def _yes_no(column: str) -> tuple[str, str]:
    words = column.replace("_", " ").strip()
    if column.startswith("has_"):
        thing = words.removeprefix("has ")
        return f"with {thing}", f"without {thing}"
    return f"{words}: yes", f"{words}: no"


def verdict_word(decision: str, randomised: bool) -> str:
    """The decision as every output shows it: a win or loss on arms the team chose is hedged."""
    if decision in HEDGED and not randomised:
        return f"{decision}, {WITH_CARE}"
    return decision


def chose_arms_caveat(arm: str) -> str:
    """Why an adopt or reject on arms the team chose (not randomised) needs care."""
    return (
        f"The team chose which posts were {arm}, so when or what was posted may explain "
        "part of the difference"
    )


# ---- measures, intervals and chance, as every table and sentence shows them ----


def interval_kind(sequential: bool) -> str:
    """What precedes an interval's bounds: a confidence sequence is named for what it does."""
    return "95 % interval valid at every look:" if sequential else "95 % interval"


def metric_label(metric: str | None) -> str:
    """``engagement_rate`` as people say it: engagement rate."""
    return (metric or "").replace("_", " ")


def value_text(metric: str, value, missing: str = shown.MISSING) -> str:
    """A metric's value as people read it: rates in percent, amounts with separators."""
    if metric.endswith("_rate"):
        return shown.percent(value, signed=False, missing=missing)
    return shown.readable(value, missing)


def chance_words(p) -> str:
    """A multiple-comparison-adjusted p-value in words (see the glossary)."""
    if p is None or p != p:  # NaN: no p-value
        return shown.MISSING
    if p < 0.001:
        return "under 0.1 %: not chance"
    if p >= 0.5:
        return "over 50 %: could well be chance"
    words = "unlikely" if p < 0.05 else "could be chance"
    return f"{shown.readable(100 * p)} %: {words}"


# ---- what to do next ----

NEXT_STEPS = {
    "adopt": "Use {posts} where they suit the message, and write what the team learned "
    "into the experiment file (decision:).",
    "reject": "Stop using {posts} for this, and write what the team learned into the "
    "experiment file (decision:).",
    "no meaningful difference": "Stop testing: the choice does not matter for this measure, so "
    "choose on other grounds.",
    "check the data": 'Fix the data first: see "Which posts count" below, then rerun.',
}


def next_step_words(
    written, decision, arm, posts_needed=None, weeks_needed=None, posts_in_all=None
) -> str:
    """The owner's next step when written, else what the verdict suggests (report, page)."""
    written = " ".join((written or "").split())
    if written:
        return written
    if decision == "keep testing":  # posts_needed: per arm, or one number for every arm
        if posts_needed:
            more = more_posts(posts_needed, weeks_needed, posts_in_all)
            return f"Keep posting both styles: {more}."
        return "Keep posting both styles and rerun as posts accumulate."
    return NEXT_STEPS.get(decision, "Rerun as posts accumulate.").format(
        posts=arm_posts(arm or "the treatment's")
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
