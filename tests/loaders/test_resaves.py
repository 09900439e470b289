"""Exports as teams have them: Excel re-saves, files saved long after their period,
per-file day-first overrides, HTML entities, and loads that find nothing."""

from __future__ import annotations

import os
import warnings
import zipfile

import pandas as pd
import pytest

from postlab.cli import main
from postlab.config import Settings, load_settings
from postlab.exceptions import ExportError
from postlab.loaders import load, load_with_report

from . import damage as d
from .conftest import YOUTUBE_FOLDER

SETTINGS = Settings(default_timezone="Europe/London")


def _quiet_load(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_with_report(path, settings=SETTINGS, **options)


@pytest.mark.parametrize("base", ["x", "x-content", "facebook", "youtube", "legacy"])
def test_an_excel_resave_loads_like_the_csv(base, tmp_path):
    rows = d.read_rows(d.BASES[base])
    csv_path = d.write_rows(d.place(base, tmp_path / "csv"), rows)
    xlsx_path = d.as_workbook(rows, d.place(base, tmp_path / "xlsx").with_suffix(".xlsx"))
    expected, _ = _quiet_load(csv_path)
    got, report = _quiet_load(xlsx_path)
    assert report.files[0].encoding == "xlsx"
    pd.testing.assert_frame_equal(
        got.drop(columns="source_file"), expected.drop(columns="source_file"), check_dtype=False
    )
    if base.startswith("x"):  # Excel kept 15 digits of each id: the permalinks restore them
        assert "restored from the permalink" in " ".join(report.files[0].notes)


def test_an_excel_resave_without_ids_to_restore_is_refused(tmp_path):
    rows = d.read_rows(d.BASES["instagram"])  # Instagram permalinks hold no post id
    path = d.as_workbook(rows, d.place("instagram", tmp_path).with_suffix(".xlsx"))
    with pytest.raises(ExportError, match="its last digits are lost"):
        _quiet_load(path)


def test_a_monthly_x_file_saved_after_its_month_is_dated_by_its_modification_time(tmp_path):
    rows = d.read_rows(d.BASES["x"])
    path = d.write_rows(d.place("x", tmp_path), rows)
    posts, report = _quiet_load(path)
    assert posts["exported_at"].iloc[0] == pd.Timestamp(d.SAVED, unit="s", tz="UTC")
    assert report.files[0].saved_late and "1 file was saved more than a day after" in str(report)
    month_end = pd.Timestamp("2015-02-01 12:00", tz="UTC").timestamp()
    os.utime(path, (month_end, month_end))
    posts, report = _quiet_load(path)
    assert posts["exported_at"].iloc[0] == pd.Timestamp("2015-02-01 23:59:59", tz="UTC")
    assert not report.files[0].saved_late and "saved after" not in str(report)


def test_html_entities_in_post_text_are_decoded(tmp_path):
    rows = d.cells("tweet text", lambda v: "Lock it &amp; keep it &lt;3 &quot;safe&quot;", [0])(
        d.read_rows(d.BASES["x"])
    )
    posts, _ = _quiet_load(d.write_rows(d.place("x", tmp_path), rows))
    assert 'Lock it & keep it <3 "safe"' in posts["text"].tolist()


def _two_january_days(tmp_path):
    rows = d.read_rows(d.BASES["x"])[:3]
    rows = d.set_times("time", ["2015-01-02 18:05 +0000", "2015-01-01 09:00 +0000"])(rows)
    rows = d.cells("time", d.x_time_to("%d/%m/%Y %H:%M"))(rows)
    return d.write_rows(d.place("x", tmp_path / "x"), rows)


def test_day_first_override_from_the_settings_file(tmp_path, monkeypatch):
    path = _two_january_days(tmp_path)
    (tmp_path / "postlab.yml").write_text("exports:\n  day_first: ['x/*.csv']\n")
    monkeypatch.chdir(tmp_path)
    settings = load_settings(".")
    assert settings.day_first == ("x/*.csv",)
    posts = load(path, settings=settings)
    assert sorted(posts["published_at"].dt.day) == [1, 2]


def test_day_first_override_on_the_command_line(tmp_path, capsys, monkeypatch):
    path = _two_january_days(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["load", str(path)]) == 1
    error = capsys.readouterr().err
    assert "--day-first" in error and len(error.strip().splitlines()) == 1
    assert main(["load", str(path), "--day-first", "tweet_activity_*.csv", "--report"]) == 0
    assert "settings say this file is day-first" in capsys.readouterr().out


def test_header_only_file(tmp_path):
    path = d.write_rows(d.place("x", tmp_path), d.read_rows(d.BASES["x"])[:1])
    with pytest.raises(ExportError, match="has a header but no rows"):
        _quiet_load(tmp_path)
    posts, report = _quiet_load(path, allow_empty=True)
    assert posts.empty and report.files[0].rows_read == 0


def test_youtube_zip_without_its_table(tmp_path):
    path = tmp_path / f"{YOUTUBE_FOLDER.name}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("Chart data.csv", "Totals.csv"):
            archive.write(YOUTUBE_FOLDER / name, name)
    with pytest.raises(ExportError, match="holds only YouTube Studio's chart data and totals"):
        _quiet_load(path)


def test_folder_with_only_a_labels_file(tmp_path, capsys):
    (tmp_path / "labels.csv").write_text("post_id,tone\n1,serious\n")
    with pytest.raises(ExportError, match="labels.csv is a labels file, and there are no exports"):
        _quiet_load(tmp_path)
    assert main(["load", str(tmp_path)]) == 1
    assert "no posts loaded" in capsys.readouterr().err
    assert main(["load", str(tmp_path), "--allow-empty"]) == 0
    assert "no posts found" in capsys.readouterr().out


def test_empty_folder(tmp_path):
    with pytest.raises(ExportError, match="no export files"):
        _quiet_load(tmp_path)
