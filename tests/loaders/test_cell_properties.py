"""Any text in any numeric or date cell of any layout gives a posts table or a PostlabError
that names the file: never another exception (issue #20, "every failure is a sentence")."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.config import Settings
from postlab.exceptions import PostlabError
from postlab.loaders import load

from . import damage as d

COLUMNS = {  # the numeric and date columns each layout reads
    "x": [
        "time",
        "impressions",
        "engagements",
        "retweets",
        "replies",
        "favorites",
        "url clicks",
        "media views",
        "tweet id",
    ],
    "x-content": [
        "date",
        "impressions",
        "likes",
        "engagements",
        "shares",
        "replies",
        "reposts",
        "url clicks",
        "post id",
    ],
    "facebook": [
        "publish time",
        "views",
        "reach",
        "reactions, comments and shares",
        "reactions",
        "comments",
        "shares",
        "total clicks",
        "seconds viewed",
    ],
    "instagram": [
        "publish time",
        "views",
        "reach",
        "likes",
        "shares",
        "comments",
        "saves",
        "post id",
    ],
    "youtube": [
        "video publish time",
        "likes",
        "comments added",
        "shares",
        "views",
        "watch time (hours)",
        "impressions",
    ],
    "legacy": [
        "posted",
        "lifetime post total reach",
        "lifetime post total impressions",
        "lifetime engaged users",
        "lifetime post consumptions",
        "lifetime organic video views",
    ],
}
CELLS = [(base, name) for base, names in COLUMNS.items() for name in names]
NUMBERISH = st.sampled_from(
    ["inf", "-inf", "NaN", "1e30", "1E+18", "3775,0", "1,234", "1.234", "1,234.5", "1.234,5",
     "-0", "0x1F", "１２", "1 234", "12/13/2025", "31/12/2025 25:61", "99/99/9999", "-", " ",
     "9" * 40, "0.5", "Tue, Feb 30, 2026", "Feb 30, 2025"]
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cell=st.sampled_from(CELLS),
    row=st.integers(0, 2),
    text=st.text(max_size=30) | NUMBERISH,
)
def test_any_text_in_a_numeric_or_date_cell(cell, row, text):
    base, name = cell
    rows = d.read_rows(d.BASES[base])
    rows[min(d.data_start(rows) + row, len(rows) - 1)][d.column(rows, name)] = text
    with tempfile.TemporaryDirectory() as folder:
        path = d.write_rows(d.place(base, Path(folder)), rows)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                posts = load(path, settings=Settings())
        except PostlabError as error:
            assert str(path.parent) in str(error) and "\n" not in str(error)
        else:
            assert isinstance(posts, pd.DataFrame)
