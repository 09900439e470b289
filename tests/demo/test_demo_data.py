"""The committed demo exports: reproducible, in the platforms' layouts, carrying their truths."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.formats import X_COLUMNS, X_METRICS

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
EXPORTS = DEMO / "exports"

X_HEADER = ",".join(f'"{name}"' for name in X_COLUMNS)
X_ENGAGEMENT_TYPES = [*X_METRICS[3:16], "media engagements"]
FB_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time",'
    '"Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels",'
    '"Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",'
    'Reactions,Comments,Shares,"Total clicks","Other Clicks",'
    '"Matched Audience Targeting Consumption (Photo Click)"'
)
YT_TABLE_HEADER = (
    "Content,Video title,Video publish time,Duration,Average view duration,Likes,"
    "Comments added,Shares,Views,Watch time (hours),Subscribers,Impressions,"
    "Impressions click-through rate (%)"
)
TWITTER_EPOCH_MS = 1288834974657


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("demo_generate", DEMO / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def x_files() -> dict[str, list[dict[str, str]]]:
    return {p.name: _records(_text(p)) for p in sorted((EXPORTS / "x").glob("*.csv"))}


@pytest.fixture(scope="module")
def fb_files() -> dict[str, list[dict[str, str]]]:
    return {
        p.name: _records(p.read_bytes().decode("utf-8-sig"))
        for p in sorted((EXPORTS / "facebook").glob("*.csv"))
    }


@pytest.fixture(scope="module")
def yt_files() -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted((EXPORTS / "youtube").glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            out[path.name] = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    return out


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    return pd.read_csv(DEMO / "labels.csv", dtype=str, keep_default_na=False)


def _comparable(path: Path):
    """A file's content; for a zip, its members (deflate bytes may differ across zlib builds)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n) for n in archive.namelist()}
    return path.read_bytes()


def _tree(root: Path) -> dict[str, object]:
    paths = [*root.joinpath("exports").rglob("*"), root / "labels.csv", root / "pii_manifest.json"]
    return {str(p.relative_to(root)): _comparable(p) for p in paths if p.is_file()}


# ---------------------------------------------------------------- reproducibility


def test_same_seed_same_data_other_seed_other_data(generator):
    first, again, other = generator.build(7), generator.build(7), generator.build(8)
    for name in ("x", "facebook", "youtube", "youtube_daily", "labels"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    assert first.pii == again.pii
    assert not first.x["impressions"].equals(other.x["impressions"])
    assert first.labels["post_id"].iloc[0] != other.labels["post_id"].iloc[0]


def test_committed_files_are_what_the_generator_writes(generator, tmp_path):
    stale = tmp_path / "exports" / "x" / "stale.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    assert generator.main([str(tmp_path)]) == 0
    assert not stale.exists()
    fresh, committed = _tree(tmp_path), _tree(DEMO)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], f"regenerate with `make demo-data`: {changed[:3]}"


def test_committed_data_stays_small():
    total = sum(p.stat().st_size for p in EXPORTS.rglob("*") if p.is_file())
    assert total < 5_000_000


# ---------------------------------------------------------------- X layout


def test_x_files_copy_the_tweet_activity_layout(x_files):
    assert len(x_files) == 3 * 18
    for name, rows in x_files.items():
        raw = (EXPORTS / "x" / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        text = raw.decode()
        assert text.splitlines()[0] == X_HEADER
        again = io.StringIO()
        again.write(X_HEADER + "\n")
        csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(
            [r.values() for r in rows]
        )
        assert again.getvalue() == text, f"{name}: not every field quoted"
        handle, start, end = re.fullmatch(
            r"tweet_activity_metrics_(MPS\w+)_(\d{8})_(\d{8})_en\.csv", name
        ).groups()
        times = [r["time"] for r in rows]
        assert times == sorted(times, reverse=True), f"{name}: not newest first"
        assert start <= times[-1][:10].replace("-", "")
        assert times[0][:10].replace("-", "") < end
        for row in rows:
            assert (
                row["Tweet permalink"] == f"https://twitter.com/{handle}/status/{row['Tweet id']}"
            )


def test_x_counts_ids_and_rates_are_consistent(x_files):
    rows = [row for file_rows in x_files.values() for row in file_rows]
    assert 4500 < len(rows) < 5500
    for row in rows:
        assert re.fullmatch(r"\d{19}", row["Tweet id"])
        assert re.fullmatch(r"\d+\.0", row["impressions"]) and re.fullmatch(r"\d+", row["follows"])
        assert set(list(row.values())[22:]) == {"-"}
        counts = {k: int(float(row[k])) for k in X_ENGAGEMENT_TYPES}
        assert int(float(row["engagements"])) == sum(counts.values())
        rate = float(row["engagement rate"])
        assert rate == pytest.approx(int(float(row["engagements"])) / float(row["impressions"]))
        if 0 < rate < 1e-3:
            assert "E-" in row["engagement rate"]
        ms = (int(row["Tweet id"]) >> 22) + TWITTER_EPOCH_MS
        posted = datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M +0000")
        assert posted == row["time"]
    texts = [row["Tweet text"] for row in rows]
    assert any("\n" in t for t in texts) and any('"' in t for t in texts)
    assert any("&amp;" in t for t in texts) and not any(re.search(r"&(?!amp;)", t) for t in texts)
    assert any("E-" in row["engagement rate"] for row in rows)


# ---------------------------------------------------------------- Facebook layout


def test_facebook_files_copy_the_business_suite_layout(fb_files):
    assert len(fb_files) == 3 * 6
    for name, rows in fb_files.items():
        assert re.fullmatch(
            r"\w+-Police_[A-Z][a-z]{2}-\d\d-\d{4}_[A-Z][a-z]{2}-\d\d-\d{4}\.csv", name
        )
        raw = (EXPORTS / "facebook" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw[3:].decode().splitlines()[0] == FB_HEADER + ',"Seconds viewed"'
        assert b'\n"100' not in raw, f"{name}: ids quoted, so not minimal quoting"
        for row in rows:
            assert re.fullmatch(r"\d{15}_\d{18}", row["Post ID"])
            assert row["Post ID"].startswith(row["Page ID"] + "_")
            assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", row["Publish time"])
            assert row["Date"] == "Lifetime"
            parts = int(row["Reactions"]) + int(row["Comments"]) + int(row["Shares"])
            assert int(row["Reactions, Comments and Shares"]) == parts
            assert int(row["Reach"]) <= int(row["Views"])
            video = row["Post type"] in ("Videos", "Reels")
            assert (row["Seconds viewed"] != "") == video == (row["Duration (sec)"] != "")
            assert row["Custom labels"] in ("", "humorous", "serious")
    rows = [row for file_rows in fb_files.values() for row in file_rows]
    assert {row["Post type"] for row in rows} == {"Photos", "Videos", "Links", "Text", "Reels"}
    assert any("\n" in row["Description"] for row in rows)
    labelled = np.mean([row["Custom labels"] != "" for row in rows])
    assert 0.5 < labelled < 0.7


def test_overlapping_facebook_files_hold_grown_snapshots(fb_files):
    snapshots = defaultdict(list)
    for name in sorted(fb_files, key=lambda n: datetime.strptime(n.split("_")[2], "%b-%d-%Y.csv")):
        for row in fb_files[name]:
            snapshots[row["Post ID"]].append(row)
    repeated = [s for s in snapshots.values() if len(s) > 1]
    assert 150 < len(repeated) < 300 and max(map(len, snapshots.values())) == 2
    metrics = ("Views", "Reach", "Reactions", "Comments", "Shares", "Total clicks")
    for early, late in repeated:
        assert all(int(early[m]) <= int(late[m]) for m in metrics)
    grown = np.mean([int(late["Views"]) > int(early["Views"]) for early, late in repeated])
    assert grown > 0.9


# ---------------------------------------------------------------- YouTube layout


def test_youtube_zips_copy_the_studio_layout(yt_files):
    assert sorted(yt_files) == [
        f"Content 2025-05-01_2026-10-31 {b} Police.zip"
        for b in ("Eastmere", "Kingsfold", "Northbrook")
    ]
    for files in yt_files.values():
        assert sorted(files) == ["Chart data.csv", "Table data.csv", "Totals.csv"]
        table = list(csv.reader(io.StringIO(files["Table data.csv"])))
        assert ",".join(table[0]) == YT_TABLE_HEADER
        total, videos = table[1], table[2:]
        assert total[:4] == ["Total", "", "", ""]
        assert int(total[8]) == sum(int(v[8]) for v in videos)
        for video in videos:
            content = video[0]
            assert len(content.strip()) == 11
            assert content.startswith(" ") == content.strip().startswith("-")
            assert re.fullmatch(r"(|[A-Z][a-z]{2} \d{1,2}, \d{4})", video[2])
            assert re.fullmatch(r"\d+:\d\d:\d\d", video[4])
            assert (video[12] == "") == (video[11] == "0")
        assert any(v[0].startswith(" -") for v in videos)
        assert 3 * 18 <= len(videos) <= 6 * 18
        chart = pd.read_csv(io.StringIO(files["Chart data.csv"]), dtype={"Content": str})
        assert list(chart.columns) == [
            "Date", "Content", "Video title", "Video publish time", "Duration", "Views"
        ]  # fmt: skip
        views = chart.groupby("Content")["Views"].sum()
        assert {v[0]: int(v[8]) for v in videos} == views.to_dict()
        totals = pd.read_csv(io.StringIO(files["Totals.csv"]))
        assert list(totals.columns) == ["Date", "Views"] and len(totals) == 549
        assert totals["Views"].sum() == int(total[8])
    all_videos = [
        v for files in yt_files.values() for v in csv.reader(io.StringIO(files["Table data.csv"]))
    ]
    assert any(v[2] == "" for v in all_videos[2:] if v[0] != "Content")
    assert any(v[10].startswith("-") for v in all_videos if v[0] not in ("Content", "Total"))


# ---------------------------------------------------------------- labels and truths


def test_every_label_names_an_exported_post(labels, x_files, fb_files, yt_files):
    exported = {
        "x": {r["Tweet id"] for rows in x_files.values() for r in rows},
        "facebook": {r["Post ID"] for rows in fb_files.values() for r in rows},
        "youtube": {
            row[0].strip()
            for files in yt_files.values()
            for row in list(csv.reader(io.StringIO(files["Table data.csv"])))[2:]
        },
    }
    assert list(labels.columns) == ["post_id", "platform", "account", "tone", "format"]
    for platform, ids in exported.items():
        assert set(labels.loc[labels["platform"] == platform, "post_id"]) == ids
    assert labels["post_id"].is_unique
    assert labels.loc[labels["platform"] != "youtube", "post_id"].str.fullmatch(r"\d+(_\d+)?").all()
    by_platform = labels.groupby("platform")
    assert set(by_platform.get_group("youtube")["tone"]) == {""}
    assert set(by_platform.get_group("youtube")["format"]) == {"live", "recorded"}
    humorous = (by_platform.get_group("x")["tone"] == "humorous").mean()
    assert 0.3 < humorous < 0.42


def test_the_built_in_truths_show_in_the_raw_numbers(x_files, fb_files, labels):
    tone = labels.set_index("post_id")["tone"]
    x = pd.DataFrame([r for rows in x_files.values() for r in rows])
    x["tone"] = x["Tweet id"].map(tone)
    x["rate"] = x["engagements"].astype(float) / x["impressions"].astype(float)
    mean_rate = x.groupby("tone")["rate"].mean()
    assert 1.10 < mean_rate["humorous"] / mean_rate["serious"] < 1.30

    fb = pd.DataFrame([r for name in sorted(fb_files) for r in fb_files[name]])
    fb = fb.drop_duplicates("Post ID", keep="last")  # files sort by page, then window
    fb["format"] = fb["Post ID"].map(labels.set_index("post_id")["format"])
    fb["tone"] = fb["Post ID"].map(tone)
    numbers = fb[["Views", "Comments", "Reactions, Comments and Shares"]].astype(int)
    by_format = numbers.groupby(fb["format"]).mean()
    assert 1.3 < by_format.loc["live", "Views"] / by_format.loc["recorded", "Views"] < 1.9
    assert 1.5 < by_format.loc["live", "Comments"] / by_format.loc["recorded", "Comments"] < 2.2
    by_tone = numbers.groupby(fb["tone"]).mean()
    rate = by_tone["Reactions, Comments and Shares"] / by_tone["Views"]
    assert abs(rate["humorous"] / rate["serious"] - 1) < 0.08


# ---------------------------------------------------------------- invented personal data


def test_the_manifest_lists_invented_details_that_appear_in_appeals(x_files, fb_files):
    manifest = json.loads((DEMO / "pii_manifest.json").read_text())
    assert set(manifest) == {
        "names", "phones", "postcodes", "addresses", "emails", "handles", "vehicle_regs",
        "dates_of_birth",
    }  # fmt: skip
    assert all(len(values) >= 10 for values in manifest.values())
    texts = "\n".join(
        [r["Tweet text"] for rows in x_files.values() for r in rows]
        + [r["Description"] for rows in fb_files.values() for r in rows]
    )
    missing = [v for values in manifest.values() for v in values if v not in texts]
    assert missing == []
    drama = r"020 7946 0\d{3}|07700 900\d{3}|0161 496 0\d{3}"
    assert all(re.fullmatch(drama, phone) for phone in manifest["phones"])
    assert all(re.search(r"@example\.(com|org|net)$", e) for e in manifest["emails"])
    assert all(re.fullmatch(r"(NB|EM|KF)\d \d[A-Z]{2}", p) for p in manifest["postcodes"])
    assert all(re.fullmatch(r"[A-Z]{2}\d\d [A-Z]{3}", r) for r in manifest["vehicle_regs"])
    assert not {"MPSNorthbrook", "metpoliceuk", "CrimestoppersUK"} & set(manifest["handles"])
