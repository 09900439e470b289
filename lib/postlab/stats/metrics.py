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
    counts: bool = False  # numerator and denominator are counts: never negative
    bounded: bool = False  # a post's numerator never exceeds its denominator (likes <= impressions)
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
    counts: bool = False  # the column is a count or an amount: never negative
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


def check_values(metric: Metric, posts: pd.DataFrame, x, y, usable) -> None:
    """Refuse values a metric cannot have, naming the column and the first post.

    Infinite values never; negative ones in a count; a numerator above its
    denominator where it is bounded by it (engagements above impressions),
    except on YouTube, whose impressions count only thumbnails shown on
    YouTube while likes and views also come from elsewhere.
    """
    checks = [(metric.numerator, x, np.isinf(x), "infinite")]
    if metric.denominator is not None:
        checks.append((metric.denominator, y, np.isinf(y), "infinite"))
    if metric.counts:
        checks.append((metric.numerator, x, x < 0, "below zero (a count cannot be)"))
        if metric.denominator is not None:
            checks.append((metric.denominator, y, y < 0, "below zero (a count cannot be)"))
    if getattr(metric, "bounded", False):
        youtube = (
            posts["platform"].astype("string").eq("youtube").fillna(False).to_numpy()
            if "platform" in posts.columns
            else np.zeros(len(x), dtype=bool)
        )
        checks.append((metric.numerator, x, (x > y) & ~youtube, f"above its {metric.denominator}"))
    for column, values, bad, what in checks:
        bad = bad & usable
        if bad.any():
            count, first = int(bad.sum()), int(np.flatnonzero(bad)[0])
            name = (
                posts["post_id"].iloc[first] if "post_id" in posts.columns else posts.index[first]
            )
            raise AnalysisError(
                f"{column} {what} in {count:,} {'post' if count == 1 else 'posts'} "
                f"(first: post {name}, {values[first]:g}); {metric.label} cannot be computed "
                "from them: check the export",
                field=column,
            )


def _rate(name: str, column: str, label: str, bounded: bool = True) -> RatioMetric:
    return RatioMetric(name, column, "impressions", label=label, counts=True, bounded=bounded)


def _mean(name: str, column: str, label: str) -> MeanMetric:
    return MeanMetric(name, column, label=label, counts=True)


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        _rate("engagement_rate", "engagements", "engagement rate"),
        _rate("like_rate", "likes", "like rate"),
        _rate("comment_rate", "comments", "comment rate"),
        _rate("share_rate", "shares", "share rate"),
        _rate("click_rate", "clicks", "click rate"),
        _rate("view_rate", "video_views", "views per impression", bounded=False),
        _mean("impressions_per_post", "impressions", "impressions per post"),
        _mean("reach_per_post", "reach", "reach per post"),
        _mean("engagements_per_post", "engagements", "engagements per post"),
        _mean("likes_per_post", "likes", "likes per post"),
        _mean("comments_per_post", "comments", "comments per post"),
        _mean("shares_per_post", "shares", "shares per post"),
        _mean("clicks_per_post", "clicks", "clicks per post"),
        _mean("video_views_per_post", "video_views", "views per post"),
        _mean("watch_time_per_post", "watch_time_s", "watch time per post (seconds)"),
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
