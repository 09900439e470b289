"""A rerun reuses a result only while nothing it depends on changed, settings included."""

import shutil
from pathlib import Path

from postlab import record as rec
from postlab.run.rerun import RerunOptions, plan

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = "humour-vs-serious-x"


def project(tmp_path: Path) -> Path:
    (tmp_path / "experiments").mkdir()
    shutil.copy(ROOT / "experiments" / f"{EXPERIMENT}.yml", tmp_path / "experiments")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    (tmp_path / "data" / "demo" / "exports").mkdir(parents=True)
    (tmp_path / "postlab.yml").write_text("accounts:\n  MPSNorthbrook: {timezone: Europe/London}\n")
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / f"{EXPERIMENT}.ipynb").write_text("{}")
    (tmp_path / "runs" / f"{EXPERIMENT}.html").write_text("<html></html>")  # a report to reuse
    return tmp_path


def planned(root: Path, previous: rec.Record):
    options = RerunOptions(root=str(root), names=(EXPERIMENT,), explore=False)
    (item,) = plan(options, root, previous)
    return item


def test_changing_an_account_timezone_makes_the_rerun_recompute(tmp_path):
    root = project(tmp_path)
    first = planned(root, rec.Record())
    done = rec.Record(
        entries={EXPERIMENT: rec.Entry(EXPERIMENT, "fresh", None, fingerprint=first.fingerprint)}
    )
    assert planned(root, done).job is None  # unchanged: reused
    (root / "postlab.yml").write_text("accounts:\n  MPSNorthbrook: {timezone: Europe/Paris}\n")
    assert planned(root, done).job is not None


def test_a_new_mapping_or_labels_file_makes_the_rerun_recompute(tmp_path):
    root = project(tmp_path)
    before = planned(root, rec.Record()).fingerprint
    (root / "mappings").mkdir()
    (root / "mappings" / "tiktok.yml").write_text("platform: other\n")
    after_mapping = planned(root, rec.Record()).fingerprint
    (root / "data" / "demo" / "labels.csv").write_text("post_id,tone\n1,serious\n")
    assert len({before, after_mapping, planned(root, rec.Record()).fingerprint}) == 3
