"""Content digests: what decides whether an earlier result may be reused.

A rerun reuses a notebook's result, and an analysis reuses a loaded posts
table, only when these digests match: the library's source, the data's bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import postlab


def digest(*parts: str) -> str:
    combined = hashlib.sha256()
    for part in parts:
        combined.update(part.encode("utf-8"))
        combined.update(b"\0")
    return combined.hexdigest()


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree_digest(folder: str | Path) -> str:
    """Every file's path (relative to ``folder``) and bytes; an absent folder has one digest too."""
    folder = Path(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    return digest(*(f"{p.relative_to(folder)}:{file_digest(p)}" for p in files))


def library_digest() -> str:
    """The library version and its source: an edit to postlab invalidates old results."""
    package = Path(postlab.__file__).parent
    return digest(postlab.__version__, *(file_digest(p) for p in sorted(package.rglob("*.py"))))
