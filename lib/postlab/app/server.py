"""How ``postlab app`` starts Voilà: loopback only, a token, no code, few files.

Voilà (``postlab.app.serve``: its file route behind the token) renders
``notebooks/app.ipynb`` with its sources stripped. Its root is the workbench
(the folder holding ``notebooks/`` and ``teams/``), and its file route serves
only the workspace's HTML reports and record (and the record's figures), never
exports, labels or experiment files, and only to a browser holding the token.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
from dataclasses import dataclass

from postlab.project import PAGE_NOTEBOOK, Project

NOTEBOOK = PAGE_NOTEBOOK
HOST = "127.0.0.1"
WORKSPACE_ENV = "POSTLAB_APP_WORKSPACE"  # the kernel's workspace
FILES_ENV = "POSTLAB_APP_FILES"  # the workspace's folder on Voilà's file route
FILES_ROUTE = "voila/files/"
# The browser loads nothing from another host (Voilà's template links icons on a CDN).
ONLY_THIS_HOST = (
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob: ws://{host}; "
    "frame-ancestors 'self'"
)


@dataclass(frozen=True)
class AppLaunch:
    command: list[str]
    env: dict[str, str]
    link: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def app_launch(project: Project, port: int, token: str) -> AppLaunch:
    """The Voilà command for ``project``'s page, its environment and the one link to open."""
    workbench = project.workbench
    inside = project.root.resolve().relative_to(workbench.resolve()).as_posix()
    prefix = "" if inside == "." else f"{inside}/"
    host = f"{HOST}:{port}"
    allowed = rf"{re.escape(prefix)}(runs|record)/[^/]+\.(html|png)"  # fullmatched
    command = [
        sys.executable,
        "-m",
        "postlab.app.serve",
        str(workbench / NOTEBOOK),
        "--no-browser",
        f"--Voila.ip={HOST}",
        f"--port={port}",
        f"--token={token}",
        f"--Voila.root_dir={workbench}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        # the title shows while the workspace's posts are read, not after
        "--VoilaConfiguration.progressive_rendering=True",
        f"--VoilaConfiguration.file_allowlist={allowed}",  # replaces the default (images)
        "--Voila.tornado_settings="
        + json.dumps({"headers": {"Content-Security-Policy": ONLY_THIS_HOST.format(host=host)}}),
    ]
    env = {
        **os.environ,
        WORKSPACE_ENV: str(project.root),
        FILES_ENV: f"{FILES_ROUTE}{prefix}",
    }
    return AppLaunch(command, env, f"http://{HOST}:{port}/?token={token}")
