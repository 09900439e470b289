"""Writing files so a reader never sees half of one, and reading YAML with errors that say where.

A rerun's workers read what others write (cached posts tables, reports),
and a killed run must not leave a torn file; a YAML mistake in a team's
file must be one line naming the file and line, not a parser traceback.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

import yaml

from postlab.exceptions import PostlabError


def write_atomically(target: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(path)`` on a hidden file beside ``target``, then rename it into place."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def write_text_atomically(target: str | Path, text: str) -> Path:
    return write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))


def read_yaml(
    path: str | Path,
    error: type[PostlabError] = PostlabError,
    *,
    missing: str = "file not found",
    load: Callable[[str], object] = yaml.safe_load,
):
    """The YAML document in ``path``; any reading problem becomes ``error`` naming the file and line.

    ``load`` may be ``yaml.compose`` where the caller needs the nodes' line numbers.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(missing, path=path) from None
    except UnicodeDecodeError:
        raise error("not a UTF-8 text file", path=path) from None
    try:
        return load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(
            f"not valid YAML ({getattr(problem, 'problem', None) or problem})",
            path=path,
            line=mark.line + 1 if mark else None,
        ) from None
