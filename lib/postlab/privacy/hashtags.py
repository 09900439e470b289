"""Hashtags read as words: "#JusticeForAmira", "#findsiobhan", "#justiceformarisol".

CamelCase splits at its capitals; a run of lower-case letters is cut where the
words are most likely, by word frequency (wordfreq, already loaded for the
names) with the shipped names counted as common words, so "marisol" stays one
word where a plain English segmenter makes "mari sol". (wordsegment and
wordninja do the same job but load their own lists, about 3 s each, and know
few names.) A name in a tag is a given name, a rare word or a surname after a
cue of the tag ("Find", "JusticeFor", "RIP"), or a word after a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from postlab.privacy import names as _names

# CamelCase pieces: "ASBTeam" -> ASB, Team; "FindSiobhan2" -> Find, Siobhan, 2.
_PIECE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")
# A run-together stretch longer than this is left whole (it is no tag anyone writes).
LONGEST = 60
LONGEST_WORD = 20
# Names count as words this common, so the segmenter keeps them whole.
NAME_ZIPF = 4.0
# Every word costs this much less its Zipf frequency: fewer, commoner words win.
WORD_COST = 8.0
UNKNOWN_COST = 12.0
# Words in a tag after which a name follows: "#FindSiobhan", "#JusticeForAmira".
CUES = frozenset(
    ["find", "found", "trace", "locate", "missing", "justice", "for", "rip", "remember"]
    + ["remembering", "bring", "home", "back", "pray", "prayers", "love", "forever", "free"]
    + ["help", "search", "appeal", "safe", "return", "seen", "where", "is"]
)


def split_hashtag(tag: str) -> list[str]:
    """The words of a hashtag, without the ``#``: ``["Justice", "For", "Marisol"]``."""
    return [tag[start:end] for start, end in word_spans(tag)]


def word_spans(tag: str) -> list[tuple[int, int]]:
    """Where each word of ``tag`` is (offsets into ``tag``, which may start with ``#``)."""
    spans = []
    for piece in _PIECE.finditer(tag):
        text = piece.group(0)
        if text.islower() and len(text) > 3 and len(text) <= LONGEST:
            spans += [(piece.start() + a, piece.start() + b) for a, b in _segment(text)]
        else:
            spans.append(piece.span())
    return spans


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[tuple[int, int], ...]:
    """The most likely cut of ``text`` into words (Viterbi over word costs)."""
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - LONGEST_WORD), end):
            cost = best[start][0] + _cost(text[start:end])
            if cost < best[end][0]:
                best[end] = (cost, start)
    spans, end = [], len(text)
    while end:
        start = best[end][1]
        spans.append((start, end))
        end = start
    return tuple(reversed(spans))


@lru_cache(maxsize=65536)
def _cost(word: str) -> float:
    zipf = zipf_frequency(word, "en")
    vocab = _names.vocabulary()
    if len(word) > 2 and (word in vocab.given or word in vocab.surnames):
        zipf = max(zipf, NAME_ZIPF)
    if zipf == 0:
        return UNKNOWN_COST + 2.0 * len(word)
    return WORD_COST - zipf


def name_spans_in_tag(tag: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Where the personal names inside ``tag`` are (offsets into ``tag``)."""
    words = word_spans(tag)
    spans: list[tuple[int, int]] = []
    cued = False
    for start, end in words:
        word = tag[start:end]
        lower = word.lower()
        sort = _names.sort_of(word[:1].upper() + word[1:], allowed) if word.isalpha() else ""
        after_name = bool(spans) and spans[-1][1] == start
        named = sort == _names.GIVEN or (
            sort in (_names.RARE, _names.SURNAME, _names.WORDNAME) and (cued or after_name)
        )
        if named and not (sort == _names.WORDNAME and zipf_frequency(lower, "en") >= 5.0):
            spans.append((start, end))
            continue
        cued = lower in CUES
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
