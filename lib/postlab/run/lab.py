"""JupyterLab on a project, and a team's own copies of the notebooks it works in by hand.

A team labels posts, explores its history and plans in notebooks; the copies
it runs and saves must be its own (inside ``teams/<team>/notebooks/``, its
data folder in the parameters), so saving one never changes the tracked
notebooks and nothing of the team's is written outside its workspace. The
notebooks ``rerun`` executes stay in the workbench: a team never edits them.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

from postlab.exceptions import WorkspaceError
from postlab.project import NOTEBOOKS_FOLDER, Project

# the notebooks a team runs by hand (rerun runs analyse_experiment and improve_record)
TEAM_NOTEBOOKS = ("label_posts", "explore_engagement", "plan_experiment")
RUN_METADATA = ("papermill", "execution", "widgets")
# Where Jupyter, IPython and matplotlib keep their files: under the workbench's .cache,
# never the home folder (the Makefile exports the same).
JUPYTER_FOLDERS = {
    "JUPYTER_CONFIG_DIR": "jupyter/config",
    "JUPYTER_DATA_DIR": "jupyter/data",
    "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
    "JUPYTERLAB_SETTINGS_DIR": "jupyter/lab/user-settings",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}
LAB_SETTINGS = "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
QUIET_SETTINGS = '{"fetchNews": "false", "checkForUpdates": false}\n'


def team_copies(project: Project) -> list[Path]:
    """The team's copies of ``TEAM_NOTEBOOKS`` in its workspace, the missing ones made now
    (outputs cleared, the data folder the team's); never overwrites a team's notebook."""
    if project.team is None:
        return []
    source = project.workbench / NOTEBOOKS_FOLDER
    target = project.root / NOTEBOOKS_FOLDER
    target.mkdir(exist_ok=True)
    copies = []
    for name in TEAM_NOTEBOOKS:
        path = target / f"{name}.ipynb"
        if not path.exists() and (source / path.name).exists():
            notebook = nbformat.read(source / path.name, as_version=4)
            _make_the_teams(notebook, project)
            nbformat.write(notebook, path)
        if path.exists():
            copies.append(path)
    return copies


def _make_the_teams(notebook, project: Project) -> None:
    """No demo outputs, and parameters that point at the team's data and experiments."""
    for key in RUN_METADATA:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        for key in RUN_METADATA:
            cell.metadata.pop(key, None)
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = _team_parameters(cell.source, project)


def _team_parameters(source: str, project: Project) -> str:
    data = Path(project.data_dir).as_posix()
    source = re.sub(r'^(data_dir: str = )"[^"\n]*"', rf'\g<1>"{data}"', source, flags=re.M)
    first = next(iter(sorted(project.experiments.glob("*.yml"))), None)
    chosen = f"experiments/{first.name}" if first else ""
    return re.sub(r'^(experiment: str = )"[^"\n]*"', rf'\g<1>"{chosen}"', source, flags=re.M)


def jupyter_environment(project: Project) -> dict[str, str]:
    """The environment JupyterLab runs in: its files under the workbench's ``.cache``."""
    cache = project.workbench / ".cache"
    env = dict(os.environ)
    for name, folder in JUPYTER_FOLDERS.items():
        env[name] = str(cache / folder)
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / LAB_SETTINGS
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(QUIET_SETTINGS)
    return env


def lab_command(project: Project, *, port: int | None = None, browser: bool = False) -> list[str]:
    """JupyterLab on the project's folder, on this machine only, without its chatter: no news,
    no update check, no language-server scan, warnings only (the link is still printed)."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or shutil.which(
        "jupyter"
    )
    if jupyter is None:
        raise WorkspaceError("JupyterLab is not installed here: run `make setup` first")
    command = [
        jupyter,
        "lab",
        f"--notebook-dir={project.root}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.jpserver_extensions={'jupyter_lsp': False}",
        f"--ServerApp.open_browser={browser}",
    ]
    if port:
        command.append(f"--ServerApp.port={port}")
    if os.geteuid() == 0:  # a container's only user
        command.append("--ServerApp.allow_root=True")
    return command
