"""SIGTERM (a CI timeout, a closed terminal) ends a rerun and every process it started."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from demo_copy import sleeping_project

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("experiments", [("first",), ("first", "second")], ids=["here", "worker"])
def test_sigterm_ends_the_workers_and_their_kernels_promptly(tmp_path, experiments):
    """One notebook runs from the rerun's own process, two on a worker: both stop at once."""
    sleeping_project(tmp_path, seconds=120, experiments=experiments)
    main = subprocess.Popen(
        [sys.executable, "-m", "postlab", "rerun", "--no-explore", "--workers", "1"],
        cwd=tmp_path,
        env=os.environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    started = psutil.Process(main.pid)
    deadline = time.monotonic() + 60
    family = []
    while time.monotonic() < deadline:  # wait for the kernel (a grandchild) to run
        family = started.children(recursive=True)
        if any("ipykernel" in " ".join(p.cmdline()) for p in family if p.is_running()):
            break
        time.sleep(0.5)
    else:
        main.kill()
        pytest.fail("the kernel did not start within 60 s")
    main.send_signal(signal.SIGTERM)
    try:
        main.wait(timeout=15)
    finally:
        main.kill()  # a rerun that did not stop must not outlive the test
    _, alive = psutil.wait_procs(family, timeout=5)
    assert alive == []
    assert main.returncode == 130
