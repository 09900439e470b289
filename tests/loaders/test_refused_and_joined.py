"""A damaged file beside good ones, two exports joined into one, and rates re-saved as percentages.

One rule for a damaged export found in a folder (cut short, a row with the
wrong number of fields, any value refused): it is refused by name with its
line, the other files still load, and ``postlab load`` says so in one error
line and exits 1 after writing what loaded. Named on the command line, the
file stops the load as before.
"""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr, redirect_stdout

import pandas as pd
import pytest

from postlab.cli import main
from postlab.config import Settings
from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders import load_with_report

from .test_independent_blind import X_HEADER, X_NAME, X_POSTS, load, snowflake, x_rows

FEBRUARY = X_NAME.replace("20210301_20210401", "20210201_20210301")


def _x_text(rows, *, header=True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows([X_HEADER, *rows] if header else rows)
    return buf.getvalue()


def _cut_mid_last_row(text: str) -> str:
    """A download cut off after the tenth field of the last row (its quotes all closed)."""
    start = text.rstrip("\n").rindex("\n") + 1
    for _ in range(10):
        start = text.index('",', start) + 2
    return text[: start - 1]


def _good_and_damaged(tmp_path, damaged: str):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / X_NAME).write_text(_x_text(x_rows()), encoding="utf-8")
    (tmp_path / FEBRUARY).write_text(damaged, encoding="utf-8")
    return tmp_path


def _cli(*args) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["load", *map(str, args)])
    return code, err.getvalue()


# ---------------------------------------------------------------- a damaged file beside good ones


@pytest.mark.parametrize(
    ("damage", "line", "words"),
    [
        pytest.param(_cut_mid_last_row, 6, "truncated", id="cut-mid-last-row"),
        pytest.param(lambda t: t[: t.rindex('"')], 6, "never closes", id="cut-inside-a-quote"),
        pytest.param(
            lambda t: t.replace('"Officers at the market', '"Officers","at the market'),
            3,
            "41 of 40 columns",
            id="a-row-with-a-field-too-many",
        ),
    ],
)
def test_a_damaged_file_in_a_folder_is_refused_by_name_and_the_others_load(
    tmp_path, damage, line, words
):
    folder = _good_and_damaged(tmp_path / "exports", damage(_x_text(x_rows())))
    with pytest.warns(PostlabWarning, match=f"skipped 1 file.*{FEBRUARY} was refused"):
        posts, report = load_with_report(folder, settings=Settings())
    assert len(posts) == len(X_POSTS)
    assert [f.path for f in report.files] == [str(folder / X_NAME)]
    assert report.rows_read == len(X_POSTS)  # none of the refused file's rows counts as read
    (refused,) = report.refused
    assert refused.path == str(folder / FEBRUARY)
    assert f"line {line} " in refused.reason and words in refused.reason
    assert f"skipped {FEBRUARY}: was refused: line {line} " in report.notes()[0]


def test_the_cli_writes_what_loaded_and_exits_1_naming_the_refused_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = _good_and_damaged(tmp_path / "exports", _cut_mid_last_row(_x_text(x_rows())))
    out = tmp_path / "posts.csv"
    code, err = _cli(folder, "--out", out)
    assert code == 1
    (error,) = [line for line in err.splitlines() if line.startswith("postlab: error")]
    assert f"{FEBRUARY} was refused: line 6 has" in error
    assert "1 of 2 files refused" in error and f"{len(X_POSTS)} posts loaded" in error
    assert len(pd.read_csv(out)) == len(X_POSTS)


def test_a_damaged_file_named_on_the_command_line_still_stops_the_load(tmp_path):
    folder = _good_and_damaged(tmp_path, _cut_mid_last_row(_x_text(x_rows())))
    with pytest.raises(ExportError, match="line 6 has .* columns"):
        load_with_report([folder / X_NAME, folder / FEBRUARY], settings=Settings())


def test_a_folder_whose_only_export_is_refused_names_it_not_an_unknown_layout(tmp_path):
    (tmp_path / X_NAME).write_text(_cut_mid_last_row(_x_text(x_rows())), encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        load(tmp_path)
    message = str(caught.value)
    assert f"no posts loaded: {tmp_path / X_NAME} was refused: line 6 has" in message
    assert "known export" not in message


def test_a_folder_with_only_companion_files_beside_exports_exits_0(tmp_path, monkeypatch):
    """YouTube's chart data and a labels file are skipped by design, not refused."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / X_NAME).write_text(_x_text(x_rows()), encoding="utf-8")
    (tmp_path / "labels.csv").write_text("post_id,tone\n1,serious\n", encoding="utf-8")
    posts, report = load(tmp_path)
    assert len(report.skipped) == 1 and report.refused == []
    assert _cli(tmp_path)[0] == 0


# ---------------------------------------------------------------- two exports joined with cat


def _joined(first_bom="", second_bom="") -> str:
    rows = x_rows()
    return first_bom + _x_text(rows[:2]) + second_bom + _x_text(rows[2:])


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["utf-8", "utf-8-with-bom"])
def test_a_header_repeated_by_cat_is_dropped_with_a_note_naming_its_line(tmp_path, bom):
    path = tmp_path / X_NAME
    path.write_text(_joined(bom, bom), encoding="utf-8")
    posts, report = load(path)
    got = posts.set_index("post_id")
    assert len(got) == len(X_POSTS)
    for when, _text, impressions, *_ in X_POSTS:
        assert got.at[snowflake(when), "impressions"] == impressions
    (file,) = report.files
    assert file.rows_read == len(X_POSTS) and not file.dropped
    assert any("the header line appears again at line 4 " in n for n in file.notes), file.notes


def test_a_row_error_below_a_repeated_header_names_the_files_own_row(tmp_path):
    rows = x_rows()
    rows[3][5] = "n/a"  # engagements of the fourth post: its row 6 in the joined file
    path = tmp_path / X_NAME
    path.write_text(_x_text(rows[:2]) + _x_text(rows[2:]), encoding="utf-8")
    with pytest.raises(ExportError, match="row 6, column 'engagements'"):
        load(path)


def test_a_repeated_header_of_another_export_is_refused(tmp_path):
    """Same names in the columns read, but another layout version: not one file's header."""
    rows = x_rows()
    other = [name.replace("promoted ", "Promoted ") for name in X_HEADER]
    path = tmp_path / X_NAME
    path.write_text(_x_text(rows[:2]) + _x_text([other, *rows[2:]], header=False), "utf-8")
    with pytest.raises(ExportError, match="row 4 repeats the header's names but not its whole"):
        load(path)


# ---------------------------------------------------------------- engagement rates as percentages


def _rates(tmp_path, rate, **counts):
    rows = x_rows()
    for row in rows:
        row[6] = rate(int(float(row[5])) / int(float(row[4])))
    for column, value in counts.items():
        rows[0][X_HEADER.index(column)] = value
    path = tmp_path / X_NAME
    path.write_text(_x_text(rows), encoding="utf-8")
    return path


def test_rates_excel_wrote_as_percentages_are_read_and_the_check_runs(tmp_path):
    posts, report = load(_rates(tmp_path, lambda r: f"{r * 100:.2f}%"))
    assert len(posts) == len(X_POSTS)
    assert any("5 values of 'engagement rate' written as percentages" in n for n in report.notes())
    with pytest.raises(ExportError, match="row 2, column 'impressions': 26850"):
        load(_rates(tmp_path, lambda r: f"{r * 100:.2f}%", impressions="26850.0"))


def test_a_rate_that_is_no_number_says_the_check_could_not_run(tmp_path):
    posts, report = load(_rates(tmp_path, lambda r: "n/a"))
    assert len(posts) == len(X_POSTS)
    assert any(
        "5 values of 'engagement rate' are no number (like 'n/a')" in n
        and "could not be checked" in n
        for n in report.notes()
    )
