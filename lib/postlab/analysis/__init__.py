"""What the analysis notebook shows and hands back to ``postlab rerun``.

The notebook stays a thin sequence of calls into this room, one module per concern:

- ``compute``: ``analyse`` (load, assign, compare) and ``account_effects``;
- ``report``: the sections in words (design, headline, caveats, glossary), every
  phrase from ``postlab.words``, which the record, the page and the CLI share;
- ``tables``: the tables for people;
- the hand-over to the rerun and the record is ``postlab.payload`` (``emit_result``).
"""

from postlab.analysis.compute import Analysis, account_effects, analyse, levers
from postlab.analysis.report import (
    GLOSSARY,
    Folded,
    Headline,
    accounts_markdown,
    balance_caption,
    caveats_markdown,
    design_markdown,
    headline,
    load_summary,
    owner_markdown,
    plan_markdown,
    split_markdown,
)
from postlab.analysis.tables import (
    arms_people,
    balance_people,
    balance_table,
    deviations_people,
    effects_people,
    estimates_people,
    influential_posts,
    scope_people,
    scope_table,
    top_posts,
)
from postlab.payload import accounts_payload, emit_result
from postlab.words import accounts_verdict, interval_kind, metric_label, next_step_words, value_text

__all__ = [
    "GLOSSARY",
    "Analysis",
    "Folded",
    "Headline",
    "account_effects",
    "accounts_markdown",
    "accounts_payload",
    "accounts_verdict",
    "analyse",
    "arms_people",
    "balance_caption",
    "balance_people",
    "balance_table",
    "caveats_markdown",
    "deviations_people",
    "design_markdown",
    "effects_people",
    "emit_result",
    "estimates_people",
    "headline",
    "influential_posts",
    "interval_kind",
    "levers",
    "load_summary",
    "metric_label",
    "next_step_words",
    "owner_markdown",
    "plan_markdown",
    "scope_people",
    "scope_table",
    "split_markdown",
    "top_posts",
    "value_text",
]
