"""One page across teams: every team's experiments, verdicts and pooled effects.

Reads the record of each team workspace (teams/<team>/record/, written by
postlab rerun in that workspace, or by postlab rerun --all-teams, which also
writes this page) and writes summary/index.html (self-contained) and
summary/SUMMARY.md. Experiments that share an id, or a tag in their file
(tags: [humour-x]), are pooled across teams with a random-effects model, so one
borough's result can inform the others.

examples:
  postlab summary
  postlab summary --out /tmp/force-summary
"""

from __future__ import annotations

import os
from pathlib import Path

from postlab.exceptions import WorkspaceError
from postlab.project import find_workbench, team_names

ORDER = 75
WORKSPACE = True


def configure(parser) -> None:
    parser.add_argument("--out", help="folder for index.html and SUMMARY.md (default: summary)")


def run(args) -> int:
    workbench = find_workbench()
    if not team_names(workbench):
        raise WorkspaceError("no team workspaces in teams/: make one with `postlab init TEAM`")
    print(written(workbench, Path(args.out) if args.out else None))
    return 0


def written(workbench: Path, out: Path | None = None) -> str:
    """Write the page; say where, as seen from here."""
    from postlab.run import summary as pages

    out = out or workbench / pages.SUMMARY_FOLDER
    summary = pages.write_summary(workbench, out)
    shown = os.path.relpath(out)
    return (
        f"{len(summary.experiments)} experiments of {len(summary.teams)} teams, "
        f"{len(summary.groups)} pooled across teams: "
        f"{os.path.join(shown, pages.HTML_FILE)} and {os.path.join(shown, pages.MARKDOWN_FILE)}"
    )
