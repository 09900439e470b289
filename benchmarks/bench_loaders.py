"""Loader speed and memory against a bare ``pandas.read_csv(path, dtype=str)`` of the same file.

Each read runs in its own child process, and the child's peak resident memory
(``VmHWM`` in /proc/self/status, which, unlike ``ru_maxrss``, starts afresh at
exec) is the peak of that read alone: tracemalloc would miss pyarrow's
buffers, which are allocated outside Python's allocator. The RSS
includes the interpreter and imports; the "net" ratio subtracts a child that
only imports, which is the fairer comparison of the reads themselves.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

ROWS = 1_000_000
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
    """A tweet activity export as X wrote it: every field quoted, floats, '-' for promoted."""
    rng = np.random.default_rng(seed)
    ids = (start_id + np.arange(rows, dtype=np.int64) * 4_194_304).astype(str)
    minutes = np.sort(rng.integers(0, 60 * 24 * 365 * 5, rows))[::-1]
    times = (np.datetime64("2017-01-01T00:00") + minutes.astype("timedelta64[m]")).astype(str)
    columns = {
        "Tweet id": ids,
        "Tweet permalink": np.char.add("https://twitter.com/MPSBench/status/", ids),
        "Tweet text": _TEXTS[rng.integers(0, len(_TEXTS), rows)],
        "time": np.char.add(np.char.replace(times, "T", " "), " +0000"),
    }
    for index, name in enumerate(_METRICS):
        values = rng.poisson(50 if index else 2000, rows)
        if name == "engagement rate":
            columns[name] = (values / 2000).astype(str)
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


def _best(mode: str, path: Path, repeats: int = 2) -> dict:
    """The fastest of a few runs: the machine is shared, so single timings are noisy."""
    return min((_child(mode, path) for _ in range(repeats)), key=lambda run: run["seconds"])


def _compare(label: str, path: Path, targets: bool = True) -> None:
    """Print time and memory ratios; the issue's targets apply to the one big file."""
    time_target, memory_target = ("(target <= 1.5)", "(target <= 3)") if targets else ("", "")
    idle, bare, loader = (_best(mode, path) for mode in ("idle", "bare", "loader"))
    net = (loader["rss_mb"] - idle["rss_mb"]) / max(bare["rss_mb"] - idle["rss_mb"], 1e-9)
    print(f"{label}: {bare['rows']} rows read, {loader['rows']} posts")
    print(
        f"  time   loader {loader['seconds']:.2f} s / bare read {bare['seconds']:.2f} s "
        f"= ratio {loader['seconds'] / bare['seconds']:.2f} {time_target}"
    )
    print(
        f"  memory loader {loader['rss_mb']:.0f} MB / bare read {bare['rss_mb']:.0f} MB peak RSS "
        f"= ratio {loader['rss_mb'] / bare['rss_mb']:.2f}; net of imports "
        f"({idle['rss_mb']:.0f} MB) {net:.2f} {memory_target}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="postlab-bench-") as folder:
        big = Path(folder) / "tweet_activity_metrics_MPSBench_20170101_20220101_en.csv"
        write_export(big, ROWS, start_id=815_000_000_000_000_000, seed=1)
        print(f"one export of {ROWS:,} rows ({big.stat().st_size / 1e6:.0f} MB)")
        _compare("one big file", big)
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
        print(f"a folder of {MONTHS} monthly exports of {ROWS_PER_MONTH:,} rows")
        _compare(
            "monthly folder (reported, no target: per-file detection dominates)", monthly, False
        )


if __name__ == "__main__":
    main()
