"""Make a team's own workspace, apart from the demo.

Creates teams/TEAM/ in this checkout: postlab.yml (commented: the data folder,
accounts and timezones, privacy allow-lists, day-first exports), the data
folder with exports/ and plans/, and experiments/. Every command run inside it
(or with --team TEAM from the repository root) uses its data, experiments,
runs and record, never the demo's. --data names a data folder you already
have instead of making teams/TEAM/data/.

examples:
  postlab init north-borough
  postlab init north-borough --data data/north-borough
"""

from __future__ import annotations

import argparse
import os

from postlab.project import MARKER, Project, create_workspace

ORDER = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name", metavar="TEAM", help="the team's name: lower-case letters, digits and dashes"
    )
    parser.add_argument(
        "--data", help="an existing data folder to use (default: make TEAM's own data/)"
    )


def run(args: argparse.Namespace) -> int:
    root = create_workspace(args.name, data=args.data)
    shown = os.path.relpath(root)
    settings = os.path.relpath(root / MARKER)
    data = os.path.relpath(Project.find(root).data)
    print(
        f"made {shown}/ for team {args.name}: put the exports in {data}/exports/, fill in "
        f"{settings} (accounts, handles), then work inside {shown} (or add --team {args.name})"
    )
    return 0
