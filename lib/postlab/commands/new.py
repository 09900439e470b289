"""Start a new experiment file from a commented template.

Writes experiments/ID.yml with every field explained, ready to edit, and
refuses to overwrite an existing file. --schedule if the team will follow a
randomised posting schedule (a planned split, arms from the schedule);
without it the file has no planned split and the design is observational.
--column takes the arms from a column of the posts table (has_media,
asks_question, hour_block, ...); a yes/no column's arms default to false,true
and read "without media" / "with media" in every output.

examples:
  postlab new humour-vs-serious-instagram --platform instagram
  postlab new live-vs-recorded-youtube --platform youtube --arms recorded,live
  postlab new question-vs-statement-x --schedule --arms statement,question
  postlab new media-vs-text-x --column has_media
"""

from __future__ import annotations

import argparse
import os

from postlab.project import Project

ORDER = 30
WORKSPACE = True


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="lower-case letters, digits and dashes")
    parser.add_argument("--title", help="a short name (default: from the id)")
    parser.add_argument("--platform", default="x", help="x, facebook, instagram, youtube, other")
    parser.add_argument(
        "--arms",
        help="control first, then the treatments, comma-separated (default: serious,humorous; "
        "false,true with a yes/no --column)",
    )
    parser.add_argument(
        "--column",
        help="take the arms from this column of the posts table (has_media, asks_question, "
        "hour_block, ...) instead of labels.csv's tone",
    )
    parser.add_argument(
        "--dir", help="folder of experiment files (default: experiments in the project)"
    )
    parser.add_argument(
        "--schedule",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="the team will follow a randomised posting schedule (`postlab schedule`): plan a "
        "split and take arms from the schedule; --no-schedule (default): the team chooses "
        "each post's style, no planned split (observational)",
    )


def run(args: argparse.Namespace) -> int:
    from postlab.experiment.template import new_experiment

    arms = tuple(arm.strip() for arm in args.arms.split(",")) if args.arms else None
    project = Project.find()
    path = new_experiment(
        args.id,
        folder=project.path(args.dir, project.experiments_dir),
        title=args.title,
        platform=args.platform,
        arms=arms,
        schedule=args.schedule,
        column=args.column,
    )
    path = os.path.relpath(path)  # as the user would type it from here
    design = (
        f"a randomised design; make its plan with `postlab schedule {path} ...`"
        if args.schedule
        else "an observational design with no planned split (--schedule plans a randomised one)"
    )
    print(
        f"wrote {path}: {design}. Fill in the hypothesis (TODO), accounts and period, "
        f"then `postlab check {path}`"
    )
    return 0
