"""Kernels started ahead of need: the next notebook finds one ready, and it is still fresh."""

import os

import nbformat
import psutil
import pytest

from postlab.run import kernels
from postlab.run.execute import NotebookJob, run_job
from tests.rerun.test_execute import EMIT


@pytest.fixture
def no_spare():
    yield
    kernels.shutdown_spare()


def job(tmp_path, notebook, name, **kwargs):
    return NotebookJob(
        name=name, notebook=notebook, output=str(tmp_path / "out" / f"{name}.ipynb"),
        cwd=str(tmp_path), **kwargs,
    )  # fmt: skip


def kernel_processes():
    """Live kernels started by this test process (other tests may leave zombie browsers)."""
    return [p for p in psutil.Process(os.getpid()).children(recursive=True) if _is_kernel(p)]


def _is_kernel(process) -> bool:
    try:
        alive = process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        return alive and "ipykernel" in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return False


def test_the_next_notebook_runs_on_a_warm_kernel_that_is_still_fresh(
    tmp_path, notebook_factory, no_spare
):
    first = notebook_factory("first", "leaked = 'state of the first notebook'", EMIT)
    second = notebook_factory(
        "second",
        "import sys\n"
        "assert 'leaked' not in globals() and '_postlab_module' not in globals()\n"
        "assert 'pandas' in sys.modules  # imported while the first notebook ran",
        EMIT,
    )
    assert run_job(job(tmp_path, first, "first", warm_next=True)).ok
    spare = kernels._spare
    assert spare is not None and spare.cwd == str(tmp_path)
    outcome = run_job(job(tmp_path, second, "second", parameters={"x": 2}))
    assert outcome.ok and outcome.result == {"x": 2}, outcome.error
    assert kernels._spare is None
    kernels.wait_retired()  # a used kernel ends in the background, its folder with it
    assert not os.path.exists(spare.scratch)
    counts = [c.execution_count for c in nbformat.read(outcome.output, as_version=4).cells]
    assert counts == list(range(1, len(counts) + 1))  # the warm-up left no trace
    assert kernel_processes() == []


def test_a_spare_for_another_folder_is_not_used(tmp_path, notebook_factory, no_spare):
    notebook = notebook_factory("one", EMIT)
    (tmp_path / "elsewhere").mkdir()
    kernels.prepare("python3", str(tmp_path / "elsewhere"))
    assert run_job(job(tmp_path, notebook, "one")).ok
    assert kernels._spare is None and kernel_processes() == []


def test_a_failing_notebook_still_shuts_its_warm_kernel(tmp_path, notebook_factory, no_spare):
    notebook = notebook_factory("bad", "raise ValueError('boom')")
    kernels.prepare("python3", str(tmp_path))
    outcome = run_job(job(tmp_path, notebook, "bad"))
    assert outcome.status == "failed" and "ValueError: boom" in outcome.error
    kernels.wait_retired()
    assert kernel_processes() == []


def test_a_warm_kernel_runs_without_the_debugger(tmp_path, notebook_factory, no_spare):
    """debugpy costs every kernel 0.1 s to import; a rerun's kernels leave it out."""
    notebook = notebook_factory(
        "plain", "import sys\nassert sys.modules.get('debugpy') is None, 'debugger loaded'", EMIT
    )
    kernels.prepare("python3", str(tmp_path))
    outcome = run_job(job(tmp_path, notebook, "plain"))
    assert outcome.ok, outcome.error


class _Channel:
    """Messages to hand out, and the timeout of every wait asked for."""

    def __init__(self, *messages):
        self.messages, self.waits = list(messages), []

    async def get_msg(self, timeout=None):
        self.waits.append(timeout)
        if not self.messages:
            raise kernels.Empty
        return self.messages.pop(0)


def test_the_kernel_is_ready_when_it_answers_not_after_a_pause(monkeypatch):
    """jupyter_client's own wait ends with 0.2 s of IOPub silence for every notebook; here
    the reply and a connected IOPub are enough, and what is queued is drained unwaited."""
    import asyncio

    reply = {"msg_type": "kernel_info_reply", "content": {"protocol_version": "5.3"}}
    shell = _Channel(reply)
    iopub = _Channel(*({"msg_type": "status", "content": {}} for _ in range(3)))
    monkeypatch.setattr(kernels.ReadyClient, "shell_channel", property(lambda self: shell))
    monkeypatch.setattr(kernels.ReadyClient, "iopub_channel", property(lambda self: iopub))
    monkeypatch.setattr(kernels.ReadyClient, "kernel_info", lambda self: None)
    asyncio.run(kernels.ReadyClient().wait_for_ready(timeout=5))
    assert shell.waits == [1] and iopub.waits[0] == 0.2  # the answer, then IOPub connected
    assert iopub.waits[1:] == [0, 0, 0]  # two queued messages drained, then none waited for
