"""A test's own copy of the demo project, in a temporary folder.

Tests copy the demo's named files (notebooks, postlab.yml, data/demo and the
three demo experiments) and never read the repository's experiments/ as a
folder, its runs/ or record/, or a team's workspace (teams/): what a team adds
to its checkout changes no test.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_EXPERIMENTS = (
    "humour-vs-serious-x",
    "live-vs-recorded-facebook",
    "humour-vs-serious-facebook",
)


def copy_demo(
    target: Path, *, experiments: tuple[str, ...] = DEMO_EXPERIMENTS, exports: tuple[str, ...] = ()
) -> Path:
    """The demo project in ``target``; ``exports`` keeps only those platform folders (faster)."""
    shutil.copytree(ROOT / "notebooks", target / "notebooks")
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    demo = target / "data" / "demo"
    if exports:
        for platform in exports:
            shutil.copytree(ROOT / "data/demo/exports" / platform, demo / "exports" / platform)
        shutil.copy(ROOT / "data/demo/labels.csv", demo / "labels.csv")
    else:
        shutil.copytree(ROOT / "data/demo", demo, ignore=shutil.ignore_patterns("record"))
    (target / "experiments").mkdir()
    for name in experiments:
        shutil.copy(ROOT / "experiments" / f"{name}.yml", target / "experiments")
    return target


def sleeping_project(
    folder: Path, seconds: float, experiments: tuple[str, ...] = (DEMO_EXPERIMENTS[0],)
) -> Path:
    """A project whose analysis notebook only sleeps ``seconds``: a rerun to interrupt.

    Each name in ``experiments`` is the demo's X experiment under that id.
    """
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    (folder / "experiments").mkdir(parents=True)
    source = (ROOT / "experiments" / f"{DEMO_EXPERIMENTS[0]}.yml").read_text()
    for name in experiments:
        (folder / "experiments" / f"{name}.yml").write_text(
            source.replace(DEMO_EXPERIMENTS[0], name)
        )
    (folder / "notebooks").mkdir()
    parameters = new_code_cell(
        "experiment = data_dir = ''\nalpha = 0.05", metadata={"tags": ["parameters"]}
    )
    notebook = new_notebook(
        cells=[parameters, new_code_cell(f"import time\ntime.sleep({seconds})")]
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / "notebooks" / "analyse_experiment.ipynb")
    (folder / "data" / "demo").mkdir(parents=True)
    (folder / "postlab.yml").write_text("{}\n")
    return folder


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` that ``build`` fills, built once per test session.

    pytest-xdist runs a session fixture once per worker: the first worker to ask builds the
    folder (in the base folder the workers share, under a lock) and the others wait for it
    and reuse it. Tests read it; a test that changes it works on its own copy.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / name, base / f"{name}.built"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder
