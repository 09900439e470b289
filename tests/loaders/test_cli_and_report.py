"""`postlab load`, merging of overlapping exports, and the load report."""

import pandas as pd
import pytest

from postlab.cli import main
from postlab.loaders import load_with_report
from postlab.loaders.merge import merge_snapshots

from .conftest import FIXTURES

META_OLD = "meta/Test-Police_May-01-2025_Jul-31-2025.csv"
META_NEW = "meta/Test-Police_May-01-2025_Aug-31-2025.csv"
X_2016 = "x/tweet_activity_metrics_MPSTest_20160101_20160201_en.csv"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # postlab.yml and mappings/ are looked up in the cwd


def test_cli_summary(capsys):
    assert main(["load", str(FIXTURES / "meta")]) == 0
    out = capsys.readouterr().out
    assert "9 posts" in out.splitlines()[0]
    assert "facebook   Test Police" in out and "instagram  testpolice" in out


def test_cli_report(capsys):
    assert main(["load", str(FIXTURES / "meta"), "--report", "--young-hours", "24"]) == 0
    out = capsys.readouterr().out
    assert "meta-instagram" in out and "1 duplicate row merged" in out
    assert "younger than 24 hours" in out


def test_cli_writes_parquet_and_csv_with_text_scrubbed(tmp_path, capsys):
    out = tmp_path / "posts.parquet"
    assert main(["load", str(FIXTURES / "x"), "--out", str(out)]) == 0
    posts = pd.read_parquet(out)
    assert len(posts) == 7
    appeal = posts.set_index("post_id").loc["561586025919537728", "text"]
    assert "101" in appeal or "Call" in appeal  # text kept, but run through the scrubber
    assert main(["load", str(FIXTURES / "x"), "--out", str(tmp_path / "p.csv"), "--keep-text"]) == 0
    kept = pd.read_csv(tmp_path / "p.csv", dtype={"post_id": str})
    assert "Have you seen this bike?\nCall 101 quoting ref 1234." in set(kept["text"])


def test_cli_account_override(tmp_path, capsys):
    folder = FIXTURES / "x"
    assert main(["load", str(folder), "--account", f"{folder}=Northbrook"]) == 0
    assert "x          Northbrook" in capsys.readouterr().out


def test_cli_bad_input_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "empty.csv"
    bad.write_text("")
    assert main(["load", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"postlab: error: {bad}: is empty"
    assert main(["load", str(FIXTURES / "x"), "--out", "posts.json"]) == 1
    assert "--out must end in .parquet or .csv" in capsys.readouterr().err


def test_latest_export_wins_whatever_the_order(settings):
    paths = [FIXTURES / META_NEW, FIXTURES / META_OLD]
    for order in (paths, paths[::-1]):
        posts, report = load_with_report(order, settings=settings)
        tortoise = posts.set_index("post_id").loc["100083456712345_122370395610172180"]
        assert tortoise["impressions"] == 5230
        assert report.merged == 1
        old = next(f for f in report.files if f.path.endswith("Jul-31-2025.csv"))
        assert old.superseded == 1 and old.rows_kept == 2


def test_ties_go_to_the_file_name_that_sorts_last():
    stamp = pd.Timestamp("2025-01-01", tz="UTC")
    posts = pd.DataFrame(
        {
            "platform": ["x", "x", "x"],
            "account": ["a"] * 3,
            "post_id": ["1", "1", "2"],
            "published_at": [stamp] * 3,
            "exported_at": [stamp] * 3,
            "source_file": ["b.csv", "a.csv", "a.csv"],
            "likes": [5, 3, 1],
        }
    )
    merged, superseded = merge_snapshots(posts)
    assert merged.set_index("post_id")["likes"].to_dict() == {"1": 5, "2": 1}
    assert superseded.to_dict() == {"a.csv": 1}


def test_young_posts_are_counted(settings):
    # the tortoise post was published 90 minutes before its file's period ended
    _, report = load_with_report(FIXTURES / META_OLD, settings=settings, young_hours=3)
    assert report.young == 1
    _, report = load_with_report(FIXTURES / META_OLD, settings=settings, young_hours=2)
    assert report.young == 0


def test_report_prints_and_serialises(settings):
    with pytest.warns(UserWarning):
        _, report = load_with_report(FIXTURES, settings=settings)
    text = str(report)
    assert "youtube-table-data" in text and "1 Total row" in text
    assert "skipped generic/linkedin_posts.csv: is no known export layout" in text
    html = report._repr_html_()
    assert html.count("<tr>") == len(report.files) + 1
    totals = report.to_dict()["totals"]
    assert totals["rows_read"] == sum(f["rows_read"] for f in report.to_dict()["files"])
    assert (
        totals["posts"]
        == totals["rows_read"] - sum(totals["dropped"].values()) - totals["duplicates_merged"]
    )


def test_mappings_folder_in_the_project_is_used(tmp_path, settings):
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "linkedin.yml").write_text(
        (FIXTURES / "generic/linkedin.yml").read_text()
    )
    posts, report = load_with_report(FIXTURES / "generic", settings=settings)
    assert len(posts) == 2 and report.files[0].layout == "mapping:linkedin"


def test_the_text_report_fits_100_columns_and_ends_with_the_accounts(tmp_path, capsys):
    folder = tmp_path / "exports" / "a-folder-with-a-long-name-as-teams-make-them"
    folder.mkdir(parents=True)
    for source in (FIXTURES / "meta").iterdir():
        (folder / f"{'very-long-export-name-' * 3}{source.name}").write_bytes(source.read_bytes())
    assert main(["load", str(tmp_path / "exports"), "--report"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert max(map(len, out)) <= 100
    assert out[-3:] == [
        "9 posts in 2 accounts",
        *[line for line in out[-2:] if line.startswith(("  facebook", "  instagram"))],
    ]
