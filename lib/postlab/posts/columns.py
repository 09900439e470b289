"""The tidy posts table every loader returns and every analysis reads.

One row per post. Counts are nullable integers because platforms leave
metrics blank (a text post has no video views) and a blank is not a zero.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

PLATFORMS = ("x", "facebook", "instagram", "youtube", "other")
MEDIA_TYPES = ("text", "photo", "video", "reel", "carousel", "link", "live", "other")

COUNT_COLUMNS = (
    "impressions",
    "reach",
    "engagements",
    "likes",
    "comments",
    "shares",
    "clicks",
    "video_views",
)

POSTS_DTYPES: dict[str, str] = {
    "platform": "string",
    "account": "string",
    "post_id": "string",
    "published_at": "datetime64[ns, UTC]",
    "time_known": "boolean",
    "text": "string",
    "url": "string",
    "media_type": "string",
    **{name: "Int64" for name in COUNT_COLUMNS},
    "watch_time_s": "float64",
    "custom_labels": "string",
    "source_file": "string",
    "exported_at": "datetime64[ns, UTC]",
}

POSTS_COLUMNS = tuple(POSTS_DTYPES)


def empty_posts() -> pd.DataFrame:
    """A posts table with no rows but every column and dtype in place."""
    return conform(pd.DataFrame({name: [] for name in POSTS_COLUMNS}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Give ``frame`` exactly the posts columns, in order and with their dtypes.

    Missing columns are added as all-missing; extra columns (e.g. labels
    joined by an analysis) are kept after the standard ones.
    """
    out = frame.copy(deep=False)  # copy-on-write: columns are replaced, never changed in place
    for name, dtype in POSTS_DTYPES.items():
        if name not in out.columns:
            out[name] = pd.Series(pd.NA, index=out.index, dtype="object")
        if str(out[name].dtype) != dtype:
            out[name] = _as_dtype(out[name], dtype)
    extras = [c for c in out.columns if c not in POSTS_DTYPES]
    return out[list(POSTS_COLUMNS) + extras]


def _as_dtype(column: pd.Series, dtype: str) -> pd.Series:
    if dtype == "string" and column.isna().all():  # a column the export lacks: no objects
        blank = pa.nulls(len(column), type=pa.large_string())
        return pd.Series(pd.array(blank, dtype="string"), index=column.index, name=column.name)
    if dtype.startswith("datetime64"):
        return pd.to_datetime(column, utc=True).astype(dtype)
    if dtype == "Int64":
        return pd.to_numeric(column).astype("Int64")
    if dtype == "float64":
        return pd.to_numeric(column).astype("float64")
    return column.astype(dtype)
