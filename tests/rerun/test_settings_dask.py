"""A Dask cluster named in postlab.yml is every rerun's default; --local overrides it.

Only the force's machines may use the cluster: a scheduler on another host is
reached over TLS with the force's certificates, never over plain TCP unless the
settings say the network is trusted (``insecure: true``).
"""

import pytest

from postlab import cli
from postlab.config import SettingsError, load_settings
from postlab.run import rerun as rerun_module
from postlab.run.cluster import ClusterError, connection, is_this_machine, make_certificates


def test_the_scheduler_is_read_from_the_settings(tmp_path):
    (tmp_path / "postlab.yml").write_text("dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    assert load_settings(tmp_path).dask_scheduler == "tcp://10.0.0.5:8786"
    assert load_settings(tmp_path / "nowhere").dask_scheduler is None


def test_an_unknown_dask_key_names_the_file_and_field(tmp_path):
    (tmp_path / "postlab.yml").write_text("dask:\n  workers: 4\n")
    with pytest.raises(SettingsError, match=r"postlab.yml.*dask: takes only scheduler: tls://"):
        load_settings(tmp_path)


@pytest.mark.parametrize(("flags", "expected"), [((), "tcp://10.0.0.5:8786"), (("--local",), None)])
def test_rerun_uses_the_settings_scheduler_unless_local(tmp_path, monkeypatch, flags, expected):
    (tmp_path / "postlab.yml").write_text("dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    (tmp_path / "data" / "demo").mkdir(parents=True)
    seen = {}

    def fake_rerun(options):
        seen["scheduler"] = options.scheduler
        raise SystemExit(0)

    monkeypatch.setattr("postlab.run.rerun.rerun", fake_rerun)  # imported when run
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        cli.main(["rerun", *flags])
    assert seen["scheduler"] == expected


def test_every_job_path_is_absolute(tmp_path):
    """A worker started in any folder finds the notebook and writes where the project is."""
    options = rerun_module.RerunOptions(root=str(tmp_path))
    job = rerun_module._job(options, tmp_path, "x", rerun_module.ANALYSIS_NOTEBOOK, {})
    assert all(p.startswith("/") for p in (job.notebook, job.output, job.html, job.cwd))


def _settings(root, text: str):
    (root / "postlab.yml").write_text(text)
    return load_settings(root)


def test_a_plain_tcp_scheduler_on_another_host_is_refused_with_the_reason(tmp_path):
    settings = _settings(tmp_path, "dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    with pytest.raises(ClusterError, match="refusing the plain tcp:// scheduler") as refused:
        connection(settings.dask_scheduler, settings, tmp_path)
    assert "\n" not in str(refused.value) and "insecure: true" in str(refused.value)
    with pytest.raises(ClusterError, match="refusing"):
        connection("10.0.0.5:8786", settings, tmp_path)  # Dask's default scheme is tcp
    trusted = _settings(tmp_path, "dask:\n  scheduler: tcp://10.0.0.5:8786\n  insecure: true\n")
    assert connection(trusted.dask_scheduler, trusted, tmp_path).security is None
    assert connection("tcp://127.0.0.1:8786", settings, tmp_path).security is None


def test_rerun_refuses_an_unsafe_scheduler_before_any_notebook_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "postlab.yml").write_text("dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    (tmp_path / "data" / "demo").mkdir(parents=True)
    monkeypatch.setattr(rerun_module, "_rerun", lambda *a: pytest.fail("ran anyway"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["rerun"]) == 1
    assert "refusing the plain tcp:// scheduler tcp://10.0.0.5:8786" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("10.0.0.5", False),
        ("x.org", False),
    ],
)
def test_this_machine_is_loopback_or_its_own_name(host, local):
    assert is_this_machine(host) is local


def test_tls_files_are_relative_to_the_workspace_and_stay_inside_it(tmp_path):
    settings = _settings(
        tmp_path,
        "dask:\n  scheduler: tls://10.0.0.5:8786\n"
        "  tls: {ca: keys/ca.pem, cert: keys/me.pem, key: keys/me-key.pem}\n",
    )
    assert settings.dask_tls == tuple(
        tmp_path.resolve() / "keys" / n for n in ("ca.pem", "me.pem", "me-key.pem")
    )
    with pytest.raises(ClusterError, match=r"TLS ca file .*keys/ca.pem is missing"):
        connection(settings.dask_scheduler, settings, tmp_path)
    (tmp_path / "postlab.yml").write_text(
        "dask:\n  tls: {ca: ../ca.pem, cert: me.pem, key: me-key.pem}\n"
    )
    with pytest.raises(SettingsError, match=r"dask.tls.ca: '../ca.pem' is outside the workspace"):
        load_settings(tmp_path)
    (tmp_path / "postlab.yml").write_text("dask:\n  tls: {ca: ca.pem}\n")
    with pytest.raises(SettingsError, match=r"dask.tls: takes ca:, cert: and key:"):
        load_settings(tmp_path)


def test_certs_make_a_ca_and_three_signed_pairs_with_private_keys(tmp_path, monkeypatch, capsys):
    pytest.importorskip("cryptography")
    from cryptography import x509

    monkeypatch.chdir(tmp_path)
    (tmp_path / "postlab.yml").write_text("")
    assert cli.main(["cluster", "certs", "--host", "10.0.0.5", "--days", "30"]) == 0
    assert "dask scheduler --protocol tls" in capsys.readouterr().out
    certs = tmp_path / "certs"
    ca = x509.load_pem_x509_certificate((certs / "ca.pem").read_bytes())
    for role in ("scheduler", "worker", "client"):
        cert = x509.load_pem_x509_certificate((certs / f"{role}.pem").read_bytes())
        cert.verify_directly_issued_by(ca)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert "localhost" in names.get_values_for_type(x509.DNSName)
        assert (certs / f"{role}-key.pem").stat().st_mode & 0o077 == 0
    assert (certs / "ca-key.pem").stat().st_mode & 0o077 == 0
    settings = _settings(tmp_path, "dask:\n  scheduler: tls://10.0.0.5:8786\n")
    security = connection(settings.dask_scheduler, settings, tmp_path).security
    assert security.require_encryption and security.tls_client_cert == str(certs / "client.pem")
    with pytest.raises(ClusterError, match="already exists"):
        make_certificates(certs)
