"""Make a team's own workspace, apart from the demo.

Creates teams/TEAM/ in this checkout: postlab.yml (commented: the data folder,
accounts and timezones, privacy allow-lists, day-first exports), the data
folder with exports/ and plans/, and experiments/. Every command run inside it
(or with --team TEAM from the repository root) uses its data, experiments,
runs and record, never the demo's. --data names a data folder you already
have instead of making teams/TEAM/data/. --teams makes a force workspace
instead: its experiments are force-wide, run by the teams it names (or all)
each on its own schedule, and analysed on their pooled posts (docs/analyst/rerun.md,
"Force-wide experiments").

examples:
  postlab init north-borough
  postlab init north-borough --data data/north-borough
  postlab init force --teams all
  postlab init east-force --teams east-borough,elm-borough
"""

from __future__ import annotations

import argparse
import os

from postlab.exceptions import WorkspaceError
from postlab.project import MARKER, Project, create_workspace

ORDER = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name", metavar="TEAM", help="the team's name: lower-case letters, digits and dashes"
    )
    parser.add_argument(
        "--data", help="an existing data folder to use (default: make TEAM's own data/)"
    )
    parser.add_argument(
        "--teams",
        help="make a force workspace for these teams' force-wide experiments: "
        "all, or names separated by commas",
    )


def run(args: argparse.Namespace) -> int:
    if args.teams:
        if args.data:
            raise WorkspaceError("a force workspace reads its teams' data: drop --data")
        teams = tuple(t.strip() for t in args.teams.split(",") if t.strip())
        root = create_workspace(args.name, teams=teams)
        print(
            f"made {os.path.relpath(root)}/ for the force's experiments over "
            f"{', '.join(teams)}: write them in {os.path.relpath(root / 'experiments')}/, "
            f"then `postlab plan`, `postlab schedule` and `postlab rerun` inside it"
        )
        return 0
    root = create_workspace(args.name, data=args.data)
    shown = os.path.relpath(root)
    settings = os.path.relpath(root / MARKER)
    data = os.path.relpath(Project.find(root).data)
    print(
        f"made {shown}/ for team {args.name}: put the exports in {data}/exports/, fill in "
        f"{settings} (accounts, handles), then work inside {shown} (or add --team {args.name})"
    )
    return 0
