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

import pandas as pd

from postlab.config import Settings
from postlab.exceptions import AnalysisError
from postlab.labelling import classifier
from postlab.labelling.session import LABELS_FILE
from postlab.labelling.store import LabelsFile, post_keys
from postlab.project import DEFAULT_SEED, project_settings
from postlab.words import plural

UNSURE_BELOW = 0.7  # confidence under which a suggestion is worth a look by hand
ENOUGH_LABELS = 50  # on the demo's learning curve, suggestions settle from about here


@dataclass(frozen=True)
class SuggestReport:
    """What was trained on, what was suggested, and how accurate it was on held-out labels."""

    path: str
    column: str
    trained_on: dict[str, int]
    suggested: dict[str, int]
    unsure: int
    accuracy: float | None = None
    majority: float | None = None
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
                f"{self.accuracy:.1%}, against {self.majority:.1%} for always guessing the "
                "most common value"
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
    check = classifier.held_out(posts["text"][labelled], labels[labelled], seed=seed)
    _refuse_unless_useful(labels[labelled], check, column)
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
    return SuggestReport(
        path=str(path),
        column=column,
        trained_on=labels[labelled].value_counts().sort_index().to_dict(),
        suggested=pd.Series(found.labels).value_counts().sort_index().to_dict(),
        unsure=int((found.confidence < UNSURE_BELOW).sum()),
        accuracy=check.accuracy,
        majority=check.majority,
        folds=check.folds,
        notes=notes,
    )


def _refuse_unless_useful(labels: pd.Series, check: classifier.HeldOut, column: str) -> None:
    """An error saying how many labels to add when the suggestions do not clearly beat
    the majority guess (a suggestion no better than a guess misleads the labeller)."""
    if check.useful:
        return
    counts = labels.value_counts()
    more = _labels_needed(counts, tried=check.accuracy is not None)
    n = len(labels)
    if check.accuracy is None:
        found = f"{n} hand labels ({', '.join(f'{v} {c}' for v, c in counts.items()) or 'none'})"
        why = "too few to check the suggestions on posts held out"
    else:
        found = f"{n} hand labels"
        why = (
            f"suggestions scored {check.accuracy:.1%} on held-out labels, not clearly better "
            f"than the {check.majority:.1%} of always guessing {counts.index[0]!r}"
        )
    raise AnalysisError(
        f"no suggestions written: {found}, {why}; label about {more} more posts by {column} "
        f"(each value at least {2 * classifier.MIN_PER_VALUE} times; suggestions usually help "
        f"from about {ENOUGH_LABELS}) and run it again",
        field=column,
    )


def _labels_needed(counts: pd.Series, *, tried: bool) -> int:
    """About how many more hand labels: up to ``ENOUGH_LABELS`` (twice as many when that
    many already failed), and never fewer than the values still short of a fold's worth."""
    n = int(counts.sum())
    short = sum(max(0, 2 * classifier.MIN_PER_VALUE - int(c)) for c in counts)
    short += 2 * classifier.MIN_PER_VALUE * max(0, 2 - len(counts))
    target = max(ENOUGH_LABELS, 2 * n) if tried and n >= ENOUGH_LABELS else ENOUGH_LABELS
    return max(target - n, short)
