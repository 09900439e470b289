"""The project: its root folder, its settings, where things live, and the defaults.

The root is the nearest folder at or above the current one that holds
``postlab.yml``, the way git finds ``.git``, so every command and notebook
resolves the same paths from any sub-folder. Outputs (runs, record, cache)
go only into the project's own folders.

A team's workspace (``teams/<team>/``, made by ``postlab init``) is a project
nested in the repository: its own ``postlab.yml`` names its data folder once,
and it holds its own experiments, runs and record, so nothing a team does
touches the demo (the repository root's project) and the demo never stands in
for a team's data. The notebooks are shared: they live in the *workbench*,
the folder holding ``notebooks/`` at or above the workspace.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from string import Template

from postlab.config import SETTINGS_FILE, Settings, load_settings
from postlab.exceptions import PostlabWarning, WorkspaceError
from postlab.files import write_text_atomically

MARKER = SETTINGS_FILE
TEAMS_FOLDER = "teams"  # teams/<team>/: one workspace per team
NOTEBOOKS_FOLDER = "notebooks"
WORKBENCH_MARK = f"{NOTEBOOKS_FOLDER}/analyse_experiment.ipynb"  # where the shared notebooks are
# The workbench page's notebook (`postlab app`): Voilà renders it live, so it is never
# stored with outputs, re-executed by `postlab notebooks` nor compared by nbval.
PAGE_NOTEBOOK = f"{NOTEBOOKS_FOLDER}/app.ipynb"
DEMO_DATA = "data/demo"  # the data folder of a project whose postlab.yml names none
TEAM_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# A team's data folder: platform files as downloaded, apart from the team's own design files.
EXPORTS_FOLDER = "exports"  # data/<team>/exports/: exports, unchanged
PLANS_FOLDER = "plans"  # data/<team>/plans/: posting schedules (postlab schedule --out)

# Defaults every analysis shares: one place, so a notebook, the CLI and the
# library never disagree on them.
DEFAULT_ALPHA = 0.05
DEFAULT_POWER = 0.8
MIN_POSTS_PER_ARM = 10  # fewer and no interval is printed, nor a verdict given
DEFAULT_SEED = 20251101


_chosen: list[Path] = []  # the project a command was pointed at (--team), innermost last


def find_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``postlab.yml`` (else ``start``).

    Without ``start``: the project chosen with ``using`` if any, else the current folder's.
    """
    if start is None and _chosen:
        return _chosen[-1]
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).exists():
            return folder
    return here


@contextlib.contextmanager
def using(root: str | Path):
    """Every lookup from the current folder finds ``root`` meanwhile: ``--team`` works as if
    the command ran inside the workspace, while the paths typed stay relative to here."""
    _chosen.append(Path(root).resolve())
    try:
        yield
    finally:
        _chosen.pop()


def find_workbench(start: str | Path | None = None) -> Path:
    """The folder holding the shared notebooks, at or above the project (else the project)."""
    root = find_root(start)
    for folder in (root, *root.parents):
        if (folder / WORKBENCH_MARK).exists():
            return folder
    return root


def team_names(start: str | Path | None = None) -> list[str]:
    """The team workspaces of the checkout, by name."""
    folder = find_workbench(start) / TEAMS_FOLDER
    return sorted(p.parent.name for p in folder.glob(f"*/{MARKER}"))


def team_root(name: str, start: str | Path | None = None) -> Path:
    """The workspace of team ``name`` in this checkout; a clear error if there is none."""
    root = find_workbench(start) / TEAMS_FOLDER / name
    if not (root / MARKER).exists():
        teams = team_names(start)
        known = f"teams here: {', '.join(teams)}" if teams else "no team workspaces yet"
        raise WorkspaceError(
            f"no team workspace {name!r}{_did_you_mean(name, teams)} ({known}); "
            f"create it with `postlab init {name}`"
        )
    return root


def create_workspace(
    name: str, data: str | Path | None = None, teams: tuple[str, ...] = ()
) -> Path:
    """Make ``teams/<name>/`` in this checkout: settings naming the data folder, the data
    folder's ``exports/`` and ``plans/`` (unless ``data`` names an existing folder), and
    ``experiments/``. With ``teams`` (team names, or ``all``) a force workspace: settings
    naming the teams whose posts its experiments pool, and no data folder. Never overwrites."""
    workbench = find_workbench()
    if not (workbench / MARKER).exists():
        raise WorkspaceError("not inside a postlab checkout: no postlab.yml here or above")
    if not TEAM_NAME.match(name):
        raise WorkspaceError(
            f"team name {name!r} must be lower-case letters, digits and dashes (like north-borough)"
        )
    root = workbench / TEAMS_FOLDER / name
    if root.exists():
        raise WorkspaceError("already exists; pick another name", path=os.path.relpath(root))
    if teams:
        return _force_workspace(root, name, teams)
    if data is not None and not Path(data).is_dir():
        raise WorkspaceError("no such folder", path=data, field="--data")
    data_dir = Path(os.path.relpath(Path(data).resolve(), root)) if data else Path("data")
    if data is None:
        for folder in (EXPORTS_FOLDER, PLANS_FOLDER):
            (root / data_dir / folder).mkdir(parents=True)
    (root / "experiments").mkdir(parents=True)
    template = resources.files("postlab").joinpath("templates/workspace.yml").read_text()
    settings = Template(template).substitute(team=name, data=data_dir.as_posix())
    write_text_atomically(root / MARKER, settings)
    write_text_atomically(root / ".gitignore", _ignored(data_dir if data is None else None))
    return root


def _force_workspace(root: Path, name: str, teams: tuple[str, ...]) -> Path:
    known = team_names(root.parent)
    for team in teams:
        if team != "all" and team not in known:
            raise WorkspaceError(
                f"no team workspace {team!r}{_did_you_mean(team, known)}", field="--teams"
            )
    (root / "experiments").mkdir(parents=True)
    listed = "all" if "all" in teams else "[" + ", ".join(teams) + "]"
    template = resources.files("postlab").joinpath("templates/force.yml").read_text()
    write_text_atomically(root / MARKER, Template(template).substitute(team=name, teams=listed))
    write_text_atomically(root / ".gitignore", _ignored(None))
    return root


def _ignored(own_data: Path | None) -> str:
    """What a team never commits: exports hold post text as downloaded (names in appeals)."""
    lines = ["# Exports hold post text as downloaded (names in appeals): never commit them."]
    if own_data is not None:
        lines.append(f"{own_data.as_posix()}/{EXPORTS_FOLDER}/")
    lines += [
        ".cache/",
        "# The Dask cluster's certificates and keys (postlab cluster certs): never commit them.",
        "certs/",
        "# Rebuilt by postlab rerun; drop these two lines to keep the (scrubbed) record in git.",
        "runs/",
        "record/",
    ]
    return "\n".join(lines) + "\n"


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


@dataclass(frozen=True)
class Project:
    """A team's project folder and the places inside it, all absolute."""

    root: Path
    data_dir: str = DEMO_DATA
    experiments_dir: str = "experiments"
    runs_dir: str = "runs"
    record_dir: str = "record"
    cache_dir: str = ".cache"

    @classmethod
    def find(cls, start: str | Path | None = None, team: str | None = None) -> Project:
        """The project around ``start`` (or team ``team``'s workspace), with its data folder."""
        root = team_root(team, start) if team else find_root(start)
        return cls(root, data_dir=load_settings(root).data or DEMO_DATA)

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
    def workbench(self) -> Path:
        return find_workbench(self.root)

    @property
    def teams(self) -> list[str]:
        return team_names(self.root)

    @property
    def team(self) -> str | None:
        """The team's name in a workspace; None in the repository's own (demo) project."""
        return self.root.name if self.root != self.workbench else None

    def data_folder(self, given: str | Path | None = None) -> Path:
        """The data folder (typed, else the project's), checked before anything runs on it:
        a typo is one error up front, never a notebook per experiment failing on it."""
        if given is None and self.settings.force:
            raise WorkspaceError(
                f"{os.path.relpath(self.root)} is a force workspace: it has no exports of its "
                "own (its experiments read its teams'); load and check each team's data in its "
                "workspace (--team NAME)"
            )
        path = self.path(given, self.data_dir)
        if given is None and self.team is None and self.teams:
            self._say_it_is_the_demo(path)
        if path.is_dir():
            return path
        where = f"--data {given}" if given is not None else f"the data folder {path}"
        parent = path.parent if path.parent.is_dir() else Path(".")
        hint = _did_you_mean(str(path), sorted(str(p) for p in parent.iterdir() if p.is_dir()))
        if given is None:
            hint += f" (set data: in {os.path.relpath(self.root / MARKER)})"
        raise WorkspaceError(f"{where}: no such folder{hint}")

    def _say_it_is_the_demo(self, data: Path) -> None:
        """Forgetting --team (or to cd into the workspace) must never look like a team's result."""
        teams = self.teams
        warnings.warn(
            f"this is the demo project ({data}); for a team's own work add --team {teams[0]} "
            f"or run inside {TEAMS_FOLDER}/{teams[0]} (teams here: {', '.join(teams)})",
            PostlabWarning,
            stacklevel=3,
        )

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
