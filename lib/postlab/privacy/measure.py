"""How well the scrubber does on labelled posts: recall and precision per kind.

Recall counts a labelled span as caught when every letter and digit of it is
redacted (whatever kind the scrubber called it): half a phone number is a
leak. Precision counts a redaction as right when it touches labelled personal
data: redacting "Rose Hill" the road is a false alarm.
"""

from __future__ import annotations

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
        allow_handles=("MPSNorthbrook", "metpoliceuk", "CrimestoppersUK")
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
