"""Rerun speed (issue #24): one experiment against plain Python, a force's notebooks against papermill.

Two ratios, each against the baseline the issue names, on a generated force-wide
workload (``benchmarks/forcewide.py``: ``POSTLAB_BENCH_BOROUGHS`` boroughs x 4
experiments, default 16, so 64 notebooks):

- ``postlab rerun <one id> --force``, as an officer types it after a full rerun,
  against a plain Python run of the same analysis (``analyse(...)`` in a fresh
  process). Target: at most 2. Median of ``POSTLAB_BENCH_REPEATS`` (default 5)
  alternating pairs.
- ``postlab rerun --force`` of every notebook (HTML reports and the record
  included) against a shell loop calling the papermill CLI once per notebook, in
  sequence. Target: at most 0.30.

The same rerun on a Dask cluster (2 worker processes started in another folder)
must give the same record. Every figure is printed as it comes, with the load
average (a shared machine's load changes them), and the whole output is stored in
``benchmarks/results/rerun.txt``, which the docs quote.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import store
from benchmarks.forcewide import make_project

BIN = Path(sys.executable).parent
BOROUGHS = int(os.environ.get("POSTLAB_BENCH_BOROUGHS", "16"))
REPEATS = int(os.environ.get("POSTLAB_BENCH_REPEATS", "5"))
DATA = "data/force"
RERUN_AT = ["--rerun-at", "2026-11-01 06:00"]
RERUN = ["rerun", "--force", "--no-explore", "--data", DATA, *RERUN_AT]
ONE_TARGET, FORCE_TARGET = 2.0, 0.30


def timed(command: list[str] | str, cwd: Path, shell: bool = False) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, shell=shell, capture_output=True, text=True)
    if done.returncode:
        sys.exit(
            f"benchmark command failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return time.perf_counter() - started


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


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


def one_experiment(project: Path, one: Path) -> tuple[list[float], list[float]]:
    """Alternating runs of ``postlab rerun <id> --force`` and the plain analysis, in seconds.

    First a plain ``postlab rerun`` (not timed) adds the explore notebook to the record,
    as in a workspace where the team has rerun everything before.
    """
    timed([f"{BIN}/postlab", "rerun", "--data", DATA, *RERUN_AT], project)
    rerun = [f"{BIN}/postlab", "rerun", one.stem, "--force", "--data", DATA, *RERUN_AT]
    plain = [sys.executable, "-c",
             f"from postlab.analysis import analyse; analyse('experiments/{one.name}', '{DATA}')"]  # fmt: skip
    pairs = [(timed(rerun, project), timed(plain, project)) for _ in range(REPEATS)]
    return [r for r, _ in pairs], [p for _, p in pairs]


def main() -> None:
    lines: list[str] = []

    def say(text: str) -> None:
        lines.append(text)
        print(text, flush=True)  # a long run shows its figures as they come

    say(f"postlab rerun benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {load()} at start")
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
            f"papermill CLI loop, sequential: {baseline:.1f} s ({baseline / len(files):.2f} s "
            f"each); {load()}"
        )
        ours = timed([f"{BIN}/postlab", *RERUN, "--workers", str(workers)], project)
        say(f"postlab rerun --force (HTML reports and the record included): {ours:.1f} s; {load()}")
        say(f"ratio force rerun / papermill loop: {ours / baseline:.2f} (target <= {FORCE_TARGET})")
        reruns, plains = one_experiment(project, files[0])
        ratios = [r / p for r, p in zip(reruns, plains, strict=True)]
        pairs = ", ".join(f"{r:.1f}/{p:.1f}" for r, p in zip(reruns, plains, strict=True))
        say(
            f"postlab rerun {files[0].stem} --force against a plain analyse(...): ratio median "
            f"{statistics.median(ratios):.2f} (target <= {ONE_TARGET}; {REPEATS} alternating "
            f"pairs, seconds rerun/plain: {pairs}); {load()}"
        )
        on_dask = dask_rerun(project, Path(scratch))
        say(f"postlab rerun on Dask, 2 workers started elsewhere: {on_dask:.1f} s; {load()}")
        compared, differ = same_results(project)
        say(
            f"Dask record equals the local one: {not differ} ({compared} results; differ: {differ})"
        )
    store("rerun", lines)


if __name__ == "__main__":
    main()
