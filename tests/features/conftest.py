from pathlib import Path

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.posts.columns import conform

ROOT = Path(__file__).resolve().parents[2]
# shared/real-exports beside the repository, or beside a folder holding it (worktrees)
REAL = next(
    (
        p / "shared" / "real-exports"
        for p in ROOT.parents
        if (p / "shared" / "real-exports").is_dir()
    ),
    None,
)

SERIOUS = [
    "Road closure on the high street after a collision, please avoid the area",
    "Appeal for witnesses after a burglary, call 101 quoting the reference",
    "Arrest made after a robbery in the town centre, enquiries continue",
    "Police presence in the park tonight after reports of antisocial behaviour",
    "Warning about courier fraud: police will never ask for your bank card",
    "Dispersal order in place in the town centre this weekend",
]
HUMOROUS = [
    "A goose has been arrested for aggravated honking, he is now in the cells",
    "Our police dog ate the evidence again, it was a sausage roll",
    "To the man who tried to steal a cheese wheel: that was un-brie-lievable",
    "Lost property: one inflatable dinosaur, very polite, answers to Rex",
    "The custody sergeant has adopted the tortoise, case closed",
    "Reminder: the traffic cone is not a hat, however fetching",
]


@pytest.fixture
def settings():
    return Settings()


@pytest.fixture
def posts():
    """24 X posts, newest last, with their true tone in a 'truth' column."""
    texts = SERIOUS + HUMOROUS + [t + " today" for t in SERIOUS + HUMOROUS]
    truth = (["serious"] * 6 + ["humorous"] * 6) * 2
    frame = pd.DataFrame(
        {
            "platform": "x",
            "account": "MPSTest",
            "post_id": [str(10**18 + i) for i in range(len(texts))],
            "published_at": pd.date_range(
                "2026-03-02 09:00", periods=len(texts), freq="D", tz="UTC"
            ),
            "time_known": True,
            "text": texts,
        }
    )
    return conform(frame).assign(truth=truth)
