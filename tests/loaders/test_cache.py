"""The posts cache gives exactly what a fresh load gives, and only while nothing changed."""

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from postlab import fingerprint
from postlab.exceptions import PostlabWarning
from postlab.loaders import cache, load_with_report
from postlab.loaders.report import LoadReport

DEMO_FACEBOOK = Path(__file__).resolve().parents[2] / "data" / "demo" / "exports" / "facebook"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no postlab.yml, no mappings: the defaults
    shutil.copytree(DEMO_FACEBOOK, tmp_path / "data" / "facebook")
    return "data"


def keep_exports(data, n):
    """Only the first ``n`` exports (where what is loaded does not matter, only how often)."""
    for export in sorted(Path(data, "facebook").glob("*.csv"))[n:]:
        export.unlink()


def fresh(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PostlabWarning)
        return load_with_report(data)


def no_fresh_load(*args, **kwargs):
    raise AssertionError("the cache should have answered")


def test_a_cached_table_and_report_equal_a_fresh_load(data, monkeypatch):
    expected, expected_report = fresh(data)
    cache.load_cached(data)
    monkeypatch.setattr(cache, "load_with_report", no_fresh_load)
    posts, report = cache.load_cached(data)
    pd.testing.assert_frame_equal(posts, expected)
    assert str(report) == str(expected_report) and report.to_dict() == expected_report.to_dict()


def test_a_changed_export_or_setting_is_loaded_afresh(data, monkeypatch):
    keep_exports(data, 2)
    first, _ = cache.load_cached(data)
    sorted(Path(data, "facebook").glob("*.csv"))[0].unlink()  # one quarter's export is gone
    second, _ = cache.load_cached(data)
    assert 0 < len(second) < len(first)
    Path("postlab.yml").write_text("default_timezone: America/New_York\n")
    third, _ = cache.load_cached(data)
    shifted = third["published_at"].iloc[0] - second["published_at"].iloc[0]
    assert shifted == pd.Timedelta(hours=5) or shifted == pd.Timedelta(hours=4)


def test_report_round_trips_through_its_dict(data):
    _, report = fresh(data)
    assert LoadReport.from_dict(report.to_dict()).to_dict() == report.to_dict()


def test_old_tables_are_pruned(data, tmp_path):
    keep_exports(data, 1)  # ten loads: of one file each
    folder = tmp_path / ".cache" / "posts"
    zones = ["Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome"]
    zones += ["Europe/Dublin", "Europe/Lisbon", "Europe/Oslo", "Europe/Vienna", "Europe/Prague"]
    for zone in zones[: cache.KEEP + 2]:  # as many states of the same library
        Path("postlab.yml").write_text(f"default_timezone: {zone}\n")
        cache.load_cached(data, folder)
    assert len(list(folder.glob("*.parquet"))) == len(list(folder.glob("*.json"))) == cache.KEEP
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no partial files left


def test_tables_of_another_library_version_are_removed(data, tmp_path, monkeypatch):
    keep_exports(data, 1)
    folder = tmp_path / ".cache" / "posts"
    for version in ("library 1", "library 2"):
        monkeypatch.setattr(fingerprint, "library_digest", lambda v=version: v)
        cache.load_cached(data, folder)
    assert [p.name.split("-")[0] for p in folder.glob("*.parquet")] == ["library 2"[:12]]
    assert len(list(folder.glob("*.json"))) == 1


def test_the_first_caller_s_absolute_path_does_not_reach_later_reports(data, tmp_path):
    posts, first = cache.load_cached(tmp_path / data)  # e.g. a command that resolved --data
    _, second = cache.load_cached(data)  # the notebook, answered from the cache
    assert str(first) == str(second) and str(tmp_path) not in str(second)
    assert not posts["source_file"].str.startswith(str(tmp_path)).any()
