"""Where a post feature biases a metric by the way the platform counts it.

X counts a click on a photo, an expansion of a long post or a click on a
link as an engagement, so "media vs text" on X's engagement rate is partly
won before any reader has reacted. These rules say so next to a comparison
and name a metric that is not built that way. One table, read by
``postlab compare`` and the analysis report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MEDIA_ARMS = frozenset({"has_media", "media_type"})
ENGAGEMENT_METRICS = frozenset({"engagement_rate", "engagements_per_post"})


@dataclass(frozen=True)
class Rule:
    """A platform, the arm columns and metrics it concerns, and what to say."""

    platform: str
    arms: frozenset[str]
    metrics: frozenset[str] | None  # None: every metric
    message: str


RULES: tuple[Rule, ...] = (
    Rule(
        "x",
        MEDIA_ARMS,
        ENGAGEMENT_METRICS,
        "X counts clicks on media and detail expansions as engagements, so posts with "
        "media gain engagements by construction: compare like_rate or share_rate (reposts) "
        "instead",
    ),
    Rule(
        "x",
        frozenset({"has_link"}),
        ENGAGEMENT_METRICS,
        "X counts link clicks as engagements, so posts with a link gain engagements by "
        "construction: compare like_rate or share_rate (reposts) instead, and click_rate "
        "for the link itself",
    ),
    Rule(
        "x",
        frozenset({"hashtags"}),
        ENGAGEMENT_METRICS,
        "X counts hashtag clicks as engagements, so posts with more hashtags gain "
        "engagements by construction: compare like_rate or share_rate (reposts) instead",
    ),
    Rule(
        "x",
        frozenset({"length_band"}),
        ENGAGEMENT_METRICS,
        "X counts detail expansions (opening a post, 'show more') as engagements, which "
        "long posts invite: compare like_rate or share_rate (reposts) instead",
    ),
    Rule(
        "x",
        MEDIA_ARMS,
        frozenset({"view_rate", "video_views_per_post"}),
        "X's media views count views of photos as well as videos: on X, view_rate "
        "measures opening any media, not watching a video",
    ),
    Rule(
        "x",
        frozenset({"has_media"}),
        None,
        "has_media on X is inferred from media views (X exports no media type): a post "
        "with media that nobody opened counts as text, and exports without media views "
        "(2023 on) leave it blank",
    ),
    Rule(
        "facebook",
        MEDIA_ARMS,
        frozenset({"click_rate", "clicks_per_post"}),
        "Facebook's clicks include clicks on photos and video plays, so posts with media "
        "gain clicks by construction: compare like_rate, comment_rate or share_rate instead",
    ),
    Rule(
        "facebook",
        MEDIA_ARMS,
        ENGAGEMENT_METRICS,
        "if these Facebook posts come from the legacy Page Insights export, their "
        "engagements are engaged users (anyone who clicked, on a photo too), which favours "
        "media: compare like_rate, comment_rate or share_rate instead",
    ),
)


def metric_warnings(platforms: Iterable[str], arm_column: str, metric: str) -> list[str]:
    """The warnings that apply when ``metric`` compares arms of ``arm_column`` on ``platforms``."""
    present = {str(p) for p in platforms if p == p and p is not None}
    return [
        rule.message
        for rule in RULES
        if rule.platform in present
        and arm_column in rule.arms
        and (rule.metrics is None or metric in rule.metrics)
    ]
