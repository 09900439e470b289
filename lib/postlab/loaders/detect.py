"""Which layout a file is, decided from its columns, never from its name."""

from __future__ import annotations

import dataclasses

from postlab.loaders import facebook_legacy, meta, x, youtube
from postlab.loaders.languages import vocabularies
from postlab.loaders.layout import Layout
from postlab.loaders.readers import Head

KNOWN_LAYOUTS: tuple[Layout, ...] = (
    x.TWEET_ACTIVITY,
    x.ACCOUNT_CONTENT,
    facebook_legacy.LEGACY,
    meta.FACEBOOK,
    meta.INSTAGRAM,
    youtube.TABLE_DATA,
)
LABELS_FILE = "labels file (post_id column, not an export)"


def detect(head: Head, mappings: tuple[Layout, ...] = ()) -> tuple[Layout | str | None, Head]:
    """The file's layout and its head (headers in English); or why a file that is
    recognisably not posts is skipped.

    English headers first; then each layout's French, Spanish and German
    vocabularies (``languages``), one layout at a time.
    """
    names = head.names
    companion = youtube.companion(names)
    if companion:
        return companion, head
    for layout in (*KNOWN_LAYOUTS, *mappings):
        if layout.matches(names):
            return _with_header_rows(layout, head), head
    for layout in KNOWN_LAYOUTS:
        for language, vocabulary in vocabularies(layout.name).items():
            translated = dataclasses.replace(
                head, language=language, vocabulary=tuple(vocabulary.items())
            )
            if layout is youtube.TABLE_DATA and youtube.companion(translated.names):
                return youtube.companion(translated.names), translated
            if layout.matches(translated.names):
                return _with_header_rows(layout, translated), translated
    return (LABELS_FILE if "post_id" in names else None), head


def _with_header_rows(layout: Layout, head: Head) -> Layout:
    """Legacy Facebook files carry a description row, unless someone deleted it."""
    if layout is facebook_legacy.LEGACY and not (
        len(head.rows) > 1 and facebook_legacy.is_description_row(head.rows[1])
    ):
        return dataclasses.replace(layout, header_rows=1)
    return layout


def known_titles(mappings: tuple[Layout, ...] = ()) -> str:
    return "; ".join(layout.title for layout in (*KNOWN_LAYOUTS, *mappings))
