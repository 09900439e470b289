"""Export layouts as ../shared/exports/FORMATS.md writes them, for tests that build files
from the document rather than from postlab's own loaders."""

# X tweet activity: 22 names, then the 18 metrics again prefixed "promoted ".
X_METRICS = [
    "impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
    "user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks",
    "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
    "media engagements",
]  # fmt: skip
X_COLUMNS = ["Tweet id", "Tweet permalink", "Tweet text", "time", *X_METRICS] + [
    f"promoted {name}" for name in X_METRICS
]
