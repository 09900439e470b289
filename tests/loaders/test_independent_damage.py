"""An independent measure of damaged and unusual exports (issue #20), built from the real files.

Every case is a file (or folder) a team could really have: the real X and
legacy Facebook downloads, and FORMATS.md's Meta, Instagram, X account and
YouTube layouts, re-saved by a European Excel, re-encoded, cut short,
edited or mixed. Each one has a decided outcome written beside it: refused
with one line naming the file (exit 1), or loaded with the undamaged file's
values (with a note where a repair was made, and dropped rows counted).
Each case is run through ``postlab.load`` and through ``postlab load FILE
--report`` as a user types it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import warnings
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from postlab.cli import main
from postlab.config import Settings
from postlab.exceptions import PostlabError
from postlab.loaders import load_with_report
from postlab.posts.columns import COUNT_COLUMNS

REAL = Path("/work/shared/real-exports")
X_REAL = REAL / "x-tweet-activity" / "tweet_activity_metrics_rOpenSci_20170101_20170201_en.csv"
X_OTHER = REAL / "x-tweet-activity" / "tweet_activity_metrics_TCORSStgOrg_20170401_20170408_en.csv"
LEGACY_NAME = "Facebook Insights Data Export (Post Level) - USC Clinical Trials - 2017-01-19.csv"
LEGACY_REAL = REAL / "facebook-insights-legacy" / LEGACY_NAME

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="real exports not available")

COMPARED = (
    "platform",
    "account",
    "post_id",
    "published_at",
    "time_known",
    "text",
    "url",
    "media_type",
    *COUNT_COLUMNS,
    "watch_time_s",
    "custom_labels",
)
Rows = list[list[str]]

# ---------------------------------------------------------------- the undamaged bases


def _read(path: Path, encoding: str = "utf-8") -> Rows:
    with path.open(encoding=encoding, newline="") as handle:
        return [list(row) for row in csv.reader(handle)]


def _text(rows: Rows, *, delimiter=",", quote_all=False, newline="\n") -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=newline).writerows(rows)
    return out.getvalue()


def _write(path: Path, rows: Rows, *, encoding="utf-8", **style) -> Path:
    path.write_bytes(_text(rows, **style).encode(encoding))
    return path


def x_rows() -> Rows:
    return _read(X_REAL)


def x_rows_early_days() -> Rows:
    """The real month's posts published on days 1-12 (their dates read both ways once re-saved)."""
    rows = x_rows()
    return [rows[0], *[r for r in rows[1:] if int(r[3][8:10]) <= 12]]


def legacy_rows() -> Rows:
    return _read(LEGACY_REAL, "utf-8-sig")


META_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Other Clicks",
    "Matched Audience Targeting Consumption (Photo Click)",
]
# (publish time, type, label, views, reach, reactions, comments, shares, clicks), newest first
META_POSTS = [
    ("09/28/2025 17:00", "Photos", "humorous", 148767, 90211, 3120, 210, 97, 1500),
    ("09/21/2025 08:30", "Videos", "serious", 3775, 2900, 41, 7, 3, 60),
    ("09/14/2025 12:30", "Links", "", 12045, 8800, 230, 18, 12, 410),
    ("09/05/2025 17:00", "Text", "humorous", 980, 760, 25, 4, 1, 0),
    ("08/30/2025 10:00", "Reels", "serious", 55210, 40100, 1204, 88, 60, 300),
    ("08/22/2025 08:30", "Photos", "", 2301, 1900, 60, 9, 2, 31),
    ("08/16/2025 12:30", "Videos", "humorous", 7702, 5110, 300, 22, 15, 80),
    ("08/09/2025 17:00", "Photos", "serious", 1234, 1000, 18, 2, 0, 12),
    ("08/03/2025 09:15", "Links", "", 4410, 3300, 77, 5, 4, 150),
]
META_EARLY = [
    ("09/12/2025 17:00", "Photos", "humorous", 14876, 9021, 312, 21, 9, 150),
    ("09/07/2025 08:30", "Videos", "serious", 3775, 2900, 41, 7, 3, 60),
    ("09/03/2025 12:30", "Links", "", 12045, 8800, 230, 18, 12, 410),
    ("08/11/2025 17:00", "Text", "humorous", 980, 760, 25, 4, 1, 0),
    ("08/10/2025 10:00", "Reels", "serious", 55210, 40100, 1204, 88, 60, 300),
    ("08/05/2025 08:30", "Photos", "", 2301, 1900, 60, 9, 2, 31),
    ("08/02/2025 12:30", "Videos", "humorous", 7702, 5110, 300, 22, 15, 80),
]
CAPTIONS = [
    "Meet the team at Northbrook station this Saturday",
    "Have you seen this bike? Call 101 with any information",
    "Our road safety week starts Monday: \u201cslow down\u201d",
    "Lost dog reunited with owner \u2013 thank you all",
    "A day with the dog unit\nwatch to the end",
    "Scam alert: nobody from the bank asks for your PIN",
    "Cost of a stolen catalytic converter: \u00a31,500 and rising",
    "Coffee with a cop, 10am at the library",
    "New neighbourhood officer for Eastfield",
]


def meta_rows(posts=META_POSTS) -> Rows:
    rows = [list(META_HEADER)]
    for i, (when, kind, label, views, reach, react, comm, share, clicks) in enumerate(posts):
        post = f"{9000001 + i}"
        rows.append(
            [
                f"104215567880_{post}",
                "104215567880",
                "Northbrook Police",
                "",
                CAPTIONS[i],
                "31" if kind in ("Videos", "Reels") else "",
                when,
                "",
                f"https://www.facebook.com/104215567880/posts/{post}",
                "No",
                "No",
                kind,
                "en",
                label,
                "",
                "",
                "Lifetime",
                str(views),
                str(reach),
                str(react + comm + share),
                str(react),
                str(comm),
                str(share),
                str(clicks),
                str(clicks // 2),
                "0",
            ]
        )
    return rows


INSTAGRAM_HEADER = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]


def instagram_rows() -> Rows:
    rows = [list(INSTAGRAM_HEADER)]
    kinds = ["IG image", "IG reel", "IG carousel", "IG image", "IG reel", "IG image"]
    for i, kind in enumerate(kinds):
        rows.append(
            [
                str(17912345678901234 + 7919 * i),
                "17841400000000001",
                "northbrookpolice",
                "Northbrook Police",
                CAPTIONS[i],
                "15" if kind == "IG reel" else "",
                f"09/{25 - 4 * i:02d}/2025 {9 + i}:30",
                f"https://www.instagram.com/p/C{i}xYz{i}Ab/",
                kind,
                "",
                "Lifetime",
                str(5000 + 1371 * i),
                str(4000 + 1000 * i),
                str(300 + 17 * i),
                str(12 + i),
                str(i),
                str(20 + 3 * i),
                str(5 + i),
            ]
        )
    return rows


X_ACCOUNT_HEADER = [
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail Expands",
    "URL Clicks",
    "Hashtag Clicks",
    "Permalink Clicks",
]


def _snowflake(when: datetime) -> str:
    millis = int(when.timestamp() * 1000) - 1288834974657
    return str((millis << 22) + 4242)


def x_account_rows() -> Rows:
    rows = [list(X_ACCOUNT_HEADER)]
    for i in range(8):
        when = datetime(2026, 9, 26 - 3 * i, 8 + i, 5 * i, tzinfo=UTC)
        post = _snowflake(when)
        rows.append(
            [
                post,
                when.strftime("%a, %b %d, %Y"),
                CAPTIONS[i],
                f"https://x.com/NorthbrookPol/status/{post}",
                str(4000 + 977 * i),
                str(40 + 3 * i),
                str(120 + 9 * i),
                str(i),
                str(2 + i),
                "0",
                str(3 + i),
                str(5 + i),
                str(7),
                str(11),
                str(13 + i),
                "0",
                "1",
            ]
        )
    return rows


YOUTUBE_HEADER = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Likes",
    "Comments added",
    "Shares",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Impressions",
    "Impressions click-through rate (%)",
]
YOUTUBE_VIDEOS = [
    ("dQw4w9WgXcQ", "Sep 28, 2025", 412, 33, 17, 9120, "310.5", 12, 80211, "5.02"),
    (" -HHGH-TTqYM", "Sep 14, 2025", 88, 5, 2, 2210, "41.25", -1, 31002, "3.1"),
    ("a1B2c3D4e5F", "Aug 30, 2025", 1204, 120, 60, 40100, "1250.75", 40, 402112, "7.5"),
    ("Zz9Yy8Xx7Ww", "Aug 21, 2025", 9, 0, 0, 310, "2.5", 0, 5120, "1.2"),
    ("Qq1Ww2Ee3Rr", "Aug 05, 2025", 61, 4, 1, 1506, "20", 2, 20100, "4.4"),
]
YOUTUBE_ZIP = "Content 2025-08-01_2025-09-30 Northbrook Police.zip"


def youtube_rows(videos=YOUTUBE_VIDEOS) -> Rows:
    rows = [list(YOUTUBE_HEADER)]
    total = [sum(v[i] for v in videos) for i in (2, 3, 4, 5)]
    rows.append(["Total", "", "", "", *map(str, total[:3]), str(total[3]), "1625", "", "", ""])
    for vid, date, likes, comm, share, views, hours, subs, impr, ctr in videos:
        rows.append(
            [
                vid,
                f"Video {vid.strip()}",
                date,
                "95",
                *map(str, (likes, comm, share, views)),
                hours,
                str(subs),
                str(impr),
                ctr,
            ]
        )
    return rows


def _youtube_zip(path: Path, table: str | bytes | None, *, others=True, name="Table data.csv"):
    with zipfile.ZipFile(path, "w") as archive:
        if table is not None:
            archive.writestr(name, table)
        if others:
            archive.writestr(
                "Chart data.csv",
                "Date,Content,Video title,Video publish time,"
                "Duration,Views\n2025-08-05,Qq1Ww2Ee3Rr,Video Qq1Ww2Ee3Rr,"
                '"Aug 05, 2025",95,100\n',
            )
            archive.writestr("Totals.csv", "Date,Views\n2025-08-05,100\n")
    return path


# ------------------------------------------------------------------- damage helpers


def _column(rows: Rows, name: str) -> int:
    return [c.strip().lower() for c in rows[0]].index(name.lower())


def _map_columns(rows: Rows, names, change: Callable[[str], str]) -> Rows:
    out = [list(r) for r in rows]
    at = [_column(rows, n) for n in names]
    for row in out[1:]:
        for i in at:
            if i < len(row) and row[i] not in ("", "-"):
                row[i] = change(row[i])
    return out


def _set(rows: Rows, row: int, name: str, value: str) -> Rows:
    out = [list(r) for r in rows]
    out[row][_column(rows, name)] = value
    return out


def _drop_columns(rows: Rows, names) -> Rows:
    at = {_column(rows, n) for n in names}
    return [[c for i, c in enumerate(r) if i not in at] for r in rows]


def _comma(value: str) -> str:
    """A number as a European Excel writes it: decimal comma, no grouping."""
    return value.replace(".", ",")


def _comma_grouped(value: str) -> str:
    """1.234,5: thousands grouped with dots, decimal comma."""
    number = float(value)
    whole, _, frac = f"{number:.10f}".rstrip("0").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac or '0'}" if "." in value else grouped


def _point_grouped(value: str) -> str:
    number = float(value)
    return f"{number:,.1f}" if "." in value else f"{int(number):,}"


def _whole(value: str) -> str:
    return str(int(float(value)))


def _round15(value: str) -> str:
    """As Excel writes a long number: 15 significant digits, the rest zeros."""
    return f"{round(Decimal(value), 15 - len(value)):f}"


def _scientific(value: str) -> str:
    return f"{float(value):.5E}".replace("E+", "E+")


X_COUNTS = [
    "impressions",
    "engagements",
    "retweets",
    "replies",
    "likes",
    "url clicks",
    "media views",
]
X_NUMBERS = [*X_COUNTS, "engagement rate", "user profile clicks", "hashtag clicks"]
META_COUNTS = [
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
]


def _x_time(change: Callable[[datetime], str]):
    return lambda value: change(datetime.strptime(value, "%Y-%m-%d %H:%M +0000"))


def _meta_time(change: Callable[[datetime], str]):
    return lambda value: change(datetime.strptime(value, "%m/%d/%Y %H:%M"))


# ------------------------------------------------------------------------ the cases


@dataclass
class Case:
    """One damaged file and what postlab must do with it.

    ``expect`` is "refuse" (one line naming the file), "load" (the base's
    values, less ``dropped`` ids, with ``blank`` columns empty; ``note`` must
    appear in the report) or "either" (refused, or loaded like "load").
    """

    name: str
    build: Callable[[Path], Path]
    base: str = "x"
    expect: str = "load"
    note: str = ""
    dropped: int = 0
    blank: tuple[str, ...] = ()
    want: Callable[[pd.DataFrame], pd.DataFrame] | None = None


X_NAME = X_REAL.name
META_NAME = "Aug-01-2025_Sep-30-2025_Northbrook-Police.csv"
META_EARLY_NAME = "Aug-01-2025_Sep-15-2025_Northbrook-Police.csv"
IG_NAME = "Aug-01-2025_Sep-30-2025_northbrookpolice.csv"
XA_NAME = "account_analytics_content_2026-07-01_2026-09-28.csv"


def _bases(folder: Path) -> dict[str, Path]:
    """The undamaged files every case is compared with."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {"x": _copy(X_REAL, folder / X_NAME)}
    early = folder / "early"
    early.mkdir(exist_ok=True)
    out["x-early"] = _write(early / X_NAME, x_rows_early_days(), quote_all=True)
    out["legacy"] = _copy(LEGACY_REAL, folder / LEGACY_NAME)
    out["meta"] = _write(folder / META_NAME, meta_rows(), encoding="utf-8-sig")
    out["meta-early"] = _write(
        folder / META_EARLY_NAME, meta_rows(META_EARLY), encoding="utf-8-sig"
    )
    out["instagram"] = _write(folder / IG_NAME, instagram_rows(), encoding="utf-8-sig")
    out["x-account"] = _write(folder / XA_NAME, x_account_rows())
    out["youtube"] = _youtube_zip(folder / YOUTUBE_ZIP, _text(youtube_rows()))
    out["x-other"] = _copy(X_OTHER, folder / X_OTHER.name)
    return out


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _file(name: str, rows: Callable[[], Rows], **style) -> Callable[[Path], Path]:
    return lambda tmp: _write(tmp / name, rows(), **style)


def _raw(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return build


def _xlsx(name: str, rows: Callable[[], Rows], cell: Callable[[str, str], object]):
    """A workbook as Excel saves it: ``cell(column name, text)`` gives each cell's value."""

    def build(tmp: Path) -> Path:
        data = rows()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(data[0])
        for row in data[1:]:
            sheet.append([cell(h.strip().lower(), v) for h, v in zip(data[0], row, strict=False)])
        book.save(tmp / name)
        return tmp / name

    return build


def _excel_cell(dates: str):
    """Excel's reading of an X export: numbers become numbers, ids doubles, dates ``dates``."""

    def cell(column: str, value: str):
        if column == "time":
            when = datetime.strptime(value, "%Y-%m-%d %H:%M +0000")
            if dates == "cells":
                return when
            if dates == "serial":
                return (when - datetime(1899, 12, 30)).total_seconds() / 86400
            return when.strftime("%d/%m/%Y %H:%M")
        if column == "tweet id":
            return float(value)
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value

    return cell


def _meta_cell(dates: str):
    def cell(column: str, value: str):
        if column == "publish time":
            when = datetime.strptime(value, "%m/%d/%Y %H:%M")
            if dates == "serial":
                return (when - datetime(1899, 12, 30)).total_seconds() / 86400
            return when
        if column in ("post id", "account id") and value.isdigit():
            return float(value)
        return int(value) if value.lstrip("-").isdigit() and column != "page id" else value

    return cell


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _folder(*builders: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        folder = tmp / "exports"
        folder.mkdir()
        for builder in builders:
            builder(folder)
        return folder

    return build


def _aged(builder: Callable[[Path], Path], when: datetime) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = builder(tmp)
        os.utime(path, (when.timestamp(), when.timestamp()))
        return path

    return build


def _more(rows: Rows, columns, factor: int) -> Rows:
    return _map_columns(rows, columns, lambda v: str(int(float(v)) * factor))


def _euro_x() -> Rows:
    return _map_columns(x_rows(), X_NUMBERS, _comma)


def _later_x(tmp: Path) -> Path:
    """The same month downloaded again, later: every count has grown (doubled)."""
    rows = _map_columns(x_rows(), X_COUNTS, lambda v: str(int(float(v)) * 2))
    return _write(tmp / X_NAME.replace("_en", "_later_en"), rows, quote_all=True)


def _early_dayfirst() -> Rows:
    return _map_columns(x_rows_early_days(), ["time"], _x_time(lambda t: f"{t:%d/%m/%Y %H:%M}"))


def _meta_early_dayfirst() -> Rows:
    return _map_columns(
        meta_rows(META_EARLY), ["Publish time"], _meta_time(lambda t: f"{t:%d/%m/%Y %H:%M}")
    )


def _header(rows: Rows, change: Callable[[str], str]) -> Rows:
    return [[change(h) for h in rows[0]], *rows[1:]]


def _reorder(rows: Rows) -> Rows:
    order = list(reversed(range(len(rows[0]))))
    return [[r[i] for i in order] for r in rows]


def _with_total(rows: Rows) -> Rows:
    total = ["Total", "", "", ""] + ["" for _ in rows[0][4:]]
    return [*rows, total]


def _cut(text: str, keep: float) -> bytes:
    return text[: int(len(text) * keep)].encode()


def _embedded_newlines() -> Rows:
    rows = x_rows()
    at = _column(rows, "tweet text")
    return [rows[0], *[[*r[:at], r[at].replace(" ", "\n", 2), *r[at + 1 :]] for r in rows[1:]]]


def _ids(change: Callable[[str], str], rows=x_rows, name="Tweet id") -> Callable[[], Rows]:
    return lambda: _map_columns(rows(), [name], change)


def _blank_links(rows: Rows) -> Rows:
    return _map_columns(rows, ["Tweet permalink"], lambda v: "")


HTML = b"<!DOCTYPE html><html><head><title>Log in to X</title></head><body>Sign in</body></html>\n"


def _youtube(transform: Callable[[Rows], Rows] = lambda r: r, *, delimiter=",", encoding="utf-8"):
    def build(tmp: Path) -> Path:
        table = _text(transform(youtube_rows()), delimiter=delimiter).encode(encoding)
        return _youtube_zip(tmp / YOUTUBE_ZIP, table)

    return build


def _date_only(frame: pd.DataFrame) -> pd.DataFrame:
    """A post whose time of day is lost: local midnight of its date, time not known."""
    local = frame["published_at"].dt.tz_convert("Europe/London").dt.floor("D")
    return frame.assign(published_at=local.dt.tz_convert("UTC"), time_known=False)


def cases() -> list[Case]:
    x, meta = x_rows, meta_rows
    return [
        # European Excel re-saves: semicolons, decimal commas, grouping, quoting
        Case("x-semicolon-decimal-comma", _file(X_NAME, _euro_x, delimiter=";"), "x", note="comma"),
        Case(
            "x-semicolon-comma-quoted-crlf-bom",
            _file(
                X_NAME, _euro_x, delimiter=";", quote_all=True, newline="\r\n", encoding="utf-8-sig"
            ),
            "x",
            note="comma",
        ),
        Case(
            "x-grouped-1.234,5",
            _file(X_NAME, lambda: _map_columns(x(), X_COUNTS, _comma_grouped), delimiter=";"),
            "x",
        ),
        Case(
            "x-grouped-1,234.5",
            _file(X_NAME, lambda: _map_columns(x(), X_COUNTS, _point_grouped), quote_all=True),
            "x",
        ),
        Case(
            "x-mixed-decimal-styles",
            _file(X_NAME, lambda: _set(_euro_x(), 1, "impressions", "4715.5")),
            "x",
            expect="refuse",
        ),
        Case(
            "x-bad-grouping-50,00",
            _file(X_NAME, lambda: _set(x(), 3, "likes", "50,00"), quote_all=True),
            "x",
            expect="refuse",
        ),
        Case(
            "x-count-with-fraction",
            _file(X_NAME, lambda: _set(x(), 2, "impressions", "2685.5"), quote_all=True),
            "x",
            expect="refuse",
        ),
        Case(
            "meta-semicolon-comma-thousands-dots",
            _file(
                META_NAME,
                lambda: _map_columns(meta(), META_COUNTS, _comma_grouped),
                delimiter=";",
                encoding="utf-8-sig",
            ),
            "meta",
        ),
        Case(
            "meta-quoted-comma-decimals",
            _file(
                META_NAME,
                lambda: _map_columns(meta(), META_COUNTS, lambda v: f"{v},0"),
                delimiter=";",
                quote_all=True,
                encoding="utf-8-sig",
            ),
            "meta",
        ),
        Case(
            "meta-thousands-commas",
            _file(
                META_NAME,
                lambda: _map_columns(meta(), META_COUNTS, _point_grouped),
                encoding="utf-8-sig",
            ),
            "meta",
        ),
        Case(
            "youtube-semicolon-decimal-comma",
            _youtube(
                lambda r: _map_columns(
                    r, ["Watch time (hours)", "Impressions click-through rate (%)"], _comma
                ),
                delimiter=";",
            ),
            "youtube",
        ),
        Case(
            "youtube-watch-time-1,250-undecided",
            _youtube(
                lambda r: _set(
                    _map_columns(
                        _drop_columns(r, ["Impressions click-through rate (%)"]),
                        ["Watch time (hours)"],
                        _whole,
                    ),
                    4,
                    "Watch time (hours)",
                    "1,250",
                )
            ),
            "youtube",
            expect="refuse",
        ),
        # Excel-rounded ids
        Case("x-ids-15-digits", _file(X_NAME, _ids(_round15)), "x", note="restored"),
        Case("x-ids-scientific", _file(X_NAME, _ids(_scientific)), "x", note="restored"),
        Case(
            "x-ids-scientific-no-permalinks",
            _file(X_NAME, lambda: _blank_links(_ids(_scientific)())),
            "x",
            expect="refuse",
        ),
        Case(
            "x-ids-15-digits-no-permalinks",
            _file(X_NAME, lambda: _blank_links(_ids(_round15)())),
            "x",
            expect="refuse",
        ),
        Case(
            "x-id-edited",
            _file(X_NAME, lambda: _set(x(), 4, "Tweet id", "826144200114663425")),
            "x",
            expect="refuse",
        ),
        Case(
            "instagram-ids-15-digits",
            _file(IG_NAME, _ids(_round15, instagram_rows, "Post ID")),
            "instagram",
            expect="refuse",
        ),
        Case(
            "x-account-ids-scientific",
            _file(XA_NAME, _ids(_scientific, x_account_rows, "Post id")),
            "x-account",
            note="restored",
        ),
        # re-saved dates
        Case(
            "x-dates-us-dashes",
            _file(
                X_NAME,
                lambda: _map_columns(
                    x(), ["time"], _x_time(lambda t: f"{t:%m-%d-%Y} {t.hour}:{t:%M}")
                ),
            ),
        ),
        Case(
            "x-dates-uk-slashes",
            _file(
                X_NAME,
                lambda: _map_columns(x(), ["time"], _x_time(lambda t: f"{t:%d/%m/%Y %H:%M}")),
            ),
        ),
        Case(
            "x-dates-two-digit-years",
            _file(
                X_NAME,
                lambda: _map_columns(x(), ["time"], _x_time(lambda t: f"{t:%d/%m/%y %H:%M}")),
            ),
        ),
        Case(
            "x-dates-am-pm",
            _file(
                X_NAME,
                lambda: _map_columns(
                    x(), ["time"], _x_time(lambda t: f"{t.month}/{t.day}/{t:%Y %I:%M %p}")
                ),
            ),
        ),
        Case(
            "x-dates-iso-t-seconds",
            _file(
                X_NAME,
                lambda: _map_columns(x(), ["time"], _x_time(lambda t: f"{t:%Y-%m-%dT%H:%M:%S}")),
            ),
        ),
        Case(
            "x-dates-date-only",
            _file(X_NAME, lambda: _map_columns(x(), ["time"], _x_time(lambda t: f"{t:%d/%m/%Y}"))),
            note="restored from the post ids",
        ),
        Case("x-days-le-12-day-first", _file(X_NAME, _early_dayfirst), "x-early", note="day-first"),
        Case(
            "x-days-le-12-day-first-no-period",
            _file("tweets.csv", _early_dayfirst),
            "x-early",
            expect="refuse",
        ),
        Case(
            "x-dates-mixed-styles",
            _file(
                X_NAME,
                lambda: _set(
                    _map_columns(x(), ["time"], _x_time(lambda t: f"{t:%d/%m/%Y %H:%M}")),
                    2,
                    "time",
                    "2017-01-30 17:57",
                ),
            ),
            expect="refuse",
        ),
        Case(
            "x-date-not-a-date",
            _file(X_NAME, lambda: _set(x(), 5, "time", "yesterday"), quote_all=True),
            expect="refuse",
        ),
        Case(
            "meta-days-le-12-day-first",
            _file(META_EARLY_NAME, _meta_early_dayfirst, encoding="utf-8-sig"),
            "meta-early",
            note="day-first",
        ),
        Case(
            "meta-days-le-12-day-first-no-period",
            _file("content.csv", _meta_early_dayfirst, encoding="utf-8-sig"),
            "meta-early",
            note="day-first",
        ),
        Case(
            "meta-dates-day-first",
            _file(
                META_NAME,
                lambda: _map_columns(
                    meta(), ["Publish time"], _meta_time(lambda t: f"{t:%d/%m/%Y %H:%M}")
                ),
                encoding="utf-8-sig",
            ),
            "meta",
            note="day-first",
        ),
        Case(
            "meta-dates-date-only",
            _file(
                META_NAME,
                lambda: _map_columns(
                    meta(), ["Publish time"], _meta_time(lambda t: f"{t:%d/%m/%Y}")
                ),
                encoding="utf-8-sig",
            ),
            "meta",
            expect="either",
            want=_date_only,
            note="no time of day",
        ),
        Case(
            "meta-dates-iso",
            _file(
                META_NAME,
                lambda: _map_columns(
                    meta(), ["Publish time"], _meta_time(lambda t: f"{t:%Y-%m-%d %H:%M:%S}")
                ),
                encoding="utf-8-sig",
            ),
            "meta",
        ),
        Case(
            "meta-dates-two-digit-years-am-pm",
            _file(
                META_NAME,
                lambda: _map_columns(
                    meta(),
                    ["Publish time"],
                    _meta_time(lambda t: f"{t.month}/{t.day}/{t:%y %I:%M %p}"),
                ),
                encoding="utf-8-sig",
            ),
            "meta",
        ),
        Case(
            "youtube-dates-day-first",
            _youtube(
                lambda r: _map_columns(
                    r,
                    ["Video publish time"],
                    lambda v: f"{datetime.strptime(v, '%b %d, %Y'):%d/%m/%Y}",
                )
            ),
            "youtube",
        ),
        Case(
            "legacy-dates-day-first",
            _file(
                LEGACY_NAME,
                lambda: _map_columns(legacy_rows(), ["Posted"], lambda v: "19/01/2017 09:03:47"),
                encoding="utf-8-sig",
            ),
            "legacy",
        ),
        Case(
            "x-account-dates-resaved",
            _file(
                XA_NAME,
                lambda: _map_columns(
                    x_account_rows(),
                    ["Date"],
                    lambda v: f"{datetime.strptime(v, '%a, %b %d, %Y'):%d/%m/%Y}",
                ),
            ),
            "x-account",
        ),
        # encodings and line endings
        Case("x-utf8-bom", _file(X_NAME, x, quote_all=True, encoding="utf-8-sig"), "x"),
        Case("x-utf16le-tab", _file(X_NAME, x, delimiter="\t", encoding="utf-16"), "x"),
        Case("x-utf16be-bom", _raw(X_NAME, b"\xfe\xff" + _text(x()).encode("utf-16-be")), "x"),
        Case("x-utf16le-no-bom", _raw(X_NAME, _text(x(), delimiter="\t").encode("utf-16-le")), "x"),
        Case("meta-cp1252-pound-curly-quotes", _file(META_NAME, meta, encoding="cp1252"), "meta"),
        Case("x-crlf", _file(X_NAME, x, quote_all=True, newline="\r\n"), "x"),
        Case(
            "x-cr-only",
            _file(X_NAME, lambda: [[c.replace("\n", " ") for c in r] for r in x()], newline="\r"),
            "x",
            want=lambda f: f.assign(text=f["text"].str.replace("\n", " ")),
        ),
        Case(
            "meta-crlf-caption-newlines",
            _file(META_NAME, meta, newline="\r\n", encoding="utf-8-sig"),
            "meta",
        ),
        Case(
            "x-embedded-newlines",
            _file(X_NAME, _embedded_newlines),
            "x",
            want=lambda f: f.assign(text=_embedded_newlines_text(f)),
        ),
        # rows and columns
        Case("x-trailing-empty-rows", _file(X_NAME, lambda: [*x(), *[[""] * 40] * 3]), "x"),
        Case("x-trailing-empty-columns", _file(X_NAME, lambda: [[*r, "", ""] for r in x()]), "x"),
        Case("x-total-row", _file(X_NAME, lambda: _with_total(x())), "x", expect="either"),
        Case("youtube-without-total-row", _youtube(lambda r: [r[0], *r[2:]]), "youtube"),
        Case(
            "meta-total-row",
            _file(
                META_NAME,
                lambda: [*meta(), ["Total", *[""] * 16, "236425", *[""] * 8]],
                encoding="utf-8-sig",
            ),
            "meta",
            expect="either",
        ),
        Case(
            "x-duplicated-impressions",
            _file(
                X_NAME,
                lambda: [
                    [*r[:4], "impressions" if i == 0 else "1", *r[4:]] for i, r in enumerate(x())
                ],
            ),
            "x",
            expect="refuse",
        ),
        Case(
            "meta-duplicated-views",
            _file(
                META_NAME,
                lambda: [[*r, "Views" if i == 0 else "1"] for i, r in enumerate(meta())],
                encoding="utf-8-sig",
            ),
            "meta",
            expect="refuse",
        ),
        Case(
            "x-missing-impressions",
            _file(X_NAME, lambda: _drop_columns(x(), ["impressions"])),
            "x",
            note="impressions",
            blank=("impressions",),
        ),
        Case(
            "meta-missing-views",
            _file(META_NAME, lambda: _drop_columns(meta(), ["Views"]), encoding="utf-8-sig"),
            "meta",
            note="Views",
            blank=("impressions",),
        ),
        Case(
            "x-missing-media-views",
            _file(X_NAME, lambda: _drop_columns(x(), ["media views"])),
            "x",
            blank=("video_views",),
        ),
        Case(
            "x-missing-id-column",
            _file(X_NAME, lambda: _drop_columns(x(), ["Tweet id"])),
            "x",
            expect="either",
            note="restored",
        ),
        Case(
            "x-missing-time-column",
            _file(X_NAME, lambda: _drop_columns(x(), ["time"])),
            "x",
            expect="refuse",
        ),
        Case("x-reordered-columns", _file(X_NAME, lambda: _reorder(x())), "x"),
        Case(
            "meta-reordered-columns",
            _file(META_NAME, lambda: _reorder(meta()), encoding="utf-8-sig"),
            "meta",
        ),
        Case(
            "x-header-case-whitespace",
            _file(X_NAME, lambda: _header(x(), lambda h: f" {h.upper()}  ")),
            "x",
        ),
        Case(
            "meta-header-lower-case",
            _file(META_NAME, lambda: _header(meta(), str.lower), encoding="utf-8-sig"),
            "meta",
        ),
        Case(
            "x-extra-columns",
            _file(
                X_NAME, lambda: [[*r, "note" if i == 0 else "checked"] for i, r in enumerate(x())]
            ),
            "x",
        ),
        Case(
            "x-truncated-last-line",
            _raw(X_NAME, _cut(_text(x(), quote_all=True), 0.97)),
            "x",
            expect="refuse",
        ),
        Case(
            "x-truncated-unquoted",
            _raw(X_NAME, _text(x()).rsplit(",", 12)[0].encode()),
            "x",
            expect="refuse",
        ),
        Case(
            "meta-truncated-in-caption",
            _raw(META_NAME, _cut(_text(meta()), 0.55)),
            "meta",
            expect="refuse",
        ),
        Case("empty-file", _raw(X_NAME, b""), "x", expect="refuse"),
        Case("blank-lines-only", _raw(X_NAME, b"\r\n\r\n  \n"), "x", expect="refuse"),
        Case("x-header-only", _file(X_NAME, lambda: x()[:1], quote_all=True), "x", expect="refuse"),
        Case(
            "meta-header-only-bom",
            _file(META_NAME, lambda: meta()[:1], encoding="utf-8-sig"),
            "meta",
            expect="refuse",
        ),
        Case("html-page-as-csv", _raw(X_NAME, HTML), "x", expect="refuse"),
        Case(
            "zip-without-csv",
            _raw(YOUTUBE_ZIP, _zip_of({"readme.pdf": b"%PDF-1.4"})),
            "youtube",
            expect="refuse",
        ),
        Case(
            "zip-only-chart-and-totals",
            lambda t: _youtube_zip(t / YOUTUBE_ZIP, None),
            "youtube",
            expect="refuse",
        ),
        Case("zip-two-table-csvs", _zip_two, "youtube"),
        Case(
            "zip-inside-zip",
            _raw(
                "outer.zip",
                _zip_of({YOUTUBE_ZIP: _zip_of({"Table data.csv": _text(youtube_rows()).encode()})}),
            ),
            "youtube",
            expect="refuse",
        ),
        Case(
            "zip-cut-short",
            lambda t: _raw(
                YOUTUBE_ZIP, _youtube_zip(t / "whole.zip", _text(youtube_rows())).read_bytes()[:300]
            )(t),
            "youtube",
            expect="refuse",
        ),
        Case("youtube-table-data-unzipped", _youtube_unzipped, "youtube"),
        # .xlsx re-saves
        Case(
            "x-xlsx-date-cells",
            _xlsx(X_NAME.replace(".csv", ".xlsx"), x, _excel_cell("cells")),
            "x",
            note="restored",
        ),
        Case(
            "x-xlsx-dates-text-day-first",
            _xlsx(X_NAME.replace(".csv", ".xlsx"), x, _excel_cell("text")),
            "x",
            note="restored",
        ),
        Case(
            "x-xlsx-dates-serial-numbers",
            _xlsx(X_NAME.replace(".csv", ".xlsx"), x, _excel_cell("serial")),
            "x",
            expect="either",
            note="restored",
        ),
        Case(
            "meta-xlsx-date-cells",
            _xlsx(META_NAME.replace(".csv", ".xlsx"), meta, _meta_cell("cells")),
            "meta",
        ),
        Case(
            "meta-xlsx-dates-serial-numbers",
            _xlsx(META_NAME.replace(".csv", ".xlsx"), meta, _meta_cell("serial")),
            "meta",
            expect="either",
        ),
        Case(
            "instagram-xlsx-ids-as-numbers",
            _xlsx(IG_NAME.replace(".csv", ".xlsx"), instagram_rows, _meta_cell("cells")),
            "instagram",
            expect="refuse",
        ),
        Case(
            "legacy-xlsx",
            _xlsx(LEGACY_NAME.replace(".csv", ".xlsx"), legacy_rows, lambda c, v: v),
            "legacy",
        ),
        # impossible values
        Case(
            "x-negative-count", _file(X_NAME, lambda: _set(x(), 3, "likes", "-5.0")), "x", dropped=1
        ),
        Case(
            "x-inf", _file(X_NAME, lambda: _set(x(), 3, "impressions", "inf")), "x", expect="refuse"
        ),
        Case(
            "x-nan", _file(X_NAME, lambda: _set(x(), 3, "engagements", "NaN")), "x", expect="refuse"
        ),
        Case(
            "x-1e30",
            _file(X_NAME, lambda: _set(x(), 3, "impressions", "1e30")),
            "x",
            expect="refuse",
        ),
        Case(
            "x-huge-digits",
            _file(X_NAME, lambda: _set(x(), 3, "impressions", "99999999999999999999999")),
            "x",
            expect="refuse",
        ),
        Case(
            "x-400-digit-count",
            _file(X_NAME, lambda: _set(x(), 3, "impressions", "1" * 400)),
            "x",
            expect="refuse",
        ),
        Case(
            "x-minus-inf-rate", _file(X_NAME, lambda: _set(x(), 3, "engagement rate", "-inf")), "x"
        ),
        Case(
            "x-zero-impressions-with-engagements",
            _file(X_NAME, lambda: _set(x(), 2, "impressions", "0.0")),
            "x",
            dropped=1,
        ),
        Case(
            "x-engagements-50x-impressions",
            _file(X_NAME, lambda: _set(x(), 2, "engagements", "134250.0")),
            "x",
            dropped=1,
        ),
        Case(
            "x-published-2099",  # the id encodes the true time: repaired, noted
            _file(X_NAME, lambda: _set(x(), 2, "time", "2099-01-30 17:57 +0000")),
            "x",
            note="disagree with the time their post id encodes",
        ),
        Case(
            "meta-published-after-export",
            _file(
                META_NAME,
                lambda: _set(meta(), 1, "Publish time", "10/28/2025 17:00"),
                encoding="utf-8-sig",
            ),
            "meta",
            dropped=1,
        ),
        Case(
            "instagram-negative-likes",
            _file(IG_NAME, lambda: _set(instagram_rows(), 2, "Likes", "-3"), encoding="utf-8-sig"),
            "instagram",
            dropped=1,
        ),
        Case(
            "youtube-more-likes-than-views",
            _youtube(lambda r: _set(r, 5, "Likes", "400")),
            "youtube",
            dropped=1,
        ),
        Case(
            "x-count-as-text",
            _file(X_NAME, lambda: _set(x(), 6, "retweets", "n/a")),
            "x",
            expect="refuse",
        ),
        Case(
            "x-same-post-twice-different-counts",
            _file(X_NAME, lambda: [*x(), _set(x(), 2, "impressions", "9999.0")[2]]),
            expect="refuse",
        ),
        Case("x-same-post-twice-identical", _file(X_NAME, lambda: [*x(), x()[2]]), "x"),
        Case(
            "instagram-missing-saves",
            _file(
                IG_NAME, lambda: _drop_columns(instagram_rows(), ["Saves"]), encoding="utf-8-sig"
            ),
            "instagram",
            note="saves",
            want=lambda f: f.assign(engagements=f["likes"] + f["comments"] + f["shares"]),
        ),
        Case(
            "x-excel-sep-line",
            _raw(X_NAME, b"sep=;\r\n" + _text(_euro_x(), delimiter=";", newline="\r\n").encode()),
            "x",
            note="comma",
        ),
        # folders
        Case(
            "folder-x-and-meta",
            _folder(_file(X_NAME, x, quote_all=True), _file(META_NAME, meta, encoding="utf-8-sig")),
            "x+meta",
        ),
        Case(
            "folder-overlapping-exports",
            _folder(_aged(_file(X_NAME, x, quote_all=True), datetime(2018, 1, 1)), _later_x),
            "x",
            want=_doubled,
            note="",
        ),
        Case(
            "folder-overlapping-exports-dates-swapped",
            _folder(_file(X_NAME, x, quote_all=True), _aged(_later_x, datetime(2018, 1, 1))),
            "x",
            note="more impressions in an export dated earlier",
        ),
        Case(
            "folder-same-file-twice",
            _folder(
                _file(X_NAME, x, quote_all=True), _file("copy of " + X_NAME, x, quote_all=True)
            ),
            "x",
        ),
        Case(
            "folder-two-accounts",
            _folder(_file(X_NAME, x, quote_all=True), lambda t: _copy(X_OTHER, t / X_OTHER.name)),
            "x+x-other",
        ),
        Case(
            "x-handle-in-name-differs",
            _file(X_NAME.replace("rOpenSci", "NorthbrookPol"), x, quote_all=True),
            "x",
        ),
        Case(
            "folder-only-labels",
            _folder(
                lambda t: _write(
                    t / "labels.csv", [["post_id", "tone"], ["826144200114663424", "serious"]]
                )
            ),
            "x",
            expect="refuse",
        ),
        Case(
            "folder-html-and-export",
            _folder(_file(X_NAME, x, quote_all=True), _raw("login.csv", HTML)),
            "x",
        ),
        # the plain layouts, as downloaded
        Case(
            "instagram-as-downloaded",
            _file(IG_NAME, instagram_rows, encoding="utf-8-sig"),
            "instagram",
        ),
        Case("x-account-as-downloaded", _file(XA_NAME, x_account_rows), "x-account"),
        Case(
            "legacy-description-row-deleted",
            _file(LEGACY_NAME, lambda: legacy_rows()[:1] + legacy_rows()[2:], encoding="utf-8-sig"),
            "legacy",
        ),
        Case("legacy-semicolon-resave", _file(LEGACY_NAME, legacy_rows, delimiter=";"), "legacy"),
        Case(
            "meta-older-impressions-header",
            _file(
                META_NAME,
                lambda: _header(meta(), lambda h: "Impressions" if h == "Views" else h),
                encoding="utf-8-sig",
            ),
            "meta",
        ),
    ]


def _embedded_newlines_text(frame: pd.DataFrame) -> pd.Series:
    return frame["text"].str.replace(" ", "\n", n=2, regex=False)


def _doubled(frame: pd.DataFrame) -> pd.DataFrame:
    fields = ["impressions", "engagements", "likes", "comments", "shares", "clicks", "video_views"]
    return frame.assign(**{f: frame[f] * 2 for f in fields})


def _zip_two(tmp: Path) -> Path:
    table = _text(youtube_rows()).encode()
    path = _youtube_zip(tmp / YOUTUBE_ZIP, table)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("old/Table data.csv", table)
    return path


def _youtube_unzipped(tmp: Path) -> Path:
    folder = tmp / YOUTUBE_ZIP.removesuffix(".zip")
    folder.mkdir()
    return _write(folder / "Table data.csv", youtube_rows())


# ------------------------------------------------------------------- judging a case

REFUSED, EQUAL, WRONG = "refused clearly", "loaded equal", "LOADED WRONG (silent)"
CRASHED, UNCLEAR = "crashed (internal error)", "refused unclearly"
NOT_NOTED, OVER_REFUSED = "loaded equal, repair not noted", "refused (should load)"
GOOD = {"refuse": {REFUSED}, "load": {EQUAL}, "either": {REFUSED, EQUAL}}


def expected_posts(bases: dict[str, Path], key: str) -> pd.DataFrame:
    """The posts the undamaged file(s) load to (``x+meta``: both files' posts)."""
    frames = []
    for part in key.split("+"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames.append(load_with_report(bases[part], settings=Settings())[0])
    return pd.concat(frames, ignore_index=True)


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.loc[:, list(COMPARED)].astype(object).set_index("post_id").sort_index()
    return out.where(out.notna(), None)


def _differences(got: pd.DataFrame, want: pd.DataFrame) -> str:
    got, want = _comparable(got), _comparable(want)
    if list(got.index) != list(want.index):
        return f"post ids differ ({len(got)} loaded, {len(want)} expected)"
    for column in want.columns:
        if column == "watch_time_s":
            same = pd.Series(
                [
                    (a is None and b is None)
                    or (a is not None and b is not None and abs(a - b) < 1e-6)
                    for a, b in zip(got[column], want[column], strict=True)
                ],
                index=got.index,
            )
        else:
            same = pd.Series(
                [a == b for a, b in zip(got[column], want[column], strict=True)], index=got.index
            )
        if not same.all():
            first = same[~same].index[0]
            return (
                f"{column} differs in {int((~same).sum())} posts "
                f"(post {first}: {got.at[first, column]!r}, expected {want.at[first, column]!r})"
            )
    return ""


def judge_load(case: Case, posts: pd.DataFrame, report, want: pd.DataFrame) -> tuple[str, str]:
    """Whether a load that succeeded holds the undamaged file's values (and says what it did)."""
    if case.want is not None:
        want = case.want(want)
    want = want.assign(**{c: None for c in case.blank})
    dropped = sum(
        n
        for f in report.files
        for reason, n in f.dropped.items()
        if reason not in ("empty id", "Total row")
    )
    if case.dropped:
        missing = set(want["post_id"]) - set(posts["post_id"])
        if len(missing) != case.dropped or dropped != case.dropped:
            return WRONG, f"{len(missing)} posts missing, {dropped} counted as dropped"
        want = want[~want["post_id"].isin(missing)]
    elif dropped:
        return WRONG, f"{dropped} rows dropped: {report.dropped}"
    difference = _differences(posts, want)
    if difference:
        return WRONG, difference
    notes = " ".join(n for f in report.files for n in f.notes).lower()
    if case.note and case.note.lower() not in notes:
        return NOT_NOTED, f"no note mentioning {case.note!r}"
    return EQUAL, ""


def judge_error(case: Case, path: Path, message: str) -> tuple[str, str]:
    names = path.name in message
    if "\n" in message.strip() or not names:
        return UNCLEAR, message
    return (OVER_REFUSED if case.expect == "load" else REFUSED), message


def run_python(case: Case, path: Path, want: pd.DataFrame) -> tuple[str, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            posts, report = load_with_report(path, settings=Settings())
    except PostlabError as error:
        return judge_error(case, path, str(error))
    except Exception as error:  # noqa: BLE001 - what is measured
        return CRASHED, f"{type(error).__name__}: {error}"
    return judge_load(case, posts, report, want)


def run_cli(case: Case, path: Path, python: tuple[str, str]) -> tuple[str, str]:
    """``postlab load PATH --report`` as typed (in-process): exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["load", str(path), "--report"])
    except Exception as error:  # noqa: BLE001 - a traceback is what is measured
        return CRASHED, f"traceback: {type(error).__name__}: {error}"
    errors = [line for line in err.getvalue().splitlines() if line.startswith("postlab: error")]
    if code == 0:
        return python if python[0] in (EQUAL, WRONG, NOT_NOTED) else (WRONG, "exit 0")
    if code == 1 and len(errors) == 1 and " files refused, the others' " in errors[0]:
        return python  # a folder: the good files loaded, the refused one named, exit 1
    if code == 1 and len(errors) == 1:
        tail = err.getvalue().split("postlab: error: ", 1)[1]
        return judge_error(case, path, tail)
    return CRASHED if code == 3 else UNCLEAR, err.getvalue().strip()


CASES = cases()


@pytest.fixture(scope="module")
def undamaged(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The posts of every base (and pair of bases a folder case holds), loaded once."""
    bases = _bases(tmp_path_factory.mktemp("bases"))
    return {key: expected_posts(bases, key) for key in {c.base for c in CASES}}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_damaged_export(case, undamaged, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = case.build(tmp_path)
    want = undamaged[case.base]
    python = run_python(case, path, want)
    assert python[0] in GOOD[case.expect], python
    cli = run_cli(case, path, python)
    assert cli[0] in GOOD[case.expect], cli


def test_there_are_at_least_seventy_cases():
    assert len(CASES) >= 70
    assert len({c.name for c in CASES}) == len(CASES)
