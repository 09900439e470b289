"""Reading and writing ``record/``, replaced in one step so a killed rerun never leaves a mix."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from postlab.record.model import HISTORY_COLUMNS, HISTORY_FILE, STATE_FILE, Entry, Record
from postlab.record.render import write_views


def read_record(record_dir: str | Path) -> Record:
    """The record in ``record_dir``; an empty one where there is none yet."""
    record_dir = Path(record_dir)
    record = Record()
    state_path = record_dir / STATE_FILE
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        record.entries = {k: Entry.from_dict(v) for k, v in state.get("experiments", {}).items()}
        record.extras = state.get("extras", {})
    history_path = record_dir / HISTORY_FILE
    if history_path.exists():
        history = pd.read_csv(history_path, dtype={"experiment": "string", "data_dir": "string"})
        record.history = history.reindex(columns=list(HISTORY_COLUMNS))
    return record


def stage_record(record: Record, staging: str | Path) -> Path:
    """Write state and history into ``staging``, where the record notebook reads them."""
    staging = Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    state = {
        "schema": 1,
        "experiments": {k: record.entries[k].to_dict() for k in sorted(record.entries)},
        "extras": record.extras,
    }
    (staging / STATE_FILE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    record.history.to_csv(staging / HISTORY_FILE, index=False)
    return staging


def finish_record(record: Record, staging: Path, record_dir: Path, links: dict[str, str]) -> Path:
    """Add RECORD.md, index.html and the figures to ``staging``; swap it into place."""
    write_views(record, staging, links)
    return replace_directory(staging, record_dir)


def report_links(record_dir: str | Path, reports_dir: str | Path) -> dict[str, str]:
    """Relative links from the record folder to each HTML report, so files open offline."""
    base = Path(record_dir).resolve()
    return {
        p.stem: os.path.relpath(p.resolve(), base).replace(os.sep, "/")
        for p in sorted(Path(reports_dir).glob("*.html"))
    }


def replace_directory(new: Path, target: Path) -> Path:
    """Put ``new`` at ``target`` in one step; the old content is removed after."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)
        return target
    if target.exists():
        # No atomic exchange on this system: rename aside, then in; recover_record undoes a kill.
        aside = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, aside)
        os.replace(new, target)
        shutil.rmtree(aside)
    else:
        os.replace(new, target)
    return target


def recover_record(target: Path) -> None:
    """Undo what a killed rerun left: restore a record moved aside, drop half-built ones."""
    parent = target.parent
    if not target.exists():
        olds = sorted(parent.glob(f".{target.name}.old-*"))
        if olds:
            os.replace(olds[-1], target)
    for leftover in [*parent.glob(f".{target.name}.old-*"), *parent.glob(f".{target.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    return target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
