"""The statistics engine: compare post styles with the post as the unit.

``compare`` runs every metric for every treatment arm and returns a
``Comparison`` with a verdict; ``power`` (a module) says how many posts an
experiment needs; ``METRICS`` lists the metric names experiment files use.
"""

from postlab.stats import power
from postlab.stats.compare import METHODS, compare
from postlab.stats.metrics import METRICS, MeanMetric, RatioMetric, metric
from postlab.stats.power import detectable_effect, posts_needed, power_curve
from postlab.stats.result import Comparison, ConfidenceInterval, MetricResult, Verdict

__all__ = [
    "METHODS",
    "METRICS",
    "Comparison",
    "ConfidenceInterval",
    "MeanMetric",
    "MetricResult",
    "RatioMetric",
    "Verdict",
    "compare",
    "detectable_effect",
    "metric",
    "posts_needed",
    "power",
    "power_curve",
]
