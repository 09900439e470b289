"""A generated force-wide workload: N fictional boroughs x 4 experiments, one project.

The boroughs' exports come from the demo generator (``data/demo/generate.py``)
with its borough list and period replaced: 32 invented boroughs over six months,
seeded. Each borough runs four experiments on its own accounts.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261101
PREFIXES = ("North", "East", "King", "Ash", "Bram", "Cold", "Elm", "Fen")
SUFFIXES = ("brook", "mere", "fold", "well")
START, END = date(2026, 5, 1), date(2026, 10, 31)
EXPERIMENTS = {  # id suffix: (demo experiment it copies, platform, period start)
    "humour-x": ("humour-vs-serious-x", "x", START),
    "humour-x-recent": ("humour-vs-serious-x", "x", date(2026, 8, 1)),
    "live-facebook": ("live-vs-recorded-facebook", "facebook", START),
    "humour-facebook": ("humour-vs-serious-facebook", "facebook", START),
}


def _generator():
    spec = importlib.util.spec_from_file_location(
        "postlab_demo_generate", ROOT / "data" / "demo" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def boroughs(count: int, generator) -> tuple:
    """``count`` invented boroughs, scaled from the demo's three in turn."""
    names = [p + s for p in PREFIXES for s in SUFFIXES]
    if count > len(names):
        raise ValueError(f"at most {len(names)} boroughs")
    made = []
    for index, name in enumerate(names[:count]):
        model = generator.BOROUGHS[index % len(generator.BOROUGHS)]
        scale = 0.7 + 0.6 * ((index * 7) % 11) / 10
        made.append(
            replace(
                model,
                name=name,
                postcode_area=f"{chr(65 + index % 26)}{chr(65 + (index * 5 + 3) % 26)}",
                x_impressions=model.x_impressions * scale,
                fb_views=model.fb_views * scale,
                page_id=f"1000{index:02d}{model.page_id[6:]}",
            )
        )
    return tuple(made)


def make_project(target: Path, count: int = 32) -> list[Path]:
    """A project at ``target``: the boroughs' exports in ``data/force`` and their experiments."""
    generator = _generator()
    generator.BOROUGHS = boroughs(count, generator)
    generator.START, generator.END = START, END
    generator.write(generator.build(SEED), target / "data" / "force")
    shutil.copytree(ROOT / "notebooks", target / "notebooks")
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    (target / "experiments").mkdir()
    files = []
    for borough in generator.BOROUGHS:
        for suffix, (template, platform, start) in EXPERIMENTS.items():
            files.append(_experiment(target, borough, suffix, template, platform, start))
    return files


def _experiment(target: Path, borough, suffix, template, platform, start) -> Path:
    import yaml

    spec = yaml.safe_load((ROOT / "experiments" / f"{template}.yml").read_text())
    spec.update(
        id=f"{borough.name.lower()}-{suffix}",
        title=f"{spec['title']} ({borough.name})",
        accounts=[borough.handle if platform == "x" else borough.page],
        period={"start": start.isoformat(), "end": END.isoformat()},
        status="running",
    )
    for key in ("parent", "decision"):
        spec.pop(key, None)
    path = target / "experiments" / f"{spec['id']}.yml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def make_workspaces(target: Path, count: int, experiment: str = "humour-vs-serious-x") -> Path:
    """A checkout at ``target`` with ``count`` team workspaces (each borough's own X and
    Facebook exports and labels) and a force workspace, ``teams/force``, naming them all,
    with ``experiment`` (a demo experiment over every account, the six months) in it.
    Returns the force workspace."""
    import contextlib

    import pandas as pd
    import yaml

    from postlab import cli

    generator = _generator()
    generator.BOROUGHS = boroughs(count, generator)
    generator.START, generator.END = START, END
    pooled = target / "scratch"
    generator.write(generator.build(SEED), pooled)
    shutil.copytree(ROOT / "notebooks", target / "notebooks")
    shutil.copy(ROOT / "postlab.yml", target / "postlab.yml")
    labels = pd.read_csv(pooled / "labels.csv", dtype=str)
    with contextlib.chdir(target), contextlib.redirect_stdout(None):
        for borough in generator.BOROUGHS:
            team = f"{borough.name.lower()}-borough"
            cli.main(["init", team])
            data = target / "teams" / team / "data"
            for platform in ("x", "facebook"):
                for export in (pooled / "exports" / platform).glob(f"*{borough.name}*"):
                    (data / "exports" / platform).mkdir(parents=True, exist_ok=True)
                    shutil.copy(export, data / "exports" / platform)
            own = labels["account"].isin([borough.handle, borough.page])
            labels[own].to_csv(data / "labels.csv", index=False)
        cli.main(["init", "force", "--teams", "all"])
    shutil.rmtree(pooled)
    spec = yaml.safe_load((ROOT / "experiments" / f"{experiment}.yml").read_text())
    spec.update(
        accounts=[],
        period={"start": START.isoformat(), "end": END.isoformat()},
        status="running",
    )
    for key in ("parent", "decision"):
        spec.pop(key, None)
    force = target / "teams" / "force"
    (force / "experiments" / f"{experiment}.yml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return force
