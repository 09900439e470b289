"""The statistics engine: compare post styles with the post as the unit.

``compare`` runs every metric for every treatment arm and returns a
``Comparison`` with a verdict; ``power`` (a module) says how many posts an
experiment needs; ``METRICS`` lists the metric names experiment files use.

The names are resolved on first use, so a command that only plans (``power``)
does not import the comparison's stack (scipy.stats, statsmodels) at start-up.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "METHODS": "comparison",
    "compare": "comparison",
    "METRICS": "metrics",
    "MeanMetric": "metrics",
    "RatioMetric": "metrics",
    "metric": "metrics",
    "detectable_effect": "power",
    "posts_needed": "power",
    "power_curve": "power",
    "Comparison": "result",
    "ConfidenceInterval": "result",
    "MetricResult": "result",
    "Verdict": "result",
}

__all__ = sorted([*_HOMES, "power"])


def __getattr__(name: str):
    if name == "power":
        return importlib.import_module("postlab.stats.power")  # binds itself as an attribute
    if name not in _HOMES:
        raise AttributeError(f"module 'postlab.stats' has no attribute {name!r}")
    found = getattr(importlib.import_module(f"postlab.stats.{_HOMES[name]}"), name)
    globals()[name] = found
    return found
