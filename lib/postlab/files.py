"""Writing files so a reader never sees half of one, and reading YAML with limits and errors that say where.

A rerun's workers read what others write (cached posts tables, reports),
and a killed run must not leave a torn file; a YAML mistake in a team's
file must be one line naming the file and line, not a parser traceback.
A YAML file is read with limits (size, nesting, aliases and what they
expand to, number length) and safe tags only, so a hostile or broken file
is refused in words before it can fill memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import uuid
from collections.abc import Callable
from pathlib import Path, PurePath

import yaml

from postlab.exceptions import EnvironmentProblem, PostlabError

MAX_YAML_BYTES = 1_000_000  # an experiment file is a few kB; settings with name lists, tens
MAX_DEPTH = 32  # levels of nesting, aliases expanded (an experiment file needs 4)
MAX_ALIASES = 200
MAX_NODES = 50_000  # values in the document once every alias is expanded
MAX_NUMBER_CHARS = 32  # digits of a number: more is a typo or an attack, never a setting
SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp", "merge")
)
KEY = re.compile(r"^\s*([\w-]+)\s*:")  # the key a line sets, to name a field YAML cannot parse
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
NOT_FINITE = re.compile(r"^[-+]?\.(inf|nan)$", re.IGNORECASE)

# What an environment error means and what to do, by errno: one line, never a traceback.
ENVIRONMENT_WORDS = {
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run the command again",
    errno.EACCES: "permission denied: check who owns it (ls -l) or run as its owner",
    errno.EPERM: "not permitted (an immutable or protected file?): check its attributes "
    "(lsattr) and owner",
    errno.EROFS: "the file system is read-only: work in a writable copy of the project",
    errno.ENAMETOOLONG: "the file name is too long: use a shorter name or folder",
    errno.EISDIR: "is a folder, not a file: name a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENOENT: "no such file or folder",
    errno.EMFILE: "too many open files: close other programs or raise the limit (ulimit -n)",
    errno.ENFILE: "too many open files on this machine: close other programs",
    errno.EEXIST: "is in the way (a file where a folder is needed?): pick another name",
    errno.EIO: "the disk reported an input/output error: check the disk",
}


def environment_words(error: OSError) -> str | None:
    """What an environment error (disk full, permission, read-only...) means, or None."""
    return ENVIRONMENT_WORDS.get(error.errno)


def environment_error(error: OSError, path: str | Path | None = None) -> EnvironmentProblem:
    """``error`` as one line naming the path (its own, else ``path``) and what to do."""
    words = environment_words(error) or (error.strerror or str(error))
    where = error.filename if error.filename is not None else path
    return EnvironmentProblem(words, path=os.fsdecode(where) if where is not None else None)


@contextlib.contextmanager
def environment_errors(path: str | Path):
    """Environment errors inside become ``EnvironmentProblem`` naming ``path`` where they do not."""
    try:
        yield
    except OSError as error:
        if environment_words(error) is None:
            raise
        raise environment_error(error, path) from None


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


def inside(
    folder: str | Path, relative: str | Path, error: type[PostlabError] = PostlabError, **where
) -> Path:
    """``folder / relative``, refused unless it stays inside ``folder`` (links followed).

    A path written in a team's file (a labels file, a schedule) must never reach
    /etc/passwd or another team's data.
    """
    text = str(relative)
    base = Path(folder)
    candidate = base / text
    if (
        "\x00" in text
        or Path(text).is_absolute()
        or not candidate.resolve().is_relative_to(base.resolve())
    ):
        raise error(f"{text!r} is outside the data folder {base}: give a path inside it", **where)
    return candidate


def file_pattern(glob: str, error: type[PostlabError] = PostlabError, **where) -> str:
    """``glob`` if it can match a file name (``.``, ``/`` or empty match nothing: refused)."""
    try:
        PurePath("x").match(glob)
    except ValueError:
        raise error(f"{glob!r} is not a file pattern (like 'x/2019-*.csv')", **where) from None
    return glob


class _Refused(Exception):
    """A limit or rule of the bounded reader, with where it was found."""

    def __init__(self, message: str, node_or_mark=None, where: str = "") -> None:
        super().__init__(message)
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line = mark.line + 1 if mark is not None else None
        self.where = where or None


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that counts aliases and nesting as it composes."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(
                    f"more than {MAX_ALIASES} aliases (*name): refused", self.peek_event()
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", self.peek_event())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_yaml(
    path: str | Path,
    error: type[PostlabError] = PostlabError,
    *,
    missing: str = "file not found",
    nodes: bool = False,
):
    """The YAML document in ``path`` (its checked root node with ``nodes=True``, where the
    caller needs line numbers); any problem becomes ``error`` naming the file, line and field."""
    path = Path(path)
    text = _read_text(path, error, missing)
    loader = None
    try:
        loader = BoundedLoader(text)
        root = loader.get_single_node()
        if root is None:
            return None
        _check(root)
        return root if nodes else loader.construct_document(root)
    except _Refused as refused:
        raise error(str(refused), path=path, line=refused.line, field=refused.where) from None
    except yaml.reader.ReaderError as problem:
        character = f"U+{problem.character:04X}" if isinstance(problem.character, int) else "?"
        line = text.count("\n", 0, problem.position) + 1
        key = KEY.match(text.splitlines()[line - 1] if text.splitlines() else "")
        raise error(
            f"holds a character YAML does not allow ({character}): delete it",
            path=path,
            line=line,
            field=key[1] if key else None,
        ) from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(
            f"not valid YAML ({getattr(problem, 'problem', None) or problem})",
            path=path,
            line=mark.line + 1 if mark else None,
        ) from None
    except (ValueError, OverflowError) as problem:  # a value a constructor cannot make
        raise error(f"not valid YAML ({problem})", path=path) from None
    finally:
        if loader is not None:
            loader.dispose()


def _read_text(path: Path, error: type[PostlabError], missing: str) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise error(missing, path=path) from None
    except OSError as problem:
        words = environment_words(problem) or problem.strerror or str(problem)
        plain = problem.errno in (errno.EISDIR, errno.ENAMETOOLONG, errno.ENOTDIR)
        raise error(words if plain else f"cannot be read: {words}", path=path) from None
    if len(data) > MAX_YAML_BYTES:
        raise error(
            f"is larger than {MAX_YAML_BYTES // 1000:,} kB: not a settings or experiment file",
            path=path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise error("not a UTF-8 text file", path=path) from None


def _check(root: yaml.Node) -> None:
    """Refuse unsafe tags, over-long numbers, broken text and documents that expand too far."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, levels) once expanded
    open_nodes: set[int] = set()

    def visit(node: yaml.Node, where: str, depth: int) -> tuple[int, int]:
        if depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", node, where)
        key = id(node)
        if key in sizes:
            count, levels = sizes[key]
            if depth + levels > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", node, where)
            return count, levels
        if key in open_nodes:
            raise _Refused("refers to itself (an alias inside its own anchor)", node, where)
        open_nodes.add(key)
        if node.tag not in SAFE_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(f"tag {shown} is not allowed (plain values only)", node, where)
        count, levels = 1, 0
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, where)
        else:
            children = (
                [(child, f"{where}[{i}]") for i, child in enumerate(node.value)]
                if isinstance(node, yaml.SequenceNode)
                else [
                    pair
                    for key_node, value in node.value
                    for pair in ((key_node, where), (value, _field(where, key_node)))
                ]
            )
            for child, child_where in children:
                size, height = visit(child, child_where, depth + 1)
                count += size
                levels = max(levels, height + 1)
                if count > MAX_NODES:
                    raise _Refused(
                        f"expands to more than {MAX_NODES:,} values (aliases of aliases?): refused",
                        node,
                        where,
                    )
        open_nodes.discard(key)
        sizes[key] = (count, levels)
        return count, levels

    visit(root, "", 0)


def _field(where: str, key: yaml.Node) -> str:
    name = key.value if isinstance(key, yaml.ScalarNode) else "?"
    return f"{where}.{name}" if where else str(name)


def _check_scalar(node: yaml.ScalarNode, where: str) -> None:
    value = node.value
    if node.tag in NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS:
        raise _Refused(
            f"a number of {len(value):,} characters (at most {MAX_NUMBER_CHARS} are read)",
            node,
            where,
        )
    if node.tag == NUMBER_TAGS[1] and NOT_FINITE.match(value):
        raise _Refused(f"{value} is not a number that can be used here", node, where)
    if SURROGATE.search(value):
        raise _Refused("holds a broken character (an unpaired surrogate)", node, where)
    found = CONTROL.search(value)
    if found:
        raise _Refused(f"holds a control character (U+{ord(found[0]):04X}): delete it", node, where)


# the optional packages behind jsonschema's format checkers (jsonschema/_format.py)
FORMAT_CHECKERS = (
    "rfc3987_syntax",
    "rfc3987",
    "rfc3986_validator",
    "rfc3339_validator",
    "fqdn",
    "idna",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "isoduration",
)


def import_jsonschema():
    """jsonschema without its format checkers; call it before nbformat, papermill or nbconvert.

    The IRI checker compiles 38 grammars on import (about a second in every
    rerun worker, which reads notebooks through nbformat, and in every
    command that reads an experiment file) and the others add a tenth of a
    second; postlab and nbformat validate structure only, never formats, so
    none of them is ever needed.
    """
    if "jsonschema" not in sys.modules:
        hidden = [name for name in FORMAT_CHECKERS if name not in sys.modules]
        sys.modules.update(dict.fromkeys(hidden))  # makes jsonschema's optional imports fail
        try:
            import jsonschema
        finally:
            for name in hidden:
                del sys.modules[name]
    import jsonschema

    return jsonschema
