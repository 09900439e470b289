"""Facebook's legacy Page Insights post export (until about 2019).

Row 1 holds names, row 2 descriptions. Names repeat (a total count and a
unique-users column can share one name): the first is taken deliberately,
because in these files the first of a pair is the total count. Mapping
choices: Engaged Users (people who clicked anywhere) is ``engagements``;
the "Talking About This by action type" like/comment/share columns fill
``likes``, ``comments``, ``shares``; Post Consumptions (clicks anywhere) is
``clicks``; organic video views are ``video_views``. ``Posted`` is the
page's local time (12-hour clock).
"""

from __future__ import annotations

import re

import pandas as pd

from postlab.loaders.dates import parse_times, times_known
from postlab.loaders.layout import FileContext, Layout

TYPES = {"photo": "photo", "link": "link", "video": "video", "status": "text"}
_PAGE_IN_NAME = re.compile(
    r"Facebook Insights Data Export \(Post Level\) - (.+?) - \d{4}-\d{2}-\d{2}"
)
_PAGE_IN_URL = re.compile(r"facebook\.com/([^/]+)/posts", re.IGNORECASE)


def page_name(table: pd.DataFrame, ctx: FileContext) -> str:
    """The page's name from the file name (as Business Suite spells it), else its permalink."""
    found = _PAGE_IN_NAME.search(ctx.source.path.name)
    if found:
        return found.group(1)
    links = table["url"].dropna() if "url" in table else pd.Series(dtype="str")
    found = _PAGE_IN_URL.search(links.iloc[0]) if len(links) else None
    return found.group(1) if found else ""


def is_description_row(row: tuple[str, ...]) -> bool:
    return any(cell.startswith("Lifetime:") for cell in row)


def _posts(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    return table.assign(
        published_at=parse_times(
            table["published_at"],
            "%m/%d/%Y %I:%M:%S %p",
            example="01/19/2017 09:03:47 AM",
            clues=ctx.clues,
            **ctx.where("published_at"),
        ),
        time_known=times_known(table["published_at"], ctx.headers["published_at"], ctx.clues),
        media_type=ctx.categories(table["media_type"], TYPES, "media_type")
        if "media_type" in table
        else pd.NA,
        account=page_name(table, ctx),
    )


LEGACY = Layout(
    name="facebook-insights-legacy",
    title="legacy Facebook Page Insights post export",
    platform="facebook",
    signature=frozenset({"post id", "post message"}),
    fields={
        "post_id": ("post id",),
        "url": ("permalink",),
        "text": ("post message",),
        "media_type": ("type",),
        "published_at": ("posted",),
        "reach": ("lifetime post total reach",),
        "impressions": ("lifetime post total impressions",),
        "engagements": ("lifetime engaged users",),
        "likes": ("lifetime talking about this (post) by action type - like",),
        "comments": ("lifetime talking about this (post) by action type - comment",),
        "shares": ("lifetime talking about this (post) by action type - share",),
        "clicks": ("lifetime post consumptions",),
        "video_views": ("lifetime organic video views",),
    },
    build=_posts,
    header_rows=2,
    local_time=True,
    repeated_names=True,
    period_is_publish=False,
)
