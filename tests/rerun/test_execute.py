"""One notebook run: outcomes, reasons, retries, timeouts and the result channel."""

import json

import nbformat

from postlab.payload import RESULT_MIME
from postlab.run.execute import NotebookJob, run_job

EMIT = (
    "from IPython.display import display\n"
    f"display({{{RESULT_MIME!r}: {{'x': x}}, 'text/plain': 'result'}}, raw=True)"
)


def job(tmp_path, notebook, **kwargs):
    return NotebookJob(
        name="n",
        notebook=notebook,
        output=str(tmp_path / "out" / "n.ipynb"),
        cwd=str(tmp_path),
        **kwargs,
    )


def test_result_comes_back_as_data_and_html_hides_code(tmp_path, notebook_factory):
    notebook = notebook_factory("ok", EMIT, "secret_code_marker = 1")
    outcome = run_job(
        job(tmp_path, notebook, parameters={"x": 7}, html=str(tmp_path / "out" / "n.html"))
    )
    assert outcome.ok and outcome.result == {"x": 7} and outcome.attempts == 1
    html = (tmp_path / "out" / "n.html").read_text()
    assert "secret_code_marker" not in html
    assert not list((tmp_path / "out").glob(".*partial*"))


def test_a_raising_cell_fails_with_one_line_and_keeps_the_notebook(tmp_path, notebook_factory):
    notebook = notebook_factory("bad", "raise ValueError('no posts in arm humorous\\nsecond line')")
    outcome = run_job(job(tmp_path, notebook))
    assert outcome.status == "failed"
    assert outcome.error == "cell In [2] raised ValueError: no posts in arm humorous"
    executed = nbformat.read(outcome.output, as_version=4)
    assert any(
        o.get("output_type") == "error" for c in executed.cells for o in c.get("outputs", [])
    )


def test_a_kernel_that_dies_once_is_retried(tmp_path, notebook_factory):
    marker = tmp_path / "died-once"
    notebook = notebook_factory(
        "flaky",
        f"import os, pathlib\np = pathlib.Path({str(marker)!r})\n"
        "if not p.exists():\n    p.touch()\n    os._exit(1)",
        EMIT,
    )
    outcome = run_job(job(tmp_path, notebook))
    assert outcome.ok and outcome.attempts == 2 and outcome.result == {"x": 1}


def test_a_kernel_that_always_dies_fails_after_one_retry(tmp_path, notebook_factory):
    notebook = notebook_factory("dead", "import os\nos._exit(1)")
    outcome = run_job(job(tmp_path, notebook))
    assert outcome.status == "failed" and outcome.attempts == 2
    assert "kernel died" in outcome.error


def test_a_slow_cell_times_out(tmp_path, notebook_factory):
    notebook = notebook_factory("slow", "import time\ntime.sleep(30)")
    outcome = run_job(job(tmp_path, notebook, cell_timeout=2))
    assert outcome.status == "failed" and outcome.error == "a cell ran longer than 2 s"


def test_outcome_is_plain_data(tmp_path, notebook_factory):
    outcome = run_job(job(tmp_path, notebook_factory("ok", EMIT)))
    assert json.loads(json.dumps(outcome.to_dict()))["result"] == {"x": 1}


def test_kernels_print_nothing_on_stderr(tmp_path, notebook_factory, capfd):
    noise = (
        "from ipykernel.kernelapp import IPKernelApp\n"
        "IPKernelApp.instance().log.critical('kernel noise')  # as the kernel logs its own errors"
    )
    notebook = notebook_factory("quiet", noise)
    assert run_job(job(tmp_path, notebook)).ok
    assert capfd.readouterr().err == ""
