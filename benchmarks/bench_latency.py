"""How fast the command line answers: --help, check, plan and load --report on the demo.

Issue #24's targets on a 2-core machine: ``postlab --help`` within 0.3 s, and
``check``, ``plan`` and ``load --report`` on the demo (warm posts cache)
within 1.5 s, against ``python -c "import pandas"`` as the baseline. Each
command runs in a fresh process, as an officer types it; the figures are the
median of LATENCY_REPEATS runs (default 5), wall time and CPU time (user +
system of the child: the machine's load changes the first, hardly the
second), with the load average at the start. The output is also stored in
``benchmarks/results/latency.txt``, which the docs quote.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import store

ROOT = Path(__file__).resolve().parents[1]
REPEATS = int(os.environ.get("LATENCY_REPEATS", "5"))
POSTLAB = [sys.executable, "-m", "postlab"]
COMMANDS = {
    "import pandas (baseline)": [sys.executable, "-c", "import pandas"],
    "postlab --help": [*POSTLAB, "--help"],
    "postlab check": [*POSTLAB, "check"],
    "postlab plan": [*POSTLAB, "plan", "experiments/humour-vs-serious-x.yml"],
    "postlab load --report": [*POSTLAB, "load", "--report"],
}
TARGETS = {"postlab --help": 0.3, "postlab check": 1.5, "postlab plan": 1.5}
TARGETS["postlab load --report"] = 1.5


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run in a fresh process (output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    subprocess.run([*POSTLAB, "check"], cwd=ROOT, capture_output=True)  # warm the posts cache
    lines = []

    def say(text: str) -> None:
        lines.append(text)
        print(text, flush=True)

    say(
        f"postlab latency benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {REPEATS} runs "
        f"each, median; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    say(f"{'command':<26} {'wall s':>7} {'cpu s':>6} {'x pandas':>9} {'target s':>9}")
    baseline = None
    for name, argv in COMMANDS.items():
        runs = [timed(argv) for _ in range(REPEATS)]
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        baseline = baseline or wall
        target = TARGETS.get(name)
        say(
            f"{name:<26} {wall:>7.2f} {cpu:>6.2f} {wall / baseline:>9.2f} "
            f"{f'{target:.1f}' if target else '-':>9}"
        )
    say(f"load average at the end {os.getloadavg()[0]:.1f}")
    store("latency", lines)
