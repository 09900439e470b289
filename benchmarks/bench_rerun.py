"""Rerun speed: 12 experiment notebooks, postlab rerun against a papermill loop.

Baseline (issue 6): a shell loop calling the papermill CLI once per notebook,
in sequence. Target: wall-time ratio at most 0.6 on 2 cores. Also reports the
overhead of one notebook run over a plain Python run of the same analysis.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIES = 4  # x 3 demo experiments = 12 notebooks
BIN = Path(sys.executable).parent


def make_project(target: Path) -> list[Path]:
    for name in ("notebooks", "data/demo"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("record"))
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    (target / "experiments").mkdir()
    files = []
    for source in sorted((ROOT / "experiments").glob("*.yml")):
        for copy in range(1, COPIES + 1):
            new_id = f"{source.stem}-copy{copy}"
            text = source.read_text().replace(f"id: {source.stem}", f"id: {new_id}")
            text = re.sub(r"^parent: ([\w-]+)$", rf"parent: \1-copy{copy}", text, flags=re.M)
            path = target / "experiments" / f"{new_id}.yml"
            path.write_text(text)
            files.append(path)
    return files


def timed(command: list[str] | str, cwd: Path, shell: bool = False) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, shell=shell, capture_output=True, text=True)
    if done.returncode:
        sys.exit(
            f"benchmark command failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="postlab-bench-rerun-") as scratch:
        project = Path(scratch)
        files = make_project(project)
        loop = " && ".join(
            f"{BIN}/papermill --no-progress-bar notebooks/analyse_experiment.ipynb out/{p.stem}.ipynb "
            f"-p experiment experiments/{p.name} -p data_dir data/demo"
            for p in files
        )
        os.makedirs(project / "out")
        baseline = timed(loop, project, shell=True)
        workers = os.cpu_count() or 2
        ours = timed(
            [f"{BIN}/postlab", "rerun", "--force", "--no-explore", "--workers", str(workers)],
            project,
        )
        one = files[0]
        notebook = timed(
            [
                f"{BIN}/papermill",
                "--no-progress-bar",
                "notebooks/analyse_experiment.ipynb",
                "out/one.ipynb",
                "-p",
                "experiment",
                f"experiments/{one.name}",
            ],
            project,
        )
        plain = timed(
            [
                sys.executable,
                "-c",
                f"from postlab.analysis import analyse; analyse('experiments/{one.name}', 'data/demo')",
            ],
            project,
        )
    print(f"notebooks: {len(files)}, workers: {workers}")
    print(f"papermill CLI loop, sequential: {baseline:.1f} s")
    print(f"postlab rerun (incl. HTML reports and the record): {ours:.1f} s")
    print(f"ratio rerun / loop: {ours / baseline:.2f} (target <= 0.60)")
    print(f"one notebook via papermill: {notebook:.1f} s; plain Python analysis: {plain:.1f} s")
    print(f"per-notebook overhead: {notebook - plain:.1f} s (ratio {notebook / plain:.2f})")


if __name__ == "__main__":
    main()
