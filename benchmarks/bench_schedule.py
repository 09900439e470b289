"""Posting schedules: how balanced, over many random settings, and how fast.

Issue #17's targets: per weekday x time slot, per week and per account, each
arm's count within 1 of its planned share. Prints the worst gap (in slots)
found per grouping over 100 seeded random settings (splits of 2 to 4 arms,
1 to 4 accounts, 1 to 52 weeks), and the CPU time the solver takes (wall time depends on the machine's load).
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import numpy as np

from postlab.experiment.schedule import make_account_schedules, worst_deviations

SETTINGS = 100
SPLITS = [
    {"serious": 0.5, "humorous": 0.5},
    {"serious": 0.62, "humorous": 0.38},
    {"serious": 0.7, "humorous": 0.3},
    {"serious": 0.5, "humorous": 0.25, "deadpan": 0.25},
    {"serious": 0.4, "humorous": 0.35, "deadpan": 0.25},
    {"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2},
]
SLOTS = [
    "Mon-Fri 08:30,12:30,17:00; Sat 10:00",
    "Mon,Wed 09:00; Fri 12:00,18:00",
    "Tue-Sun 07:00",
    "Mon-Sun 08:30,12:30,17:00",
]


def main() -> None:
    rng = np.random.default_rng(20261128)
    worst: dict[str, float] = {}
    slowest = (0.0, 0)
    cpu = 0.0
    for _ in range(SETTINGS):
        split = SPLITS[rng.integers(len(SPLITS))]
        slots = SLOTS[rng.integers(len(SLOTS))]
        start = date(2026, 1, 1) + timedelta(days=int(rng.integers(365)))
        end = start + timedelta(days=int(rng.integers(6, 365)))
        zones = {f"account {n}": "Europe/London" for n in range(rng.integers(1, 5))}
        began = time.process_time()
        schedule = make_account_schedules(
            list(split), split, start, end, slots, seed=int(rng.integers(2**32)), zones=zones
        )
        seconds = time.process_time() - began
        cpu += seconds
        slowest = max(slowest, (seconds, len(schedule)))
        for name, gap in worst_deviations(schedule, split).items():
            worst[name] = max(worst.get(name, 0.0), gap)
    print(f"{SETTINGS} random settings; worst gap between an arm's slots and its share:")
    for name, gap in worst.items():
        target = " (target < 1)" if name in ("plan", "week", "weekday x time") else ""
        print(f"  per {name:15s} {gap:.2f}{target}")
    print(
        f"CPU time: {cpu / SETTINGS:.2f} s a setting on average; "
        f"the slowest {slowest[0]:.2f} s ({slowest[1]} slots)"
    )
