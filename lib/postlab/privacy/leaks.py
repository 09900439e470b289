"""Outputs compared with the raw post texts they came from: a check with other blind spots.

The scanner (``scan.py``) looks for personal data by its shape, as the
scrubber does, so it misses what the scrubber misses. This check asks another
question: does an output repeat the raw text of a post where the raw text holds
a word the strict scrubber withholds? It flags every run of ``RUN_WORDS`` words
of a raw post that holds such a word, and every pair of name words side by side
(a full name), wherever they reappear in an output. Text that went through the
strict scrubber cannot match: the words are gone. A finding names the file and
where, never the words.
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

    def add(self, text: str, settings: Settings) -> None:
        found = find(text, settings, strict=True)
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


def raw_index(texts: Iterable[str], settings: Settings | None = None) -> RawIndex:
    settings = resolve_settings(settings)
    index = RawIndex()
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
    """Every file under ``paths``, dotfiles and partial notebooks included; images skipped."""
    for given in paths:
        path = Path(given)
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() != ".png"
            )


def stale_caches(cache_dir: Path, current: set[str], last_run: float) -> list[Finding]:
    """Cached posts tables (raw text) of an older state than the last run used."""
    if not cache_dir.is_dir():
        return []
    return [
        Finding(str(p), "cache", "raw post text in a cache older than the last run")
        for p in sorted(cache_dir.iterdir())
        if p.is_file() and p.name.split(".")[0] not in current and p.stat().st_mtime < last_run
    ]


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
    paths: list[str | Path], texts: Iterable[str], data_dir: str, settings: Settings | None = None
) -> Comparison:
    """Every output file under ``paths`` against the raw post ``texts`` of ``data_dir``."""
    index = raw_index(texts, settings)
    files = list(output_files(paths))
    findings = [finding for path in files for finding in leaks_in_file(path, index)]
    return Comparison(data_dir, index.posts, len(files), findings)
