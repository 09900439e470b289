"""Labelling the team's posts one at a time: what to ask next, and saving each answer.

The notebook's widgets only call this class, so everything it does (order,
filters, resume, the file it writes) is tested without a browser. Answers
are saved to labels.csv at once; a new session on the same file skips what
was answered and asks skipped posts again last, so it resumes where the
last one stopped. Post text is shown only through the privacy scrubber (strict).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.config import Settings
from postlab.exceptions import ExperimentError
from postlab.labelling import classifier
from postlab.labelling.store import NOT_SURE, SKIPPED, LabelsFile, post_keys
from postlab.markup import web_address
from postlab.posts.time import local_times
from postlab.privacy import scrub
from postlab.project import DEFAULT_SEED, Project, project_settings

LABELS_FILE = "labels.csv"
RERANK_EVERY = 20  # answers between two retrainings of the order
SKIP_KEY, NOT_SURE_KEY, BACK_KEY = "s", "n", "b"


@dataclass(frozen=True)
class Post:
    """What the labeller sees of one post: no personal data in ``text``."""

    key: str
    post_id: str
    platform: str
    account: str
    published: str
    text: str
    url: str | None  # the post on its platform (http or https only)
    label: str | None
    suggestion: str | None
    confidence: float | None


class LabellingSession:
    """The posts to label for one column, in order, and their answers saved as they come.

    ``posts`` are the posts to ask about (already filtered); ``pool`` the
    posts whose labels train the order (default: ``posts``). With
    ``unlabelled_only`` the posts labelled or marked "not sure" are left out.
    """

    def __init__(
        self,
        posts: pd.DataFrame,
        labels_path: str | Path,
        column: str,
        values: list[str] | tuple[str, ...] | None = None,
        *,
        pool: pd.DataFrame | None = None,
        unlabelled_only: bool = True,
        settings: Settings | None = None,
        seed: int = DEFAULT_SEED,
    ) -> None:
        self.file = LabelsFile(labels_path, column)
        self.column = column
        self.values = _values(values, self.file)
        self.settings = settings or project_settings()
        self.seed = seed
        self.pool = (pool if pool is not None else posts).reset_index(drop=True)
        self.posts = posts.reset_index(drop=True)
        self.posts.index = self.file_keys(self.posts)
        self.posts = self.posts[~self.posts.index.duplicated()]
        self.local = local_times(self.posts, self.settings)
        human, status = self.file.human(), self.file.status()
        self.in_scope = len(self.posts)
        answered = {k for k in self.posts.index if k in human or status.get(k) == NOT_SURE}
        self.answered_before = len(answered) if unlabelled_only else 0
        if unlabelled_only:
            self.posts = self.posts.drop(index=list(answered))
        self.order: list[str] = self._ranked(list(self.posts.index), status)
        self.position = 0
        self.answers = 0

    @classmethod
    def from_data(
        cls,
        data_dir: str | Path | None,
        column: str,
        values=None,
        *,
        labels_file: str | Path | None = None,
        accounts=(),
        platforms=(),
        period=(),
        unlabelled_only: bool = True,
        settings: Settings | None = None,
        seed: int = DEFAULT_SEED,
    ) -> LabellingSession:
        """A session over a data folder's posts (labels in ``<data_dir>/labels.csv`` by default);
        no ``data_dir``: the project's (a team's own inside its workspace)."""
        from postlab.explore import subset
        from postlab.loaders import load

        data_dir = Project.find().data_folder(data_dir or None)
        settings = settings or project_settings()
        with warnings.catch_warnings():  # the load report has them; the labeller needs none
            warnings.simplefilter("ignore")
            pool = load([data_dir], settings=settings)
        chosen = subset(pool, accounts, platforms, period, settings=settings)
        return cls(
            chosen,
            labels_file or Path(data_dir) / LABELS_FILE,
            column,
            values,
            pool=pool,
            unlabelled_only=unlabelled_only,
            settings=settings,
            seed=seed,
        )

    def file_keys(self, posts: pd.DataFrame) -> pd.Index:
        return pd.Index(post_keys(posts, by_platform=self.file.by_platform))

    # what to ask
    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def answered(self) -> int:
        """Posts in scope answered so far, this session and the ones before (the count an
        officer sees carries over from one session to the next)."""
        return self.answered_before + self.position

    @property
    def done(self) -> bool:
        return self.position >= self.total

    @property
    def current(self) -> Post | None:
        """The post to answer now (None when every post in the queue was answered)."""
        if self.done:
            return None
        key = self.order[self.position]
        row, local = self.posts.loc[key], self.local.loc[key]
        timed = bool(pd.notna(row["time_known"]) and row["time_known"])
        fmt = "%a %d %b %Y, %H:%M" if timed else "%a %d %b %Y (time not exported)"
        proposal = self.proposals.get(key) if self.suggestions_useful else None
        return Post(
            key=key,
            post_id=str(row["post_id"]),
            platform=str(row["platform"]),
            account=str(row["account"]),
            published=local.strftime(fmt) if pd.notna(local) else "date not exported",
            text=scrub(str(row["text"]), self.settings, strict=True)
            if pd.notna(row["text"])
            else "",
            url=web_address(row.get("url")),
            label=self.file.human().get(key),
            suggestion=proposal[0] if proposal else None,
            confidence=proposal[1] if proposal else None,
        )

    @property
    def keys(self) -> dict[str, str]:
        """Keyboard keys: 1, 2, ... for the values, then skip, not sure and back."""
        keys = {str(i + 1): value for i, value in enumerate(self.values)}
        return keys | {SKIP_KEY: "skip", NOT_SURE_KEY: NOT_SURE, BACK_KEY: "back"}

    def key_help(self) -> str:
        """The keys in one line, for the notebook beside the buttons."""
        return "Keys: " + ", ".join(f"{key} {action}" for key, action in self.keys.items())

    @property
    def hand_labels(self) -> int:
        """Posts of the labels file labelled by hand with one of the values."""
        return sum(value in self.values for value in self.file.human().values())

    # answers
    def answer(self, value: str) -> None:
        """Label the current post ``value`` (one of ``values``), save, and move on."""
        if value not in self.values:
            raise ExperimentError(
                f"{value!r} is not one of the values {', '.join(self.values)}", field=self.column
            )
        self._save(label=value)

    def skip(self) -> None:
        """Leave the current post for later: a new session asks it again after the others."""
        self._save(status=SKIPPED)

    def not_sure(self) -> None:
        """Mark the current post as one the labeller cannot decide: it is not asked again."""
        self._save(status=NOT_SURE)

    def back(self) -> None:
        """Show the previous post again, to change its answer."""
        self.position = max(self.position - 1, 0)

    def press(self, key: str) -> bool:
        """Act on a keyboard key; False when the key means nothing."""
        action = self.keys.get(key.strip().lower())
        if action is None or (self.done and action != "back"):
            return False
        {"skip": self.skip, NOT_SURE: self.not_sure, "back": self.back}.get(
            action, lambda: self.answer(action)
        )()
        return True

    def _save(self, **answer) -> None:
        if self.done:
            raise ExperimentError("every post in this session has been answered")
        self.file.record(self.posts.loc[self.order[self.position]], **answer)
        self.position += 1
        self.answers += 1
        if self.answers % RERANK_EVERY == 0:
            later = self._ranked(self.order[self.position :], self.file.status())
            self.order = self.order[: self.position] + later

    # order
    def _ranked(self, keys: list[str], status: dict[str, str]) -> list[str]:
        """The asking order (``classifier.asking_order``); skipped posts after the others."""
        self.proposals = self._proposals(keys)
        labelled = self.hand_labels
        rng = np.random.default_rng([self.seed, labelled])
        ordered = []
        for later in (False, True):
            group = [k for k in keys if (status.get(k) == SKIPPED) == later]
            confidence = (
                np.array([self.proposals.get(k, (None, np.nan))[1] for k in group])
                if self.proposals
                else None
            )
            ordered += [
                group[i] for i in classifier.asking_order(len(group), confidence, labelled, rng)
            ]
        return ordered

    def _proposals(self, keys: list[str]) -> dict[str, tuple[str, float]]:
        """Proposals that order the queue; shown to the labeller only once they beat the
        majority guess on held-out hand labels (``suggestions_useful``)."""
        human = self.file.human()
        pool_keys = self.file_keys(self.pool)
        labels = pd.Series([human.get(k) for k in pool_keys], dtype="object")
        labels = labels.where(labels.isin(self.values))
        texts = self.pool["text"].reset_index(drop=True)
        known = labels.notna() & texts.notna()
        self.suggestions_useful = False
        if not keys or not classifier.trainable(labels[known]):
            return {}
        if int(known.sum()) >= classifier.RANDOM_START:
            check = classifier.held_out(texts[known], labels[known], seed=self.seed)
            self.suggestions_useful = check.useful
        model = classifier.fit(texts, labels, seed=self.seed)
        found = classifier.propose(model, self.posts.loc[keys, "text"])
        return {
            key: (label, float(p))
            for key, label, p in zip(keys, found.labels, found.confidence, strict=True)
            if label is not None
        }

    # summaries
    def counts(self) -> pd.DataFrame:
        """Posts per value labelled by hand so far (all posts of the labels file)."""
        human = pd.Series(list(self.file.human().values()), dtype="object")
        status = pd.Series(list(self.file.status().values()), dtype="object")
        rows = [(v, int((human == v).sum())) for v in self.values]
        rows += [
            (SKIPPED, int((status == SKIPPED).sum())),
            (NOT_SURE, int((status == NOT_SURE).sum())),
        ]
        return pd.DataFrame(rows, columns=[self.column, "posts"])

    def summary(self) -> str:
        left = self.total - self.position
        order = (
            "the least sure and random posts in turn"
            if self.proposals and self.hand_labels >= classifier.RANDOM_START
            else f"in random order until {classifier.RANDOM_START} are labelled"
        )
        if not self.total:
            return f"Nothing to label: every post in scope has a {self.column} (or was marked not sure)."
        before = (
            f" ({self.answered_before:,} of {self.in_scope:,} in scope answered in earlier "
            "sessions)"
            if self.answered_before
            else ""
        )
        return (
            f"{self.total:,} post{'s' if self.total != 1 else ''} to label by {self.column} "
            f"({', '.join(self.values)}){before}, {order}; {left:,} left. Answers are saved "
            f"to {self.file.path.name} at once."
        )

    def __repr__(self) -> str:  # no post text: a notebook stores this
        return f"LabellingSession({self.column}: {self.answered} of {self.in_scope} answered)"


def _values(values, file: LabelsFile) -> tuple[str, ...]:
    """The arm values given (a list or "a,b"), else those the file's column already holds."""
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    chosen = tuple(values or sorted(set(file.human().values())))
    if len(chosen) < 2:
        raise ExperimentError(
            f"name at least two values to label {file.column} with, e.g. serious,humorous",
            field="values",
        )
    return chosen
