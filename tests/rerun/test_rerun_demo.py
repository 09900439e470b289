"""`postlab rerun` end to end on a copy of the project with the demo data.

One full rerun is shared by the tests of this module (it runs every notebook
once); the tests that change something work on their own copy.
"""

import json
import os
import re
import shutil
import socket
import ssl
from pathlib import Path

import pytest
from demo_copy import built_once, copy_demo

from postlab import cli
from postlab import record as rec
from postlab.privacy import scan_paths

ROOT = Path(__file__).resolve().parents[2]
DEMO_TRUTHS = {
    "humour-vs-serious-x": "adopt",
    "live-vs-recorded-facebook": "adopt",
    "humour-vs-serious-facebook": "no meaningful difference",
}

pytestmark = pytest.mark.slow


def copy_project(target: Path) -> Path:
    return copy_demo(target)


def rerun(root: Path, monkeypatch, *args: str) -> int:
    monkeypatch.chdir(root)
    return cli.main(["rerun", "--rerun-at", "2026-11-20 06:00", *args])


def _rerun_the_demo(root: Path) -> None:
    copy_project(root)
    with pytest.MonkeyPatch.context() as monkeypatch:
        code = rerun(root, monkeypatch)
    (root.parent / f"{root.name}.code").write_text(str(code))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """One rerun for every worker that runs a test of this module (read only: copy it)."""
    root = built_once(tmp_path_factory, "demo-run", _rerun_the_demo)
    return root, int((root.parent / f"{root.name}.code").read_text())


def test_every_demo_experiment_gets_the_verdict_its_truth_implies(demo_run):
    root, code = demo_run
    assert code == 0
    record = rec.read_record(root / "record")
    decisions = {k: e.decision for k, e in record.entries.items()}
    assert decisions == DEMO_TRUTHS
    text = (root / "record" / "RECORD.md").read_text()
    for experiment in DEMO_TRUTHS:
        assert f"(`{experiment}`)" in text
    assert (root / "record" / "forest.png").exists()
    assert not (root / "record" / "history.png").exists()  # one rerun: nothing moved yet
    assert "starts at the second rerun" in text


def test_outputs_are_where_the_readme_says(demo_run):
    root, _ = demo_run
    for name in [*DEMO_TRUTHS, "explore_engagement"]:
        assert (root / "runs" / f"{name}.ipynb").exists()
        assert (root / "runs" / f"{name}.html").exists()
    for name in ("RECORD.md", "results.csv", "index.html", "state.json"):
        assert (root / "record" / name).exists()
    index = (root / "record" / "index.html").read_text()
    assert (
        "data:image/png;base64," in index and "<code>runs/humour-vs-serious-x.html</code>" in index
    )
    # one self-contained file: nothing breaks when it is e-mailed (links stay on the page)
    assert re.findall(r"href='([^#])", index) == []


def test_no_fictional_personal_data_of_the_demo_appears_in_any_output(demo_run):
    root, _ = demo_run
    manifest = json.loads((ROOT / "data" / "demo" / "pii_manifest.json").read_text())
    secrets = {s for values in manifest.values() for s in values if len(s) >= 4}
    assert len(secrets) > 20
    outputs = [p for d in ("runs", "record") for p in (root / d).rglob("*") if p.is_file()]
    for path in outputs:
        if path.suffix == ".png":
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        leaked = sorted(s for s in secrets if s in text)
        assert not leaked, f"{path.name} contains demo personal data"
    assert [str(f) for f in scan_paths([root / "runs", root / "record"])] == []


def test_a_second_rerun_reuses_everything(tmp_path, monkeypatch, demo_run, capsys):
    root = tmp_path / "again"
    shutil.copytree(demo_run[0], root)
    assert rerun(root, monkeypatch) == 0
    out = capsys.readouterr().out
    for experiment in DEMO_TRUTHS:
        assert f"{experiment}" in out
    record = rec.read_record(root / "record")
    assert {e.status for e in record.entries.values()} == {"reused"}
    assert len(record.history) == len(DEMO_TRUTHS)  # nothing changed: no new rows


def test_a_failing_experiment_is_stale_and_named(tmp_path, monkeypatch, demo_run, capsys):
    root = tmp_path / "broken"
    shutil.copytree(demo_run[0], root)
    labels = root / "data" / "demo" / "labels.csv"
    labels.write_text(labels.read_text().replace(",tone,", ",mood,", 1))
    code = rerun(root, monkeypatch, "humour-vs-serious-x", "--no-explore")
    captured = capsys.readouterr()
    assert code == 1
    assert (
        "FAILED humour-vs-serious-x" in captured.out
        and "runs/humour-vs-serious-x.ipynb" in captured.out
    )
    assert "Traceback" not in captured.out + captured.err
    entry = rec.read_record(root / "record").entries["humour-vs-serious-x"]
    assert entry.status == "stale" and entry.decision == "adopt"
    text = (root / "record" / "RECORD.md").read_text()
    assert "STALE" in text and "| failed: " in text and "nan" not in text
    (failed,) = [look for look in rec.read_record(root / "record").looks(entry.id) if look.failed]
    assert "runs/humour-vs-serious-x.ipynb" in failed.reason


def test_a_tls_cluster_started_elsewhere_gives_the_local_record_and_refuses_strangers(
    tmp_path, monkeypatch, demo_run
):
    """Scheduler and workers with the force's certificates, workers started in another
    folder, as on a real cluster; the address from postlab.yml, the client's certificate
    from the workspace's certs/. One experiment proves the record equal (the others run
    the same code); a client without a certificate cannot submit work."""
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("cryptography")
    from postlab.run.cluster import certificate_files, make_certificates, node_security

    root = copy_project(tmp_path / "dask")
    issued = tmp_path / "force-certs"  # the cluster's administrator keeps these
    make_certificates(issued)
    (root / "certs").mkdir()
    for file in certificate_files(issued, "client"):
        shutil.copy(file, root / "certs")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            protocol="tls://",
            host="127.0.0.1",
            security=node_security(issued),
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        assert set(client.run(os.getcwd).values()) == {str(elsewhere)}
        assert not _answers_without_a_certificate(address, issued / "ca.pem")
        make_certificates(tmp_path / "stranger")  # a CA of its own: not the force's
        with pytest.raises((OSError, TimeoutError)):
            distributed.Client(address, security=node_security(tmp_path / "stranger"), timeout="2s")
        settings = root / "postlab.yml"
        settings.write_text(settings.read_text() + f"\ndask:\n  scheduler: {address}\n")
        code = rerun(root, monkeypatch, "humour-vs-serious-x", "--no-explore")
    assert code == 0
    ours = rec.read_record(root / "record").entries
    local = rec.read_record(demo_run[0] / "record").entries
    assert set(ours) == {"humour-vs-serious-x"}
    assert ours["humour-vs-serious-x"].status == "fresh"
    assert ours["humour-vs-serious-x"].payload == local["humour-vs-serious-x"].payload


def _answers_without_a_certificate(address: str, ca: Path) -> bool:
    """Whether the scheduler talks to a client that trusts its CA but shows no certificate."""
    host, port = address.removeprefix("tls://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=str(ca))
    context.check_hostname = False
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        try:
            with context.wrap_socket(raw) as tls:
                tls.sendall(bytes(8))
                return tls.recv(1) != b""
        except (ssl.SSLError, ConnectionResetError):
            return False


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch, capsys):
    from postlab.run import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")  # nothing listens on port 1
    root = copy_demo(tmp_path / "nodask", experiments=("humour-vs-serious-x",), exports=("x",))
    code = rerun(
        root, monkeypatch, "humour-vs-serious-x", "--no-explore", "--scheduler", "tcp://127.0.0.1:1"
    )
    assert code == 1
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_a_rerun_from_a_sub_folder_writes_only_the_project_record(tmp_path, monkeypatch, demo_run):
    root = tmp_path / "again"
    shutil.copytree(demo_run[0], root)
    monkeypatch.chdir(root / "notebooks")
    assert cli.main(["rerun", "--rerun-at", "2026-11-21 06:00"]) == 0
    assert (
        not (root / "notebooks" / "record").exists() and not (root / "notebooks" / "runs").exists()
    )
    assert {e.status for e in rec.read_record(root / "record").entries.values()} == {"reused"}
