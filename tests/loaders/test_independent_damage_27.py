"""Issue #27's damaged and foreign-language exports: the independent suite, continued.

Each case is a file a team could really have, built from the same undamaged
bases (the real X download, FORMATS.md's Meta, Instagram, X account and
YouTube layouts) with its decided outcome. The foreign headers are written
out here by hand, as a user downloading with the interface in that language
sees them, not derived from postlab's vocabularies.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import openpyxl
import pandas as pd
import pytest

from postlab.cli import main
from postlab.config import Settings
from postlab.exceptions import PostlabWarning
from postlab.loaders import load_with_report
from postlab.loaders.readers import Source

from .test_independent_damage import (
    GOOD,
    IG_NAME,
    META_NAME,
    X_NAME,
    X_REAL,
    XA_NAME,
    YOUTUBE_ZIP,
    Case,
    _column,
    _file,
    _map_columns,
    _set,
    _text,
    _youtube,
    _youtube_zip,
    instagram_rows,
    meta_rows,
    run_cli,
    run_python,
    undamaged,  # noqa: F401 - the module fixture the cases are compared with
    x_account_rows,
    x_rows,
    youtube_rows,
)

# ---------------------------------------------------------------- helpers


def _unknown(post: str, *fields: str):
    """The expected table with one post's ``fields`` unknown (a blank summed cell)."""
    return lambda frame: frame.assign(
        **{field: frame[field].where(frame["post_id"] != post) for field in fields}
    )


def _times_of(post: str, when: str):
    return lambda frame: frame.assign(
        published_at=frame["published_at"].where(
            frame["post_id"] != post, pd.Timestamp(when, tz="UTC")
        )
    )


def _meta_time(row: int, value: str):
    return lambda: _set(meta_rows(), row, "Publish time", value)


def _times10(rows, row: int, name: str):
    at = _column(rows, name)
    rows = [list(r) for r in rows]
    rows[row][at] = str(int(float(rows[row][at])) * 10)
    return rows


def _x_date_shifted(days: int):
    rows = x_account_rows()
    at = _column(rows, "Date")
    when = datetime.strptime(rows[1][at], "%a, %b %d, %Y") - timedelta(days=days)
    return _set(rows, 1, "Date", when.strftime("%a, %b %d, %Y"))


def _stray_byte(tmp):
    """A UTF-8 export in which one caption was pasted from a Windows program (one cp1252 byte)."""
    rows = _set(x_rows(), 1, "Tweet text", "Stay safe \U0001f46e tonight")
    rows = _set(rows, 3, "Tweet text", "Coffee at the caf\u00e9 on Friday")
    data = _text(rows).encode("utf-8").replace("caf\u00e9".encode(), b"caf\xe9")
    path = tmp / X_NAME
    path.write_bytes(data)
    return path


def _stray_texts(frame):
    rows = x_rows()
    first, third = rows[1][0], rows[3][0]
    text = frame["text"].where(frame["post_id"] != first, "Stay safe \U0001f46e tonight")
    return frame.assign(
        text=text.where(frame["post_id"] != third, "Coffee at the caf\u00e9 on Friday")
    )


def _empty_rows(tmp):
    """Blank lines and a row of commas, as a hand edit in a text editor leaves them."""
    rows = x_rows()
    path = tmp / X_NAME
    path.write_text(_text(rows[:20]) + "\n,,,,\n\n" + _text(rows[20:]), encoding="utf-8")
    return path


def _xlsx_second_sheet(tmp):
    """Data on the second sheet, under a merged title row and a blank row; ids kept as text."""
    rows = x_rows()
    book = openpyxl.Workbook()
    book.active.title = "About"
    book.active.append(["Downloaded from analytics.x.com for the comms team"])
    sheet = book.create_sheet("Tweets")
    sheet.append(["Northbrook Police: tweet activity, January 2017"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    sheet.append([])
    counts = {c.lower() for c in rows[0][4:]} - {"engagement rate"}
    for number, row in enumerate(rows):
        if number == 0:
            sheet.append(row)
            continue
        sheet.append(
            [
                int(float(v)) if h.lower() in counts and v not in ("", "-") else v
                for h, v in zip(rows[0], row, strict=True)
            ]
        )
    path = tmp / X_NAME.replace(".csv", ".xlsx")
    book.save(path)
    return path


# Headers as the French, Spanish and German interfaces write them (hand-written).
X_FRENCH = {
    "Tweet id": "Identifiant du Tweet",
    "Tweet permalink": "Permalien du Tweet",
    "Tweet text": "Texte du Tweet",
    "time": "heure",
    "engagement rate": "taux d'engagement",
    "replies": "réponses",
    "likes": "J'aime",
    "url clicks": "clics sur l'URL",
    "media views": "vues du média",
}
X_GERMAN = {
    "Tweet id": "Tweet-ID",
    "Tweet permalink": "Tweet-Permalink",
    "Tweet text": "Tweet-Text",
    "time": "Zeit",
    "impressions": "Impressionen",
    "engagements": "Interaktionen",
    "engagement rate": "Interaktionsrate",
    "replies": "Antworten",
    "likes": "Gefällt mir",
    "url clicks": "URL-Klicks",
    "media views": "Medienaufrufe",
}
META_SPANISH = {
    "Post ID": "Identificador de la publicación",
    "Page ID": "Identificador de la página",
    "Page name": "Nombre de la página",
    "Title": "Título",
    "Description": "Descripción",
    "Publish time": "Hora de publicación",
    "Permalink": "Enlace permanente",
    "Post type": "Tipo de publicación",
    "Custom labels": "Etiquetas personalizadas",
    "Date": "Fecha",
    "Views": "Visualizaciones",
    "Reach": "Alcance",
    "Reactions, Comments and Shares": "Reacciones, comentarios y veces que se compartió",
    "Reactions": "Reacciones",
    "Comments": "Comentarios",
    "Shares": "Veces que se compartió",
    "Total clicks": "Clics totales",
}
META_TYPES_SPANISH = {"Photos": "Fotos", "Videos": "Vídeos", "Links": "Enlaces", "Text": "Texto"}
IG_GERMAN = {
    "Post ID": "Beitrags-ID",
    "Account ID": "Konto-ID",
    "Account username": "Kontobenutzername",
    "Account name": "Kontoname",
    "Description": "Beschreibung",
    "Publish time": "Veröffentlichungszeitpunkt",
    "Post type": "Beitragstyp",
    "Date": "Datum",
    "Views": "Aufrufe",
    "Reach": "Reichweite",
    "Likes": "„Gefällt mir“-Angaben",
    "Shares": "Geteilte Inhalte",
    "Comments": "Kommentare",
    "Saves": "Gespeichert",
}
XA_FRENCH = {
    "Post id": "Identifiant du post",
    "Date": "Date",
    "Post text": "Texte du post",
    "Post Link": "Lien du post",
    "Likes": "J'aime",
    "Replies": "Réponses",
    "Reposts": "Reposts",
    "Shares": "Partages",
    "URL Clicks": "Clics sur l'URL",
}
YOUTUBE_SPANISH = {
    "Content": "Contenido",
    "Video title": "Título del vídeo",
    "Video publish time": "Hora de publicación del vídeo",
    "Duration": "Duración",
    "Likes": "Me gusta",
    "Comments added": "Comentarios añadidos",
    "Views": "Visualizaciones",
    "Watch time (hours)": "Tiempo de visualización (horas)",
    "Subscribers": "Suscriptores",
    "Impressions": "Impresiones",
}
FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                 "nov.", "déc."]  # fmt: skip
FRENCH_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
SPANISH_MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
                  "dic"]  # fmt: skip


def _translated(rows, names: dict[str, str]):
    return [[names.get(h, h) for h in rows[0]], *rows[1:]]


def _x_french_dates(rows):
    at = _column(rows, "Date")
    out = [list(r) for r in rows]
    for row in out[1:]:
        when = datetime.strptime(row[at], "%a, %b %d, %Y")
        row[at] = (
            f"{FRENCH_DAYS[when.weekday()]} {when.day} {FRENCH_MONTHS[when.month - 1]} {when.year}"
        )
    return out


def _youtube_spanish(rows):
    at = _column(rows, "Video publish time")
    out = _translated(rows, YOUTUBE_SPANISH)
    for row in out[2:]:
        when = datetime.strptime(row[at], "%b %d, %Y")
        row[at] = f"{when.day} {SPANISH_MONTHS[when.month - 1]} {when.year}"
    out[1][0] = "Total"
    return out


def _meta_spanish():
    rows = _translated(meta_rows(), META_SPANISH)
    return _map_columns(rows, ["Tipo de publicación"], lambda v: META_TYPES_SPANISH.get(v, v))


def cases() -> list[Case]:
    x = x_rows
    first_x = x()[2][0]
    return [
        # 1. blank cells in summed engagements: unknown, never 0
        Case(
            "instagram-blank-saves",
            _file(IG_NAME, lambda: _set(instagram_rows(), 1, "Saves", ""), encoding="utf-8-sig"),
            "instagram",
            note="left unknown, not counted as 0",
            want=_unknown(instagram_rows()[1][0], "engagements"),
        ),
        Case(
            "youtube-blank-likes",
            _youtube(lambda rows: _set(rows, 2, "Likes", "")),
            "youtube",
            note="left unknown",
            want=_unknown("dQw4w9WgXcQ", "engagements", "likes"),
        ),
        # 2-3. X times checked against, and supplied from, the id's own time
        Case(
            "x-account-date-40-days-early",
            _file(XA_NAME, lambda: _x_date_shifted(40)),
            "x-account",
            note="disagree with the time their post id encodes",
        ),
        Case(
            "x-blank-time",
            _file(X_NAME, lambda: _set(x(), 2, "time", "")),
            "x",
            note="supplied from the time the post id encodes",
        ),
        Case(
            "x-account-blank-date",
            _file(XA_NAME, lambda: _set(x_account_rows(), 3, "Date", "")),
            "x-account",
            note="supplied from the time the post id encodes",
        ),
        # 4. one stray Windows byte in a UTF-8 file
        Case(
            "x-utf8-with-one-cp1252-byte",
            _stray_byte,
            "x",
            note="stray byte",
            want=_stray_texts,
        ),
        # 5. a count that contradicts the row's own engagement rate
        Case(
            "x-impressions-times-ten",
            _file(X_NAME, lambda: _times10(x(), 2, "impressions"), quote_all=True),
            "x",
            expect="refuse",
        ),
        Case(
            "x-engagements-times-ten-within-impressions",
            _file(X_NAME, lambda: _times10(x(), 3, "engagements"), quote_all=True),
            "x",
            expect="refuse",
        ),
        # 6. local times on the clock-change days
        Case(
            "meta-spring-forward-gap",
            _file(META_NAME, _meta_time(9, "03/30/2025 01:30"), encoding="utf-8-sig"),
            "meta",
            note="hour the clocks skipped",
            want=_times_of("104215567880_9000009", "2025-03-30 01:30"),
        ),
        Case(
            "meta-autumn-repeated-hour",
            _file(META_NAME, _meta_time(9, "10/27/2024 01:30"), encoding="utf-8-sig"),
            "meta",
            note="hour the clocks repeated",
            want=_times_of("104215567880_9000009", "2024-10-27 00:30"),
        ),
        # repairs where the truth is certain
        Case("x-empty-row-and-blank-lines", _empty_rows, "x"),
        Case(
            "x-ids-with-dot-zero",
            _file(X_NAME, lambda: _map_columns(x(), ["Tweet id"], lambda v: f"{v}.0")),
            "x",
            note="'.0'",
        ),
        Case(
            "x-ids-with-excel-apostrophe",
            _file(X_NAME, lambda: _map_columns(x(), ["Tweet id"], lambda v: f"'{v}")),
            "x",
            note="apostrophe",
        ),
        Case(
            "x-one-id-with-excel-apostrophe",
            _file(X_NAME, lambda: _set(x(), 2, "Tweet id", f"'{first_x}")),
            "x",
            note="apostrophe",
        ),
        # .xlsx: any sheet, under title rows
        Case("x-xlsx-second-sheet-under-title", _xlsx_second_sheet, "x", note="sheet 'Tweets'"),
        # exports in the languages the platforms offer
        Case(
            "x-tweet-activity-french",
            _file(X_NAME.replace("_en.", "_fr."), lambda: _translated(x(), X_FRENCH)),
            "x",
            note="French",
        ),
        Case(
            "x-tweet-activity-german",
            _file(X_NAME.replace("_en.", "_de."), lambda: _translated(x(), X_GERMAN)),
            "x",
            note="German",
        ),
        Case(
            "x-account-french-dates",
            _file(XA_NAME, lambda: _x_french_dates(_translated(x_account_rows(), XA_FRENCH))),
            "x-account",
            note="French",
        ),
        Case(
            "meta-facebook-spanish",
            _file(META_NAME, _meta_spanish, encoding="utf-8-sig"),
            "meta",
            note="Spanish",
        ),
        Case(
            "instagram-german",
            _file(IG_NAME, lambda: _translated(instagram_rows(), IG_GERMAN), encoding="utf-8-sig"),
            "instagram",
            note="German",
        ),
        Case(
            "youtube-spanish-dates",
            lambda tmp: _youtube_zip(tmp / YOUTUBE_ZIP, _text(_youtube_spanish(youtube_rows()))),
            "youtube",
            note="Spanish",
        ),
    ]


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_damaged_export(case, undamaged, tmp_path, monkeypatch):  # noqa: F811
    """Through ``postlab.load``; refusals also through ``postlab load FILE --report``."""
    monkeypatch.chdir(tmp_path)
    path = case.build(tmp_path)
    python = run_python(case, path, undamaged[case.base])
    assert python[0] in GOOD[case.expect], python
    if case.expect == "refuse":
        cli = run_cli(case, path, python)
        assert cli[0] in GOOD[case.expect], cli


# ---------------------------------------------- unreadable files and dangling links


def _folder_with_a_bad_file(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copyfile(X_REAL, folder / X_NAME)
    (folder / "locked.csv").write_text("Tweet id,Tweet permalink\n")
    (folder / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    return folder


def _deny(monkeypatch, name: str):
    """Run as if ``name`` had no read permission (tests run as root, which reads anything)."""
    real = Source.head

    def head(self):
        if self.path.name == name:
            raise PermissionError(13, "Permission denied", str(self.path))
        return real(self)

    monkeypatch.setattr(Source, "head", head)


def test_an_unreadable_file_and_a_dangling_link_are_named_and_the_rest_loads(tmp_path, monkeypatch):
    folder = _folder_with_a_bad_file(tmp_path)
    _deny(monkeypatch, "locked.csv")
    with pytest.warns(PostlabWarning, match="skipped 2 file"):
        posts, report = load_with_report(folder, settings=Settings())
    assert len(posts) == len(x_rows()) - 1
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert "Permission denied" in reasons["locked.csv"]
    assert "symbolic link" in reasons["gone.csv"] and "does not exist" in reasons["gone.csv"]


def test_an_unreadable_file_named_on_the_command_line_is_one_line(tmp_path, monkeypatch, capsys):
    folder = _folder_with_a_bad_file(tmp_path)
    _deny(monkeypatch, "locked.csv")
    assert main(["load", str(folder / "locked.csv")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "locked.csv" in err and "Permission denied" in err
