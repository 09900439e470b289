"""Reading and writing a posts table as ``postlab load --out`` writes it.

Post ids stay exact text (never floats), and post text leaves the machine
only scrubbed unless the user keeps it on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from postlab.exceptions import AnalysisError
from postlab.posts.columns import conform


def read_posts(path: Path) -> pd.DataFrame:
    """A posts table as `postlab load --out` wrote it, with post ids kept exactly as text."""
    if not path.is_file():
        raise AnalysisError("no such posts table", path=path)
    try:
        if path.suffix.lower() == ".parquet":
            table = pd.read_parquet(path)
        else:
            table = pd.read_csv(path, dtype={"post_id": "string", "account": "string"})
        return conform(table)
    except (ValueError, TypeError, OSError) as error:
        raise AnalysisError(f"cannot read the posts table ({error})", path=path) from None


def write_posts(posts, out: Path, settings, *, keep_text: bool) -> None:
    """Write the table; post text is scrubbed of personal data unless the user keeps it."""
    if not keep_text:
        from postlab.privacy import scrub_series

        posts = posts.assign(text=scrub_series(posts["text"], settings))
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        posts.to_parquet(out, index=False)
    else:
        posts.to_csv(out, index=False)
