"""A Dask cluster named in postlab.yml is every rerun's default; --local overrides it."""

import pytest

from postlab import cli
from postlab.config import SettingsError, load_settings
from postlab.run import rerun as rerun_module


def test_the_scheduler_is_read_from_the_settings(tmp_path):
    (tmp_path / "postlab.yml").write_text("dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    assert load_settings(tmp_path).dask_scheduler == "tcp://10.0.0.5:8786"
    assert load_settings(tmp_path / "nowhere").dask_scheduler is None


def test_an_unknown_dask_key_names_the_file_and_field(tmp_path):
    (tmp_path / "postlab.yml").write_text("dask:\n  workers: 4\n")
    with pytest.raises(SettingsError, match=r"postlab.yml.*dask: takes only scheduler"):
        load_settings(tmp_path)


@pytest.mark.parametrize(("flags", "expected"), [((), "tcp://10.0.0.5:8786"), (("--local",), None)])
def test_rerun_uses_the_settings_scheduler_unless_local(tmp_path, monkeypatch, flags, expected):
    (tmp_path / "postlab.yml").write_text("dask:\n  scheduler: tcp://10.0.0.5:8786\n")
    (tmp_path / "data" / "demo").mkdir(parents=True)
    seen = {}

    def fake_rerun(options):
        seen["scheduler"] = options.scheduler
        raise SystemExit(0)

    monkeypatch.setattr("postlab.commands.rerun.rerun", fake_rerun)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        cli.main(["rerun", *flags])
    assert seen["scheduler"] == expected


def test_every_job_path_is_absolute(tmp_path):
    """A worker started in any folder finds the notebook and writes where the project is."""
    options = rerun_module.RerunOptions(root=str(tmp_path))
    job = rerun_module._job(options, tmp_path, "x", rerun_module.ANALYSIS_NOTEBOOK, {})
    assert all(p.startswith("/") for p in (job.notebook, job.output, job.html, job.cwd))
