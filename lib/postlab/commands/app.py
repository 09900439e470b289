"""Open the workbench page: the team's whole loop in a browser, no terminal needed.

Starts Voilà on notebooks/app.ipynb for this workspace (or --team's), bound to
127.0.0.1 with a fresh token, and prints the one link to open. The page has
no code cells; it loads exports (each file checked by the loaders before it
is kept), writes experiments through check and plan, makes schedules, labels
posts, reruns an experiment and writes the team's decision into its file.
Stop it with Ctrl-C.

examples:
  postlab app
  postlab app --team north-borough
  postlab app --port 8866
  postlab app --print-only      the command and the link, without starting it
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex

ORDER = 8
WORKSPACE = True


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument(
        "--print-only",
        action="store_true",
        help="print the command that starts the page and its link, and exit",
    )


def run(args: argparse.Namespace) -> int:
    from postlab.app.server import NOTEBOOK, app_launch, free_port
    from postlab.exceptions import WorkspaceError
    from postlab.project import Project

    project = Project.find()
    if not project.found:
        raise WorkspaceError("not inside a postlab project: no postlab.yml here or above")
    project.data_folder()  # a missing data folder is one error now, not a broken page
    if not (project.workbench / NOTEBOOK).exists():
        raise WorkspaceError("the page's notebook is missing", path=project.workbench / NOTEBOOK)
    launch = app_launch(project, args.port or free_port(), secrets.token_urlsafe(24))
    if args.print_only:
        print(shlex.join(launch.command))
        print(launch.link)
        return 0
    print(f"postlab app: open {launch.link}  (Ctrl-C stops it)", flush=True)
    # this process becomes Voilà, so that stopping it (Ctrl-C, kill) stops the page
    os.chdir(project.workbench)
    os.execve(launch.command[0], launch.command, launch.env)
