"""Say how many posts an experiment needs, and how long that takes.

Uses the past posts of the experiment's accounts (before its period, or all
posts if there are none) to estimate how much the primary metric varies and
how often the accounts post. Prints the posts per arm needed to detect the
experiment's mde with 80 % power in the experiment's analysis mode
(sequential, the default: the team may look at every rerun; or fixed: one
look at the planned posts), what a fixed-sample test would need, the smallest
change the period can detect, the weeks needed at the usual posting rate, and
what the numbers assume. The spread is taken at an upper bound, as a short
history understates it. An experiment that needs more than a year gets
suggestions: the mde reachable in 12 weeks, a metric with less noise, more
accounts.

examples:
  postlab plan experiments/humour-vs-serious-facebook.yml
  postlab plan experiments/humour-vs-serious-facebook.yml --data data/demo --json
"""

from __future__ import annotations

import argparse
import json

from postlab.project import Project

ORDER = 50
WORKSPACE = True


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("experiment", metavar="EXPERIMENT", help="the experiment file")
    parser.add_argument(
        "--data", help="folder of exports and labels (default: the project's, postlab.yml data:)"
    )
    parser.add_argument("--json", action="store_true", help="print the plan's numbers as JSON")


def run(args: argparse.Namespace) -> int:
    from postlab.exceptions import PostlabError
    from postlab.experiment import force, load_experiment
    from postlab.experiment.plan import plan_experiment
    from postlab.loaders.cache import load_posts

    project = Project.find()
    experiment = load_experiment(args.experiment)
    teams = force.members(project.root)  # a force workspace: every team's posts count
    if not teams:
        data = project.data_folder(args.data)
        posts = load_posts(data)[0]
    try:
        if teams:
            plan = force.plan_pooled(experiment, project.root)
        else:
            plan = plan_experiment(experiment, posts, data, settings=project.settings)
    except PostlabError as error:
        error.path = error.path or str(args.experiment)
        raise
    if teams and not args.json:
        names = ", ".join(m.team for m in teams)
        print(f"Force-wide: the posts of {len(teams)} teams together ({names}).")
    if args.json:
        print(json.dumps({**plan.to_dict(), "caveats": experiment.caveats()}, indent=2))
    else:
        print(plan, *(f"Caveat: {text}." for text in experiment.caveats()), sep="\n")
    return 0
