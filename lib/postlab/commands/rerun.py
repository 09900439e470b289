"""Rerun every analysis and rebuild the analyse-and-improve record.

Runs notebooks/analyse_experiment.ipynb for each experiment in experiments/
(in parallel), the explore notebook, then notebooks/improve_record.ipynb, and
writes runs/<id>.ipynb, runs/<id>.html and record/ (RECORD.md, results.csv,
index.html). Experiments whose notebook, file, library and data are unchanged
are reused. A failed experiment keeps its last good result, marked stale, and
the command exits 1 naming the notebook to open.

examples:
  postlab rerun
  postlab rerun humour-vs-serious-x --force
  postlab rerun --status running --workers 4
  postlab rerun --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import sys

from postlab.run.rerun import RerunOptions, rerun

ORDER = 70


def configure(parser) -> None:
    parser.add_argument("experiments", nargs="*", help="experiment ids to rerun (default: all)")
    parser.add_argument("--status", help="only experiments with this status (e.g. running)")
    parser.add_argument(
        "--data", default="data/demo", help="folder of exports and labels (default: data/demo)"
    )
    parser.add_argument(
        "--experiments-dir", default="experiments", help="folder of experiment files"
    )
    parser.add_argument("--runs", default="runs", help="folder for executed notebooks and reports")
    parser.add_argument("--record", default="record", help="folder of the record")
    parser.add_argument("--force", action="store_true", help="rerun everything, reuse nothing")
    parser.add_argument("--workers", type=int, help="parallel notebooks (default: number of cores)")
    parser.add_argument("--scheduler", help="address of a Dask scheduler to run the notebooks on")
    parser.add_argument(
        "--cell-timeout", type=int, default=600, help="seconds a cell may run (default 600)"
    )
    parser.add_argument("--no-explore", action="store_true", help="skip the explore notebook")
    parser.add_argument(
        "--rerun-at",
        help="timestamp written in the history (default: now, UTC), for reproducible records",
    )


def run(args) -> int:
    summary = rerun(
        RerunOptions(
            data_dir=args.data,
            experiments_dir=args.experiments_dir,
            runs_dir=args.runs,
            record_dir=args.record,
            names=tuple(args.experiments),
            status=args.status,
            force=args.force,
            workers=args.workers,
            scheduler=args.scheduler,
            cell_timeout=args.cell_timeout,
            rerun_at=args.rerun_at,
            progress=sys.stderr.isatty(),
            explore=not args.no_explore,
        )
    )
    print(summary)
    return summary.exit_code
