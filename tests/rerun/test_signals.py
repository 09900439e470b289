"""SIGTERM (a CI timeout, a closed terminal) ends a rerun and every process it started."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_sigterm_ends_the_workers_and_their_kernels_promptly(tmp_path):
    (tmp_path / "experiments").mkdir()
    shutil.copy(ROOT / "experiments" / "humour-vs-serious-x.yml", tmp_path / "experiments")
    (tmp_path / "notebooks").mkdir()
    notebook = new_notebook(
        cells=[
            new_code_cell(
                "experiment = data_dir = ''\nalpha = 0.05", metadata={"tags": ["parameters"]}
            ),
            new_code_cell("import time\ntime.sleep(120)"),
        ]
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, tmp_path / "notebooks" / "analyse_experiment.ipynb")
    (tmp_path / "data" / "demo").mkdir(parents=True)
    (tmp_path / "postlab.yml").write_text("{}\n")
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
    main.wait(timeout=15)
    _, alive = psutil.wait_procs(family, timeout=5)
    assert alive == []
    assert main.returncode == 130
