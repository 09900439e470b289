"""Write the record's one-page summary as a PDF, for the Monday meeting or to send round.

It prints record/index.html through its print stylesheet in the headless
Chromium the checks use: what was decided (learning and next step), what is
still being tested, and every experiment's verdict, effect and next step in
one table, on one A4 page (shrunk to fit when there are many experiments; it
says so when even that is more than a page). Run `postlab rerun` first.

examples:
  postlab brief
  postlab brief --team north-borough --out brief-2027-01-11.pdf
"""

from __future__ import annotations

ORDER = 72
WORKSPACE = True


def configure(parser) -> None:
    parser.add_argument("--out", help="the PDF to write (default: record/brief.pdf)")


def run(args) -> int:
    import os
    from pathlib import Path

    from postlab.browser import chromium
    from postlab.exceptions import ReportError
    from postlab.project import Project

    project = Project.find()
    page = project.record / "index.html"
    if not page.is_file():
        raise ReportError("no record yet: run `postlab rerun` first", path=os.path.relpath(page))
    out = Path(args.out) if args.out else project.record / "brief.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        shown = browser.open(page, width=1280, height=900)
        problems = shown.problems()
        if problems:
            raise ReportError(problems[0], path=os.path.relpath(page))
        pages = shown.pdf(out)
    fits = "one page" if pages == 1 else f"{pages} pages (too many experiments for one)"
    print(f"wrote {os.path.relpath(out)}: {fits}")
    return 0
