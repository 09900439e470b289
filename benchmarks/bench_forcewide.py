"""Force-wide experiments (issue 31): time to a verdict for one borough against the force.

Generated boroughs (``benchmarks/forcewide.py``: the demo generator, seeded, six
months), each in its own team workspace, and a force workspace naming them all
with humour vs serious on X. Baseline: ``postlab plan`` in one borough's
workspace (the same experiment on its own account). Prints posts a week and
weeks to a verdict for both, their ratio, and the force's pooled analysis
(verdict, each borough's estimate, the spread between boroughs) with its time.
``POSTLAB_BENCH_BOROUGHS`` sets the number of boroughs (default 8).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.forcewide import make_workspaces

BOROUGHS = int(os.environ.get("POSTLAB_BENCH_BOROUGHS", "8"))
EXPERIMENT = "humour-vs-serious-x"


def plan(workspace: Path) -> dict:
    from postlab import cli

    out = io.StringIO()
    with contextlib.chdir(workspace), contextlib.redirect_stdout(out):
        if cli.main(["plan", f"experiments/{EXPERIMENT}.yml", "--json"]):
            raise SystemExit(f"postlab plan failed in {workspace}")
    return json.loads(out.getvalue())


def main() -> None:
    from postlab import analysis

    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        force = make_workspaces(Path(scratch), BOROUGHS, EXPERIMENT)
        print(f"{BOROUGHS} generated boroughs in workspaces: {time.perf_counter() - started:.0f} s")
        first = sorted(p for p in force.parent.iterdir() if p != force)[0]
        shutil.copy(force / "experiments" / f"{EXPERIMENT}.yml", first / "experiments")
        alone, pooled = plan(first), plan(force)
        for who, numbers in ((f"one borough ({first.name})", alone), ("the force", pooled)):
            print(
                f"{who}: {numbers['posts_per_week']:.0f} posts a week, "
                f"{numbers['total_needed']:,} posts needed, {numbers['weeks_needed']} weeks"
            )
        print(
            f"weeks to a verdict, force / one borough: "
            f"{pooled['weeks_needed'] / alone['weeks_needed']:.2f}"
        )
        started = time.perf_counter()
        with contextlib.chdir(force):
            analysed = analysis.analyse(f"experiments/{EXPERIMENT}.yml", ".")
            boroughs = analysis.account_effects(analysed, by="team")
        took = time.perf_counter() - started
        result = analysed.comparison.result()
        print(
            f"force analysis ({len(analysed.selection.posts):,} posts, {took:.1f} s): "
            f"{analysed.comparison.verdict.decision}, {100 * result.rel_effect:+.1f} % "
            f"({100 * result.rel_ci[0]:+.1f} % to {100 * result.rel_ci[1]:+.1f} %)"
        )
        print(boroughs.summary())
