"""``postlab rerun``: regenerate every analysis and the record.

Each experiment's notebook runs in its own process (or on a Dask cluster);
one failure never stops the others. An experiment whose notebook, file,
library and data are unchanged since its last good run is reused, not rerun.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib
import multiprocessing
import os
import re
import shutil
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from postlab import record as rec
from postlab.config import SETTINGS_FILE
from postlab.exceptions import ExperimentError, PostlabError, PostlabWarning
from postlab.files import environment_errors
from postlab.fingerprint import digest, file_digest, project_digest, result_digest
from postlab.payload import Result
from postlab.project import find_workbench
from postlab.run.execute import (
    DEFAULT_CELL_TIMEOUT,
    NotebookJob,
    RunOutcome,
    kernel_name,
    ready_exporter,
    run_quietly,
    start_kernel_ahead,
    start_worker,
)

ANALYSIS_NOTEBOOK = "notebooks/analyse_experiment.ipynb"
EXPLORE_NOTEBOOK = "notebooks/explore_engagement.ipynb"
EXPLORE_ID = "explore_engagement"
LOCK_FILE = ".cache/rerun.lock"
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:[^\s/:;'\"(),]+/)+([^\s/:;'\"(),]+)")


@dataclass
class RerunOptions:
    """Where things are and how to run; paths are relative to ``root``."""

    root: str = "."
    experiments_dir: str = "experiments"
    data_dir: str = "data/demo"
    runs_dir: str = "runs"
    record_dir: str = "record"
    names: tuple[str, ...] = ()
    status: str | None = None
    force: bool = False
    workers: int | None = None
    scheduler: str | None = None
    connection: object | None = None  # postlab.run.cluster.Connection, made from scheduler
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    rerun_at: str | None = None
    progress: bool = True
    explore: bool = True
    link_reports: bool = True  # off when the runs folder is thrown away (the demo's record)
    on_progress: Callable[[int, int], None] | None = None  # (notebooks done, notebooks to run)


@dataclass
class Planned:
    """One notebook to account for: run it (``job``) or reuse its last result."""

    id: str
    fingerprint: str | None
    job: NotebookJob | None = None
    error: str | None = None  # known to fail before running (e.g. invalid file)


@dataclass
class RerunSummary:
    record_dir: Path
    entries: list[rec.Entry] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # decisions later data moved
    repairs: list[str] = field(default_factory=list)  # damaged state found and recovered

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def __str__(self) -> str:
        lines = [f"{'experiment':<34} {'result':<8} verdict"]
        for entry in self.entries:
            lines.append(f"{entry.id:<34} {entry.status:<8} {entry.verdict_word or '-'}")
        for name, reason in self.failures:
            lines.append(f"FAILED {name}: {reason}")
        for name, words in self.moved:
            lines.append(f"MOVED {name}: {words}")
        for note in self.repairs:
            lines.append(f"REPAIRED {note}")
        lines.append(
            f"Record: {self.record_dir / 'RECORD.md'} and {self.record_dir / 'index.html'}"
        )
        return "\n".join(lines)


def rerun(options: RerunOptions) -> RerunSummary:
    """Run what changed, keep what did not, and rebuild the record in one step.

    One rerun at a time per project: a second one would lose the first one's history rows.
    """
    root = Path(options.root).resolve()
    if options.scheduler:  # an unsafe or unusable address is refused before anything runs
        options = replace(options, connection=_connection(options))
    # SIGTERM stops it as Ctrl-C does from the start: its kernel may be booting already
    with (
        _terminate_as_interrupt(),
        _only_rerun(root),
        _workers_ahead(options, root) as pool,
        _kernels_ended(),
    ):
        return _rerun(options, root, pool)


@contextlib.contextmanager
def _kernels_ended():
    """No kernel this process started (to run one notebook itself) outlives the rerun."""
    try:
        yield
    finally:
        kernels = sys.modules.get("postlab.run.kernels")
        if kernels is not None:
            kernels.shutdown_spare()  # started ahead, unused if the plan found nothing to run
            kernels.wait_retired()


@contextlib.contextmanager
def _only_rerun(root: Path):
    lock_path = root / LOCK_FILE
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PostlabError(
                "another postlab rerun is running in this project; wait for it to finish"
            ) from None
        yield


@dataclass(frozen=True)
class LocalPool:
    """A local rerun's worker processes, each with a kernel started as it starts."""

    executor: ProcessPoolExecutor
    workers: int


# One notebook runs in this process, on a kernel started at once: a worker would only add
# its own start (about 0.5 s, on a core the kernel needs) to an officer's one-experiment wait.
HERE = "this process"


def _local_pool(workers: int, notebook: str | Path, cwd: str) -> LocalPool:
    # workers (and their kernels) die with this process, even on SIGKILL
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(), kernel_name(notebook), cwd),
    )
    executor.submit(int)  # an executor starts its workers with its first task: now
    return LocalPool(executor, workers)


@contextlib.contextmanager
def _workers_ahead(options: RerunOptions, root: Path):
    """Workers (or this process's kernel, for one notebook) started before the record is
    read and the experiments planned, when the notebooks that will run are known already:
    ``--force`` runs every one selected. Their kernels then boot while this process plans
    (None: the plan decides)."""
    count = (
        0 if options.scheduler or options.status or not options.force else _selected(options, root)
    )
    if not count:
        yield None
        return
    notebook = find_workbench(root) / ANALYSIS_NOTEBOOK
    if count == 1 and _can_run_here():
        start_kernel_ahead(kernel_name(notebook), str(root))
        yield HERE
        return
    workers = min(options.workers or multiprocessing.cpu_count(), count)
    pool = _local_pool(workers, notebook, str(root))
    try:
        yield pool
    finally:
        pool.executor.shutdown(wait=True, cancel_futures=True)


def _can_run_here() -> bool:
    """A notebook's kernel is driven by an event loop of its own: not inside another one
    (the app's rerun runs in its page's kernel), where the notebook goes to a worker."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return True
    return False


def _selected(options: RerunOptions, root: Path) -> int:
    """The notebooks a forced rerun runs (the explore notebook only when none is named)."""
    try:
        files = _experiment_files(root / options.experiments_dir, options.names)
    except ExperimentError:
        return 0  # the plan says what is wrong
    explore = options.explore and not options.names
    return len(files) + (explore and (find_workbench(root) / EXPLORE_NOTEBOOK).exists())


def _rerun(options: RerunOptions, root: Path, pool: LocalPool | None = None) -> RerunSummary:
    _remove_partials(root / options.runs_dir)
    record_dir = root / options.record_dir
    rec.recover_record(record_dir)
    with warnings.catch_warnings():  # a repair is a note in the record and the summary
        warnings.simplefilter("ignore", PostlabWarning)
        previous = rec.read_record(record_dir)
    repairs = list(previous.extras.get(rec.REPAIRS) or [])
    rerun_at = options.rerun_at or datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    planned = plan(options, root, previous)
    strip: list[list[dict]] = []

    def prepare_record() -> None:
        """The record's summary strip, and the modules that draw the record."""
        strip.append(_activity(root, options.data_dir, repairs))
        importlib.import_module("postlab.record.render")

    if not _posts_cached(root, options.data_dir):
        prepare_record()  # loaded once here, so the notebooks all find the posts table cached
    # else while the notebooks run: a one-experiment rerun waits for nothing else
    jobs = [p.job for p in planned if p.job]
    outcomes = execute(jobs, options, meanwhile=prepare_record, pool=pool)
    if not strip:
        prepare_record()  # nothing ran
    activity = strip[0]
    record, failures = merge(previous, planned, outcomes, options, rerun_at)
    record.extras["data_dir"] = options.data_dir
    record.extras["activity"] = activity
    record.extras[rec.REPAIRS] = repairs
    record.history = rec.extend_history(
        record,
        rerun_at,
        only=[p.id for p in planned if p.id != EXPLORE_ID],
        data_dir=options.data_dir,
    )
    staging = rec.staging_dir(record_dir)
    try:
        with environment_errors(record_dir):
            rec.stage_record(record, staging)
            links = (
                rec.report_links(record_dir, root / options.runs_dir)
                if options.link_reports
                else {}
            )
            rec.finish_record(record, staging, record_dir, links)
    finally:  # a disk that filled up gets its space back; the record is the old one, whole
        shutil.rmtree(staging, ignore_errors=True)
    selected = {p.id for p in planned}
    entries = [e for e in record.ordered() if e.id in selected]
    moved = [(e.id, rec.moved_after_decision(record.looks(e.id))) for e in entries]
    return RerunSummary(
        record_dir=Path(options.record_dir),
        entries=entries,
        failures=failures,
        moved=[(name, words) for name, words in moved if words],
        repairs=repairs,
    )


def _posts_cached(root: Path, data_dir: str) -> bool:
    """Whether the posts table is cached (a force workspace's teams' tables are their own)."""
    from postlab.config import load_settings
    from postlab.loaders.cache import is_cached

    try:
        return load_settings(root).force or is_cached(root / data_dir, root=root)
    except (PostlabError, OSError):
        return False  # loading it says what is wrong


def _activity(root: Path, data_dir: str, notes: list[str]) -> list[dict]:
    """The record's summary strip, from the posts table the notebooks load (cached)."""
    from postlab.config import load_settings
    from postlab.loaders.cache import load_cached
    from postlab.project import Project

    if load_settings(root).force:
        return []  # each team's record has its own strip
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            posts, _ = load_cached(root / data_dir, root=root, notes=notes)
    except PostlabError:
        return []  # the experiments fail with the reason; the strip is left out
    table = rec.activity_table(posts, Project.find(root).settings)
    return table.astype(object).where(table.notna(), None).to_dict("records")


def _remove_partials(runs: Path) -> None:
    """Half-written notebooks of killed runs (no other rerun is writing: we hold the lock)."""
    for partial in runs.glob(".*.partial.ipynb"):
        partial.unlink(missing_ok=True)


def plan(options: RerunOptions, root: Path, previous: rec.Record) -> list[Planned]:
    """Decide, per experiment, whether to run its notebook or reuse the last result."""
    from postlab.experiment import load_experiment

    files = _experiment_files(root / options.experiments_dir, options.names)
    shared = _shared_digest(root, options.data_dir)
    notebooks = find_workbench(root)  # a team's workspace shares the repository's notebooks
    planned = []
    for path in files:
        try:
            experiment = load_experiment(path)
        except PostlabError as error:
            planned.append(Planned(path.stem, None, error=str(error)))
            continue
        if options.status and experiment.status != options.status:
            continue
        parameters = {
            "experiment": _relative(path, root),
            "data_dir": options.data_dir,
            "alpha": experiment.alpha,
        }
        job = _job(options, root, experiment.id, notebooks / ANALYSIS_NOTEBOOK, parameters)
        planned.append(_reuse_or_run(previous, experiment.id, job, shared, path, options.force))
    if options.explore and (notebooks / EXPLORE_NOTEBOOK).exists():
        explore = {"data_dir": options.data_dir}
        job = _job(options, root, EXPLORE_ID, notebooks / EXPLORE_NOTEBOOK, explore)
        # --force with experiments named forces those: the explore notebook runs if it changed
        force = options.force and not options.names
        planned.append(_reuse_or_run(previous, EXPLORE_ID, job, shared, None, force))
    return planned


def _shared_digest(root: Path, data_dir: str) -> str:
    """What every notebook's posts depend on; in a force workspace, each team's data too."""
    from postlab.experiment.force import members

    teams = members(root)
    if not teams:
        return project_digest(root, data_dir)
    own = file_digest(root / SETTINGS_FILE)  # not the folder: it holds the force's own runs
    return digest(own, *(project_digest(m.root, os.path.relpath(m.data, m.root)) for m in teams))


def _reuse_or_run(previous, name, job, shared, experiment_file, force: bool) -> Planned:
    inputs = [Path(job.notebook)] + ([experiment_file] if experiment_file else [])
    fingerprint = result_digest(shared, *inputs, parameters=job.parameters)
    last = previous.entries.get(name) if name != EXPLORE_ID else _explore_entry(previous)
    reusable = (
        not force
        and last is not None
        and last.fingerprint == fingerprint
        and last.status in ("fresh", "reused")
        and Path(job.output).exists()
        and (job.html is None or Path(job.html).exists())  # a deleted report is rebuilt
    )
    return Planned(name, fingerprint, job=None if reusable else job)


def _explore_entry(previous: rec.Record) -> rec.Entry | None:
    data = previous.extras.get(EXPLORE_ID)
    return rec.Entry.from_dict(data) if data else None


def _experiment_files(folder: Path, names: tuple[str, ...]) -> list[Path]:
    files = sorted(folder.glob("*.yml"))
    if not names:
        return files
    known = {p.stem: p for p in files}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ExperimentError(
            f"no experiment named {unknown[0]!r} (known: {', '.join(sorted(known)) or 'none'})",
            path=folder,
        )
    return [known[n] for n in names]


def _job(
    options: RerunOptions, root: Path, name: str, notebook: Path, parameters: dict
) -> NotebookJob:
    """Every path absolute: a Dask worker may have been started in any folder."""
    runs = root / options.runs_dir
    return NotebookJob(
        name=name,
        notebook=str(root / notebook),
        output=str(runs / f"{name}.ipynb"),
        html=str(runs / f"{name}.html"),
        parameters=parameters,
        cwd=str(root),
        cell_timeout=options.cell_timeout,
    )


def execute(
    jobs: list[NotebookJob],
    options: RerunOptions,
    meanwhile: Callable[[], None] | None = None,
    pool: LocalPool | str | None = None,
) -> dict[str, RunOutcome]:
    """Run ``jobs`` in parallel; every job ends as an outcome, whatever happens.

    ``meanwhile`` is called once the jobs are submitted (not at all without jobs);
    ``pool``: local workers already started, or ``HERE`` (else they start here).
    """
    if not jobs:
        return {}
    from tqdm import tqdm

    bar = tqdm(
        total=len(jobs), desc="rerun", unit="notebook", disable=not options.progress, leave=False
    )
    outcomes: dict[str, RunOutcome] = {}
    if options.on_progress:
        options.on_progress(0, len(jobs))

    def finished(outcome: RunOutcome) -> None:
        outcomes[outcome.name] = outcome
        if options.on_progress:
            options.on_progress(len(outcomes), len(jobs))
        failed = sum(not o.ok for o in outcomes.values())
        running = min(len(jobs) - len(outcomes), options.workers or multiprocessing.cpu_count())
        bar.set_postfix(done=len(outcomes) - failed, running=running, failed=failed)
        bar.update()

    meanwhile = meanwhile or (lambda: None)
    if options.scheduler:
        _run_on_dask(jobs, options, finished, meanwhile)
    elif len(jobs) == 1 and (pool == HERE or (pool is None and _can_run_here())):
        _run_here(jobs[0], finished, meanwhile, started=pool == HERE)
    else:  # more than foreseen (the explore notebook changed too): workers after all
        if not isinstance(pool, LocalPool):
            workers = min(options.workers or multiprocessing.cpu_count(), len(jobs))
            pool = _local_pool(workers, jobs[0].notebook, jobs[0].cwd)
        _run_locally(jobs, pool, finished, meanwhile)
    bar.close()
    return outcomes


def _run_here(job: NotebookJob, finished, meanwhile, started: bool) -> None:
    """The one notebook, from this process: what it needs is readied while its kernel boots."""
    if not started:
        start_kernel_ahead(kernel_name(job.notebook), job.cwd)
    warming: list[bool] = []

    def ready_exporter_once() -> None:  # while the cells run: earlier, it slows the kernel's start
        if not warming:
            warming.append(True)
            ready_exporter(meanwhile=True)

    meanwhile()
    finished(run_quietly(job, ready_exporter_once))


def _run_locally(jobs: list[NotebookJob], local: LocalPool, finished, meanwhile) -> None:
    pool, workers = local.executor, local.workers
    try:
        # each worker started a kernel as it started, and starts the next notebook's while
        # a notebook runs, except near the end
        futures = {
            pool.submit(run_quietly, replace(job, warm_next=index < len(jobs) - workers)): job
            for index, job in enumerate(jobs)
        }
        meanwhile()
        for future in as_completed(futures):
            finished(_outcome_of(future, futures[future]))
    except KeyboardInterrupt:
        _end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM (a CI timeout, a closed terminal) stops a rerun as Ctrl-C does."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every worker and the kernels it started (they run in sessions of their own).

    The workers are reaped by multiprocessing itself: a worker reaped by psutil would look
    alive to the executor forever, and its shutdown would spin.
    """
    import psutil

    workers = list((getattr(pool, "_processes", None) or {}).values())
    kernels = []
    for worker in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            kernels += psutil.Process(worker.pid).children(recursive=True)
    for process in [*workers, *kernels]:
        with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError):
            process.terminate()
    _, alive = psutil.wait_procs(kernels, timeout=3)
    for worker in workers:
        worker.join(timeout=3)
    for process in [*alive, *(w for w in workers if w.is_alive())]:
        with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError):
            process.kill()


def _connection(options: RerunOptions):
    """The checked scheduler address and its TLS security (``postlab.run.cluster``)."""
    from postlab.config import load_settings
    from postlab.run.cluster import connection

    if options.connection is not None:
        return options.connection
    root = Path(options.root).resolve()
    return connection(options.scheduler, load_settings(root), root)


def _run_on_dask(jobs: list[NotebookJob], options: RerunOptions, finished, meanwhile) -> None:
    try:
        from distributed import as_completed as dask_completed
    except ImportError:
        raise PostlabError(
            "--scheduler needs Dask: install the extra with pip install 'postlab[dask]'"
        ) from None
    try:
        client = _connection(options).client()
    except (OSError, TimeoutError) as error:
        raise PostlabError(
            f"cannot reach the Dask scheduler at {options.scheduler}: {error}"
        ) from None
    with client:
        futures = {
            client.submit(run_quietly, job, pure=False, key=f"postlab-{job.name}"): job
            for job in jobs
        }
        meanwhile()
        for future in dask_completed(list(futures)):
            finished(_outcome_of(future, futures[future]))


def _outcome_of(future, job: NotebookJob) -> RunOutcome:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost worker is one failed experiment
        return RunOutcome(job.name, "failed", job.output, error=f"the worker was lost: {error}")


def merge(
    previous, planned, outcomes, options, rerun_at
) -> tuple[rec.Record, list[tuple[str, str]]]:
    """The new record: fresh results, reused ones, and stale ones kept with a reason."""
    record = rec.Record(
        entries=dict(previous.entries), history=previous.history, extras=dict(previous.extras)
    )
    failures = []
    for item in planned:
        last = record.entries.get(item.id) if item.id != EXPLORE_ID else _explore_entry(previous)
        outcome = outcomes.get(item.id)
        entry, failure = _entry_for(item, outcome, last, rerun_at, Path(options.root).resolve())
        if failure:
            failures.append((item.id, failure))
        if item.id == EXPLORE_ID:
            record.extras[EXPLORE_ID] = {**entry.to_dict(), "payload": None}
        else:
            record.entries[item.id] = entry
    present = {p.stem for p in (Path(options.root) / options.experiments_dir).glob("*.yml")}
    record.entries = {k: v for k, v in record.entries.items() if k in present}
    return record, failures


def _entry_for(
    item: Planned, outcome: RunOutcome | None, last, rerun_at, root: Path
) -> tuple[rec.Entry, str | None]:
    if item.job is None and item.error is None:
        return last.replace(status="reused", reason=None), None
    result, unreadable = _result_of(outcome)
    if outcome is not None and outcome.ok and (result is not None or item.id == EXPLORE_ID):
        entry = rec.Entry(
            id=item.id,
            status="fresh",
            payload=result,
            fingerprint=item.fingerprint,
            notebook=_shown(outcome.output, root),
            html=_shown(outcome.html, root),
            ran_at=rerun_at,
        )
        return entry, None
    if item.error:
        reason = item.error
    elif unreadable:
        reason = f"{unreadable}; open {_shown(outcome.output, root)}"
    elif outcome is not None and outcome.ok:
        reason = f"the notebook emitted no result; open {_shown(outcome.output, root)}"
    else:
        reason = _open_hint(outcome, root)
    reason = _without_machine_paths(reason, root)
    if last is not None and last.payload is not None:
        return last.replace(status="stale", reason=reason, fingerprint=None), reason
    return rec.Entry(id=item.id, status="failed", reason=reason), reason


def _result_of(outcome: RunOutcome | None) -> tuple[Result | None, str | None]:
    """The notebook's result as a ``Result``, or why it cannot be read."""
    if outcome is None or outcome.result is None:
        return None, None
    try:
        return Result.from_dict(outcome.result), None
    except PostlabError as error:
        return None, f"the notebook's result cannot be read: {error}"


def _open_hint(outcome: RunOutcome, root: Path) -> str:
    return f"{outcome.error}; open {_shown(outcome.output, root)}"


def _without_machine_paths(text: str, root: Path) -> str:
    """Paths in the project as relative to it, any other absolute path as its file name."""
    return MACHINE_PATH.sub(r"\1", text.replace(f"{root}{os.sep}", ""))


def _shown(path: str | None, root: Path) -> str | None:
    """A path inside the project as relative to it, so the record holds no machine paths."""
    if path is None:
        return None
    resolved = Path(path).resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)


def _relative(path: Path, root: Path) -> str:
    return str(path.resolve().relative_to(root))
