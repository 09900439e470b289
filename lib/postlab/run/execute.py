"""Run one notebook with papermill, in isolation, and say plainly how it went.

A notebook run is a job: it gets its own IPython and Jupyter runtime
directories, a kernel that dies or fails to start is retried once, and any
error ends as a one-line reason on a ``RunOutcome``, never as a traceback.
The executed notebook is written beside its final name and moved into place
only when done, so a killed run never leaves half a notebook behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from postlab.config import DEFAULT_CELL_TIMEOUT
from postlab.files import import_jsonschema, write_text_atomically
from postlab.payload import RESULT_MIME
from postlab.run.lifeline import KERNEL_STARTUP, die_with_parent, stop_if_orphaned


@dataclass(frozen=True)
class NotebookJob:
    """What to run: a notebook, its parameters and where the outputs go."""

    name: str
    notebook: str
    output: str
    parameters: dict = field(default_factory=dict)
    html: str | None = None
    cwd: str = "."
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    start_timeout: int = 60
    warm_next: bool = False  # start the next notebook's kernel while this one runs


@dataclass
class RunOutcome:
    """How a job went; ``result`` is what the notebook emitted as data."""

    name: str
    status: str  # "ok" or "failed"
    output: str
    html: str | None = None
    result: dict | None = None
    error: str | None = None
    attempts: int = 1
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        return asdict(self)


def start_worker(parent: int, kernel: str | None, cwd: str) -> None:
    """A local rerun's worker, first thing: die with the rerun, then start a kernel for its
    first notebook and get the HTML exporter ready while that kernel boots (both are
    otherwise on the first notebook's path, one after the other)."""
    die_with_parent(parent)
    start_kernel_ahead(kernel, cwd)
    ready_exporter()


def start_kernel_ahead(kernel: str | None, cwd: str) -> None:
    """Start the kernel of this process's next notebook now, so that it boots meanwhile."""
    if kernel:
        from postlab.run import kernels

        # if it cannot start, the notebook starts its own kernel and says what failed
        with contextlib.suppress(Exception):
            kernels.prepare(kernel, cwd)


def ready_exporter(meanwhile: bool = False) -> None:
    """Everything a first report would load and compile, done before it is needed (in a
    thread with ``meanwhile``: the report waits for it)."""
    import_jsonschema()
    with contextlib.suppress(Exception):  # a broken template fails the first report, in words
        from postlab.htmlexport import warm_up, warm_up_meanwhile

        warm_up_meanwhile() if meanwhile else warm_up()


def run_quietly(job: NotebookJob, on_kernel_ready: Callable[[], None] | None = None) -> RunOutcome:
    """``run_job`` for a worker: the outcome says what went wrong, warnings would only repeat it.

    It lives here, not with the rerun, so that a worker unpickling it imports this
    module's few dependencies and not the record's (matplotlib, the scrubber).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_job(job, on_kernel_ready)


def run_job(job: NotebookJob, on_kernel_ready: Callable[[], None] | None = None) -> RunOutcome:
    """Execute ``job`` and convert it to HTML; every failure becomes a reason.

    ``on_kernel_ready`` is called as the first cell is sent (again if the kernel is
    restarted): work that would slow the kernel's start can begin then."""
    started = time.monotonic()
    import_jsonschema()  # before papermill and nbformat import it with every format checker
    final = Path(job.output)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.stem}.partial{final.suffix}")
    attempts, error, notebook = _execute_with_retry(job, partial, _kernel_for(job), on_kernel_ready)
    stop_if_orphaned()  # a rerun's lock covers runs/: without the rerun, nothing is written
    if partial.exists():
        if error is None:
            error = _incomplete_cells(notebook)
        os.replace(partial, final)
    elif error is None:
        error = "papermill wrote no notebook"
    result = _read_result(notebook) if error is None else None
    html = None
    if error is None and job.html:
        stop_if_orphaned()
        html = _export_html(notebook, final, Path(job.html))
    return RunOutcome(
        name=job.name,
        status="ok" if error is None else "failed",
        output=str(final),
        html=html,
        result=result,
        error=error,
        attempts=attempts,
        seconds=round(time.monotonic() - started, 2),
    )


def _kernel_for(job: NotebookJob):
    """A kernel started ahead for this notebook, if any; then start the next one's."""
    from postlab.run import kernels

    name = kernel_name(job.notebook)
    kernel = kernels.take(name, job.cwd) if name else None
    if job.warm_next and name:
        # if it cannot start, the next notebook starts its own kernel and says what failed
        with contextlib.suppress(Exception):
            kernels.prepare(name, job.cwd)
    return kernel


def kernel_name(notebook: str | Path) -> str | None:
    """The notebook's kernel (its metadata, read as plain JSON: no validation needed here)."""
    try:
        metadata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
        name = metadata.get("kernelspec", {}).get("name")
    except (OSError, ValueError, AttributeError):
        return None  # papermill says what is wrong with the notebook
    return name if isinstance(name, str) else None


def _execute_with_retry(
    job: NotebookJob, output: Path, kernel=None, on_kernel_ready=None
) -> tuple[int, str | None, object]:
    """Run on ``kernel`` (started ahead) or a new one; a retry always starts a new one.

    Returns the attempts, the reason it failed (None) and the notebook written (if it ran)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from postlab.run.kernels import retire

    attempt = 0
    while True:
        attempt += 1
        warm, kernel = kernel, None
        try:
            with _isolated_runtime(), _quiet_logs(), _kernel_stderr_silenced():
                return attempt, None, _papermill(job, output, warm, on_kernel_ready)
        except PapermillExecutionError as error:
            reason = (
                f"cell In [{error.exec_count}] raised {error.ename}: {_first_line(error.evalue)}"
            )
            return attempt, reason, None
        except CellTimeoutError:
            return attempt, f"a cell ran longer than {job.cell_timeout} s", None
        except (DeadKernelError, RuntimeError, TimeoutError) as error:
            if attempt >= 2:
                reason = f"the kernel died or did not start, twice: {_first_line(str(error))}"
                return attempt, reason, None
        except Exception as error:  # noqa: BLE001 - any other failure is a reason, not a crash
            return attempt, f"{type(error).__name__}: {_first_line(str(error))}", None
        finally:
            if warm is not None:
                retire(warm)


def _papermill(job: NotebookJob, output: Path, warm=None, on_kernel_ready=None):
    """The executed notebook, as papermill wrote it."""
    import papermill

    from postlab.run import engine

    return papermill.execute_notebook(
        job.notebook,
        str(output),
        parameters=job.parameters,
        progress_bar=False,
        log_output=False,
        cwd=job.cwd,
        start_timeout=job.start_timeout,
        execution_timeout=job.cell_timeout,
        engine_name=engine.NAME,
        **({"km": warm.manager} if warm is not None else {}),
        **({"on_notebook_start": lambda **_: on_kernel_ready()} if on_kernel_ready else {}),
    )


@contextlib.contextmanager
def _isolated_runtime():
    """Give the kernel its own IPython and Jupyter runtime directories."""
    saved = {name: os.environ.get(name) for name in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR")}
    with tempfile.TemporaryDirectory(prefix="postlab-kernel-") as scratch:
        os.environ["IPYTHONDIR"] = quiet_ipython_dir(os.path.join(scratch, "ipython"))
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(scratch, "runtime")
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def quiet_ipython_dir(path: str) -> str:
    """An IPython directory whose kernels log only errors to the terminal, and end when
    the worker that started them ends."""
    profile = Path(path) / "profile_default"
    (profile / "startup").mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')
    (profile / "startup" / "00-postlab-lifeline.py").write_text(KERNEL_STARTUP)
    return path


@contextlib.contextmanager
def _kernel_stderr_silenced():
    """Kernels inherit this process's stderr and log there (a shutdown's KeyboardInterrupt,
    ZMQ tracebacks, the TCP warning); the outcome already says what went wrong."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


@contextlib.contextmanager
def _quiet_logs():
    """papermill and nbclient log tracebacks; the outcome already says why."""
    loggers = [logging.getLogger(name) for name in ("papermill", "nbclient", "traitlets")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _incomplete_cells(notebook) -> str | None:
    """A notebook that stopped early has code cells papermill never completed."""
    pending = [
        index + 1
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and cell.get("metadata", {}).get("papermill", {}).get("status") != "completed"
    ]
    if pending:
        return f"stopped early: cell {pending[0]} and {len(pending) - 1} more did not complete"
    return None


def _read_result(notebook) -> dict | None:
    """The data the notebook emitted with ``RESULT_MIME`` (the last one wins)."""
    result = None
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULT_MIME in data:
                result = dict(data[RESULT_MIME])
    return result


def _export_html(notebook, path: Path, html: Path) -> str:
    """A report for people: code hidden, images embedded, nothing fetched, one file."""
    from postlab.htmlexport import node_html

    return str(write_text_atomically(html, node_html(notebook, path)))


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""
