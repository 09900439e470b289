"""Fixtures of the explore tests (the synthetic history is in explore_synthetic.py)."""

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from explore_synthetic import make_history  # noqa: E402

from postlab.config import Settings  # noqa: E402


@pytest.fixture(scope="session")
def _history() -> pd.DataFrame:
    return make_history()


@pytest.fixture
def history(_history) -> pd.DataFrame:
    return _history.copy()


@pytest.fixture
def london() -> Settings:
    return Settings(default_timezone="Europe/London")
