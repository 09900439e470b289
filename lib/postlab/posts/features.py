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
from postlab.posts.time import hour_block, local_times, weekday_names

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
    bare = _on_texts_with(text, _URL_MARKS, lambda t: t.str.replace(_URL, " ", regex=True), text)
    media = has_media(posts)
    local = local_times(posts, settings)  # account-local: postlab.posts.time
    features = {
        "has_media": media,
        "has_link": has_link(posts, text, media, bare),
        "asks_question": bare.str.contains("?", regex=False),
        "hashtags": _on_texts_with(bare, ("#",), lambda t: t.str.count(_HASHTAG), 0),
        "mentions": _on_texts_with(text, ("@",), lambda t: t.str.count(_MENTION), 0),
        "has_emoji": _on_texts_with(text, (), lambda t: t.str.contains(_EMOJI), False),
        "length_band": length_band(bare),
        "is_reply": is_reply(posts, text),
        "weekday": weekday_names(posts, settings, local),
        "hour_block": hour_block(posts, settings, local),
    }
    return posts.assign(
        **{
            name: pd.Series(values, index=posts.index).astype(FEATURE_DTYPES[name])
            for name, values in features.items()
        }
    )


def _on_texts_with(text: pd.Series, marks: tuple[str, ...], apply, absent) -> pd.Series:
    """``apply`` (a regular-expression pass) run only on the texts holding one of ``marks``
    (no marks: a character beyond ASCII), found by a plain search that costs a fraction of
    the expression; ``absent`` (a value or a Series) elsewhere, <NA> where there is no text."""
    values = pa.array(text, type=pa.string())
    if marks:
        hit = pc.match_substring(values, marks[0])
        for mark in marks[1:]:
            hit = pc.or_(hit, pc.match_substring(values, mark))
    else:
        hit = pc.invert(pc.string_is_ascii(values))
    hit = pd.Series(hit.fill_null(False).to_numpy(zero_copy_only=False), index=text.index)
    base = absent if isinstance(absent, pd.Series) else pd.Series(absent, index=text.index)
    if not hit.any():
        return base.where(text.notna())
    found = apply(text[hit])
    out = base.astype(found.dtype) if not isinstance(absent, pd.Series) else base.copy()
    out[hit] = found
    return out.where(text.notna())


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


def has_link(posts: pd.DataFrame, text: pd.Series, media: pd.Series, bare: pd.Series) -> pd.Series:
    """A web address in the text (on X, not the t.co link X appends for media); Meta link posts.

    ``bare`` is the text with its web addresses replaced: where it differs, the text
    had one. Only posts ending in a media t.co link are searched again, for a second.
    """
    appended = (posts["platform"] == "x").fillna(False) & media.fillna(False).astype(bool)
    ending = text[appended].str.slice(-40).str.replace("\n", " ", regex=False)  # $ in pyarrow
    media_link = ending.str.contains(_TRAILING_TCO).fillna(False)
    media_link = media_link[media_link]
    out = bare.ne(text)
    if len(media_link):
        out[media_link.index] = text[media_link.index].str.count(_URL) > 1
    return out.mask(posts["media_type"].astype("string").eq("link").fillna(False), True)


def length_band(bare: pd.Series) -> pd.Series:
    """short / medium / long by characters, web addresses left out (``LENGTH_BANDS``)."""
    size = bare.str.strip().str.len().astype("Float64").to_numpy("float64", na_value=np.nan)
    starts = [start for start, _, _ in LENGTH_BANDS]
    names = np.array([name for *_, name in LENGTH_BANDS], dtype=object)
    bands = names[np.searchsorted(starts, np.nan_to_num(size), side="right") - 1]
    return pd.Series(bands, index=bare.index, dtype="string").mask(np.isnan(size))


def is_reply(posts: pd.DataFrame, text: pd.Series) -> pd.Series:
    """X: the text starts with an @handle (".@name" is a public post); other platforms: never."""
    on_x = (posts["platform"] == "x").fillna(False)
    replies = text.str.match(f"@{_WORD}")
    return replies.where(on_x, False)
