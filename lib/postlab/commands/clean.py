"""Remove what a rerun rebuilds in the workspace you are in: its cache and its reports.

The cache (.cache/) holds copies of the posts table with post text as
exported, so a stale one is worth removing (postlab check --privacy flags it);
runs/ holds the reports, which the next rerun rebuilds. The record (record/)
holds the history of verdicts and is kept unless --record is given. Inside
teams/<team>/ (or with --team) only that team's; in the repository, the demo's.

examples:
  postlab clean
  postlab clean --team north-borough
  postlab clean --record
"""

from __future__ import annotations

ORDER = 95
WORKSPACE = True


def configure(parser) -> None:
    parser.add_argument(
        "--record", action="store_true", help="remove the record too (its history is lost)"
    )


def run(args) -> int:
    import os
    import shutil

    from postlab.project import Project

    project = Project.find()
    folders = [project.cache, project.runs] + ([project.record] if args.record else [])
    removed = [folder for folder in folders if folder.is_dir()]
    for folder in removed:
        shutil.rmtree(folder)
    where = project.team or "the demo project"
    if removed:
        names = ", ".join(os.path.relpath(folder) for folder in removed)
        print(f"removed {names} ({where})")
    else:
        print(f"nothing to remove in {where}")
    return 0
