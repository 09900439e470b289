"""Re-execute the stored notebooks in place on the demo data.

Run this after an intended change to the library (a new wording, a rounding,
a new figure): it rebuilds the demo's sample record (data/demo-record), runs
every notebook in notebooks/ with papermill, strips run metadata, and writes
them back with outputs, so that nbval (make test) compares against the new
outputs. Review the diff before committing.

examples:
  postlab notebooks
  postlab notebooks analyse_experiment
"""

from __future__ import annotations

ORDER = 80


def configure(parser) -> None:
    parser.add_argument("names", nargs="*", help="notebook names without .ipynb (default: all)")


def run(args) -> int:
    from postlab.run.notebooks import refresh

    for path in refresh(names=tuple(args.names)):
        print(f"executed {path.relative_to(path.parents[1])}")
    return 0
