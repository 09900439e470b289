"""Fixtures written to follow ../shared/exports/FORMATS.md exactly, quirks included."""

import shutil
import zipfile
from pathlib import Path

import pytest

from postlab.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"
YOUTUBE_FOLDER = FIXTURES / "youtube" / "Content 2025-08-01_2025-09-30 Test Police"


@pytest.fixture
def settings():
    return Settings(default_timezone="Europe/London")


@pytest.fixture
def youtube_zip(tmp_path) -> Path:
    """The YouTube fixture zipped the way Studio downloads it."""
    path = tmp_path / f"{YOUTUBE_FOLDER.name}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in YOUTUBE_FOLDER.iterdir():
            archive.write(file, file.name)
    return path


@pytest.fixture
def copy_fixture(tmp_path):
    """Copy a fixture into a temp folder (so a test can damage it) and return the copy."""

    def copy(relative: str, name: str | None = None) -> Path:
        target = tmp_path / (name or Path(relative).name)
        shutil.copy(FIXTURES / relative, target)
        return target

    return copy
