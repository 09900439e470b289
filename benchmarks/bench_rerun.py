"""Rerun speed at force scale: 32 boroughs x 4 experiments, postlab rerun against a papermill loop.

Baseline (issue 17): a shell loop calling the papermill CLI once per notebook, in
sequence, over the same 128 notebooks. Target: wall-time ratio at most 0.35 on 2
cores, HTML reports and the record included. The same rerun on a Dask cluster
(2 worker processes started in another folder) must give the same record. Also
reports the overhead of one notebook over a plain Python run of the same analysis.
``POSTLAB_BENCH_BOROUGHS`` sets a smaller workload for a quick look.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.forcewide import make_project

BIN = Path(sys.executable).parent
BOROUGHS = int(os.environ.get("POSTLAB_BENCH_BOROUGHS", "32"))
DATA = "data/force"
RERUN = ["rerun", "--force", "--no-explore", "--data", DATA, "--rerun-at", "2026-11-01 06:00"]


def timed(command: list[str] | str, cwd: Path, shell: bool = False) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, shell=shell, capture_output=True, text=True)
    if done.returncode:
        sys.exit(
            f"benchmark command failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return time.perf_counter() - started


def papermill_loop(project: Path, files: list[Path]) -> float:
    (project / "out").mkdir()
    loop = " && ".join(
        f"{BIN}/papermill --no-progress-bar notebooks/analyse_experiment.ipynb out/{p.stem}.ipynb "
        f"-p experiment experiments/{p.name} -p data_dir {DATA}"
        for p in files
    )
    return timed(loop, project, shell=True)


def dask_rerun(project: Path, scratch: Path) -> float:
    """2 worker processes whose working folder is not the project, as on a real cluster."""
    import distributed

    elsewhere = scratch / "elsewhere"
    elsewhere.mkdir()
    here = os.getcwd()
    os.chdir(elsewhere)
    try:
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            command = [*RERUN, "--runs", "runs-dask", "--record", "record-dask"]
            return timed(
                [f"{BIN}/postlab", *command, "--scheduler", cluster.scheduler_address], project
            )
    finally:
        os.chdir(here)


def same_results(project: Path) -> tuple[int, list[str]]:
    from postlab import record as rec

    local = rec.read_record(project / "record").entries
    dask = rec.read_record(project / "record-dask").entries
    differ = sorted(k for k in local.keys() | dask.keys() if k not in local or k not in dask
                    or local[k].payload != dask[k].payload)  # fmt: skip
    return len(local), differ


def overhead(project: Path, one: Path) -> tuple[float, float]:
    notebook = timed(
        [f"{BIN}/papermill", "--no-progress-bar", "notebooks/analyse_experiment.ipynb",
         "out/one.ipynb", "-p", "experiment", f"experiments/{one.name}", "-p", "data_dir", DATA],
        project,
    )  # fmt: skip
    plain = timed(
        [sys.executable, "-c",
         f"from postlab.analysis import analyse; analyse('experiments/{one.name}', '{DATA}')"],
        project,
    )  # fmt: skip
    return notebook, plain


def main() -> None:
    def say(text: str) -> None:
        print(text, flush=True)  # a long run shows its figures as they come

    with tempfile.TemporaryDirectory(prefix="postlab-bench-rerun-") as scratch:
        project = Path(scratch) / "force"
        project.mkdir()
        files = make_project(project, BOROUGHS)
        workers = os.cpu_count() or 2
        say(f"boroughs: {BOROUGHS}, notebooks: {len(files)}, workers: {workers}")
        # the posts cache is built once, before any timing: both sides then read it
        warm = f"from postlab.loaders.cache import load_cached; load_cached({DATA!r}, root='.')"
        timed([sys.executable, "-c", warm], project)
        baseline = papermill_loop(project, files)
        say(
            f"papermill CLI loop, sequential: {baseline:.1f} s ({baseline / len(files):.2f} s each)"
        )
        ours = timed([f"{BIN}/postlab", *RERUN, "--workers", str(workers)], project)
        say(f"postlab rerun (incl. HTML reports and the record): {ours:.1f} s")
        say(f"ratio rerun / loop: {ours / baseline:.2f} (target <= 0.35)")
        on_dask = dask_rerun(project, Path(scratch))
        say(f"postlab rerun on Dask, 2 workers started elsewhere: {on_dask:.1f} s")
        compared, differ = same_results(project)
        say(
            f"Dask record equals the local one: {not differ} ({compared} results; differ: {differ})"
        )
        notebook, plain = overhead(project, files[0])
        say(f"one notebook via papermill: {notebook:.1f} s; plain Python analysis: {plain:.1f} s")


if __name__ == "__main__":
    main()
