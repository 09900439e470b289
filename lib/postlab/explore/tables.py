"""The explore tables as people read them: words for headers, no row numbers.

An explore table keeps analysts' names (``ci_low``, ``posts_per_arm``) and
raw numbers; ``for_people`` turns it into a ``Table``: rates as percentages
with their interval in one column, counts with thousands separators, the
platform by its name, post ids linked to the post. A ``Table`` prints as
plain text in a terminal (what nbval compares) and as an HTML table in a
notebook or report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from postlab.explore.captions import platform_name, readable
from postlab.markup import html_text, web_address

HEADERS = {
    "media_type": "media type",
    "time_of_day": "time of day",
    "posts": "posts",
    "posts_per_week": "posts a week",
    "impressions_per_post": "impressions per post",
    "vs_platform": "against the platform",
    "post_id": "post",
    "text": "text (scrubbed, shortened)",
    "comparison": "idea",
    "posts_per_arm": "posts per arm for a test",
    "existing": "already tested by",
}
# columns that say how the table was made, not what it found
HIDDEN = ("min_impressions", "url", "command", "experiment_id", "platform_rate", "slots_read")
# long ids and texts, the only cells that may break across lines
WRAPPED = ("post_id", "text", "comparison", "existing")
# shown inside another column
FOLDED = (
    "ci_high",
    "difference_low",
    "difference_high",
    "control_rate",
    "treatment_rate",
    "control_posts",
    "treatment_posts",
)


@dataclass
class Table:
    """Columns of text for people; ``links`` maps a column to each row's address (or None).

    ``numeric`` columns align right; ``wrap`` columns (long ids, texts) may break anywhere.
    """

    frame: pd.DataFrame
    numeric: set[str] = field(default_factory=set)
    links: dict[str, list] = field(default_factory=dict)
    wrap: set[str] = field(default_factory=set)

    def __repr__(self) -> str:
        return self.frame.to_string(index=False) if len(self.frame) else "(no rows)"

    def _repr_html_(self) -> str:
        head = "".join(f"<th{self._class(c)}>{html_text(c)}</th>" for c in self.frame.columns)
        rows = []
        for i, row in enumerate(self.frame.itertuples(index=False)):
            cells = "".join(
                f"<td{self._class(c)}>{self._cell(c, i, v)}</td>"
                for c, v in zip(self.frame.columns, row, strict=True)
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            f'<table class="postlab-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def _class(self, column: str) -> str:
        if column in self.numeric:
            return ' class="num"'
        return ' class="wrap"' if column in self.wrap else ""

    def _cell(self, column: str, row: int, value) -> str:
        text = html_text(str(value))
        addresses = self.links.get(column)
        address = addresses[row] if addresses else None
        address = web_address(address)
        return f'<a href="{html_text(address)}">{text}</a>' if address else text


def for_people(table: pd.DataFrame, rate_label: str = "engagement rate") -> Table:
    """``table`` (from ``postlab.explore``) with headers in words and values formatted."""
    shown = readable(table).astype("string")
    columns: dict[str, pd.Series] = {}
    numeric: set[str] = set()
    links: dict[str, list] = {}
    for name in table.columns:
        if name in HIDDEN or name in FOLDED:
            continue
        if name == "platform":
            columns["platform"] = table["platform"].map(platform_name)
        elif name in ("control", "treatment"):
            header = "usual style" if name == "control" else "style to test"
            columns[header] = (
                shown[name]
                + ": "
                + shown[f"{name}_rate"]
                + " ("
                + shown[f"{name}_posts"]
                + " posts)"
            )
        elif name == "rate":
            columns[rate_label] = shown["rate"]
            numeric.add(rate_label)
            if "ci_low" in table:
                columns["95 % interval"] = shown["ci_low"] + " to " + shown["ci_high"]
                numeric.add("95 % interval")
        elif name == "ci_low":
            continue
        elif name == "difference":
            header = "difference (95 % interval)"
            columns[header] = (
                shown["difference"]
                + " ("
                + shown["difference_low"]
                + " to "
                + shown["difference_high"]
                + ")"
            )
            numeric.add(header)
        else:
            header = HEADERS.get(name, name.replace("_", " "))
            columns[header] = shown[name]
            if pd.api.types.is_numeric_dtype(table[name]):
                numeric.add(header)
            if name == "post_id" and "url" in table:
                links[header] = list(table["url"].astype("object").where(table["url"].notna()))
    frame = pd.DataFrame(columns).reset_index(drop=True)
    wrap = {HEADERS.get(name, name) for name in WRAPPED if name in table}
    wrap |= {"usual style", "style to test"} & set(frame.columns)
    return Table(frame=frame, numeric=numeric, links=links, wrap=wrap)
