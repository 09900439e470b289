"""Loader speed and memory against a bare ``pandas.read_csv(path, dtype=str)`` of the same file.

Each read runs in its own child process, and the child's peak resident memory
(``VmHWM`` in /proc/self/status, which, unlike ``ru_maxrss``, starts afresh at
exec) is the peak of that read alone: tracemalloc would miss pyarrow's
buffers, which are allocated outside Python's allocator. The RSS
includes the interpreter and imports; the "net" ratio subtracts a child that
only imports, which is the fairer comparison of the reads themselves. The
machine is shared: bare read and loader run in turns and the median of the
pairs' ratios is printed, with the load average; the output is stored in
``benchmarks/results/loaders.txt``, which the docs quote (docs/methods/benchmarks.md).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from benchmarks import store
from postlab.loaders.x import TWITTER_EPOCH_MS

ROWS = 1_000_000  # POSTLAB_BENCH_ROWS for a shorter run; POSTLAB_BENCH_REPEATS pairs (3)
MONTHS = 60
ROWS_PER_MONTH = 1_000
_METRICS = [
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
]
_TEXTS = np.array(
    [
        "Have you seen this bike? Call 101 quoting ref 4417.",
        "Road closed on the high street, please avoid the area, diversions in place",
        "Our dog unit, on duty \U0001f415 #Northbrook",
        'Appeal: witnesses wanted\nPlease call 101, "any detail helps"',
        "Station open day on Saturday 10am to 4pm: meet the team, see the cars",
    ]
)

_CHILD = """
import json, sys, time
mode, path = sys.argv[1], sys.argv[2]
import pandas as pd
from postlab.config import Settings
from postlab.loaders import load
start = time.perf_counter()
if mode == "bare":
    from pathlib import Path
    files = sorted(Path(path).glob("*.csv")) if Path(path).is_dir() else [path]
    rows = sum(len(pd.read_csv(f, dtype=str)) for f in files)
elif mode == "loader":
    rows = len(load(path, settings=Settings()))
else:
    rows = 0
seconds = time.perf_counter() - start
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "rss_mb": int(hwm.split()[1]) / 1024, "rows": rows}))
"""


def write_export(path: Path, rows: int, *, start_id: int, seed: int) -> None:
    """A tweet activity export as X wrote it: every field quoted, floats, '-' for promoted.

    As in real files, each id encodes its post's time (a snowflake) and the
    engagement rate is engagements / impressions, so the loader's checks of
    both run on every row. ``start_id`` sets the first post's time.
    """
    rng = np.random.default_rng(seed)
    first = (start_id >> 22) + TWITTER_EPOCH_MS
    millis = first + np.sort(rng.integers(0, 1000 * 60 * 60 * 24 * 365 * 5, rows))[::-1]
    ids = (((millis - TWITTER_EPOCH_MS) << 22) + rng.integers(0, 1 << 22, rows)).astype(str)
    times = (millis // 60_000).astype("datetime64[m]").astype(str)
    columns = {
        "Tweet id": ids,
        "Tweet permalink": np.char.add("https://twitter.com/MPSBench/status/", ids),
        "Tweet text": _TEXTS[rng.integers(0, len(_TEXTS), rows)],
        "time": np.char.add(np.char.replace(times, "T", " "), " +0000"),
    }
    impressions = rng.poisson(2000, rows) + 1
    engagements = rng.binomial(impressions, 0.02)
    for index, name in enumerate(_METRICS):
        values = {"impressions": impressions, "engagements": engagements}.get(name)
        if values is None:
            values = rng.poisson(5, rows)
        if name == "engagement rate":
            columns[name] = np.array([repr(v) for v in (engagements / impressions).tolist()])
        else:
            columns[name] = np.char.add(values.astype(str), ".0" if index < 11 else "")
    for name in _METRICS:
        columns[f"promoted {name}"] = np.full(rows, "-")
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="all_valid"))


def _child(mode: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _alternating(path: Path, repeats: int) -> tuple[list[dict], list[dict]]:
    """Bare read and loader in turns, ``repeats`` pairs: a shared machine's load changes
    between runs, and alternating gives both sides the same share of it."""
    bare, loader = [], []
    for _ in range(repeats):
        bare.append(_child("bare", path))
        loader.append(_child("loader", path))
    return bare, loader


def _compare(label: str, path: Path, targets: tuple[float, float], repeats: int) -> list[str]:
    """Time and memory ratios, the median of ``repeats`` alternating pairs."""
    idle = _child("idle", path)
    bare, loader = _alternating(path, repeats)
    times = [run["seconds"] / base["seconds"] for run, base in zip(loader, bare, strict=True)]
    memory = [run["rss_mb"] / base["rss_mb"] for run, base in zip(loader, bare, strict=True)]
    net = [
        (run["rss_mb"] - idle["rss_mb"]) / max(base["rss_mb"] - idle["rss_mb"], 1e-9)
        for run, base in zip(loader, bare, strict=True)
    ]
    seconds = ", ".join(
        f"{r['seconds']:.2f}/{b['seconds']:.2f}" for r, b in zip(loader, bare, strict=True)
    )
    return [
        f"{label}: {bare[0]['rows']} rows read, {loader[0]['rows']} posts",
        f"  time   ratio median {statistics.median(times):.2f} (target <= {targets[0]}; "
        f"{repeats} alternating runs, loader/bare seconds: {seconds})",
        f"  memory peak RSS ratio median {statistics.median(memory):.2f} (target <= {targets[1]}; "
        f"loader {statistics.median(r['rss_mb'] for r in loader):.0f} MB, bare read "
        f"{statistics.median(b['rss_mb'] for b in bare):.0f} MB); net of imports "
        f"({idle['rss_mb']:.0f} MB) {statistics.median(net):.2f}",
    ]


def main() -> None:
    """One big export, then a folder of monthly files; the output is also stored in
    ``benchmarks/results/loaders.txt`` for the docs to quote."""
    rows = int(os.environ.get("POSTLAB_BENCH_ROWS", ROWS))
    repeats = int(os.environ.get("POSTLAB_BENCH_REPEATS", 3))
    lines = [
        f"postlab loaders benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}"
    ]
    print(lines[0], flush=True)
    with tempfile.TemporaryDirectory(prefix="postlab-bench-") as folder:
        big = Path(folder) / "tweet_activity_metrics_MPSBench_20170101_20220101_en.csv"
        write_export(big, rows, start_id=815_000_000_000_000_000, seed=1)
        lines.append(f"one export of {rows:,} rows ({big.stat().st_size / 1e6:.0f} MB)")
        lines += _compare("one big file (features included)", big, (0.6, 1.5), repeats)
        print("\n".join(lines[1:]), flush=True)
        big.unlink()
        monthly = Path(folder) / "monthly"
        monthly.mkdir()
        for month in range(MONTHS):
            year, index = divmod(month, 12)
            name = f"tweet_activity_metrics_MPSBench_{2017 + year}{index + 1:02d}01_x_en.csv"
            write_export(
                monthly / name.replace("_x_", f"_{2017 + year}{index + 1:02d}28_"),
                ROWS_PER_MONTH,
                start_id=815_000_000_000_000_000 + month * 10**13,
                seed=month,
            )
        found = _compare(
            f"a folder of {MONTHS} monthly exports of {ROWS_PER_MONTH:,} rows",
            monthly,
            (1.2, 1.5),
            repeats,
        )
        print("\n".join(found), flush=True)
        lines += found
    lines.append(f"load average at the end {os.getloadavg()[0]:.1f}")
    print(lines[-1])
    store("loaders", lines)


if __name__ == "__main__":
    main()
