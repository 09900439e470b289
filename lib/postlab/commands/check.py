"""Check experiment and labels files against each other and the data.

Lists one line per problem and a summary, and exits non-zero on any
problem: wrong or unknown fields (with the line), labels files with
duplicated or spreadsheet-damaged post ids and labelled ids that match no
post, accounts the data does not know (with a did-you-mean), periods outside
the data's dates, and arms with fewer posts than a verdict needs. With
--privacy, scans notebooks, the record and runs (or the PATHS given, dotfiles
and partial notebooks included) for personal data instead, compares them with
the raw post texts of the --data folder, and flags caches of post text older
than the last run.

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
        "--data",
        help="folder of exports and labels (default: the project's, postlab.yml data:; with "
        "--privacy: the raw posts the outputs came from)",
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
        failed |= _check_privacy(
            args.privacy or DEFAULT_PRIVACY_PATHS, args.data, explicit=bool(args.privacy)
        )
    return 1 if failed else 0


def _check_files(args) -> bool:
    from postlab.experiment.check import check_files

    project = Project.find()
    found = sorted(project.experiments.glob("*.yml"))
    files = [Path(f) for f in args.files] or [Path(os.path.relpath(p)) for p in found]
    if project.settings.force and args.data is None:  # each team's data, its own schedule
        from postlab.experiment import force

        failed, teams = False, force.members(project.root)
        pooled = functools.cache(lambda: force.pooled_posts(teams))  # accounts: any team's
        for member in teams:
            print(f"team {member.team}:")
            failed |= _report(check_files(files, member.data, pooled))
        return failed
    data = project.data_folder(args.data)
    return _report(check_files(files, data, functools.cache(lambda: _load(data))))


def _report(report) -> bool:
    for line in report.passed:
        print(line)
    for problem in report.problems:
        print(problem)
    print(report)
    return bool(report.problems)


def _load(data_dir: Path):
    from postlab.loaders.cache import load_posts

    return load_posts(data_dir)[0]


def _check_privacy(paths, data_dir: str | None, *, explicit: bool) -> bool:
    from postlab.privacy import scan_paths

    project = Project.find()
    if not explicit:
        paths = [os.path.relpath(project.root / p) for p in paths]
    present = [p for p in paths if Path(p).exists()]
    for missing in sorted(set(paths) - set(present)):
        if explicit:
            print(f"{missing}: not there (skipped)")
    findings = scan_paths(present, _scan_settings(project))
    data = project.path(data_dir, project.data_dir)
    compared = _compare_with_raw(project, present, data, given=data_dir is not None)
    findings += compared.findings if compared else []
    for finding in findings:
        print(finding)
    print(compared or f"raw comparison: skipped, no data folder {data} (give --data)")
    where = ", ".join(present) or "nothing to scan"
    print(f"privacy: {len(findings)} finding{'s' if len(findings) != 1 else ''} in {where}")
    return bool(findings)


def _scan_settings(project: Project):
    """A force workspace's outputs name its teams' accounts: their allow-lists apply."""
    if not project.settings.force:
        return None
    from postlab.experiment import force

    return force.pooled_settings(project.settings, force.members(project.root))


def _compare_with_raw(project: Project, paths: list[str], data: Path, *, given: bool = True):
    """Outputs against the raw posts of ``data`` (None without it), and caches of old states."""
    from postlab.loaders.cache import cache_key, load_cached
    from postlab.privacy.leaks import compare_with_raw, last_run_time, stale_caches

    if project.settings.force and not given:
        from postlab.experiment import force

        teams = force.members(project.root)  # the force's reports quote its teams' posts
        posts = force.pooled_posts(teams)
        label = "the teams' data (" + ", ".join(m.team for m in teams) + ")"
        settings = force.pooled_settings(project.settings, teams)
        return compare_with_raw(paths, posts["text"].dropna(), label, settings)
    if not data.is_dir():
        return None
    posts, _ = load_cached(data)
    texts = posts.dropna(subset=["text"])
    compared = compare_with_raw(
        paths, texts["text"], project.relative(data), ids=texts["post_id"].astype(str)
    )
    # a cache of any data folder in its current state is not stale, only older states
    current = {
        cache_key(folder, project.root) for folder in data.parent.iterdir() if folder.is_dir()
    }
    compared.findings += stale_caches(
        project.posts_cache, current, last_run_time(paths), set(texts["text"])
    )
    return compared
