"""Outputs compared with the raw post texts they came from: a check with other blind spots.

The scanner (``scan.py``) looks for personal data by its shape, as the
scrubber does, so it misses what the scrubber misses. This check asks another
question: does an output repeat the raw text of a post where the raw text holds
a word the strict scrubber withholds? It flags every run of ``RUN_WORDS`` words
of a raw post that holds such a word, and every pair of name words side by side
(a full name), wherever they reappear in an output. Text that went through the
strict scrubber cannot match: the words are gone. A finding names the file and
where, never the words.

A posts table written by ``postlab load --out`` (a Parquet or CSV file with
``post_id`` and ``text`` columns) holds text scrubbed in the default mode on
purpose, for analysts: each row is compared with its own raw post (by id), for
the words the default scrubber removes from it, so a raw table
(``--keep-text``) is still found (and the scanner finds a name planted in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from postlab.config import Settings
from postlab.privacy.scan import Finding, readable_parts
from postlab.privacy.scrub import find, resolve_settings

# Four words: long enough that common phrases ("call 101 quoting the") hold no
# withheld word, short enough to catch a name quoted with a little context.
RUN_WORDS = 4
# Kinds whose two words side by side are a full name ("12 Beacon Terrace" is not).
NAMED = frozenset({"name", "withheld"})
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]


@dataclass
class RawIndex:
    """The word runs of the raw post texts that must not reappear in an output."""

    runs: set[tuple[str, ...]] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    posts: int = 0
    strict: bool = True  # False: only what the default scrubber removes (posts tables)

    def add(self, text: str, settings: Settings) -> None:
        found = find(text, settings, strict=self.strict)
        withheld = {i for r in found for i in range(r.start, r.end)}
        named = {i for r in found if r.kind in NAMED for i in range(r.start, r.end)}
        words = _words(text)
        secret = [not withheld.isdisjoint(range(start, end)) for start, end, _ in words]
        name = [not named.isdisjoint(range(start, end)) for start, end, _ in words]
        plain = [w for _, _, w in words]
        for i in range(len(words) - RUN_WORDS + 1):
            if any(secret[i : i + RUN_WORDS]):
                self.runs.add(tuple(plain[i : i + RUN_WORDS]))
        for i in range(len(words) - 1):
            if name[i] and name[i + 1]:
                self.pairs.add((plain[i], plain[i + 1]))
        self.posts += 1

    def matches(self, text: str) -> int:
        """How many raw runs and name pairs ``text`` repeats."""
        plain = [w for _, _, w in _words(text)]
        hits = sum(
            tuple(plain[i : i + RUN_WORDS]) in self.runs for i in range(len(plain) - RUN_WORDS + 1)
        )
        return hits + sum((a, b) in self.pairs for a, b in zip(plain, plain[1:], strict=False))


def raw_index(
    texts: Iterable[str], settings: Settings | None = None, *, strict: bool = True
) -> RawIndex:
    settings = resolve_settings(settings)
    index = RawIndex(strict=strict)
    for text in texts:
        if isinstance(text, str) and text.strip():
            index.add(text, settings)
    return index


def leaks_in_file(path: Path, index: RawIndex) -> Iterator[Finding]:
    for location, text in readable_parts(path):
        count = index.matches(text)
        if count:
            yield Finding(str(path), location, "raw post text", count)


def output_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under ``paths``, dotfiles and partial notebooks included (images for
    their text chunks)."""
    for given in paths:
        path = Path(given)
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())


def stale_caches(
    cache_dir: Path, current: set[str], last_run: float, texts: set[str] | None = None
) -> list[Finding]:
    """Cached posts tables (raw text) of an older state than the last run used, that hold
    a post text the data folder no longer holds (all of them when ``texts`` is None).

    A table whose texts the data still holds keeps nothing that the exports do not:
    ``label suggest`` changes labels.csv after a run, which makes the run's table one
    of an old state, with the very same texts. An unreadable table is stale.
    """
    if not cache_dir.is_dir():
        return []
    old = [
        p
        for p in sorted(cache_dir.iterdir())
        if p.is_file() and p.name.split(".")[0] not in current and p.stat().st_mtime < last_run
    ]
    kept = set() if texts is None else {p.stem for p in old if _only_texts_of(p, texts)}
    return [
        Finding(str(p), "cache", "raw post text in a cache older than the last run")
        for p in old
        if p.name.split(".")[0] not in kept
    ]


def _only_texts_of(table: Path, texts: set[str]) -> bool:
    """Whether every post text of a cached table is among ``texts``."""
    if table.suffix != ".parquet":
        return table.name.endswith(".json") and _only_texts_of(table.with_suffix(".parquet"), texts)
    import pyarrow.parquet as pq

    try:
        column = pq.read_table(table, columns=["text"]).column("text").to_pylist()
    except (OSError, ValueError, KeyError):
        return False
    return all(text is None or text in texts for text in column)


def last_run_time(paths: Iterable[str | Path]) -> float:
    """When the newest output under ``paths`` was written (0 when there is none)."""
    times = [p.stat().st_mtime for p in output_files(paths)]
    return max(times, default=0.0)


@dataclass
class Comparison:
    """The outputs under ``paths`` against the raw posts of ``data_dir``."""

    data_dir: str
    posts: int
    files: int
    findings: list[Finding]

    def __str__(self) -> str:
        return (
            f"raw comparison: {self.files} output files against {self.posts} raw posts of "
            f"{self.data_dir}: {len(self.findings)} finding{'s' * (len(self.findings) != 1)}"
        )


def compare_with_raw(
    paths: list[str | Path],
    texts: Iterable[str],
    data_dir: str,
    settings: Settings | None = None,
    ids: Iterable[str] | None = None,
) -> Comparison:
    """Every output file under ``paths`` against the raw post ``texts`` of ``data_dir``
    (``ids``: their post ids, for posts tables)."""
    settings = resolve_settings(settings)
    texts = list(texts)
    index = raw_index(texts, settings)
    files = list(output_files(paths))
    tables = [path for path in files if is_posts_table(path)]
    by_post = _by_post(texts, ids, settings) if tables else {}
    findings = [
        finding
        for path in files
        for finding in (
            leaks_in_table(path, by_post) if path in tables else leaks_in_file(path, index)
        )
    ]
    return Comparison(data_dir, index.posts, len(files), findings)


def _by_post(texts: list[str], ids, settings: Settings) -> dict[str, RawIndex]:
    """Each raw post's runs around the words the default scrubber removes, by post id."""
    indexes: dict[str, RawIndex] = {}
    for post_id, text in zip(ids if ids is not None else [], texts, strict=False):
        if isinstance(text, str) and text.strip():
            indexes.setdefault(str(post_id), RawIndex(strict=False)).add(text, settings)
    return indexes


def leaks_in_table(path: Path, by_post: dict[str, RawIndex]) -> Iterator[Finding]:
    """Rows of a posts table whose text repeats what the scrubber removes from its raw post;
    a row of a post not among the raw posts is compared with all of them."""
    import pandas as pd

    if path.suffix.lower() == ".parquet":
        table = pd.read_parquet(path, columns=["post_id", "text"])
    else:
        table = pd.read_csv(path, usecols=["post_id", "text"], dtype=str, keep_default_na=False)
    every = None
    for number, (post_id, text) in enumerate(
        zip(table["post_id"], table["text"], strict=True), start=1
    ):
        if not isinstance(text, str) or not text.strip():
            continue
        index = by_post.get(str(post_id))
        if index is None:
            every = every or _merged(by_post.values())
            index = every
        count = index.matches(text)
        if count:
            yield Finding(str(path), f"row {number}", "raw post text", count)


def _merged(indexes: Iterable[RawIndex]) -> RawIndex:
    merged = RawIndex(strict=False)
    for index in indexes:
        merged.runs |= index.runs
        merged.pairs |= index.pairs
        merged.posts += index.posts
    return merged


def is_posts_table(path: Path) -> bool:
    """Whether ``path`` is a posts table as ``postlab load --out`` writes it."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            columns = set(pq.read_schema(path).names)
        elif suffix == ".csv":
            with path.open(encoding="utf-8-sig", errors="replace") as file:
                columns = {c.strip().strip('"') for c in file.readline().split(",")}
        else:
            return False
    except (OSError, ValueError):
        return False
    return {"post_id", "text"} <= columns
