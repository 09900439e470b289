"""Self-checking state: a torn or corrupt record file is named and recovered from the last
good copy with a note; a damaged posts-cache entry is rebuilt; a deleted report is rerun."""

from __future__ import annotations

import json
import random
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from postlab import record as rec
from postlab.cli import main
from postlab.exceptions import PostlabWarning
from postlab.loaders import cache
from postlab.run.rerun import RerunOptions, _job, _reuse_or_run

from .breakage import ROOT


def _history(rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rerun_at": [f"2026-01-{day + 1:02d} 09:00" for day in range(rows)],
            "data_dir": "data",
            "experiment": [f"exp-{day % 3}" for day in range(rows)],
            "status": "fresh",
            "decision": "continue",
            "treatment": "humorous",
            "rel_effect": [0.01 * day for day in range(rows)],
        }
    ).reindex(columns=list(rec.HISTORY_COLUMNS))


@pytest.fixture
def record_dir(tmp_path: Path) -> Path:
    """A record written the way a rerun writes it (views left out: they are not read back)."""
    record = rec.Record(history=_history(12), extras={"data_dir": "data"})
    record.entries["exp-0"] = rec.Entry(id="exp-0", status="failed", reason="no posts")
    folder = tmp_path / "record"
    rec.replace_directory(rec.stage_record(record, rec.staging_dir(folder)), folder)
    return folder


def _truncate(path: Path, share: float = 0.6) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])


DAMAGE = {
    "torn results.csv": ("results.csv", _truncate),
    "random bytes in results.csv": (
        "results.csv",
        lambda p: p.write_bytes(random.Random(7).randbytes(3000)),
    ),
    "results.csv deleted": ("results.csv", Path.unlink),
    "invalid JSON in state.json": ("state.json", lambda p: p.write_text("{not json")),
    "a list in state.json": ("state.json", lambda p: p.write_text("[]")),
    "wrong shape in state.json": (
        "state.json",
        lambda p: p.write_text(json.dumps({"experiments": {"x": {"no": "entry"}}})),
    ),
    "torn state.json": ("state.json", _truncate),
    "garbage checksums": ("SHA256SUMS", lambda p: p.write_bytes(b"\xff\xfe garbage")),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_record_file_is_named_and_recovered_from_the_last_good_copy(record_dir, case):
    good = rec.read_record(record_dir)
    name, damage = DAMAGE[case]
    damage(record_dir / name)
    with pytest.warns(PostlabWarning) as caught:
        recovered = rec.read_record(record_dir)
    note = str(caught[0].message)
    assert f"record/{name}" in note and "recovered from the last good copy" in note
    assert recovered.extras[rec.REPAIRS] == [note] and str(record_dir.parent) not in note
    pd.testing.assert_frame_equal(recovered.history, good.history)
    assert recovered.entries == good.entries


def test_without_a_good_copy_the_record_starts_again_and_says_so(record_dir):
    shutil.rmtree(record_dir / rec.LAST_GOOD)
    _truncate(record_dir / "results.csv")
    with pytest.warns(PostlabWarning, match="the record starts again"):
        recovered = rec.read_record(record_dir)
    assert recovered.history.empty and recovered.extras[rec.REPAIRS]


def test_a_record_of_an_older_postlab_without_checksums_is_still_read(record_dir):
    (record_dir / rec.CHECKSUMS_FILE).unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(rec.read_record(record_dir).history) == 12


def test_the_repair_note_is_shown_escaped_in_the_record_views(record_dir):
    (record_dir / rec.CHECKSUMS_FILE).unlink()
    (record_dir / "state.json").write_text("<b>[x](y)")
    with pytest.warns(PostlabWarning):
        record = rec.read_record(record_dir)
    record.extras[rec.REPAIRS].append("a <b>[link](x)</b>")
    markdown, page = rec.render_markdown(record, {}), rec.render_html(record)
    assert "> **Repaired:** record/state.json: is not valid JSON" in markdown
    assert "\\[link\\](x)" in markdown and "<b>" not in markdown
    assert "Repaired:</b> record/state.json" in page and "&lt;b&gt;[link]" in page


def test_a_repair_note_is_not_carried_into_the_next_rerun(record_dir):
    record = rec.read_record(record_dir)
    record.extras[rec.REPAIRS] = ["an old repair"]
    rec.replace_directory(rec.stage_record(record, rec.staging_dir(record_dir)), record_dir)
    assert rec.REPAIRS not in rec.read_record(record_dir).extras


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "tests" / "loaders" / "fixtures" / "x", tmp_path / "data" / "x")
    return "data"


@pytest.mark.parametrize("part", ["json", "parquet"])
def test_a_damaged_posts_cache_entry_is_discarded_and_rebuilt_with_a_note(data, part):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PostlabWarning)
        expected, _ = cache.load_cached(data)
    entry = next(Path(".cache/posts").glob(f"*.{part}"))
    entry.write_bytes(b"\x00garbage{")
    notes: list[str] = []
    posts, _ = cache.load_cached(data, notes=notes)
    pd.testing.assert_frame_equal(posts, expected)
    assert len(notes) == 1 and "posts cache entry .cache/posts/" in notes[0]
    assert "discarded and rebuilt" in notes[0]
    posts, _ = cache.load_cached(data, notes=notes)  # the rebuilt entry is read as it is
    assert len(notes) == 1


def test_a_report_deleted_from_runs_is_rebuilt_not_reused(tmp_path):
    (tmp_path / "notebooks").mkdir()
    notebook = tmp_path / "notebooks" / "analyse_experiment.ipynb"
    notebook.write_text("{}")
    experiment = tmp_path / "experiments" / "exp.yml"
    experiment.parent.mkdir()
    experiment.write_text("id: exp\n")
    options = RerunOptions(root=str(tmp_path))
    job = _job(options, tmp_path, "exp", notebook, {"experiment": "experiments/exp.yml"})
    first = _reuse_or_run(rec.Record(), "exp", job, "digest", experiment, options.force)
    previous = rec.Record(
        entries={"exp": rec.Entry(id="exp", status="fresh", fingerprint=first.fingerprint)}
    )
    Path(job.output).parent.mkdir()
    Path(job.output).write_text("{}")
    Path(job.html).write_text("<html>")
    assert _reuse_or_run(previous, "exp", job, "digest", experiment, options.force).job is None
    Path(job.html).unlink()
    assert _reuse_or_run(previous, "exp", job, "digest", experiment, options.force).job is not None


def test_a_rerun_after_a_torn_results_csv_says_so_and_writes_a_whole_record(project, capsys):
    (project / "experiments" / "good.yml").unlink()  # no notebook to run: the record alone
    assert main(["rerun", "--no-explore", "--rerun-at", "2026-01-01 09:00"]) == 0
    history = project / "record" / "results.csv"
    history.write_text(history.read_text() + "2026-01-02 09:00,data,exp-0,fresh\n")
    capsys.readouterr()
    assert main(["rerun", "--no-explore"]) == 0
    out = capsys.readouterr().out
    assert "REPAIRED record/results.csv: does not match its checksum" in out
    assert "Repaired:" in (project / "record" / "RECORD.md").read_text()
    assert "exp-0" not in history.read_text()
    assert (
        rec.REPAIRS not in json.loads((project / "record" / "state.json").read_text())["extras"]
        or json.loads((project / "record" / "state.json").read_text())["extras"][rec.REPAIRS]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rec.read_record(project / "record")  # whole again
