"""Content digests: what decides whether an earlier result may be reused.

A rerun reuses a notebook's result, and an analysis reuses a loaded posts
table, only when ``project_digest`` matches: the library's source, the data
folder's bytes (exports, labels, plans), ``postlab.yml`` (timezones, names)
and ``mappings/``. A rerun adds the notebook, the experiment file and the
parameters (``result_digest``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import postlab
from postlab.config import SETTINGS_FILE

MAPPINGS_FOLDER = "mappings"


def digest(*parts: str) -> str:
    combined = hashlib.sha256()
    for part in parts:
        combined.update(part.encode("utf-8"))
        combined.update(b"\0")
    return combined.hexdigest()


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree_digest(folder: str | Path) -> str:
    """Every entry's path (relative to ``folder``) and bytes; an absent folder has one digest too.

    Entries a load reports without reading them (a dangling link, a pipe, a file the
    user may not read) count by what they are, so that adding or removing one
    changes the digest and a cached load report never misses or invents it.
    """
    folder = Path(folder)
    entries = sorted(p for p in folder.rglob("*") if not p.is_dir()) if folder.exists() else []
    return digest(*(f"{p.relative_to(folder)}:{_entry_digest(p)}" for p in entries))


def _entry_digest(path: Path) -> str:
    if not path.exists():
        return f"link to {os.readlink(path)}"
    if not path.is_file():
        return f"mode {path.stat().st_mode:o}"
    try:
        return file_digest(path)
    except OSError as error:
        return f"unreadable {error.errno}"


def library_digest() -> str:
    """The library version and its source: an edit to postlab invalidates old results."""
    package = Path(postlab.__file__).parent
    return digest(postlab.__version__, *(file_digest(p) for p in sorted(package.rglob("*.py"))))


def project_digest(root: str | Path, data_dir: str | Path) -> str:
    """What a loaded posts table depends on: library, data folder, settings and mappings."""
    root = Path(root)
    settings = root / SETTINGS_FILE
    return digest(
        library_digest(),
        str(data_dir),
        tree_digest(root / data_dir),
        file_digest(settings) if settings.exists() else "",
        tree_digest(root / MAPPINGS_FOLDER),
    )


def result_digest(base: str, *files: str | Path, parameters: dict | None = None) -> str:
    """What a notebook's result depends on: ``project_digest``, its files and parameters."""
    return digest(
        base, *(file_digest(f) for f in files), json.dumps(parameters or {}, sort_keys=True)
    )
