"""Reading and writing ``record/``, replaced in one step so a killed rerun never leaves a mix.

The record's data files carry checksums and are checked on every read; a
torn or corrupt one is named and the record comes back from the copy kept
beside them (``record/.last-good/``), with a note in the record.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import uuid
import warnings
from pathlib import Path

import pandas as pd

from postlab.exceptions import PostlabError, PostlabWarning
from postlab.record.model import HISTORY_COLUMNS, HISTORY_FILE, STATE_FILE, Entry, Record

CHECKSUMS_FILE = "SHA256SUMS"  # `sha256sum -c SHA256SUMS` checks it by hand too
LAST_GOOD = ".last-good"  # inside record/: state and history as last written, to recover from
CHECKED_FILES = (STATE_FILE, HISTORY_FILE)
REPAIRS = "repairs"  # record.extras: what this rerun found damaged and how it recovered


class DamagedRecord(PostlabError):
    """A record file is torn, corrupt or changed by hand."""


def read_record(record_dir: str | Path) -> Record:
    """The record in ``record_dir``; an empty one where there is none yet.

    Its files are checked (checksums, then JSON and CSV shape); a damaged one is
    named, and the record is read from the last good copy, with a note in
    ``extras["repairs"]`` (else it starts again, saying so).
    """
    record_dir = Path(record_dir)
    try:
        return _read_checked(record_dir)
    except DamagedRecord as damage:
        return _recovered(record_dir, damage)


def _recovered(record_dir: Path, damage: DamagedRecord) -> Record:
    copy = record_dir / LAST_GOOD
    try:
        if not (copy / CHECKSUMS_FILE).exists():
            raise DamagedRecord("no copy was kept", path=_shown(copy))
        record = _read_checked(copy)
        note = f"{damage}: recovered from the last good copy ({_shown(copy)})"
    except DamagedRecord as also:
        record = Record()
        note = f"{damage}; the last good copy cannot be used ({also}): the record starts again"
    record.extras[REPAIRS] = [note]
    warnings.warn(note, PostlabWarning, stacklevel=3)
    return record


def _shown(path: Path) -> str:
    """A record path as ``record/results.csv``: notes go into the record, never machine paths."""
    parts = path.parts
    keep = 3 if len(parts) >= 2 and parts[-2] == LAST_GOOD else 2
    return "/".join(parts[-keep:])


def _read_checked(folder: Path) -> Record:
    for name, digest in _checksums(folder).items():
        path = folder / name
        if not path.exists():
            raise DamagedRecord("is missing (its checksum is listed)", path=_shown(path))
        if _digest(path) != digest:
            raise DamagedRecord(
                "does not match its checksum (torn, corrupt or edited by hand)", path=_shown(path)
            )
    record = Record()
    state_path = folder / STATE_FILE
    if state_path.exists():
        record.entries, record.extras = _read_state(state_path)
        record.extras.pop(REPAIRS, None)  # the notes of an earlier rerun's repairs are history
    history_path = folder / HISTORY_FILE
    if history_path.exists():
        record.history = _read_history(history_path)
    return record


def _checksums(folder: Path) -> dict[str, str]:
    """The digests written with the record (none for a record of an older postlab)."""
    path = folder / CHECKSUMS_FILE
    if not path.exists():
        return {}
    try:
        pairs = [line.split(maxsplit=1) for line in path.read_text("utf-8").splitlines() if line]
        sums = {name.strip().lstrip("*"): digest for digest, name in pairs}
    except (UnicodeDecodeError, ValueError):
        raise DamagedRecord("cannot be read", path=_shown(path)) from None
    if not sums or set(sums) - set(CHECKED_FILES):
        raise DamagedRecord("does not list the record's files", path=_shown(path))
    return sums


def _read_state(path: Path) -> tuple[dict[str, Entry], dict]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DamagedRecord(f"is not valid JSON ({error})", path=_shown(path)) from None
    try:
        if not isinstance(state, dict):
            raise TypeError(f"a {type(state).__name__}, not an object")
        experiments, extras = state.get("experiments", {}), state.get("extras", {})
        if not isinstance(experiments, dict) or not isinstance(extras, dict):
            raise TypeError("experiments and extras must be objects")
        entries = {str(k): Entry.from_dict(v) for k, v in experiments.items()}
    except (TypeError, KeyError, ValueError, AttributeError, PostlabError) as error:
        raise DamagedRecord(
            f"does not hold the record's state ({' '.join(str(error).split())[:160]})",
            path=_shown(path),
        ) from None
    return entries, extras


def _read_history(path: Path) -> pd.DataFrame:
    try:
        history = pd.read_csv(path, dtype={"experiment": "string", "data_dir": "string"})
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError) as error:
        reason = " ".join(str(error).split())[:160]
        raise DamagedRecord(f"cannot be read as CSV ({reason})", path=_shown(path)) from None
    missing = {"rerun_at", "experiment", "status"} - set(history.columns)
    if missing:
        raise DamagedRecord(
            f"lacks the history's columns ({', '.join(sorted(missing))})", path=_shown(path)
        )
    return history.reindex(columns=list(HISTORY_COLUMNS))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stage_record(record: Record, staging: str | Path) -> Path:
    """Write state, history and their checksums into ``staging`` (where the record notebook
    reads them), and a copy of the three as the last good one to recover from."""
    staging = Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    state = {
        "schema": 1,
        "experiments": {k: record.entries[k].to_dict() for k in sorted(record.entries)},
        "extras": record.extras,
    }
    (staging / STATE_FILE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    record.history.to_csv(staging / HISTORY_FILE, index=False)
    sums = "".join(f"{_digest(staging / name)}  {name}\n" for name in CHECKED_FILES)
    (staging / CHECKSUMS_FILE).write_text(sums, encoding="utf-8")
    copy = staging / LAST_GOOD
    copy.mkdir(exist_ok=True)
    for name in (*CHECKED_FILES, CHECKSUMS_FILE):
        shutil.copyfile(staging / name, copy / name)
    return staging


def finish_record(record: Record, staging: Path, record_dir: Path, links: dict[str, str]) -> Path:
    """Add RECORD.md, index.html and the figures to ``staging``; swap it into place."""
    from postlab.project import Project
    from postlab.record.render import write_views  # matplotlib: only when a record is written

    project = Project.find(record_dir.parent)
    write_views(record, staging, links, project.cache / "figures" if project.found else None)
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
