"""Say how many posts an experiment needs, and how long that takes.

Uses the past posts of the experiment's accounts (before its period, or all
posts if there are none) to estimate how much the primary metric varies and
how often the accounts post. Prints the posts per arm needed to detect the
experiment's mde with 80 % power, the smallest change the period can detect,
and the weeks needed at the usual posting rate.

examples:
  postlab plan experiments/humour-vs-serious-facebook.yml
  postlab plan experiments/humour-vs-serious-facebook.yml --data data/demo
"""

from __future__ import annotations

import argparse

from postlab.project import Project

ORDER = 50
WORKSPACE = True


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("experiment", metavar="EXPERIMENT", help="the experiment file")
    parser.add_argument(
        "--data", help="folder of exports and labels (default: the project's, postlab.yml data:)"
    )


def run(args: argparse.Namespace) -> int:
    from postlab.experiment import load_experiment
    from postlab.experiment.plan import plan_experiment
    from postlab.loaders import load

    project = Project.find()
    data = project.data_folder(args.data)
    experiment = load_experiment(args.experiment)
    print(plan_experiment(experiment, load([data]), data, settings=project.settings))
    return 0
