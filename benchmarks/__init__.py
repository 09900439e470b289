"""Speed and memory benchmarks, each printing ratios against its baseline."""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def store(name: str, lines: list[str]) -> None:
    """Keep a run's printed lines in results/<name>.txt: the docs quote that file, never
    figures typed by hand."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
