"""The rerun benchmark's force-wide workload, small: two of one borough's four experiments."""

import pytest

from benchmarks.forcewide import EXPERIMENTS, make_project
from postlab import cli
from postlab import record as rec

pytestmark = pytest.mark.slow


def test_a_generated_borough_reruns_on_warm_kernels(tmp_path, monkeypatch):
    files = make_project(tmp_path, 1)
    assert len(files) == len(EXPERIMENTS)
    # two kernels' worth (one warm reuse each): an X and a Facebook experiment; the
    # benchmark reruns all four per borough
    for path in files:
        if not path.stem.endswith(("-humour-x", "-live-facebook")):
            path.unlink()
    files = [p for p in files if p.exists()]
    assert len(files) == 2
    monkeypatch.chdir(tmp_path)
    args = ["rerun", "--no-explore", "--data", "data/force", "--workers", "1"]
    assert cli.main(args) == 0
    entries = rec.read_record(tmp_path / "record").entries
    assert sorted(entries) == sorted(p.stem for p in files)
    assert all(e.status == "fresh" and e.decision for e in entries.values())
