"""Check experiment and labels files against each other and the data.

Lists one line per problem and a summary, and exits non-zero on any
problem: wrong or unknown fields (with the line), labels files with
duplicated or spreadsheet-damaged post ids and labelled ids that match no
post, accounts the data does not know (with a did-you-mean), periods outside
the data's dates, and arms with fewer posts than a verdict needs. With --privacy, scans notebooks, the record and runs
(or the PATHS given) for personal data instead.

examples:
  postlab check
  postlab check experiments/humour-vs-serious-x.yml --data data/demo
  postlab check --privacy
  postlab check --privacy notebooks record
"""

from __future__ import annotations

import argparse
import functools
import os
from pathlib import Path

from postlab.project import Project

ORDER = 40
WORKSPACE = True
DEFAULT_PRIVACY_PATHS = ("notebooks", "record", "runs")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILES",
        help="experiment (.yml) and labels (.csv) files (default: experiments/*.yml)",
    )
    parser.add_argument(
        "--data", help="folder of exports and labels (default: the project's, postlab.yml data:)"
    )
    parser.add_argument(
        "--privacy",
        nargs="*",
        metavar="PATHS",
        help="scan for personal data (default PATHS: notebooks, record, runs where they exist)",
    )


def run(args: argparse.Namespace) -> int:
    failed = False
    if args.files or args.privacy is None:
        failed |= _check_files(args)
    if args.privacy is not None:
        failed |= _check_privacy(args.privacy or DEFAULT_PRIVACY_PATHS, explicit=bool(args.privacy))
    return 1 if failed else 0


def _check_files(args) -> bool:
    from postlab.experiment.check import check_files

    project = Project.find()
    data = project.data_folder(args.data)
    found = sorted(project.experiments.glob("*.yml"))
    files = [Path(f) for f in args.files] or [Path(os.path.relpath(p)) for p in found]
    report = check_files(files, data, functools.cache(lambda: _load(data)))
    for line in report.passed:
        print(f"ok  {line}")
    for problem in report.problems:
        print(problem)
    print(report)
    return bool(report.problems)


def _load(data_dir: Path):
    from postlab.loaders import load

    return load([data_dir])


def _check_privacy(paths, *, explicit: bool) -> bool:
    from postlab.privacy import scan_paths

    if not explicit:
        root = Project.find().root
        paths = [os.path.relpath(root / p) for p in paths]
    present = [p for p in paths if Path(p).exists()]
    for missing in sorted(set(paths) - set(present)):
        if explicit:
            print(f"{missing}: not there (skipped)")
    findings = scan_paths(present)
    for finding in findings:
        print(finding)
    where = ", ".join(present) or "nothing to scan"
    print(f"privacy: {len(findings)} finding{'s' if len(findings) != 1 else ''} in {where}")
    return bool(findings)
