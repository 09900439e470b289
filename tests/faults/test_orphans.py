"""SIGKILL of a rerun leaves no process behind, and nothing writes into runs/ after it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from demo_copy import sleeping_project

from postlab.run import lifeline

ROOT = Path(__file__).resolve().parents[2]


# one notebook runs from the rerun's own process; more run on workers (and their tracker)
HOW = {"one notebook, run here": (("first",), 1), "two, on a worker": (("first", "second"), 3)}


@pytest.mark.slow
@pytest.mark.parametrize("how", HOW)
def test_sigkill_of_a_rerun_ends_its_workers_kernels_and_tracker(tmp_path, how):
    experiments, processes = HOW[how]
    # a survivor would write its report soon after
    project = sleeping_project(tmp_path, seconds=4, experiments=experiments)
    main = subprocess.Popen(
        [sys.executable, "-m", "postlab", "rerun", "--no-explore", "--workers", "1"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = psutil.Process(main.pid)
    deadline = time.monotonic() + 150  # a busy machine
    family: list[psutil.Process] = []
    while time.monotonic() < deadline:  # wait for the kernel (a grandchild) to run
        family = started.children(recursive=True)
        if any("ipykernel" in _command(p) for p in family):
            break
        time.sleep(0.2)
    else:
        main.kill()
        pytest.fail("the kernel did not start within 150 s")
    assert len(family) >= processes  # the kernel, else the resource tracker, a worker, its kernel
    if processes == 1:  # no worker in between: the kernel is the rerun's own child
        assert all("ipykernel" in _command(p) for p in family), [_command(p) for p in family]
    main.kill()
    main.wait(timeout=10)
    _, alive = psutil.wait_procs(family, timeout=10)
    assert alive == [], [_command(p) for p in alive]
    time.sleep(4.5)  # past the notebook's end: a surviving worker would have written by now
    assert not [p.name for p in project.glob("runs/*") if not p.name.endswith(".partial.ipynb")]


def _command(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # ended (or a zombie) meanwhile
        return ""


def test_an_orphaned_worker_writes_nothing(monkeypatch):
    monkeypatch.setattr(lifeline, "_parent", os.getppid() + 1_000_000)
    ended = []
    monkeypatch.setattr(lifeline.os, "_exit", ended.append)
    lifeline.stop_if_orphaned()
    assert ended == [1]
    monkeypatch.setattr(lifeline, "_parent", os.getppid())
    lifeline.stop_if_orphaned()
    assert ended == [1]


def _start_kernel_with(env: dict) -> subprocess.CompletedProcess:
    """What a kernel does at start-up (its startup file), then says it is still here."""
    return subprocess.run(
        [sys.executable, "-c", lifeline.KERNEL_STARTUP + "\nprint('still here')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_kernel_whose_worker_is_gone_ends_at_start(tmp_path):
    """The kernel's startup file: a worker pid that no longer exists ends the kernel."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    env = {**os.environ, lifeline.PARENT_ENV: str(gone.pid)}
    ran = _start_kernel_with(env)
    assert ran.returncode == 1 and "still here" not in ran.stdout
    env[lifeline.PARENT_ENV] = str(os.getpid())  # its parent: it stays, watching
    ran = _start_kernel_with(env)
    assert ran.returncode == 0 and "still here" in ran.stdout
