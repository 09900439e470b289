"""``postlab label suggest``: proposals for the posts nobody has labelled yet.

Suggestions go to their own columns (``<column>_suggested``,
``<column>_confidence``) and never over a human label; an experiment uses
them only when its file says ``use_suggestions: true``, and its report says
how many arms came from them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.config import Settings
from postlab.labelling import classifier
from postlab.labelling.session import LABELS_FILE
from postlab.labelling.store import LabelsFile, post_keys
from postlab.project import DEFAULT_SEED, project_settings
from postlab.words import plural

UNSURE_BELOW = 0.7  # confidence under which a suggestion is worth a look by hand
FOLDS = 5


@dataclass(frozen=True)
class SuggestReport:
    """What was trained on, what was suggested, and how accurate it was on held-out labels."""

    path: str
    column: str
    trained_on: dict[str, int]
    suggested: dict[str, int]
    unsure: int
    accuracy: float | None = None
    folds: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        trained = ", ".join(f"{v} {n:,}" for v, n in self.trained_on.items())
        made = ", ".join(f"{v} {n:,}" for v, n in self.suggested.items())
        total = sum(self.suggested.values())
        lines = [
            f"trained on {plural(sum(self.trained_on.values()), 'post')} labelled by hand ({trained})",
            f"suggested a {self.column} for {plural(total, 'post')}{f' ({made})' if made else ''}; "
            f"{self.unsure:,} below "
            f"{UNSURE_BELOW:.0%} confidence: label those by hand first",
        ]
        if self.accuracy is not None:
            lines.append(
                f"accuracy on held-out hand labels ({self.folds}-fold cross-validation): "
                f"{self.accuracy:.1%}"
            )
        lines += self.notes
        lines.append(f"wrote {self.column}_suggested and {self.column}_confidence to {self.path}")
        return "\n".join(lines)


def suggest(
    data_dir: str | Path,
    column: str,
    *,
    labels_file: str | Path | None = None,
    settings: Settings | None = None,
    seed: int = DEFAULT_SEED,
) -> SuggestReport:
    """Train on the hand labels of ``column`` and write suggestions for the other posts."""
    from postlab.loaders import load

    settings = settings or project_settings()
    path = Path(labels_file or Path(data_dir) / LABELS_FILE)
    store = LabelsFile(path, column)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        posts = load([data_dir], settings=settings).reset_index(drop=True)
    human = store.human()
    labels = post_keys(posts, by_platform=store.by_platform).map(human).astype("object")
    labelled = labels.notna() & posts["text"].notna()
    model = classifier.fit(posts["text"], labels.where(labelled), seed=seed)
    todo = posts[~labelled & posts["text"].notna()]
    found = classifier.propose(model, todo["text"])
    store.set_suggestions(todo, found.labels, found.confidence)
    notes = []
    unmatched = len(human) - int(labelled.sum())
    if unmatched:
        notes.append(
            f"{unmatched} hand labels match no post with text in {data_dir} and were not used"
        )
    accuracy, folds = cross_validated(posts["text"][labelled], labels[labelled], seed)
    return SuggestReport(
        path=str(path),
        column=column,
        trained_on=labels[labelled].value_counts().sort_index().to_dict(),
        suggested=pd.Series(found.labels).value_counts().sort_index().to_dict(),
        unsure=int((found.confidence < UNSURE_BELOW).sum()),
        accuracy=accuracy,
        folds=folds,
        notes=notes,
    )


def cross_validated(texts: pd.Series, labels: pd.Series, seed: int) -> tuple[float | None, int]:
    """Accuracy of suggestions on hand labels held out in turn (None with too few labels)."""
    from sklearn.model_selection import StratifiedKFold

    smallest = int(labels.value_counts().min())
    if smallest < 2 * classifier.MIN_PER_VALUE:  # each training fold must be trainable
        return None, 0
    folds = min(FOLDS, smallest)
    texts, labels = texts.reset_index(drop=True), labels.reset_index(drop=True)
    right = 0
    splits = StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, labels)
    for train, test in splits:
        model = classifier.fit(texts[train], labels[train], seed=seed)
        guessed = classifier.propose(model, texts[test]).labels
        right += int(np.sum(guessed == labels[test].to_numpy()))
    return right / len(labels), folds
