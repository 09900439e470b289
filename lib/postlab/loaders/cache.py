"""The posts table of a data folder, loaded once and reused until anything it depends on changes.

A rerun runs one notebook per experiment, and each used to read every export
again. The cache keys the table on the bytes of the data folder, the
library's source and the project settings (timezones, mappings), so a
reused table is always the table a fresh load would give. It holds post text
as exported, so it lives in the project's git-ignored ``.cache/``.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pandas as pd

from postlab import fingerprint
from postlab.config import SETTINGS_FILE
from postlab.exceptions import PostlabWarning
from postlab.files import write_atomically
from postlab.loaders.pipeline import load_with_report
from postlab.loaders.report import LoadReport
from postlab.posts.columns import conform
from postlab.project import Project, find_root

KEEP = 8  # tables kept per cache folder, newest first


def load_posts(data_dir: str | Path):
    """The posts and load report of ``data_dir``: through the cache inside a project,
    so that check, plan and every notebook of a rerun read the exports once."""
    root = find_root()
    if (root / SETTINGS_FILE).exists():
        return load_cached(data_dir, root=root)
    return load_with_report(data_dir)


def load_cached(data_dir: str | Path, cache_dir: str | Path | None = None, root=None, notes=None):
    """``load_with_report(data_dir)``, from the cache when nothing changed.

    Loader warnings are not repeated for a cached table: the report's notes hold them.
    A cache entry that cannot be read is discarded and rebuilt, with a note (a
    warning, or appended to ``notes`` when given).
    """
    project = Project.find(root)
    cache_dir = Path(cache_dir) if cache_dir is not None else project.posts_cache
    key = cache_key(data_dir, project.root)
    table, saved = cache_dir / f"{key}.parquet", cache_dir / f"{key}.json"
    if table.exists() and saved.exists():
        try:
            report = LoadReport.from_dict(json.loads(saved.read_text(encoding="utf-8")))
            return conform(pd.read_parquet(table)), report
        except Exception as error:  # noqa: BLE001 - any damage: the entry is rebuilt from the data
            _discard(table, saved, error, project.root, notes)
    posts, report = _project_relative(*load_with_report(data_dir), project.root)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(table, lambda path: posts.to_parquet(path, index=False))
    write_atomically(saved, lambda path: Path(path).write_text(json.dumps(report.to_dict())))
    _prune(cache_dir, _library_prefix())
    return posts, report


def is_cached(data_dir: str | Path, root: str | Path | None = None) -> bool:
    """Whether ``load_cached`` would read a stored table rather than the exports."""
    project = Project.find(root)
    key = cache_key(data_dir, project.root)
    return all(
        (project.posts_cache / f"{key}{suffix}").exists() for suffix in (".parquet", ".json")
    )


def _discard(table: Path, saved: Path, error: Exception, root: Path, notes) -> None:
    shown = os.path.relpath(saved, root) if saved.is_relative_to(root) else saved.name
    reason = " ".join(f"{type(error).__name__}: {error}".split())[:160]
    note = f"posts cache entry {shown} was damaged ({reason}): discarded and rebuilt"
    table.unlink(missing_ok=True)
    saved.unlink(missing_ok=True)
    if notes is None:
        warnings.warn(note, PostlabWarning, stacklevel=3)
    else:
        notes.append(note)


def _project_relative(posts: pd.DataFrame, report: LoadReport, root: Path):
    """File paths as seen from the project root, whoever loaded first and however they named it.

    A cached table is shared by every later load of the same folder, so it must not keep
    the first caller's absolute path (which would then reach the reports).
    """

    def relative(path: str) -> str:
        full = Path(path).resolve()
        return (
            str(full.relative_to(root.resolve())) if full.is_relative_to(root.resolve()) else path
        )

    for entry in [*report.files, *report.skipped]:
        entry.path = relative(entry.path)
    if "source_file" in posts and len(posts):
        posts["source_file"] = (
            posts["source_file"]
            .map(relative, na_action="ignore")
            .astype(posts["source_file"].dtype)
        )
    return posts, report


def cache_key(data_dir: str | Path, root: str | Path | None = None) -> str:
    """What a fresh load depends on: the data, the library, the settings and mappings.

    It starts with the library's own digest, so tables of an older library can be
    told apart and removed: they hold post text that nothing will read again.
    """
    root = (Path(root) if root is not None else find_root()).resolve()
    data = Path(data_dir).resolve()
    state = fingerprint.project_digest(
        root, data.relative_to(root) if data.is_relative_to(root) else data
    )
    return f"{_library_prefix()}-{state}"


def _library_prefix() -> str:
    return fingerprint.library_digest()[:12]


def _prune(cache_dir: Path, library: str) -> None:
    """Tables of another library version go; of this one, the newest ``KEEP`` stay."""
    tables = sorted(cache_dir.glob("*.parquet"), key=lambda p: p.stat().st_mtime, reverse=True)
    current = [t for t in tables if t.name.startswith(f"{library}-")]
    for old in [t for t in tables if t not in current] + current[KEEP:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)
