"""How soon the workbench page is usable: from `postlab app` to its first form.

Issue #30's target: on this 2-core machine the page is usable in under 10 s.
Each run starts `postlab app` as an officer does (a fresh process, in the
workspace), opens the printed link in headless Chromium and times

- listening: Voilà accepts connections;
- title: the page's title is on screen;
- form: the Exports tab's buttons can be clicked (the first form is on screen);
- posts: the workspace's exports are read (per-account summary, or "No exports yet");
- ready: the other tabs are built, so the page answers every click at once.

on a copy of the demo project (its exports read, the posts cache warm after the
first run) and on a new team workspace with no exports. The figures are the
median of APP_REPEATS runs (default 3) with the load average before each; the
first run of the demo (cold posts cache, cold file cache) is shown on its own.
Ratios are against the 10 s target, for the first form and for the whole page.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import store
from postlab.browser import served

ROOT = Path(__file__).resolve().parents[1]
REPEATS = int(os.environ.get("APP_REPEATS", "3"))
TARGET = 10.0  # seconds from `postlab app` to the first usable form
TEAM = "bench"
PHASES = ("listening", "title", "form", "posts", "ready")


def demo_copy(target: Path) -> Path:
    """The demo project (notebooks, settings, data/demo, its experiments) in ``target``."""
    shutil.copytree(ROOT / "notebooks", target / "notebooks")
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    shutil.copytree(ROOT / "data" / "demo", target / "data" / "demo")
    shutil.copytree(ROOT / "experiments", target / "experiments")
    return target


def started(argv: list[str], cwd: Path) -> tuple[subprocess.Popen, str, float]:
    """`postlab app` running, the link it printed and when it was started."""
    began = time.monotonic()
    server = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = server.stdout.readline()
    if "http://" not in line:
        server.kill()
        raise SystemExit(f"postlab app printed no link: {line!r}")
    return server, line.split("open ", 1)[1].split()[0], began


def one_run(browser, argv: list[str], cwd: Path) -> dict[str, float]:
    """Seconds from the command to each phase of the page coming up."""
    server, link, began = started(argv, cwd)
    with served(server, link):
        times = {"listening": time.monotonic() - began}
        shown = browser.open_served(link, width=1280, height=900)
        page = shown.page
        page.wait_for_selector("h2:has-text('postlab ·')", timeout=120_000)
        times["title"] = time.monotonic() - began
        for name in ("Choose exports", "Add to the exports"):
            button = page.get_by_role("button", name=name)
            button.wait_for(state="visible", timeout=120_000)
            while not button.is_enabled():
                time.sleep(0.02)
        times["form"] = time.monotonic() - began
        page.wait_for_selector("text=/Posts per account|No exports yet/", timeout=120_000)
        times["posts"] = time.monotonic() - began
        page.wait_for_selector(  # the last tab's last button, in a tab not shown yet
            "button:has-text('Write the decision')", state="attached", timeout=120_000
        )
        times["ready"] = time.monotonic() - began
        if shown.foreign_requests:
            raise SystemExit(f"the page asked another host: {shown.foreign_requests}")
        page.close()
        return times


def line(name: str, runs: list[dict[str, float]], loads: list[float]) -> str:
    median = {phase: statistics.median(run[phase] for run in runs) for phase in PHASES}
    cells = " ".join(f"{median[phase]:>9.1f}" for phase in PHASES)
    load = f"{min(loads):.1f}-{max(loads):.1f}"
    ratios = f"{median['form'] / TARGET:>9.2f} {median['ready'] / TARGET:>9.2f}"
    return f"{name:<28} {cells} {ratios} {load:>9}"


def main() -> None:
    from postlab import browser

    reason = browser.unavailable()
    if reason:
        print(f"skipped: {reason}")
        return
    postlab = [sys.executable, "-m", "postlab", "app"]
    with tempfile.TemporaryDirectory(prefix="postlab-bench-app-") as folder:
        demo = demo_copy(Path(folder) / "demo")
        subprocess.run(
            [sys.executable, "-m", "postlab", "init", TEAM],
            cwd=demo,
            check=True,
            capture_output=True,
        )
        scenarios = {
            "demo workspace": postlab,
            "new team, no exports": [*postlab, "--team", TEAM],
        }
        lines: list[str] = []

        def say(text: str) -> None:
            print(text, flush=True)
            lines.append(text)

        say(
            f"postlab app benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `postlab app` to "
            f"the page, seconds (median of {REPEATS}); target: the first form usable within "
            f"{TARGET:.0f} s on {os.cpu_count()} cores"
        )
        say(
            f"{'workspace':<28} {'listening':>9} {'title':>9} {'form':>9} {'posts':>9} "
            f"{'ready':>9} {'form/10s':>9} {'ready/10s':>9} {'load avg':>9}"
        )
        with browser.chromium() as chromium:
            load = os.getloadavg()[0]
            first = one_run(chromium, postlab, demo)  # cold posts cache
            say(line("demo, first run (cold)", [first], [load]))
            for name, argv in scenarios.items():
                runs, loads = [], []
                for _ in range(REPEATS):
                    loads.append(os.getloadavg()[0])
                    runs.append(one_run(chromium, argv, demo))
                say(line(name, runs, loads))
        store("app", lines)


if __name__ == "__main__":
    main()
