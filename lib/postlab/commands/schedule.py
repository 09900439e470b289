"""Make a randomised, balanced posting schedule for an experiment.

Writes DIR/<id>-schedule.csv (one row per slot: time, arm) and
DIR/<id>-schedule.ics (import it into the team's calendar). Every week and
every time of day gets each arm in its planned share, in a random order
fixed by the seed, so weekday, hour and news cycle cannot decide the result.
Times are in the account's timezone (Europe/London unless postlab.yml says
otherwise). Then set the experiment's assignment to the schedule file.

examples:
  postlab schedule experiments/humour-vs-serious-facebook.yml \\
      --from 2026-11-02 --to 2027-01-31 --slots "Mon-Fri 08:30,12:30,17:00; Sat 10:00" \\
      --seed 7 --out data/demo/plans
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

ORDER = 60
WORKSPACE = True


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-02") from None


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
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into")


def run(args: argparse.Namespace) -> int:
    from postlab.experiment import load_experiment
    from postlab.experiment.schedule import plan_schedule

    experiment = load_experiment(args.experiment)
    written = plan_schedule(
        experiment, args.start, args.end, args.slots, seed=args.seed, out_dir=Path(args.out)
    )
    print(written)
    return 0
