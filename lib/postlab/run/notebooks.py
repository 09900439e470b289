"""Keep the stored notebooks executed, current and diff-friendly.

nbval compares every notebook's stored outputs with a fresh run, so after an
intended change to the library the notebooks are re-executed in place on the
demo data, and papermill's run metadata (timings, paths) is stripped so that
diffs show only what changed in the analysis.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from postlab.exceptions import ExecutionError
from postlab.project import PAGE_NOTEBOOK, find_workbench
from postlab.run.execute import NotebookJob, run_job
from postlab.run.rerun import RerunOptions, rerun

NOTEBOOK_DIR = "notebooks"
DEMO_DATA = "data/demo"
DEMO_RECORD = "data/demo-record"
DEMO_RUNS = ".cache/demo-runs"  # thrown away: the demo record links to no reports
DEMO_RERUN_AT = "2026-11-01 06:00"
RUN_METADATA = ("papermill", "execution")
WIDGET_STATE = "widgets"  # the labelling widget's state holds post text: never stored


def refresh(root: str | Path | None = None, names: tuple[str, ...] = ()) -> list[Path]:
    """Rebuild the demo record, then re-execute and strip each stored notebook."""
    root = find_workbench(root)  # the demo's, even when run inside a team's workspace
    rebuild_demo_record(root)
    notebooks = [
        p for p in sorted((root / NOTEBOOK_DIR).glob("*.ipynb")) if p != root / PAGE_NOTEBOOK
    ]
    chosen = [p for p in notebooks if not names or p.stem in names]
    with tempfile.TemporaryDirectory(prefix="postlab-notebooks-") as scratch:
        for path in chosen:
            job = NotebookJob(path.stem, str(path), str(Path(scratch) / path.name), cwd=str(root))
            outcome = run_job(job)
            if not outcome.ok:
                raise ExecutionError(f"{outcome.error}; open {outcome.output}", path=path)
            strip_run_metadata(Path(outcome.output), path)
    return chosen


def rebuild_demo_record(root: Path) -> None:
    """The sample record the record notebook shows, from the demo at a fixed date."""
    shutil.rmtree(root / DEMO_RECORD, ignore_errors=True)
    runs = root / DEMO_RUNS
    shutil.rmtree(runs, ignore_errors=True)
    summary = rerun(
        RerunOptions(
            root=str(root),
            data_dir=DEMO_DATA,
            runs_dir=DEMO_RUNS,
            record_dir=DEMO_RECORD,
            force=True,
            rerun_at=DEMO_RERUN_AT,
            progress=False,
            link_reports=False,
        )
    )
    shutil.rmtree(runs, ignore_errors=True)
    if summary.failures:
        name, reason = summary.failures[0]
        raise ExecutionError(f"demo rerun failed for {name}: {reason}")


def strip_run_metadata(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` without papermill's timings and run paths."""
    notebook = nbformat.read(source, as_version=4)
    for key in (*RUN_METADATA, WIDGET_STATE):
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in RUN_METADATA:
            cell.metadata.pop(key, None)
    nbformat.write(notebook, target)
