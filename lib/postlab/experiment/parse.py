"""Read an experiment file as plain data while remembering where each field was written.

Composing keeps every node's position, so an error about
``arms.control`` can name the line a comms officer has to fix. Dates stay
as the text written, as an editor's YAML 1.2 schema check sees them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from postlab.exceptions import ExperimentError
from postlab.files import read_yaml

_SCALARS = yaml.SafeLoader("")


def read_document(path: str | Path) -> tuple[dict, dict[str, int]]:
    """The file's mapping and the 1-based line of every field path ("arms.control")."""
    path = Path(path)
    root = read_yaml(
        path,
        ExperimentError,
        missing="no such experiment file",
        nodes=True,
    )
    if not isinstance(root, yaml.MappingNode):
        raise ExperimentError("must be a mapping of fields (key: value)", path=path, line=1)
    lines: dict[str, int] = {}
    return _value(root, "", lines, path), lines


def _value(node: yaml.Node, where: str, lines: dict[str, int], path: Path):
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = str(_value(key_node, where, lines, path))
            field = f"{where}.{key}" if where else key
            if key in out:
                raise ExperimentError(
                    "appears twice", path=path, line=key_node.start_mark.line + 1, field=field
                )
            lines[field] = key_node.start_mark.line + 1
            out[key] = _value(value_node, field, lines, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[f"{where}[{index}]"] = item.start_mark.line + 1
            items.append(_value(item, f"{where}[{index}]", lines, path))
        return items
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        return _SCALARS.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as error:  # e.g. `!!int ten`
        reason = getattr(error, "problem", None) or error
        raise ExperimentError(
            f"{node.value!r} cannot be read ({reason})",
            path=path,
            line=node.start_mark.line + 1,
            field=where or None,
        ) from None


def line_of(lines: dict[str, int], field: str) -> int | None:
    """The line of ``field``, or of its nearest written parent."""
    while field and field not in lines:
        parent = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", field)
        field = "" if parent == field else parent
    return lines.get(field)
