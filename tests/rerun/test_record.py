"""The record: its content, its history and its all-or-nothing replacement."""

import json
import os

import pytest

from postlab import record as rec
from postlab.payload import ArmPosts, Design, Effect, Result, Verdict


def payload(exp_id, effect, decision, start="2025-05-01", parent=None, learning=""):
    return Result(
        experiment_id=exp_id,
        design=Design(
            title=f"Title of {exp_id}",
            owner="Comms team",
            status="running",
            hypothesis="Humour lifts engagement.",
            platforms=("x",),
            accounts=("MPSNorthbrook",),
            period_start=start,
            period_end="2026-10-31",
            control="serious",
            treatments=("humorous",),
            assignment="by the 'tone' column of the labels file labels.csv",
            parent=parent,
            learning=learning,
        ),
        arms=(ArmPosts("serious", "control", 100), ArmPosts("humorous", "treatment", 50)),
        effects=(
            Effect(
                "engagement_rate",
                "serious",
                "humorous",
                0.03,
                0.036,
                effect,
                (effect - 0.1, effect + 0.1),
                0.001,
            ),
        ),
        verdict=Verdict(decision, f"{exp_id} summary."),
    )


@pytest.fixture
def record():
    entries = {
        "old": rec.Entry(
            "old", "fresh", payload("old", 0.2, "adopt", start="2025-01-01", learning="It works.")
        ),
        "new": rec.Entry(
            "new",
            "stale",
            payload("new", 0.01, "no meaningful difference", parent="old"),
            reason="cell In [5] raised KeyError: 'tone'; open runs/new.ipynb",
        ),
    }
    r = rec.Record(entries=entries)
    r.history = rec.extend_history(r, "2026-11-01 06:00", only=["old", "new"])
    return r


def test_history_gains_a_row_only_when_the_result_changed(record):
    assert len(record.history) == 2
    for at in ("2026-11-08 06:00", "2026-11-08 06:30"):  # nothing new: no identical rows
        record.history = rec.extend_history(record, at, only=["old"])
    assert len(record.history) == 2
    record.entries["old"] = record.entries["old"].replace(payload=payload("old", 0.25, "adopt"))
    record.history = rec.extend_history(record, "2026-11-15 06:00", only=["old"])
    rows = record.history[record.history["experiment"] == "old"]
    assert list(rows["rerun_at"]) == ["2026-11-01 06:00", "2026-11-15 06:00"]
    assert rows.iloc[0]["posts_control"] == 100 and rows.iloc[0]["posts_treatment"] == 50


def test_a_failed_rerun_is_a_failed_row_with_its_reason_never_nan(record):
    looks = record.looks("new")
    assert [look.status for look in looks] == ["failed"]
    assert looks[0].reason.startswith("cell In [5] raised KeyError")
    text = rec.render_markdown(record, {})
    assert r"failed: cell In \[5\] raised KeyError" in text  # brackets escaped: no link
    assert "nan" not in text and "n/a to n/a" not in text


def test_history_is_per_data_folder_in_time_order_of_current_experiments(record):
    record.extras["data_dir"] = "data/a"
    for at in ("2026-11-01 08:16", "2026-11-01 08:32", "2026-11-01 08:06"):
        record.entries["old"] = record.entries["old"].replace(
            payload=payload("old", float(at[-2:]) / 100, "adopt")
        )
        record.history = rec.extend_history(record, at, only=["old"], data_dir="data/a")
    record.history = rec.extend_history(record, "2026-11-01 09:00", only=["old"], data_dir="data/b")
    shown = record.current_history()
    assert list(shown["rerun_at"]) == ["2026-11-01 08:06", "2026-11-01 08:16", "2026-11-01 08:32"]
    del record.entries["old"]
    assert record.current_history().empty


def test_a_decided_experiment_that_later_data_moves_says_so(record):
    record.extras["data_dir"] = "d"
    for at, decision in [
        ("2026-10-01 06:00", "keep testing"),
        ("2026-10-08 06:00", "adopt"),
        ("2026-10-15 06:00", "keep testing"),
    ]:
        record.entries["old"] = record.entries["old"].replace(
            payload=payload("old", 0.1 + len(at) * 0 + int(at[8:10]) / 100, decision)
        )
        record.history = rec.extend_history(record, at, only=["old"], data_dir="d")
    looks = record.looks("old")
    assert rec.decided_look(looks).at == "2026-10-08 06:00"
    moved = rec.moved_after_decision(looks)
    assert moved.startswith('Decided "adopt" at the rerun of 2026-10-08 06:00 (150 posts)')
    assert 'moved it to "keep testing" at the rerun of 2026-10-15 06:00' in moved
    assert "Moved after a decision" in rec.render_markdown(record, {})


def test_markdown_is_newest_first_with_stale_marker_and_follow_ups(record):
    text = rec.render_markdown(record, {"new": "../runs/new.html"})
    assert text.index("(`new`)") < text.index("(`old`)")
    assert r"> **STALE**: cell In \[5\] raised KeyError" in text
    assert "**Follow-ups**: new" in text and "**Parent**: old" in text
    assert "**Learning**: It works." in text
    assert "+20 % engagement rate (95 % interval +10 % to +30 %)" in text
    assert "[new](<../runs/new.html>)" in text


def test_round_trip_through_files(record, tmp_path):
    staging = rec.stage_record(record, tmp_path / "stage")
    target = tmp_path / "record"
    rec.finish_record(record, staging, target, {})
    again = rec.read_record(target)
    assert set(again.entries) == {"old", "new"} and again.entries["new"].status == "stale"
    assert len(again.history) == 2
    page = (target / "index.html").read_text()
    assert page.count("<section class='experiment'") == 2
    # on a phone each rerun of the history is a card of "column: value" lines, its date whole
    assert "<table class='stacks looks'>" in page and 'data-label="interval"' in page
    assert "<td data-label=\"rerun\"><span class='when'>" in page
    assert not staging.exists()


def test_unchanged_figures_are_read_back_not_drawn_and_the_record_is_the_same(
    record, tmp_path, monkeypatch
):
    from postlab.record import render

    cache = tmp_path / "figures"
    (tmp_path / "drawn").mkdir()
    render.write_views(record, tmp_path / "drawn", {})
    (tmp_path / "first").mkdir()
    render.write_views(record, tmp_path / "first", {}, cache)
    kept = sorted(p.name for p in cache.glob("*.png"))
    drawn = []
    monkeypatch.setattr(render, "_png", lambda figure: drawn.append(figure) or b"")
    (tmp_path / "again").mkdir()
    render.write_views(record, tmp_path / "again", {}, cache)
    assert drawn == [] and kept
    for name in ("RECORD.md", "index.html", "forest.png"):
        same = {(tmp_path / run / name).read_bytes() for run in ("drawn", "first", "again")}
        assert len(same) == 1, name
    later = payload("old", 0.3, "adopt", start="2025-01-01", learning="It works.")
    record.entries["old"] = rec.Entry("old", "fresh", later)
    record.history = rec.extend_history(record, "2026-11-08 06:00", only=["old"])
    (tmp_path / "later").mkdir()
    render.write_views(record, tmp_path / "later", {}, cache)
    assert drawn  # a new result: its figures are drawn again
    assert sorted(p.name for p in cache.glob("*.png")) != kept  # the unused ones are gone


def test_replace_directory_swaps_whole_folders(tmp_path):
    target, new = tmp_path / "record", tmp_path / "stage"
    target.mkdir(), new.mkdir()
    (target / "a.txt").write_text("old")
    (new / "a.txt").write_text("new")
    (new / "b.txt").write_text("new")
    rec.replace_directory(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["a.txt", "b.txt"]
    assert (target / "a.txt").read_text() == "new" and not new.exists()


def test_recover_after_a_kill_between_the_two_renames(tmp_path):
    target = tmp_path / "record"
    aside = tmp_path / ".record.old-12345678"
    aside.mkdir()
    (aside / "state.json").write_text(json.dumps({"experiments": {}}))
    half_built = tmp_path / ".record.new-87654321"
    half_built.mkdir()
    rec.recover_record(target)
    assert (target / "state.json").exists()
    assert not aside.exists() and not half_built.exists()


def test_recover_leaves_a_complete_record_alone(tmp_path):
    target = tmp_path / "record"
    target.mkdir()
    (target / "RECORD.md").write_text("kept")
    os.mkdir(tmp_path / ".record.new-00000000")
    rec.recover_record(target)
    assert (target / "RECORD.md").read_text() == "kept"
    assert not (tmp_path / ".record.new-00000000").exists()


WRITER = """
import sys
from pathlib import Path
from postlab import record as rec
from postlab.payload import Design, Result, Verdict
target = Path(sys.argv[1])
generation = 0
while True:
    generation += 1
    r = rec.Record(entries={"g": rec.Entry("g", "fresh", Result("g", Design(f"gen {generation}"), (), (), Verdict("adopt")))})
    staging = rec.stage_record(r, rec.staging_dir(target))
    rec.finish_record(r, staging, target, {})
    Path(sys.argv[2]).write_text(str(generation))
"""


def test_a_killed_writer_leaves_one_whole_record(tmp_path):
    import random
    import signal
    import subprocess
    import sys
    import time

    target, progress = tmp_path / "record", tmp_path / "progress"
    rng = random.Random(5)
    for _ in range(5):
        progress.unlink(missing_ok=True)
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(progress)])
        deadline = time.monotonic() + 60
        while not progress.exists() and time.monotonic() < deadline:  # wait out the imports
            time.sleep(0.02)
        time.sleep(rng.random() * 0.3)
        child.send_signal(signal.SIGKILL)
        child.wait()
        rec.recover_record(target)
        title = rec.read_record(target).entries["g"].design.title
        assert f"<h2>{title}</h2>" in (target / "index.html").read_text()
        assert f"## {title} (`g`)" in (target / "RECORD.md").read_text()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".record")] == []


def test_an_empty_record_gives_empty_tables_and_figures(tmp_path):
    from postlab.record import figures

    empty = rec.read_record(tmp_path)
    summary = empty.summary_table()
    assert summary.empty and list(summary.columns) == list(rec.SUMMARY_COLUMNS)
    assert empty.next_steps().empty
    assert not figures.forest_figure(summary).axes[0].containers  # no error bars
    assert not figures.history_figure(empty.history).axes[0].get_legend_handles_labels()[0]


def test_the_rerun_summary_names_a_moved_decision():
    from pathlib import Path

    from postlab.run.rerun import RerunSummary

    summary = RerunSummary(Path("record"), moved=[("old", 'Decided "adopt" at ...')])
    assert 'MOVED old: Decided "adopt" at ...' in str(summary)


def test_a_sequence_is_what_the_record_and_its_funnel_show(record):
    import dataclasses

    old = record.entries["old"].payload
    effect = dataclasses.replace(old.effects[0], rel_seq=(0.02, 0.41))
    sequential = dataclasses.replace(old, effects=(effect,), mode="sequential")
    record.entries["old"] = record.entries["old"].replace(payload=sequential)
    record.history = rec.extend_history(record, "2026-11-08 06:00", only=["old"])
    (first, latest) = record.looks("old")
    assert not first.sequential and (latest.low, latest.high) == (0.02, 0.41)
    assert (
        "+20 % engagement rate (95 % interval valid at every look: +2 % to +41 %)"
        in rec.render_markdown(record, {})
    )


def test_the_page_opens_with_decided_then_waiting_then_still_testing(record):
    record.entries["running"] = rec.Entry(
        "running", "fresh", payload("running", 0.05, "keep testing")
    )
    page = rec.render_html(record, figures={})
    decided = page.index("What we decided")
    waiting = page.index("Verdict in, waiting for the team's decision")
    testing = page.index("Still testing")
    assert decided < page.index("Title of old") < waiting < page.index("Title of new") < testing
    assert page.index("Title of running") > testing
