"""How many hand labels the suggestions need: accuracy against posts labelled (a learning curve).

Measured on posts whose labels are all known (the demo): for each size the
classifier is trained on that many labelled posts and scored on every other
labelled post. Two ways of choosing the posts to label are compared: at
random, and the notebook's order (``classifier.asking_order``, retrained
every ``RERANK_EVERY`` answers). Accuracy is
also given on posts whose exact text was not among the training posts,
since templated or repeated posts make the task look easier than it is, and
the mean confidence claimed, which should be close to the accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from postlab.exceptions import AnalysisError
from postlab.labelling import classifier
from postlab.labelling.session import RERANK_EVERY
from postlab.project import DEFAULT_SEED

SIZES = (25, 50, 100, 200)
REPEATS = 5


@dataclass(frozen=True)
class LearningCurve:
    """Accuracy per number of hand-labelled posts (mean and range over repeats)."""

    column: str
    posts: int
    majority: float
    repeats: int
    table: pd.DataFrame

    def __str__(self) -> str:
        shown = self.table.copy()
        for name in shown.columns[1:]:
            shown[name] = shown[name].map(lambda v: f"{v:.1%}" if isinstance(v, float) else v)
        return (
            f"Suggestions for {self.column}: accuracy on the other labelled posts of {self.posts} "
            f"(mean of {self.repeats} seeded repeats; min to max). Always guessing the most "
            f"common value scores {self.majority:.1%}.\n" + shown.to_string(index=False)
        )


def learning_curve(
    texts: pd.Series,
    labels: pd.Series,
    column: str,
    *,
    sizes=SIZES,
    repeats: int = REPEATS,
    seed: int = DEFAULT_SEED,
) -> LearningCurve:
    """Accuracy of suggestions against the number of posts labelled by hand."""
    known = texts.notna() & labels.notna()
    texts = texts[known].astype(str).reset_index(drop=True)
    labels = labels[known].astype(str).reset_index(drop=True)
    if len(texts) <= max(sizes):
        raise AnalysisError(
            f"the curve needs more than {max(sizes)} labelled posts with text; found {len(texts)}"
        )
    runs = []
    for repeat in range(repeats):
        # the same seed for both strategies: their first posts are the same random ones
        for strategy, choose in (("random", _random), ("notebook order", _notebook_order)):
            rng = np.random.default_rng([seed, repeat])
            for size, train in choose(rng, texts, labels, sizes, seed).items():
                runs.append(
                    {"strategy": strategy, "size": size, **_score(texts, labels, train, seed)}
                )
    runs = pd.DataFrame(runs)
    table = pd.DataFrame({"labelled by hand": list(sizes)})
    for strategy in ("random", "notebook order"):
        grouped = runs[runs["strategy"] == strategy].groupby("size")
        table[f"{strategy}"] = grouped["accuracy"].mean().to_numpy()
        table[f"{strategy} range"] = [
            f"{lo:.1%} to {hi:.1%}"
            for lo, hi in zip(grouped["accuracy"].min(), grouped["accuracy"].max(), strict=True)
        ]
    random_runs = runs[runs["strategy"] == "random"].groupby("size")
    table["random, unseen texts"] = random_runs["unseen"].mean().to_numpy()
    table["random, mean confidence"] = random_runs["confidence"].mean().to_numpy()
    return LearningCurve(
        column=column,
        posts=len(texts),
        majority=float(labels.value_counts(normalize=True).iloc[0]),
        repeats=repeats,
        table=table,
    )


def _random(rng, texts, labels, sizes, seed) -> dict[int, np.ndarray]:
    order = rng.permutation(len(texts))
    return {size: order[:size] for size in sizes}


def _notebook_order(rng, texts, labels, sizes, seed) -> dict[int, np.ndarray]:
    """The posts the notebook would ask, retraining every RERANK_EVERY answers."""
    chosen: list[int] = []
    out = {}
    for size in sorted(sizes):
        while len(chosen) < size:
            train = np.array(chosen, dtype=int)
            rest = np.setdiff1d(np.arange(len(texts)), train)
            confidence = None
            if classifier.trainable(labels[train]):
                model = classifier.fit(texts[train], labels[train], seed=seed)
                confidence = classifier.propose(model, texts[rest]).confidence
            order = classifier.asking_order(len(rest), confidence, len(chosen), rng)
            chosen += list(rest[order[: min(RERANK_EVERY, size - len(chosen))]])
        out[size] = np.array(chosen[:size])
    return out


def _score(texts, labels, train, seed) -> dict[str, float]:
    test = np.setdiff1d(np.arange(len(texts)), train)
    if not classifier.trainable(labels[train]):
        guess, confidence = (
            np.full(len(test), labels[train].mode().iloc[0]),
            np.full(len(test), np.nan),
        )
    else:
        model = classifier.fit(texts[train], labels[train], seed=seed)
        found = classifier.propose(model, texts[test])
        guess, confidence = found.labels, found.confidence
    right = guess == labels[test].to_numpy()
    unseen = ~texts[test].isin(set(texts[train])).to_numpy()
    return {
        "accuracy": float(right.mean()),
        "confidence": float(np.mean(confidence)),
        "unseen": float(right[unseen].mean()) if unseen.any() else np.nan,
    }
