"""Declarative metrics: what to compare, named in words a comms officer reads.

Every metric is a ratio of per-arm means with the post as the unit. A per-post
mean is the ratio whose denominator is one per post, so one estimator (and one
delta-method variance) serves both kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from postlab.exceptions import AnalysisError


class _Labelled:
    """A metric without a label is labelled by its name in plain words."""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " "))


@dataclass(frozen=True)
class RatioMetric(_Labelled):
    """Sum of ``numerator`` over sum of ``denominator`` per arm, e.g. engagements/impressions."""

    name: str
    numerator: str
    denominator: str
    label: str = ""
    higher_is_better: bool = True
    kind: str = field(default="ratio", init=False)

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.numerator, self.denominator)

    def per_post(self, posts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Numerator and denominator per post as floats, and which posts have both."""
        x = _column(posts, self.numerator, self)
        y = _column(posts, self.denominator, self)
        usable = ~(np.isnan(x) | np.isnan(y))
        return x, y, usable

    def per_post_values(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The metric for each post on its own (for medians); posts with a zero denominator drop out."""
        shown = y > 0
        return x[shown] / y[shown]


@dataclass(frozen=True)
class MeanMetric(_Labelled):
    """Mean of ``column`` per post, e.g. impressions per post."""

    name: str
    column: str
    label: str = ""
    higher_is_better: bool = True
    kind: str = field(default="mean", init=False)

    @property
    def numerator(self) -> str:
        return self.column

    @property
    def denominator(self) -> None:
        return None

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def per_post(self, posts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = _column(posts, self.column, self)
        return x, np.ones_like(x), ~np.isnan(x)

    def per_post_values(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return x


Metric = RatioMetric | MeanMetric


def _column(posts: pd.DataFrame, column: str, metric: Metric) -> np.ndarray:
    if column not in posts.columns:
        raise AnalysisError(
            f"metric {metric.name} needs column '{column}', which the posts table lacks",
            field=column,
        )
    try:
        values = pd.to_numeric(posts[column])
    except (TypeError, ValueError) as error:
        raise AnalysisError(
            f"metric {metric.name} needs numbers in column '{column}' ({error})", field=column
        ) from None
    return values.to_numpy(dtype="float64", na_value=np.nan)


def _rate(name: str, column: str, label: str) -> RatioMetric:
    return RatioMetric(name, column, "impressions", label=label)


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        _rate("engagement_rate", "engagements", "engagement rate"),
        _rate("like_rate", "likes", "like rate"),
        _rate("comment_rate", "comments", "comment rate"),
        _rate("share_rate", "shares", "share rate"),
        _rate("click_rate", "clicks", "click rate"),
        _rate("view_rate", "video_views", "views per impression"),
        MeanMetric("impressions_per_post", "impressions", label="impressions per post"),
        MeanMetric("reach_per_post", "reach", label="reach per post"),
        MeanMetric("engagements_per_post", "engagements", label="engagements per post"),
        MeanMetric("likes_per_post", "likes", label="likes per post"),
        MeanMetric("comments_per_post", "comments", label="comments per post"),
        MeanMetric("shares_per_post", "shares", label="shares per post"),
        MeanMetric("clicks_per_post", "clicks", label="clicks per post"),
        MeanMetric("video_views_per_post", "video_views", label="views per post"),
        MeanMetric("watch_time_per_post", "watch_time_s", label="watch time per post (seconds)"),
    )
}


def metric(name_or_metric: str | Metric) -> Metric:
    """The metric called ``name``; a metric object passes through unchanged."""
    if isinstance(name_or_metric, RatioMetric | MeanMetric):
        return name_or_metric
    try:
        return METRICS[name_or_metric]
    except (KeyError, TypeError):
        raise AnalysisError(
            f"unknown metric {name_or_metric!r}; known metrics: {', '.join(METRICS)}",
            field="metric",
        ) from None
