"""Exports that lie (issue #20): each damaged file is refused in one line naming it, or
loads with the values of its undamaged twin (a row left out is counted under its reason).

Every case is built here from a clean base (see damage.py): the twin is written
the same way, under the same name and modification time, in another folder.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders import load_with_report

from . import damage as d

SETTINGS = Settings(default_timezone="Europe/London")
X_IDS = ["561586025919537728", "557462605658001926", "550992472306614273"]


@dataclass(frozen=True)
class Case:
    base: str
    damage: object
    expect: str  # "same", "refused", "dropped" or "warned"
    says: str = ""  # in the error, the dropped reason, the warning, or a note
    prepare: object = None  # applied to both twins: a clean variant of the base
    delimiter: str = ","
    settings: Settings = SETTINGS


X_NEW_YEAR = d.set_times(  # the first days of January: day and month both read as 1-12
    "time", ["2015-01-10 18:05 +0000", "2015-01-05 09:00 +0000", "2015-01-02 12:30 +0000"]
)
X_TWO_DAYS = d.set_times("time", ["2015-01-02 18:05 +0000", "2015-01-01 09:00 +0000"])
IG_EARLY_AUGUST = d.set_times(
    "publish time", ["08/12/2025 14:05", "08/07/2025 09:00", "08/03/2025 19:00", "08/10/2025 12:00"]
)

IG_SPRING = d.set_times(  # day-first re-saves of these read month-first out of date order
    "publish time", ["06/01/2025 10:00", "05/02/2025 10:00", "05/01/2025 10:00", "04/02/2025 10:00"]
)
IG_TWO_POSTS = d.set_times("publish time", ["05/02/2025 10:00", "04/03/2025 10:00"])


def _keep_rows(count):
    def change(rows):
        return rows[: d.data_start(rows) + count]

    return change


def _chain(*changes):
    def change(rows):
        for one in changes:
            rows = one(rows)
        return rows

    return change


CASES = {
    # numbers
    "x-european-resave": Case("x", d.everywhere(d.decimal_comma), "same", delimiter=";"),
    "x-one-column-decimal-comma": Case(
        "x", d.cells("impressions", d.decimal_comma), "refused", "mixes decimal points"
    ),
    "x-thousands-grouped": Case(
        "x", d.cells("impressions", lambda v: "13,590.0" if v == "13590.0" else v), "same"
    ),
    "facebook-thousands-grouped": Case(
        "facebook", d.cells("views", lambda v: f"{int(v):,}"), "same"
    ),
    "facebook-thousands-dots": Case(
        "facebook",
        d.cells("views", lambda v: f"{int(v):,}".replace(",", ".")),
        "same",
        delimiter=";",
    ),
    "youtube-decimal-comma": Case(
        "youtube", d.cells("watch time (hours)", d.decimal_comma), "same", delimiter=";"
    ),
    "youtube-watch-time-ambiguous": Case(
        "youtube",
        d.cells("watch time (hours)", lambda v: "1,234"),
        "refused",
        "as a thousands separator or as a decimal mark",
    ),
    "x-bad-grouping": Case(
        "x",
        d.cells("impressions", lambda v: "50,00.0", [0]),
        "refused",
        "'50,00.0' is not a number",
    ),
    "x-mixed-decimal-marks": Case(
        "x", d.cells("engagements", lambda v: "40,5", [0]), "refused", "mixes decimal points"
    ),
    "x-inf": Case(
        "x",
        d.cells("impressions", lambda v: "inf", [1]),
        "refused",
        "row 3, column 'impressions': 'inf' is not a number",
    ),
    "x-nan": Case(
        "x", d.cells("favorites", lambda v: "NaN", [0]), "refused", "'NaN' is not a number"
    ),
    "x-1e30": Case(
        "x", d.cells("impressions", lambda v: "1e30", [0]), "refused", "'1e30' is not a number"
    ),
    "facebook-huge": Case(
        "facebook", d.cells("reach", lambda v: "9" * 20, [0]), "refused", "too large"
    ),
    "x-fractional-count": Case(
        "x", d.cells("retweets", lambda v: "2.5", [0]), "refused", "is not a whole number"
    ),
    "instagram-words-in-a-count": Case(
        "instagram", d.cells("saves", lambda v: "lots", [0]), "refused", "'lots' is not a number"
    ),
    # rows no platform writes
    "x-negative-count": Case(
        "x", d.cells("favorites", lambda v: "-3.0", [0]), "dropped", "negative count"
    ),
    "x-engagements-zero-impressions": Case(
        "x",
        _chain(
            d.cells("impressions", lambda v: "0.0", [0]),
            d.cells("engagements", lambda v: "2000.0", [0]),
        ),
        "dropped",
        "engagements with zero impressions",
    ),
    "x-engagements-above-impressions": Case(
        "x",
        d.cells("engagements", lambda v: "250000.0", [0]),
        "dropped",
        "more engagements than impressions",
    ),
    "x-published-2099": Case(  # the id encodes the true time: repaired, noted
        "x",
        d.cells("time", lambda v: "2099-01-31 18:05 +0000", [0]),
        "same",
        "disagree with the time their post id encodes",
    ),
    "instagram-published-2099": Case(
        "instagram",
        d.cells("publish time", lambda v: "01/31/2099 10:00", [0]),
        "dropped",
        "published in the future",
    ),
    "instagram-after-export": Case(
        "instagram",
        d.cells("publish time", lambda v: "09/15/2025 10:00", [0]),
        "dropped",
        "published after the export date",
    ),
    "youtube-likes-above-views": Case(
        "youtube", d.cells("likes", lambda v: "4000", [0]), "dropped", "more engagements than views"
    ),
    "facebook-negative-reach": Case(
        "facebook", d.cells("reach", lambda v: "-5", [2]), "dropped", "negative count"
    ),
    # ids
    "x-ids-rounded": Case(
        "x", d.cells("tweet id", d.rounded), "same", "restored from the permalink"
    ),
    "x-ids-scientific": Case(
        "x", d.cells("tweet id", d.scientific), "same", "restored from the permalink"
    ),
    "x-content-ids-rounded": Case(
        "x-content", d.cells("post id", d.rounded), "same", "restored from the permalink"
    ),
    "x-ids-rounded-without-permalinks": Case(
        "x",
        _chain(d.cells("tweet id", d.rounded), d.cells("tweet permalink", lambda v: "")),
        "refused",
        "rounded to 15 significant digits",
    ),
    "x-ids-scientific-without-permalinks": Case(
        "x",
        _chain(d.cells("tweet id", d.scientific), d.cells("tweet permalink", lambda v: "")),
        "refused",
        "its last digits are lost",
    ),
    "x-id-edited": Case(
        "x",
        d.cells("tweet id", lambda v: v[:-1] + "9", [2]),
        "refused",
        "does not match the id in its permalink",
    ),
    "instagram-ids-rounded": Case(
        "instagram", d.cells("post id", d.rounded), "refused", "rounded to 15 significant digits"
    ),
    # dates
    "x-month-first-resave": Case("x", d.cells("time", d.x_time_to("%m-%d-%Y %H:%M")), "same"),
    "x-day-first-resave": Case("x", d.cells("time", d.x_time_to("%d/%m/%Y %H:%M")), "same"),
    "x-day-first-settled-by-the-period": Case(
        "x",
        d.cells("time", d.x_time_to("%d/%m/%Y %H:%M")),
        "same",
        "outside the period",
        prepare=X_NEW_YEAR,
    ),
    "x-ambiguous-dates": Case(
        "x",
        d.cells("time", d.x_time_to("%d/%m/%Y %H:%M")),
        "refused",
        "exports: day_first:",
        prepare=_chain(_keep_rows(2), X_TWO_DAYS),
    ),
    "x-ambiguous-dates-settled-by-the-team": Case(
        "x",
        d.cells("time", d.x_time_to("%d/%m/%Y %H:%M")),
        "same",
        "settings say this file is day-first",
        prepare=_chain(_keep_rows(2), X_TWO_DAYS),
        settings=Settings(day_first=("tweet_activity_metrics_*.csv",)),
    ),
    "instagram-uk-resave": Case(
        "instagram",
        d.cells("publish time", d.us_date_to("day-first")),
        "same",
        "after its export date",
        prepare=IG_EARLY_AUGUST,
    ),
    "instagram-uk-resave-settled-by-the-order": Case(
        "instagram",
        d.cells("publish time", d.us_date_to("day-first")),
        "same",
        "keeps the posts in date order",
        prepare=IG_SPRING,
    ),
    "instagram-uk-resave-settled-by-the-team": Case(  # else Meta's own month-first order
        "instagram",
        d.cells("publish time", d.us_date_to("day-first")),
        "same",
        "settings say this file is day-first",
        prepare=_chain(_keep_rows(2), IG_TWO_POSTS),
        settings=Settings(day_first=("testpolice_*",)),
    ),
    "facebook-uk-resave": Case(
        "facebook", d.cells("publish time", d.us_date_to("day-first")), "same"
    ),
    "facebook-iso-resave": Case(
        "facebook", d.cells("publish time", d.us_date_to("year-first")), "same"
    ),
    "youtube-day-first-dates": Case(
        "youtube",
        d.cells("video publish time", lambda v: pd.Timestamp(v).strftime("%d/%m/%Y")),
        "same",
    ),
    "facebook-date-nonsense": Case(
        "facebook",
        d.cells("publish time", lambda v: "yesterday", [0]),
        "refused",
        "'yesterday' is not a date",
    ),
    # columns
    "x-without-impressions": Case("x", d.drop_column("impressions"), "warned", "'impressions'"),
    "facebook-without-views": Case(
        "facebook", d.drop_column("views"), "warned", "'views' or 'impressions'"
    ),
    "x-without-engagements": Case("x", d.drop_column("engagements"), "warned", "'engagements'"),
    "instagram-without-engagement-columns": Case(
        "instagram",
        _chain(*(d.drop_column(c) for c in ("likes", "comments", "shares", "saves"))),
        "warned",
        "'likes' or 'comments' or 'shares' or 'saves'",
    ),
    "x-impressions-twice": Case(
        "x", d.double_column("impressions"), "refused", "'impressions' more than once"
    ),
    "facebook-reach-twice": Case(
        "facebook", d.double_column("reach"), "refused", "'reach' more than once"
    ),
    "x-without-time": Case(
        "x", d.drop_column("time"), "refused", "required column 'time' is missing"
    ),
    "x-header-only": Case("x", lambda rows: rows[:1], "refused", "has a header but no rows"),
    "legacy-header-only": Case(
        "legacy", lambda rows: rows[:2], "refused", "has a header but no rows"
    ),
    "legacy-negative-impressions": Case(  # its only post: nothing is left
        "legacy",
        d.cells("lifetime post total impressions", lambda v: "-1", [0]),
        "refused",
        "no posts loaded: every row was left out (1 negative count)",
    ),
}


def _write(case: Case, rows, folder):
    path = d.place(case.base, folder)
    return d.write_rows(path, rows, delimiter=case.delimiter)


def _twins(case: Case, tmp_path):
    rows = d.read_rows(d.BASES[case.base])
    if case.prepare is not None:
        rows = case.prepare(rows)
    clean = d.write_rows(d.place(case.base, tmp_path / "clean"), [list(r) for r in rows])
    damaged = _write(case, case.damage([list(r) for r in rows]), tmp_path / "damaged")
    return clean, damaged


def _load(path, settings):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        posts, report = load_with_report(path, settings=settings)
    said = [str(w.message) for w in caught if issubclass(w.category, PostlabWarning)]
    return posts.drop(columns="source_file"), report, said


def _notes(report) -> str:
    return " | ".join(note for f in report.files for note in f.notes)


@pytest.mark.parametrize("name", sorted(CASES))
def test_damaged_export(name, tmp_path):
    case = CASES[name]
    clean, damaged = _twins(case, tmp_path)
    if case.expect == "refused":
        with pytest.raises(ExportError) as caught:
            _load(damaged, case.settings)
        message = str(caught.value)
        assert str(damaged) in message and "\n" not in message
        assert case.says in message
        return
    expected, _, _ = _load(clean, SETTINGS)
    got, report, said = _load(damaged, case.settings)
    if case.expect == "dropped":
        assert {k: n for k, n in report.dropped.items() if k != "Total row"} == {case.says: 1}
        assert report.files[0].rows_kept == len(expected) - 1
        expected = expected[expected["post_id"].isin(got["post_id"])]
    elif case.expect == "warned":
        assert any(case.says in line and str(damaged) in line for line in said)
        assert case.says in _notes(report)
        blank = [c for c in expected if got[c].isna().all() and not expected[c].isna().all()]
        assert blank
        expected = expected.assign(**{c: got[c].to_numpy() for c in blank})
    elif case.says:
        assert case.says in _notes(report)
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )
