"""Read platform exports (files or folders) into one posts table.

Every layout is detected from the file's columns; overlapping exports are
merged (the latest export of a post wins) and every dropped row is counted.

examples:
  postlab load                                     the project's data folder
  postlab load data/exports/                       posts per account and period
  postlab load data/exports/ --report              the full load report
  postlab load data/exports/ --out posts.parquet   write the table (post text scrubbed)
  postlab load x/ --account x/old=MPSNorthbrook    name the account of a folder
  postlab load x/ --day-first 'x/2019-*.csv'      files whose dates are day-first
"""

from __future__ import annotations

import argparse
from pathlib import Path

ORDER = 10
WORKSPACE = True
DEFAULT_OPTIONS = dict(accounts={}, young_hours=48, mappings=None, day_first=[], allow_empty=False)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="export files or folders (default: the project's data folder)",
    )
    parser.add_argument("--out", type=Path, help="write the posts table (.parquet or .csv)")
    parser.add_argument("--report", action="store_true", help="print the full load report")
    parser.add_argument(
        "--young-hours",
        type=float,
        default=48,
        metavar="N",
        help="count posts younger than N hours when exported (default 48)",
    )
    parser.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="PATH=NAME",
        help="name the account of a file or folder (or rename a detected one)",
    )
    parser.add_argument(
        "--mapping",
        action="append",
        default=None,
        metavar="YAML",
        help="a generic column mapping (default: mappings/*.yml if present)",
    )
    parser.add_argument(
        "--day-first",
        action="append",
        default=[],
        metavar="GLOB",
        help="files whose numeric dates are day-first (like exports: day_first: in postlab.yml)",
    )
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="accept a load that finds no posts (default: an error saying why)",
    )
    parser.add_argument(
        "--keep-text",
        action="store_true",
        help="write post text as it is (default: personal data scrubbed)",
    )


def run(args: argparse.Namespace) -> int:
    from postlab.exceptions import ExportError
    from postlab.files import file_pattern
    from postlab.loaders import load_with_report
    from postlab.loaders.cache import load_posts
    from postlab.posts.io import write_posts
    from postlab.project import Project

    for glob in args.day_first:
        file_pattern(glob, ExportError, field="--day-first")
    accounts = {}
    for item in args.account:
        key, sep, name = item.partition("=")
        if not sep or not key or not name:
            raise ExportError(f"--account {item!r}: expected PATH=NAME")
        accounts[key] = name
    if args.out is not None and args.out.suffix.lower() not in (".parquet", ".csv"):
        raise ExportError("--out must end in .parquet or .csv", path=args.out)
    project = Project.find()
    settings = project.settings
    options = dict(
        accounts=accounts,
        young_hours=args.young_hours,
        mappings=args.mapping,
        day_first=args.day_first,
        allow_empty=args.allow_empty,
    )
    if (
        not args.paths and options == DEFAULT_OPTIONS
    ):  # the project's data, as every command reads it
        posts, report = load_posts(project.data_folder())
    else:
        posts, report = load_with_report(
            args.paths or [project.data_folder()], settings=settings, **options
        )
    if args.report:
        print(report, "", sep="\n")
    print(summary(posts))
    if args.out is not None:
        write_posts(posts, args.out, settings, keep_text=args.keep_text)
        print(f"wrote {len(posts)} posts to {args.out}")
    if report.refused:
        raise ExportError(_refused(report, args.out))
    return 0


def _refused(report, out) -> str:
    """One line for the files a folder load refused: the others loaded, but not all of them."""
    first, count = report.refused[0], len(report.refused)
    total = count + len(report.files)
    written = f" and were written to {out}" if out is not None else ""
    return (
        f"{first.path} {first.reason}"
        + (f" (and {count - 1} more: see --report)" if count > 1 else "")
        + f"; {count} of {total} files refused, the others' {report.posts} posts loaded{written}"
    )


def summary(posts) -> str:
    """Posts per platform and account, and the period they cover."""
    from postlab.words import plural

    if posts.empty:
        return "no posts found"
    groups = posts.groupby(["platform", "account"], sort=True)["published_at"]
    lines = [f"{plural(len(posts), 'post')} in {plural(groups.ngroups, 'account')}"]
    for (platform, account), times in groups:
        first, last = times.min(), times.max()
        period = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if times.notna().any() else "no dates"
        count = f"{len(times):>7,} post{'s' if len(times) != 1 else ' '}"
        lines.append(f"  {platform:<10} {account:<32} {count}  {period}")
    return "\n".join(lines)
