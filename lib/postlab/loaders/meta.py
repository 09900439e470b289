"""Meta Business Suite content exports, for Facebook Pages and for Instagram.

Mapping choices: ``Views`` (2025 on) or ``Impressions`` (older files) fill
``impressions``; Facebook's "Reactions, Comments and Shares" is
``engagements`` and its Reactions are ``likes``; Instagram has no such total,
so its ``engagements`` is likes + comments + shares + saves. Publish times are
the page's local time, converted to UTC with the account's timezone.
"""

from __future__ import annotations

import pandas as pd

from postlab.loaders.dates import parse_times, times_known
from postlab.loaders.layout import FileContext, Layout

FACEBOOK_TYPES = {
    "photos": "photo",
    "photo": "photo",
    "videos": "video",
    "video": "video",
    "reels": "reel",
    "reel": "reel",
    "links": "link",
    "link": "link",
    "text": "text",
    "status": "text",
    "statuses": "text",
    # as the French, Spanish and German interfaces write them (see languages.py)
    **dict.fromkeys(("fotos", "foto"), "photo"),
    **dict.fromkeys(("vidéos", "vidéo", "vídeos", "vídeo"), "video"),
    **dict.fromkeys(("liens", "lien", "enlaces", "enlace"), "link"),
    **dict.fromkeys(("texte", "texto", "statut", "estado"), "text"),
}
INSTAGRAM_TYPES = {
    "ig image": "photo",
    "ig carousel": "carousel",
    "ig reel": "reel",
    "ig story": "other",
    **dict.fromkeys(("image ig", "imagen de ig", "ig-bild"), "photo"),
    **dict.fromkeys(("carrousel ig", "carrusel de ig", "ig-karussell"), "carousel"),
    **dict.fromkeys(("reel ig", "reel de ig", "ig-reel"), "reel"),
    **dict.fromkeys(("story ig", "historia de ig", "ig-story"), "other"),
}


def _publish_times(table: pd.DataFrame, ctx: FileContext) -> pd.Series:
    return parse_times(
        table["published_at"],
        "%m/%d/%Y %H:%M",
        example="08/28/2025 14:05",
        clues=ctx.clues,
        **ctx.where("published_at"),
    )


def _times_known(table: pd.DataFrame, ctx: FileContext) -> pd.Series:
    return times_known(table["published_at"], ctx.headers["published_at"], ctx.clues)


def _facebook(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    return table.assign(
        published_at=_publish_times(table, ctx),
        time_known=_times_known(table, ctx),
        media_type=ctx.categories(table["media_type"], FACEBOOK_TYPES, "media_type")
        if "media_type" in table
        else pd.NA,
    )


def _instagram(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    engagements = ctx.summed(table)
    return table.drop(columns=["saves"], errors="ignore").assign(
        published_at=_publish_times(table, ctx),
        time_known=_times_known(table, ctx),
        engagements=engagements,
        media_type=ctx.categories(table["media_type"], INSTAGRAM_TYPES, "media_type")
        if "media_type" in table
        else pd.NA,
    )


_SHARED_FIELDS = {
    "post_id": ("post id",),
    "text": ("description", "title"),
    "url": ("permalink",),
    "published_at": ("publish time",),
    "media_type": ("post type",),
    "impressions": ("views", "impressions"),
    "reach": ("reach",),
    "comments": ("comments",),
    "shares": ("shares",),
}

FACEBOOK = Layout(
    name="meta-facebook",
    title="Meta Business Suite export for a Facebook Page",
    platform="facebook",
    signature=frozenset({"post id", "page id"}),
    fields={
        **_SHARED_FIELDS,
        "account": ("page name", "page id"),
        "custom_labels": ("custom labels",),
        "engagements": ("reactions, comments and shares",),
        "likes": ("reactions",),
        "clicks": ("total clicks",),
        "watch_time_s": ("seconds viewed",),
    },
    build=_facebook,
    local_time=True,
)

INSTAGRAM = Layout(
    name="meta-instagram",
    title="Meta Business Suite export for an Instagram account",
    platform="instagram",
    signature=frozenset({"post id", "account id"}),
    fields={
        **_SHARED_FIELDS,
        "account": ("account username", "account name", "account id"),
        "likes": ("likes",),
        "saves": ("saves",),
    },
    build=_instagram,
    local_time=True,
    engagement_parts=("likes", "comments", "shares", "saves"),
)
