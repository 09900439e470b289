"""A third labelled set: 300+ posts of a London borough's accounts, written by hand.

Written for issue 23 by the engineer who then changed the scrubber, BEFORE
changing it, in the voice of borough police accounts (appeals, missing people,
court results, road closures, humour, events, thanks, partners), with people
of many origins. Its first measurement is kept in README. ``tuning`` (185
posts, ``borough/tuning.txt``) is the part whose misses were read and fixed by
general rules; ``held_out`` (119 posts, ``borough/held_out.txt``) was written
at the same time and only measured: its figures are the honest ones.

Markup as in ``independent.py``: ``{{Name}}`` a name, ``{{kind:text}}``
another kind (``address``, ``vehicle``, ``nino``, ``dob``...). A street named
with a residence cue ("lives on", "from", a victim "of") is an address; a
street named as where something happened is not. Officers' names are names.
Police animals, places, stations, operations, campaigns and partner accounts
are not personal.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from independent import parse  # the same mark-up: {{kind:text}}, a name without a kind

HERE = Path(__file__).parent / "borough"

# Strings the scrubber must leave alone wherever they occur in the set.
SAFE = (
    "999",
    "101",
    "159",
    "7726",
    "@wandbc",
    "@StopHateUK",
    "@LondonFire",
    "@LDNAmbulance",
    "@SouthwarkCouncil",
    "@thameswater",
    "@RBGKew",
    "@Refuge",
    "@womensaid",
    "@ukhomeoffice",
    "@ThamesVP",
    "@Childrens_Society",
    "@Fearless_org",
    "@actionfrauduk",
    "@RNLI",
    "Kingston",
    "Coombe Lane West",
    "Ask for Angela",
)


def _table(name: str) -> pd.DataFrame:
    posts = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n---\n")
    rows = [parse(post.strip()) for post in posts if post.strip()]
    return pd.DataFrame(rows, columns=["text", "spans"])


def tuning() -> pd.DataFrame:
    """The part whose misses were read."""
    return _table("tuning")


def held_out() -> pd.DataFrame:
    """The part only measured."""
    return _table("held_out")
