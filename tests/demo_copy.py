"""A test's own copy of the demo project, in a temporary folder.

Tests copy the demo's named files (notebooks, postlab.yml, data/demo and the
three demo experiments) and never read the repository's experiments/ as a
folder, its runs/ or record/, or a team's workspace (teams/): what a team adds
to its checkout changes no test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_EXPERIMENTS = (
    "humour-vs-serious-x",
    "live-vs-recorded-facebook",
    "humour-vs-serious-facebook",
)


def copy_demo(
    target: Path, *, experiments: tuple[str, ...] = DEMO_EXPERIMENTS, exports: tuple[str, ...] = ()
) -> Path:
    """The demo project in ``target``; ``exports`` keeps only those platform folders (faster)."""
    shutil.copytree(ROOT / "notebooks", target / "notebooks")
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    demo = target / "data" / "demo"
    if exports:
        for platform in exports:
            shutil.copytree(ROOT / "data/demo/exports" / platform, demo / "exports" / platform)
        shutil.copy(ROOT / "data/demo/labels.csv", demo / "labels.csv")
    else:
        shutil.copytree(ROOT / "data/demo", demo, ignore=shutil.ignore_patterns("record"))
    (target / "experiments").mkdir()
    for name in experiments:
        shutil.copy(ROOT / "experiments" / f"{name}.yml", target / "experiments")
    return target
