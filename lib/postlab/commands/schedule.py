"""Make a randomised, balanced posting schedule for an experiment.

Writes DIR/<id>-schedule.csv (one row per slot: time, arm; and account when
the experiment spans several) and a calendar to import (DIR/<id>-schedule.ics,
or one per account). Each arm keeps within one slot of its planned share in
the whole plan, every week and every weekday x time slot, in a random order
fixed by the seed, so weekday, hour and news cycle cannot decide the result.
Bank holidays (England & Wales unless --holidays says otherwise) and the days
in --skip get no slot. Times are in each account's timezone (Europe/London
unless postlab.yml says otherwise). DIR defaults to the data folder's plans/.
Then set the experiment's assignment to the schedule file, as printed, or let
--assign do it: the file then takes its arms from the schedule and counts the
posts of the schedule's days (its period); its comments stay, and it is
checked before it is kept.

examples:
  postlab schedule experiments/humour-vs-serious-facebook.yml \\
      --from 2026-11-02 --to 2027-01-31 --slots "Mon-Fri 08:30,12:30,17:00; Sat 10:00" \\
      --seed 7 --skip 2026-12-24,2026-12-31 --data data/demo
  postlab schedule experiments/media-vs-text-x.yml --from 2027-01-04 --to 2027-02-26 \\
      --slots "Mon-Fri 09:00,13:00" --assign
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from postlab.project import PLANS_FOLDER, Project

ORDER = 60
WORKSPACE = True


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-02") from None


def _days(text: str) -> list[date]:
    return [_day(part.strip()) for part in text.split(",") if part.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("experiment", metavar="EXPERIMENT", help="the experiment file")
    parser.add_argument("--from", dest="start", type=_day, required=True, help="first day")
    parser.add_argument("--to", dest="end", type=_day, required=True, help="last day")
    parser.add_argument(
        "--slots",
        required=True,
        help='posting slots per weekday, e.g. "Mon-Fri 08:30,12:30,17:00; Sat 10:00"',
    )
    parser.add_argument("--seed", type=int, default=1, help="fixes the random order (default 1)")
    parser.add_argument(
        "--data", help="the team's data folder (default: the project's, postlab.yml data:)"
    )
    parser.add_argument(
        "--out", metavar="DIR", help="folder to write into (default: the data folder's plans/)"
    )
    parser.add_argument(
        "--assign",
        action="store_true",
        help="set the experiment's assignment to this schedule and its period to the "
        "schedule's days (the schedule must be in the data folder: no --out elsewhere)",
    )
    parser.add_argument(
        "--holidays",
        help="bank holidays to skip: GB-ENG (England & Wales, the default), GB-SCT, GB-NIR, "
        "another country code of the holidays package, or none (default: postlab.yml's "
        "schedule: holidays:)",
    )
    parser.add_argument(
        "--skip",
        type=_days,
        default=[],
        metavar="DATES",
        help="more days without posts, comma-separated (e.g. 2026-12-24,2026-12-31), "
        "besides those in postlab.yml's schedule: skip:",
    )


def run(args: argparse.Namespace) -> int:
    from postlab.experiment import load_experiment
    from postlab.experiment.schedule import plan_schedule

    project = Project.find()
    experiment = load_experiment(args.experiment)
    if project.settings.force:
        return _force_wide(project, experiment, args)
    # the data folder must exist when it is where the plan goes, or when it was typed
    needed = args.data is not None or args.out is None
    data_dir = project.data_folder(args.data) if needed else project.data
    written = plan_schedule(
        experiment,
        args.start,
        args.end,
        args.slots,
        seed=args.seed,
        out_dir=Path(args.out) if args.out else data_dir / PLANS_FOLDER,
        data_dir=data_dir,
        holidays=args.holidays,
        skip=args.skip,
    )
    print(written.describe() if args.assign else written)
    print(against_plan(experiment, written.schedule, data_dir, project.settings))
    if args.assign:
        print(assign(args.experiment, written, args.start, args.end))
    return 0


def assign(path, written, start, end) -> str:
    """Switch the experiment file to the schedule just written; what it now says."""
    from postlab.exceptions import ExperimentError
    from postlab.experiment.rewrite import assign_by_schedule

    if written.assignment_file is None:
        raise ExperimentError(
            "--assign: the schedule must be written inside the data folder (leave out --out)",
            path=written.csv_path,
        )
    assign_by_schedule(path, written.assignment_file, written.split, start, end)
    return (
        f"{path} now takes its arms from the schedule {written.assignment_file} and counts "
        f"the posts of {start} to {end} (its period)."
    )


def against_plan(experiment, schedule, data_dir, settings) -> str:
    """Whether the slots hold the posts the plan needs, and if not, how far they fall short."""
    from postlab.exceptions import PostlabError
    from postlab.experiment.plan import plan_experiment
    from postlab.loaders.cache import load_posts
    from postlab.words import how_long, plural, posts_needed, share

    try:
        plan = plan_experiment(experiment, load_posts(data_dir)[0], data_dir, settings=settings)
    except PostlabError:
        return (
            f"Not compared with a plan: `postlab plan {experiment.path}` needs past posts of "
            "the accounts in the data folder."
        )
    slots = schedule["arm"].value_counts()
    needs = posts_needed(plan.needed, plan.total_needed)
    if all(slots.get(arm, 0) >= n for arm, n in plan.needed.items()):
        return f"The slots hold what the plan needs ({needs}) for a {share(plan.mde)} change."
    weekly = len(schedule) / max(schedule["week"].nunique(), 1)
    return (
        f"These {plural(len(schedule), 'slot')} fall short of the plan: a {share(plan.mde)} change "
        f"needs {needs}, {how_long(plan.total_needed / weekly)} at {weekly:.1f} slots a week. "
        f"Add slots or weeks, or see `postlab plan {experiment.path}` for what would make it "
        "feasible."
    )


def _force_wide(project, experiment, args) -> int:
    """Every team of the force workspace gets its own plan, in its own data folder."""
    from postlab.exceptions import WorkspaceError
    from postlab.experiment import force

    if args.data or args.out:
        raise WorkspaceError("a force workspace writes each team's plan into its data folder")
    if args.assign:
        raise WorkspaceError(
            "--assign is for a team's experiment file: set the force's assignment as printed"
        )
    teams = force.members(project.root)
    written = force.schedule_teams(
        experiment,
        teams,
        args.start,
        args.end,
        args.slots,
        seed=args.seed,
        holidays=args.holidays,
        skip=args.skip,
    )
    for member, plan in zip(teams, written, strict=True):
        print(f"team {member.team}:\n{plan}\n")
    print(
        f"{len(teams)} teams, each on its own schedule from seed {args.seed} and its name: "
        "give each team its calendar; the assignment above is the same for all"
    )
    return 0
