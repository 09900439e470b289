"""Store pictures of the record and the reports, checked in a headless browser.

Opens record/index.html, one experiment's analysis report and the explore
report of the last rerun in headless Chromium (offline: any request to
another host fails the command, so do console errors, images that do not
load and broken links) and writes a PNG of the top of each, 1280 px wide,
for README. Run `postlab rerun` first; `make screenshots` does both.

examples:
  postlab screenshots
  postlab screenshots --experiment live-vs-recorded-facebook --out docs/screenshots
"""

from __future__ import annotations

from pathlib import Path

from postlab.exceptions import ReportError

ORDER = 90
WORKSPACE = True
NOT_EXPERIMENTS = ("explore_engagement", "improve_record")


def configure(parser) -> None:
    parser.add_argument("--record", help="the record folder (default: the project's record)")
    parser.add_argument("--runs", help="the reports folder (default: the project's runs)")
    parser.add_argument(
        "--experiment", help="whose analysis report to show (default: the first in --runs)"
    )
    parser.add_argument(
        "--out", default="docs/screenshots", help="where the PNGs go (default: docs/screenshots)"
    )
    parser.add_argument(
        "--height", type=int, default=1200, help="the most of each page shown, in px (default 1200)"
    )


def run(args) -> int:
    from postlab.browser import chromium

    found = pages(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for name, path in found.items():
            shown = browser.open(path, width=1280, height=800)
            problems = shown.problems()
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise ReportError(f"{problems[0]}{more}", path=path)
            picture = shown.screenshot(out / f"{name}.png", height=args.height)
            print(f"{picture}: {path}")
    return 0


def pages(args) -> dict[str, Path]:
    """The pages to show, by the name of their picture; each must exist."""
    from postlab.project import Project

    project = Project.find()
    runs = project.path(args.runs, project.runs_dir)
    experiment = args.experiment or next(
        (p.stem for p in sorted(runs.glob("*.html")) if p.stem not in NOT_EXPERIMENTS), None
    )
    if experiment is None:
        raise ReportError("no analysis report: run `postlab rerun` first", path=runs)
    found = {
        "record": project.path(args.record, project.record_dir) / "index.html",
        "analysis": runs / f"{experiment}.html",
        "explore": runs / "explore_engagement.html",
    }
    for path in found.values():
        if not path.is_file():
            raise ReportError("no such page: run `postlab rerun` first", path=path)
    return found
