"""The project: its root folder, its settings, where things live, and the defaults.

The root is the nearest folder at or above the current one that holds
``postlab.yml``, the way git finds ``.git``, so every command and notebook
resolves the same paths from any sub-folder. Outputs (runs, record, cache)
go only into the project's own folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from postlab.config import SETTINGS_FILE, Settings, load_settings

MARKER = SETTINGS_FILE

# A team's data folder: platform files as downloaded, apart from the team's own design files.
EXPORTS_FOLDER = "exports"  # data/<team>/exports/: exports, unchanged
PLANS_FOLDER = "plans"  # data/<team>/plans/: posting schedules (postlab schedule --out)

# Defaults every analysis shares: one place, so a notebook, the CLI and the
# library never disagree on them.
DEFAULT_ALPHA = 0.05
DEFAULT_POWER = 0.8
DEFAULT_SEED = 20251101


def find_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``postlab.yml`` (else ``start``)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).exists():
            return folder
    return here


@dataclass(frozen=True)
class Project:
    """A team's project folder and the places inside it, all absolute."""

    root: Path
    data_dir: str = "data/demo"
    experiments_dir: str = "experiments"
    runs_dir: str = "runs"
    record_dir: str = "record"
    cache_dir: str = ".cache"

    @classmethod
    def find(cls, start: str | Path | None = None) -> Project:
        return cls(find_root(start))

    @property
    def found(self) -> bool:
        """Whether the root really holds ``postlab.yml`` (not just the folder we started in)."""
        return (self.root / MARKER).exists()

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.root)

    @property
    def data(self) -> Path:
        return self.root / self.data_dir

    @property
    def experiments(self) -> Path:
        return self.root / self.experiments_dir

    @property
    def runs(self) -> Path:
        return self.root / self.runs_dir

    @property
    def record(self) -> Path:
        return self.root / self.record_dir

    @property
    def cache(self) -> Path:
        return self.root / self.cache_dir

    @property
    def posts_cache(self) -> Path:
        return self.cache / "posts"

    def path(self, given: str | Path | None, default: str) -> Path:
        """A path as the user typed it (relative to the current folder), else ``default`` in the project.

        The default is shown relative to the current folder too, so messages read as typed.
        """
        return Path(given) if given is not None else Path(os.path.relpath(self.root / default))

    def relative(self, path: str | Path) -> str:
        """``path`` (absolute, or relative to the current folder) as relative to the root."""
        resolved = Path(path).resolve()
        if resolved.is_relative_to(self.root):
            return str(resolved.relative_to(self.root))
        return str(resolved)


def project_settings(start: str | Path | None = None) -> Settings:
    """The settings of the project around ``start`` (default: the current folder)."""
    return Project.find(start).settings


def use_project_root() -> Path:
    """Change into the project root (a no-op when already there); notebooks call it first."""
    root = find_root()
    os.chdir(root)
    return root
