"""The scrubber measured on the labelled set, and on the demo data's personal strings."""

import csv
import io
import json
import zipfile
from pathlib import Path

import borough
import independent
import pandas as pd
import pytest
import realistic
from labelled import labelled_posts, read_labelled

from postlab.config import Settings, load_settings
from postlab.privacy import evaluate, scrub
from postlab.privacy.measure import figures

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "data" / "demo" / "pii_manifest.json"

# Measured on the committed set (see docs/methods/privacy.md), minus a margin: a regression fails.
RECALL_FLOOR = {"all": 0.92, "name": 0.88}
PRECISION_FLOOR = {"all": 0.96, "name": 0.94}
OTHER_KINDS_FLOOR = 0.9


@pytest.fixture(scope="module")
def measured() -> pd.DataFrame:
    return evaluate(read_labelled())


def test_committed_labelled_set_is_what_the_generator_makes():
    committed, fresh = read_labelled(), labelled_posts()
    assert len(committed) >= 300
    assert committed["text"].tolist() == fresh["text"].tolist()
    assert committed["spans"].tolist() == [[tuple(s) for s in spans] for spans in fresh["spans"]]


def test_labelled_set_is_diverse_and_its_spans_are_right():
    table = read_labelled()
    assert table["category"].nunique() >= 8
    kinds = {kind for spans in table["spans"] for *_, kind in spans}
    assert kinds == {"email", "phone", "postcode", "vehicle", "dob", "address", "handle", "name"}
    ordinary = table[table["spans"].map(len) == 0]
    assert len(ordinary) >= 100  # enough posts to find false alarms in
    text, spans = table.loc[0, ["text", "spans"]]
    assert all(text[start:end].strip() == text[start:end] for start, end, _ in spans)


def test_recall_and_precision_stay_above_their_floors(measured):
    for kind, floor in RECALL_FLOOR.items():
        assert measured.loc[kind, "recall"] >= floor, kind
    for kind, floor in PRECISION_FLOOR.items():
        assert measured.loc[kind, "precision"] >= floor, kind
    others = measured.drop(index=["all", "name"])
    others = others[others["labelled"] > 0]  # the synthetic set has no NI numbers
    assert (others["recall"] >= OTHER_KINDS_FLOOR).all(), others
    assert (others["precision"] >= OTHER_KINDS_FLOOR).all(), others


# The issue's targets (name recall 95 %, per-post recall 90 %, clean posts unchanged
# 90 %); the tuned set is held to what it measures, minus a margin.
REALISTIC_FLOORS = {
    "tuned": {"post_recall": 0.97, "name_recall": 0.97, "clean_unchanged": 0.97},
    "held_out": {"post_recall": 0.93, "name_recall": 0.95, "clean_unchanged": 0.95},
    "fresh": {"post_recall": 0.92, "name_recall": 0.93, "clean_unchanged": 0.95},
}
SAFE = tuple(realistic.OFFICIAL + realistic.HELPLINES)


@pytest.mark.parametrize("name", sorted(REALISTIC_FLOORS))
def test_realistic_posts_meet_the_figures_readme_gives(name):
    table = getattr(realistic, name)()
    assert len(table) >= {"tuned": 500, "held_out": 300, "fresh": 240}[name]
    result = figures(table, SAFE)
    assert result.personal_posts >= 0.4 * len(table) and result.clean_posts >= 0.4 * len(table)
    for field, floor in REALISTIC_FLOORS[name].items():
        assert getattr(result, field) >= floor, (field, result)
    assert result.safe_strings > 40 and result.safe_kept == 1.0


# The independent set (written before its writer read the scrubber): its first
# measurement is in README; these floors hold what it measures after the fixes, minus
# a margin, in the default mode and in the strict mode reports use.
# Strict mode withholds every street name since issue 23, so clean road-closure posts
# change there: its clean floor follows (measured 75.9 %).
INDEPENDENT_FLOORS = {
    False: {"post_recall": 0.97, "name_recall": 0.97, "clean_unchanged": 0.97},
    True: {"post_recall": 0.97, "name_recall": 0.97, "clean_unchanged": 0.72},
}


LATE_FLOORS = {
    False: {"post_recall": 0.93, "name_recall": 0.95, "clean_unchanged": 0.97},
    True: {"post_recall": 0.95, "name_recall": 0.96, "clean_unchanged": 0.84},
}


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(("name", "size"), [("independent", 200), ("late", 75)])
def test_the_independent_sets_meet_their_floors(name, size, strict):
    table = getattr(independent, name)()
    assert len(table) >= size
    result = figures(table, independent.SAFE, Settings(), strict)
    assert result.personal_posts >= 0.4 * len(table) and result.clean_posts >= 0.4 * len(table)
    floors = (INDEPENDENT_FLOORS if name == "independent" else LATE_FLOORS)[strict]
    for field, floor in floors.items():
        assert getattr(result, field) >= floor, (field, result)
    assert result.safe_strings > 15 and result.safe_kept == 1.0


def test_strict_mode_withholds_a_name_plain_mode_misses_and_changes_a_clean_post():
    table = pd.DataFrame(
        {"text": ["Kalvinder retires today", "Cubo patrols"], "spans": [[(0, 9, "name")], []]}
    )
    plain, strict = figures(table, ()), figures(table, (), strict=True)
    assert (plain.name_recall, plain.clean_unchanged) == (0.0, 1.0)
    assert (strict.name_recall, strict.clean_unchanged) == (1.0, 0.0)


def test_figures_count_a_changed_clean_post_and_a_redacted_helpline():
    table = pd.DataFrame(
        {
            "text": ["Thanks Jo Pike", "Call 0808 2000 247", "Ring 07700 900123"],
            "spans": [[(7, 14, "name")], [], []],
        }
    )
    result = figures(table, ("0808 2000 247", "07700 900123"))
    assert (result.post_recall, result.name_recall) == (1.0, 1.0)
    assert result.clean_unchanged == 0.5  # the third post's number was redacted
    assert result.safe_strings == 2 and result.safe_kept == 0.5


def test_evaluate_counts_a_partly_redacted_span_as_missed():
    labelled = pd.DataFrame(
        {
            "text": ["Ring 07700 900123 now", "Roadworks on Rose Hill"],
            "spans": [[(5, 17, "phone"), (0, 4, "name")], []],
        }
    )
    table = evaluate(labelled)
    assert table.loc["phone", ["labelled", "caught", "redacted", "right"]].tolist() == [1, 1, 1, 1]
    assert table.loc["name", ["labelled", "caught"]].tolist() == [1, 0]
    assert table.loc["all", "recall"] == 0.5


def _demo_texts() -> list[str]:
    """Every text field of every demo export (CSV files, and CSVs inside the YouTube zips)."""
    blobs = []
    for path in sorted((ROOT / "data" / "demo" / "exports").rglob("*")):
        if path.suffix == ".csv":
            blobs.append(path.read_bytes())
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                blobs += [archive.read(n) for n in archive.namelist() if n.endswith(".csv")]
    texts = set()
    for blob in blobs:
        text = blob.decode("utf-16") if blob[:2] in (b"\xff\xfe", b"\xfe\xff") else blob.decode()
        dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
        rows = csv.reader(io.StringIO(text), dialect)
        texts.update(c for row in rows for c in row if " " in c.strip())
    return sorted(texts)


def test_no_personal_string_of_the_demo_data_survives_scrubbing():
    if not MANIFEST.exists():
        pytest.skip("data/demo/pii_manifest.json is not there (run `make demo-data`)")
    manifest = json.loads(MANIFEST.read_text())
    settings = load_settings(ROOT)
    texts = _demo_texts()
    assert len(texts) > 1000
    strings = {v for values in manifest.values() for v in values}
    original = "\n".join(texts)
    # the test can fail: the manifest's strings are there before scrubbing
    assert sum(v in original for v in strings) > 100
    scrubbed = "\n".join(scrub(text, settings) for text in texts)
    assert sorted(v for v in strings if v in scrubbed) == []


# The borough set (issue 23): written before the scrubber was changed for it; README
# keeps its first measurement. The issue's targets on the held-out part, default mode:
# names 97 %, posts 93 %, clean posts 93 %; strict: posts 95 %.
BOROUGH_FLOORS = {
    ("tuning", False): {"post_recall": 0.97, "name_recall": 0.97, "clean_unchanged": 0.97},
    ("tuning", True): {"post_recall": 0.97, "name_recall": 0.97, "clean_unchanged": 0.8},
    ("held_out", False): {"post_recall": 0.93, "name_recall": 0.97, "clean_unchanged": 0.95},
    ("held_out", True): {"post_recall": 0.95, "name_recall": 0.97, "clean_unchanged": 0.8},
}


@pytest.mark.parametrize(("name", "strict"), sorted(BOROUGH_FLOORS))
def test_the_borough_set_meets_the_issue_targets(name, strict):
    table = getattr(borough, name)()
    assert len(table) >= {"tuning": 180, "held_out": 115}[name]
    result = figures(table, borough.SAFE, Settings(), strict)
    assert result.personal_posts >= 0.4 * len(table) and result.clean_posts >= 0.4 * len(table)
    for field, floor in BOROUGH_FLOORS[name, strict].items():
        assert getattr(result, field) >= floor, (field, result)
    # partners' accounts, the borough and campaigns survive (strict withholds streets)
    assert result.safe_kept >= (0.9 if strict else 1.0)
