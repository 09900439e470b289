"""Find the project folder, so notebooks resolve the same paths wherever they run.

papermill starts kernels in the caller's folder, nbval and JupyterLab in the
notebook's folder; experiment and data paths are written relative to the
project root (the folder holding ``postlab.yml``).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "postlab.yml"


def find_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``postlab.yml``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).exists():
            return folder
    return here


def use_project_root() -> Path:
    """Change into the project root (a no-op when already there)."""
    root = find_root()
    os.chdir(root)
    return root
