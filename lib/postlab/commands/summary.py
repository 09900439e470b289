"""One page across teams: every team's experiments, verdicts and pooled effects.

Reads the record of each team workspace (teams/<team>/record/, written by
postlab rerun in that workspace) and writes summary/index.html (self-contained)
and summary/SUMMARY.md. Experiments that share an id, or a tag in their file
(tags: [humour-x]), are pooled across teams with a random-effects model, so one
borough's result can inform the others.

examples:
  postlab summary
  postlab summary --out /tmp/force-summary
"""

from __future__ import annotations

import os
from pathlib import Path

from postlab.exceptions import PostlabError
from postlab.project import Project
from postlab.run import summary as pages

ORDER = 75


def configure(parser) -> None:
    parser.add_argument("--out", help="folder for index.html and SUMMARY.md (default: summary)")


def run(args) -> int:
    workbench = _workbench()
    if not pages.team_folders(workbench):
        raise PostlabError(
            f"no team workspaces in {os.path.relpath(workbench / pages.TEAMS_FOLDER)}: "
            "make one with postlab init TEAM and rerun it"
        )
    out = Path(args.out) if args.out else workbench / "summary"
    summary = pages.build_summary(workbench, out.resolve())
    pages.write_summary(summary, out)
    shown = os.path.relpath(out)
    print(
        f"{len(summary.experiments)} experiments of {len(summary.teams)} teams, "
        f"{len(summary.groups)} pooled across teams: "
        f"{os.path.join(shown, pages.HTML_FILE)} and {os.path.join(shown, pages.MARKDOWN_FILE)}"
    )
    return 0


def _workbench() -> Path:
    """The checkout holding teams/: the nearest project at or above here that has it."""
    root = Project.find().root
    for folder in (root, *root.parents):
        if (folder / pages.TEAMS_FOLDER).is_dir():
            return folder
    return root
