"""Exports dropped on the page: quarantined, loaded alone, and only then kept.

An uploaded file is untrusted until the loaders read it: it is written under
the workspace's git-ignored ``.cache`` first, loaded on its own, and moved into
the data folder's ``exports/`` only when that load finds posts. Its name is
reduced to safe characters, so nothing lands outside the exports folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from postlab.exceptions import PostlabError
from postlab.loaders import load_with_report
from postlab.loaders.readers import EXPORT_SUFFIXES
from postlab.project import EXPORTS_FOLDER, Project

MAX_BYTES = 200 * 1024 * 1024  # larger than any platform's export of a few years
QUARANTINE = "app/quarantine"  # inside the workspace's .cache
UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it."""

    name: str
    content: bytes
    modified: datetime | None = None  # the file's own date: exports are dated by it


@dataclass
class Received:
    """What became of each upload: kept in the exports folder (with its posts) or refused."""

    kept: list[tuple[str, int]] = field(default_factory=list)  # file name, posts
    refused: list[tuple[str, str]] = field(default_factory=list)  # file name, reason
    notes: list[str] = field(default_factory=list)  # the loaders' warnings about kept files


def safe_name(name: str) -> str:
    """The file name only (no folder), in letters, digits, dot, dash, space and underscore;
    never hidden, never empty."""
    base = UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[:120] or "export"


def receive(uploads: list[Upload], project: Project) -> Received:
    """Keep each upload the loaders can read alone; refuse the others, saying why."""
    received = Received()
    exports = project.data / EXPORTS_FOLDER
    quarantine = project.cache / QUARANTINE
    quarantine.mkdir(parents=True, exist_ok=True)
    for upload in uploads:
        name = safe_name(upload.name)
        reason = _refusal(name, upload, exports)
        if reason:
            received.refused.append((name, reason))
            continue
        with tempfile.TemporaryDirectory(dir=quarantine) as folder:
            held = Path(folder) / name
            held.write_bytes(upload.content)
            if upload.modified is not None:
                stamp = upload.modified.timestamp()
                os.utime(held, (stamp, stamp))
            posts, notes, error = _load_alone(held, project)
            if error:
                received.refused.append((name, error))
                continue
            exports.mkdir(parents=True, exist_ok=True)
            shutil.move(held, exports / name)
        received.kept.append((name, posts))
        received.notes += [f"{name}: {note}" for note in notes]
    return received


def _refusal(name: str, upload: Upload, exports: Path) -> str | None:
    if not name.lower().endswith(EXPORT_SUFFIXES):
        return f"not an export file (expected {', '.join(EXPORT_SUFFIXES)})"
    if len(upload.content) > MAX_BYTES:
        return f"larger than {MAX_BYTES // 2**20} MB"
    if not upload.content:
        return "empty file"
    target = exports / name
    if target.exists():
        if target.read_bytes() == upload.content:
            return "already in the exports folder (the same file)"
        return "a different file of that name is already in the exports folder; rename it"
    return None


def _load_alone(path: Path, project: Project) -> tuple[int, list[str], str | None]:
    """Posts found, the loaders' notes and warnings, or the reason it cannot be read."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            posts, report = load_with_report([path], settings=project.settings)
        except PostlabError as error:
            return 0, [], error.message
    skipped = [s.reason for s in report.skipped]
    if skipped or posts.empty:
        return 0, [], "; ".join(skipped) or "no posts found in it"
    notes = [note for f in report.files for note in f.notes]
    notes += [str(w.message) for w in caught if str(w.message) not in " ".join(notes)]
    return len(posts), [note.replace(str(path), path.name) for note in notes], None
