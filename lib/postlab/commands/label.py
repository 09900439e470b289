"""Suggest labels for the posts nobody has labelled, and measure how good they are.

The team labels posts by hand in notebooks/label_posts.ipynb (answers go to
labels.csv at once). Then:

  suggest  trains a text classifier on the hand labels of a column and writes
           <column>_suggested and <column>_confidence to labels.csv for every
           post without a hand label (hand labels are never overwritten; an
           experiment uses suggestions only with `use_suggestions: true`)
  curve    on a data folder whose labels are all known (the demo), prints the
           accuracy of suggestions against the number of posts labelled by hand

examples:
  postlab label suggest --column tone
  postlab label suggest --team north-borough --column tone
  postlab label curve --data data/demo --column tone
"""

from __future__ import annotations

import argparse

ORDER = 35
WORKSPACE = True
SUGGEST = """Write suggested labels for the posts nobody has labelled.

Trains a text classifier on the hand labels of COLUMN in labels.csv and writes
COLUMN_suggested and COLUMN_confidence for every post without a hand label.
Hand labels are never overwritten; an experiment uses the suggestions only
with `use_suggestions: true` in its assignment, and its report says how many.
It writes nothing until the suggestions, cross-validated on the hand labels,
beat always guessing the most common value, and says about how many more
labels that needs. The data folder is the workspace's (inside teams/<team>/,
or with --team), unless --data names another.

examples:
  postlab label suggest --column tone
  postlab label suggest --data data/<your-team> --column tone --seed 7
  postlab label suggest --team north-borough --column format
"""
CURVE = """How good suggestions are, against the number of posts labelled by hand.

On a data folder whose labels are all known (the demo), trains on 25, 50, 100
and 200 hand labels (--sizes), a few seeded times each (--repeats), and prints
the accuracy on the other posts: how many posts the team should label before
trusting the suggestions.

examples:
  postlab label curve --data data/demo --column tone
  postlab label curve --data data/demo --column format --sizes 20,40,80 --repeats 3
"""


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    suggest = actions.add_parser(
        "suggest",
        help="write suggested labels to labels.csv",
        description=SUGGEST,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    curve = actions.add_parser(
        "curve",
        help="accuracy of suggestions against posts labelled",
        description=CURVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for sub in (suggest, curve):
        sub.add_argument(
            "--data", help="folder of exports and labels.csv (default: the project's data folder)"
        )
        sub.add_argument("--column", required=True, help="the label column, e.g. tone")
        sub.add_argument("--labels", help="labels file (default: DATA/labels.csv)")
        sub.add_argument("--seed", type=int, help="seed (default: the project default)")
    curve.add_argument(
        "--sizes", default="25,50,100,200", help="posts labelled by hand (default 25,50,100,200)"
    )
    curve.add_argument("--repeats", type=int, default=5, help="seeded repeats per size (default 5)")


def run(args: argparse.Namespace) -> int:
    from postlab.project import DEFAULT_SEED, Project

    args.seed = DEFAULT_SEED if args.seed is None else args.seed
    args.data = str(Project.find().data_folder(args.data))
    if args.action == "suggest":
        from postlab.labelling.suggest import suggest

        print(suggest(args.data, args.column, labels_file=args.labels, seed=args.seed))
        return 0
    print(_curve(args))
    return 0


def _curve(args: argparse.Namespace):
    import warnings
    from pathlib import Path

    from postlab.exceptions import AnalysisError
    from postlab.labelling.curve import learning_curve
    from postlab.labelling.session import LABELS_FILE
    from postlab.labelling.store import LabelsFile, post_keys
    from postlab.loaders import load

    try:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    except ValueError:
        raise AnalysisError(
            f"--sizes {args.sizes!r} is not a list of numbers", field="sizes"
        ) from None
    store = LabelsFile(Path(args.labels or Path(args.data) / LABELS_FILE), args.column)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        posts = load([args.data])
    labels = post_keys(posts, by_platform=store.by_platform).map(store.human())
    return learning_curve(
        posts["text"], labels, args.column, sizes=sizes, repeats=args.repeats, seed=args.seed
    )
