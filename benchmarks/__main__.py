"""Run every benchmark (``python -m benchmarks``) or those named.

Each ``benchmarks/bench_*.py`` module defines ``main() -> None`` that prints
its measurements as ratios against the baseline its issue names.
"""

import importlib
import pkgutil
import sys

import benchmarks


def main(names: list[str]) -> None:
    found = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    chosen = [n for n in found if not names or n.removeprefix("bench_") in names]
    if not chosen:
        sys.exit(f"no benchmark named {names}; known: {[n.removeprefix('bench_') for n in found]}")
    for name in chosen:
        print(f"== {name.removeprefix('bench_')}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
