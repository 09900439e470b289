"""How well the scrubber does on labelled posts: recall and precision per kind.

Recall counts a labelled span as caught when every letter and digit of it is
redacted (whatever kind the scrubber called it): half a phone number is a
leak. Precision counts a redaction as right when it touches labelled personal
data: redacting "Rose Hill" the road is a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from postlab.config import Settings
from postlab.privacy.patterns import KINDS
from postlab.privacy.scrub import find


def _covered(text: str, start: int, end: int, redacted: set[int]) -> bool:
    return all(i in redacted for i in range(start, end) if text[i].isalnum())


def _rates(table: pd.DataFrame) -> pd.DataFrame:
    table["recall"] = table["caught"] / table["labelled"]
    table["precision"] = table["right"] / table["redacted"]
    return table


def evaluate(labelled: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """Per kind and overall ("all"): labelled, caught, recall, redacted, right, precision.

    ``labelled`` has columns ``text`` and ``spans`` (lists of (start, end, kind)).
    """
    settings = settings or Settings(
        allow_handles=("MPSNorthbrook", "metpoliceuk", "CrimestoppersUK"),
        allow_terms=("Northbrook", "Eastmere", "Kingsfold"),
    )
    truth, guesses = [], []
    for text, spans in zip(labelled["text"], labelled["spans"], strict=True):
        predicted = find(text, settings)
        redacted = {i for r in predicted for i in range(r.start, r.end)}
        labelled_chars = {i for start, end, _ in spans for i in range(start, end)}
        truth += [(kind, _covered(text, start, end, redacted)) for start, end, kind in spans]
        guesses += [
            (r.kind, not labelled_chars.isdisjoint(range(r.start, r.end))) for r in predicted
        ]
    recall = (
        pd.DataFrame(truth, columns=["kind", "caught"])
        .groupby("kind")["caught"]
        .agg(labelled="size", caught="sum")
    )
    precision = (
        pd.DataFrame(guesses, columns=["kind", "right"])
        .groupby("kind")["right"]
        .agg(redacted="size", right="sum")
    )
    table = recall.join(precision, how="outer").reindex(KINDS).fillna(0).astype(int)
    table.loc["all"] = table.sum()
    return _rates(table)[["labelled", "caught", "recall", "redacted", "right", "precision"]]


@dataclass(frozen=True)
class Figures:
    """What the docs promise (docs/methods/privacy.md): per post, per name, on clean posts, for safe strings."""

    posts: int
    personal_posts: int
    post_recall: float  # personal posts with every labelled span fully redacted
    names: int
    name_recall: float
    clean_posts: int
    clean_unchanged: float  # clean posts the scrubber left exactly as they were
    safe_strings: int
    safe_kept: float  # helplines and official handles left as they were

    def __str__(self) -> str:
        return (
            f"{self.posts} posts: per-post recall {self.post_recall:.1%} "
            f"({self.personal_posts} with personal data), name recall {self.name_recall:.1%} "
            f"({self.names} names), clean posts unchanged {self.clean_unchanged:.1%} "
            f"({self.clean_posts}), helplines and official handles kept {self.safe_kept:.1%} "
            f"({self.safe_strings})"
        )


def figures(
    labelled: pd.DataFrame,
    safe: tuple[str, ...],
    settings: Settings | None = None,
    strict: bool = False,
) -> Figures:
    """The headline figures on ``labelled`` (text, spans); ``safe`` strings must survive.

    ``strict`` measures what a report shows: a name withheld counts as caught, and
    a clean post with a word withheld counts as changed.
    """
    settings = settings or Settings()
    caught_posts = clean_same = names = names_caught = safe_seen = safe_kept = 0
    personal = 0
    for text, spans in zip(labelled["text"], labelled["spans"], strict=True):
        redacted = {i for r in find(text, settings, strict) for i in range(r.start, r.end)}
        covered = [_covered(text, start, end, redacted) for start, end, _ in spans]
        if spans:
            personal += 1
            caught_posts += all(covered)
        else:
            clean_same += not redacted
        for (_, _, kind), hit in zip(spans, covered, strict=True):
            names += kind == "name"
            names_caught += kind == "name" and hit
        for string in safe:
            for start in _occurrences(text, string):
                safe_seen += 1
                safe_kept += redacted.isdisjoint(range(start, start + len(string)))
    clean = len(labelled) - personal
    return Figures(
        posts=len(labelled),
        personal_posts=personal,
        post_recall=caught_posts / max(personal, 1),
        names=names,
        name_recall=names_caught / max(names, 1),
        clean_posts=clean,
        clean_unchanged=clean_same / max(clean, 1),
        safe_strings=safe_seen,
        safe_kept=safe_kept / max(safe_seen, 1),
    )


def _occurrences(text: str, string: str) -> list[int]:
    """Where ``string`` stands on its own in ``text`` ("101" not inside "0101")."""
    pattern = rf"(?<![\w@]){re.escape(string)}(?!\w)"
    return [m.start() for m in re.finditer(pattern, text)]
