"""Post features computed at load, so that common arms need no hand-made labels file.

Each feature is derived from the export alone (text, media type, counts,
publish time) and is missing (<NA>) where the export cannot tell, never
guessed. How each is derived per platform, and its limits, is in docs/analyst/features.md
("Post features"). ``has_media`` on X is *inferred*: tweet-activity exports
carry no media type, only "media views", which X counts only on posts that
carry a photo, video or GIF.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.config import Settings
from postlab.posts.time import hour_blocks, local_times, weekday_names

FEATURE_DTYPES: dict[str, str] = {
    "has_media": "boolean",
    "has_link": "boolean",
    "asks_question": "boolean",
    "hashtags": "Int64",
    "mentions": "Int64",
    "has_emoji": "boolean",
    "length_band": "string",
    "is_reply": "boolean",
    "weekday": "string",
    "hour_block": "string",
}
FEATURE_COLUMNS = tuple(FEATURE_DTYPES)

# Characters of text, links left out: short fits a headline, long needs "see more".
LENGTH_BANDS = ((0, 80, "short"), (80, 160, "medium"), (160, None, "long"))
MEDIA_TYPES_WITH_MEDIA = frozenset({"photo", "video", "reel", "carousel", "live"})
MEDIA_TYPES_WITHOUT_MEDIA = frozenset({"text", "link"})

# Patterns as text that pyarrow's RE2 runs vectorised over a million posts: no
# lookarounds, \s, \w or $ (pandas would fall back to Python's re, 30 times slower).
_SPACE = "[ \t\n\r\f\v]"
_WORD = "[A-Za-z0-9_]"
_URL = (
    r"(?i)(?:https?://|www\.)[^ \t\n\r\f\v]+"
    r"|(?:^|[ \t\n\r\f\v(])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^ \t\n\r\f\v]*"
)
_TRAILING_TCO = rf"(?i)https?://t\.co/{_WORD}+{_SPACE}*$"
_HASHTAG = rf"(?:^|[^A-Za-z0-9_&#])#{_WORD}*[A-Za-z]{_WORD}*"
_MENTION = rf"(?:^|[^A-Za-z0-9_@])@{_WORD}{{1,15}}"
_URL_MARKS = ("/", "www.", "WWW.", "Www.")  # no web address without one of them
_EMOJI = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b50-\u2b55\u231a\u231b\u23e9-\u23fa]"


def add_features(posts: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """``posts`` with the feature columns added (replacing any of the same name)."""
    text = posts["text"].astype("string")
    scan = ByteScan(text)
    linked = scan.holds("/") | scan.holds("www.", any_case=True)  # where _URL can match
    bare = _on_rows(text, linked, lambda t: t.str.replace(_URL, " ", regex=True), text)
    media = has_media(posts)
    local = local_times(posts, settings)  # account-local: postlab.posts.time
    asks = scan.holds("?")
    features = {
        "has_media": media,
        "has_link": has_link(posts, text, media, bare, linked),
        "asks_question": _on_rows(
            bare, asks & linked, lambda t: t.str.contains("?", regex=False), asks
        ),
        "hashtags": _on_rows(bare, scan.holds("#"), lambda t: t.str.count(_HASHTAG), 0),
        "mentions": _on_rows(text, scan.holds("@"), lambda t: t.str.count(_MENTION), 0),
        "has_emoji": _on_rows(text, scan.beyond_ascii(), lambda t: t.str.contains(_EMOJI), False),
        "length_band": length_band(bare),
        "is_reply": is_reply(posts, text, scan),
        "weekday": _strings(weekday_names(posts, settings, local)),
        "hour_block": _strings(hour_blocks(posts, settings, local)),
    }
    return posts.assign(
        **{
            name: pd.Series(values, index=posts.index).astype(FEATURE_DTYPES[name])
            for name, values in features.items()
        }
    )


class ByteScan:
    """Which texts hold a character, from one numpy pass over the UTF-8 bytes of all of them.

    Several times cheaper than a substring kernel, it picks the few texts a
    regular expression has to run on (the character is one it cannot match without).
    """

    def __init__(self, text: pd.Series):
        values = pa.array(text, type=pa.large_string())
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        self.values = values
        _, offsets, data = values.buffers()
        self.offsets = np.frombuffer(offsets, dtype=np.int64)[
            values.offset : values.offset + len(values) + 1
        ]
        self.data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, "u1")

    def holds(self, needle: str, *, any_case: bool = False) -> np.ndarray:
        """Per text, whether it holds ``needle`` (ASCII; ``any_case``: its letters in any case)."""
        wanted = needle.encode("ascii")
        fold = [any_case and chr(b).isalpha() for b in wanted]
        found = self._where(lambda part: self._byte(part, wanted[0], fold[0]))
        found = found[found + len(wanted) <= len(self.data)]
        for step, byte in enumerate(wanted[1:], 1):
            found = found[self._byte(self.data[found + step], byte, fold[step])]
        return self._rows(found, len(wanted))

    def beyond_ascii(self) -> np.ndarray:
        """Per text, whether it holds a character beyond ASCII (a byte above 0x7F)."""
        return self._rows(self._where(lambda part: part > 0x7F), 1)

    def _where(self, test) -> np.ndarray:
        """Positions of the bytes that pass ``test``, a megabyte at a time (small temporaries)."""
        step = 1 << 20
        parts = [
            np.flatnonzero(test(self.data[start : start + step])) + start
            for start in range(0, len(self.data), step)
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.intp)

    def _rows(self, found: np.ndarray, width: int) -> np.ndarray:
        rows = np.searchsorted(self.offsets, found, side="right") - 1
        rows = rows[found + width <= self.offsets[rows + 1]]  # not across two texts
        out = np.zeros(len(self.values), dtype=bool)
        out[rows] = True
        return out

    @staticmethod
    def _byte(data: np.ndarray, byte: int, fold: bool) -> np.ndarray:
        return (data | 0x20) == (byte | 0x20) if fold else data == byte


def _on_rows(text: pd.Series, rows: np.ndarray, apply, absent) -> pd.Series:
    """``apply`` (a regular-expression pass) run only on ``rows``, the texts that can match
    (``ByteScan``); ``absent`` (a value, or values per row) elsewhere, <NA> where there is no
    text."""
    if isinstance(absent, pd.Series | np.ndarray):
        base = pd.Series(absent, index=text.index)
    else:
        base = pd.Series(absent, index=text.index)
    if not rows.any():
        return base.where(text.notna())
    found = apply(text[rows])
    out = base.astype(found.dtype)
    out.iloc[np.flatnonzero(rows)] = found.to_numpy()
    return out.where(text.notna())


def _strings(values: pd.Series) -> pd.Series:
    """A categorical as the string dtype, from its codes (no Python string per row)."""
    codes = values.cat.codes.to_numpy()
    names = pa.array([str(c) for c in values.cat.categories], type=pa.large_string())
    taken = pc.take(names, pa.array(codes, mask=codes < 0))
    return pd.Series(pd.array(taken, dtype="string"), index=values.index)


def has_media(posts: pd.DataFrame) -> pd.Series:
    """From the media type where the export gives one; on X inferred from media views."""
    kind = posts["media_type"].astype("string")
    out = pd.Series(pd.NA, index=posts.index, dtype="boolean")
    out[kind.isin(MEDIA_TYPES_WITH_MEDIA).fillna(False)] = True
    out[kind.isin(MEDIA_TYPES_WITHOUT_MEDIA).fillna(False)] = False
    inferred = (posts["platform"] == "x").fillna(False) & kind.isna()
    views = posts["video_views"].astype("Int64")  # X's "media views"
    out[inferred] = (views[inferred] > 0).astype("boolean")
    return out


def has_link(
    posts: pd.DataFrame, text: pd.Series, media: pd.Series, bare: pd.Series, linked: np.ndarray
) -> pd.Series:
    """A web address in the text (on X, not the t.co link X appends for media); Meta link posts.

    ``bare`` is the text with its web addresses replaced: where it differs, the text
    had one; ``linked`` are the texts that can hold one. Only posts ending in a media
    t.co link are searched again, for a second.
    """
    appended = (posts["platform"] == "x").fillna(False) & media.fillna(False).astype(bool) & linked
    ending = text[appended].str.slice(-40).str.replace("\n", " ", regex=False)  # $ in pyarrow
    media_link = ending.str.contains(_TRAILING_TCO).fillna(False)
    media_link = media_link[media_link]
    out = pd.Series(False, index=text.index, dtype="boolean")
    out[linked] = bare[linked].ne(text[linked])
    out = out.where(text.notna())
    if len(media_link):
        out[media_link.index] = text[media_link.index].str.count(_URL) > 1
    return out.mask(posts["media_type"].astype("string").eq("link").fillna(False), True)


def length_band(bare: pd.Series) -> pd.Series:
    """short / medium / long by characters, web addresses left out (``LENGTH_BANDS``)."""
    size = bare.str.strip().str.len().astype("Float64").to_numpy("float64", na_value=np.nan)
    starts = [start for start, _, _ in LENGTH_BANDS]
    names = pa.array([name for *_, name in LENGTH_BANDS], type=pa.large_string())
    codes = np.searchsorted(starts, np.nan_to_num(size), side="right") - 1
    bands = pc.take(names, pa.array(codes, mask=np.isnan(size)))
    return pd.Series(pd.array(bands, dtype="string"), index=bare.index)


def is_reply(posts: pd.DataFrame, text: pd.Series, scan: ByteScan | None = None) -> pd.Series:
    """X: the text starts with an @handle (".@name" is a public post); other platforms: never."""
    on_x = (posts["platform"] == "x").fillna(False)
    scan = scan or ByteScan(text)
    starts = pc.fill_null(pc.starts_with(scan.values, "@"), False).to_numpy(zero_copy_only=False)
    replies = _on_rows(text, starts, lambda t: t.str.match(f"@{_WORD}"), False)
    return replies.where(on_x, False)
