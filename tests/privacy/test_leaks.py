"""The raw-text comparison: outputs checked against the posts they came from."""

import json
import os

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from postlab.config import Settings
from postlab.privacy import scrub
from postlab.privacy.leaks import (
    last_run_time,
    leaks_in_file,
    output_files,
    raw_index,
    stale_caches,
)

SETTINGS = Settings(allow_terms=("Northbrook",))
RAW = [
    "Thanks to Jo Dimmock for the tip that led to two arrests in Northbrook.",
    "Kalvinder, our brilliant cadet leader, retires today after 30 years.",
    "Roadworks on the A406 this weekend: please allow extra time for your journey.",
]


def _index():
    return raw_index(RAW, SETTINGS)


def test_a_run_holding_a_withheld_word_is_found_wherever_it_reappears(tmp_path):
    page = tmp_path / "report.html"
    page.write_text("<td>Kalvinder, our brilliant cadet</td>\n<p>Dimmock</p>\n")
    notes = tmp_path / "notes.md"
    notes.write_text("A name alone: jo dimmock\n")
    assert [(f.location, f.kind) for f in leaks_in_file(page, _index())] == [
        ("line 1", "raw post text")
    ]
    assert [f.location for f in leaks_in_file(notes, _index())] == ["line 1"]


def test_strictly_scrubbed_text_and_common_phrases_do_not_match(tmp_path):
    page = tmp_path / "report.md"
    page.write_text(
        "\n".join(scrub(text, SETTINGS, strict=True) for text in RAW)
        + "\nRoadworks on the A406 this weekend: please allow extra time for your journey.\n"
        + "Thanks to everyone for the tip that led to two arrests\n"
    )
    assert list(leaks_in_file(page, _index())) == []


def test_notebook_outputs_and_partial_notebooks_are_compared(tmp_path):
    cell = new_code_cell(
        "top", outputs=[new_output("stream", name="stdout", text="Thanks to Jo Dimmock for")]
    )
    partial = tmp_path / ".explore.partial.ipynb"
    nbformat.write(new_notebook(cells=[cell]), partial)
    assert partial in list(output_files([tmp_path]))
    assert [f.location for f in leaks_in_file(partial, _index())] == ["cell 1 output"]


def test_caches_older_than_the_last_run_are_flagged(tmp_path):
    cache, runs = tmp_path / "cache", tmp_path / "runs"
    cache.mkdir()
    runs.mkdir()
    for name in ("old.parquet", "current.parquet", ".current.parquet.1a2b"):
        (cache / name).write_bytes(b"\0")
        os.utime(cache / name, (1000, 1000))
    (runs / "x.html").write_text("ok")
    found = stale_caches(cache, {"current"}, last_run_time([runs]))
    assert [os.path.basename(f.path) for f in found] == [".current.parquet.1a2b", "old.parquet"]
    assert stale_caches(cache, {"current"}, 500.0) == []
    assert stale_caches(tmp_path / "none", set(), 1e12) == []


def test_compare_with_raw_counts_files_posts_and_findings(tmp_path):
    from postlab.privacy.leaks import compare_with_raw

    (tmp_path / "a.md").write_text("Thanks to Jo Dimmock for the tip\n")
    (tmp_path / "b.md").write_text("nothing\n")
    compared = compare_with_raw([tmp_path], RAW, "data/x", SETTINGS)
    assert (compared.posts, compared.files, len(compared.findings)) == (3, 2, 1)
    assert (
        str(compared) == "raw comparison: 2 output files against 3 raw posts of data/x: 1 finding"
    )


def test_the_check_says_when_there_are_no_raw_posts_to_compare_with(tmp_path, monkeypatch, capsys):
    from postlab import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "postlab.yml").write_text("default_timezone: Europe/London\n")
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "a.md").write_text("ok\n")
    assert cli.main(["check", "--privacy", "runs"]) == 0
    out = capsys.readouterr().out
    assert "raw comparison: skipped, no data folder" in out


def test_an_old_cache_is_stale_only_if_it_holds_text_the_data_no_longer_holds(tmp_path):
    """After `label suggest` changes labels.csv, the last run's table is of an old state but
    holds the very texts the exports hold: not stale. One holding a deleted post's text is."""
    import pandas as pd

    cache, runs = tmp_path / "cache", tmp_path / "runs"
    cache.mkdir()
    runs.mkdir()
    tables = {"same": ["a post", None, "another"], "deleted": ["a post", "Jo Pike, 34"]}
    for name, texts in tables.items():
        pd.DataFrame({"post_id": range(len(texts)), "text": texts}).to_parquet(
            cache / f"{name}.parquet"
        )
        (cache / f"{name}.json").write_text(json.dumps({"files": [], "skipped": []}))
        for suffix in (".parquet", ".json"):
            os.utime(cache / f"{name}{suffix}", (1000, 1000))
    (runs / "x.html").write_text("ok")
    found = stale_caches(cache, set(), last_run_time([runs]), {"a post", "another"})
    assert sorted(os.path.basename(f.path) for f in found) == ["deleted.json", "deleted.parquet"]
