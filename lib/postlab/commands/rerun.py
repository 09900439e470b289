"""Rerun every analysis and rebuild the analyse-and-improve record.

Runs notebooks/analyse_experiment.ipynb for each experiment in experiments/
(in parallel), the explore notebook, then notebooks/improve_record.ipynb, and
writes runs/<id>.ipynb, runs/<id>.html and record/ (RECORD.md, results.csv,
index.html). Experiments whose notebook, file, library and data are unchanged
are reused. A failed experiment keeps its last good result, marked stale, and
the command exits 1 naming the notebook to open. Inside a team's workspace (or
with --team) it uses that workspace's data, experiments, runs and record;
--all-teams reruns every team of the checkout, each into its own record.

examples:
  postlab rerun
  postlab rerun --team north-borough
  postlab rerun --all-teams
  postlab rerun humour-vs-serious-x --force
  postlab rerun --status running --workers 4
  postlab rerun --scheduler tls://10.0.0.5:8786   # certificates in certs/ (postlab cluster certs)
  postlab rerun --local        # even when postlab.yml names a Dask cluster
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from postlab.commands import summary as summary_page
from postlab.config import DEFAULT_CELL_TIMEOUT, load_settings
from postlab.exceptions import PostlabError, WorkspaceError
from postlab.project import Project, find_workbench, team_names, team_root, using

ORDER = 70
WORKSPACE = True


def configure(parser) -> None:
    parser.add_argument("experiments", nargs="*", help="experiment ids to rerun (default: all)")
    parser.add_argument("--status", help="only experiments with this status (e.g. running)")
    parser.add_argument(
        "--data", help="folder of exports and labels (default: the project's, postlab.yml data:)"
    )
    parser.add_argument(
        "--all-teams",
        action="store_true",
        help="rerun every team workspace of the checkout (teams/*), each into its own record",
    )
    parser.add_argument(
        "--experiments-dir", help="folder of experiment files (default: experiments)"
    )
    parser.add_argument("--runs", help="folder for executed notebooks and reports (default: runs)")
    parser.add_argument("--record", help="folder of the record (default: record)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="rerun everything, reuse nothing (with ids: those experiments; the explore "
        "notebook only if it changed)",
    )
    parser.add_argument("--workers", type=int, help="parallel notebooks (default: number of cores)")
    parser.add_argument(
        "--scheduler",
        help="address of a Dask scheduler to run the notebooks on, tls://HOST:PORT "
        "(TLS files: dask: tls: in postlab.yml, else certs/) "
        "(default: dask: scheduler: in postlab.yml, if any)",
    )
    parser.add_argument(
        "--local", action="store_true", help="run locally even if postlab.yml names a Dask cluster"
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=DEFAULT_CELL_TIMEOUT,
        help=f"seconds a cell may run (default {DEFAULT_CELL_TIMEOUT})",
    )
    parser.add_argument("--no-explore", action="store_true", help="skip the explore notebook")
    parser.add_argument(
        "--rerun-at",
        help="timestamp written in the history (default: now, UTC), for reproducible records",
    )


def run(args) -> int:
    from postlab.run.rerun import RerunOptions, rerun

    if args.all_teams:
        return _all_teams(args)
    project = Project.find()
    if not project.found:
        raise PostlabError("not inside a postlab project: no postlab.yml here or above")

    def inside(given, default: str) -> str:
        return project.relative(project.path(given, default))

    force = project.settings.force  # a force workspace reads its teams' data folders
    if force and args.data:
        raise WorkspaceError("a force workspace analyses its teams' own data: drop --data")
    # relative even outside the project (a workspace's data: ../../data/<team>): no machine paths
    data = "." if force else os.path.relpath(project.data_folder(args.data).resolve(), project.root)
    summary = rerun(
        RerunOptions(
            root=str(project.root),
            data_dir=data,
            experiments_dir=inside(args.experiments_dir, project.experiments_dir),
            runs_dir=inside(args.runs, project.runs_dir),
            record_dir=inside(args.record, project.record_dir),
            names=tuple(args.experiments),
            status=args.status,
            force=args.force,
            workers=args.workers,
            scheduler=None if args.local else args.scheduler or project.settings.dask_scheduler,
            cell_timeout=args.cell_timeout,
            rerun_at=args.rerun_at,
            progress=sys.stderr.isatty(),
            explore=not (args.no_explore or force),
        )
    )
    summary.record_dir = Path(os.path.relpath(project.root / summary.record_dir))  # as typed here
    print(summary)
    return summary.exit_code


def _all_teams(args) -> int:
    """Each team in turn, as if run inside its workspace; the worst exit code wins."""
    own_folders = [args.data, args.experiments_dir, args.runs, args.record, args.team]
    if any(given is not None for given in own_folders):
        raise WorkspaceError(
            "--all-teams uses each team's own folders: drop --team, --data, "
            "--experiments-dir, --runs and --record"
        )
    # force workspaces last: they read the teams' data, which the teams' reruns check first
    teams = sorted(team_names(), key=lambda team: load_settings(team_root(team)).force)
    if not teams:
        raise WorkspaceError("no team workspaces in teams/: make one with `postlab init TEAM`")
    for team in teams:  # every team's data folder exists before any notebook starts
        project = Project.find(team=team)
        if not project.settings.force:
            project.data_folder()
    one_team = argparse.Namespace(**{**vars(args), "all_teams": False})
    worst = 0
    for team in teams:
        print(f"team {team}:")
        with using(team_root(team)):
            worst = max(worst, run(one_team))
    print(f"across teams: {summary_page.written(find_workbench())}")
    return worst
