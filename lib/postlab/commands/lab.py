"""Open JupyterLab on the team's workspace, with the team's own copies of the notebooks.

Inside teams/<team>/ (or with --team) it copies the notebooks a team runs by
hand (label_posts, explore_engagement, plan_experiment) into the workspace's
notebooks/ folder the first time, their data folder set to the team's and
their demo outputs cleared; what you save there is the team's own and never
changes the tracked notebooks. In the repository it opens the demo. JupyterLab
listens on this machine only and prints one link to open; stop it with Ctrl-C.

examples:
  postlab lab
  postlab lab --team north-borough
  postlab lab --port 8899 --browser
"""

from __future__ import annotations

ORDER = 78
WORKSPACE = True


def configure(parser) -> None:
    parser.add_argument("--port", type=int, help="the port to listen on (default: a free one)")
    parser.add_argument(
        "--browser", action="store_true", help="also open a web browser on this machine"
    )
    parser.add_argument(
        "--print-only",
        action="store_true",
        help="make the team's copies and print the JupyterLab command instead of running it",
    )


def run(args) -> int:
    import os
    import shlex
    import subprocess

    from postlab.project import Project
    from postlab.run.lab import jupyter_environment, lab_command, team_copies

    project = Project.find()
    for path in team_copies(project):
        print(f"your copy: {os.path.relpath(path)}")
    command = lab_command(project, port=args.port, browser=args.browser)
    if args.print_only:
        print(shlex.join(command))
        return 0
    try:
        return subprocess.call(command, env=jupyter_environment(project))
    except KeyboardInterrupt:
        return 0
