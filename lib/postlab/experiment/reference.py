"""The experiment file's reference, written from its JSON schema so that it cannot drift.

The schema (``schemas/experiment.schema.json``) is what ``check`` validates
against; the docs site's "Experiment file reference" page is this module's
output, made at every build, so a field added to the schema is documented
the moment it exists and a field removed disappears from the page.
"""

from __future__ import annotations

import json
from importlib import resources

SCHEMA = "schemas/experiment.schema.json"
HEADER = "| field | required | takes | what it is for |\n|---|---|---|---|"


def experiment_schema() -> dict:
    return json.loads(resources.files("postlab").joinpath(SCHEMA).read_text(encoding="utf-8"))


def schema_markdown(schema: dict | None = None) -> str:
    """The reference as Markdown: every field of the file, then each assignment kind's."""
    schema = schema or experiment_schema()
    defs = schema.get("$defs", {})
    parts = [_escape(schema.get("description", "")), "", HEADER]
    parts += _rows(schema, "", defs)
    conditional = _conditions(schema.get("allOf", []))
    if conditional:
        parts += ["", *conditional]
    for name, node in schema.get("properties", {}).items():
        kinds = _kinds(node, defs)
        if kinds:
            parts += ["", f"## `{name}`: its kinds", "", _escape(node.get("description", ""))]
            parts += kinds
    return "\n".join(parts).rstrip() + "\n"


def _rows(node: dict, prefix: str, defs: dict) -> list[str]:
    required = set(node.get("required", []))
    rows = []
    for name, child in node.get("properties", {}).items():
        child = _resolve(child, defs)
        path = f"{prefix}{name}"
        rows.append(
            f"| `{path}` | {'yes' if name in required else 'no'} | {_takes(child, defs)} "
            f"| {_escape(child.get('description', ''))} |"
        )
        if child.get("type") == "object" and "properties" in child and not _kinds(child, defs):
            rows += _rows(child, f"{path}.", defs)
        items = _resolve(child.get("items", {}), defs)
        if isinstance(items, dict) and "properties" in items:
            rows += _rows(items, f"{path}[].", defs)
    return rows


def _kinds(node: dict, defs: dict) -> list[str]:
    """One table per ``if kind == X then ...`` branch (an assignment's kinds)."""
    out = []
    for branch in node.get("allOf", []):
        condition = branch.get("if", {}).get("properties", {})
        then = branch.get("then", {})
        if len(condition) != 1 or "properties" not in then:
            continue
        ((key, value),) = condition.items()
        if "const" not in value:
            continue
        out += [
            "",
            f"### `{key}: {value['const']}`",
            "",
            _escape(then.get("description", "")),
            "",
            HEADER,
            *[row for row in _rows(then, "", defs) if not row.startswith(f"| `{key}` ")],
        ]
    return out


def _conditions(branches: list[dict]) -> list[str]:
    """Fields that become required when another field takes a value."""
    lines = []
    for branch in branches:
        condition = branch.get("if", {}).get("properties", {})
        needed = branch.get("then", {}).get("required", [])
        for key, value in condition.items():
            if "const" in value and needed:
                fields = ", ".join(f"`{n}`" for n in needed)
                lines.append(f"With `{key}: {value['const']}`, {fields} are required too.")
    return lines


def _takes(node: dict, defs: dict) -> str:
    """What a field accepts, in words."""
    node = _resolve(node, defs)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return " or ".join(_takes(option, defs) for option in node[key])
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    words = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds if k)
    if "array" in kinds:
        words = f"a list of {_takes(node.get('items', {}), defs)}"
    limits = [
        "not empty"
        if node[key] == 1 and key.startswith("min") and key != "minimum"
        else f"{_LIMIT_WORDS[key]} {node[key]}"
        for key in _LIMIT_WORDS
        if key in node
    ]
    if node.get("format") == "date":
        limits.append("a date, YYYY-MM-DD")
    elif "pattern" in node:
        limits.append(f"matching `{node['pattern']}`")
    if isinstance(node.get("additionalProperties"), dict):
        limits.append(f"each value {_takes(node['additionalProperties'], defs)}")
    return f"{words} ({'; '.join(limits)})" if limits else words or "anything"


def _resolve(node: dict, defs: dict) -> dict:
    ref = node.get("$ref", "") if isinstance(node, dict) else ""
    if ref.startswith("#/$defs/"):
        return {**defs[ref.rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _escape(text: str) -> str:
    """A schema text inside a Markdown table: no pipe, no line break, no markup."""
    return (
        str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")
    )


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "`true` or `false`",
    "object": "a mapping",
    "null": "empty (`null`)",
    "array": "a list",
}
_LIMIT_WORDS = {
    "minimum": "at least",
    "exclusiveMinimum": "more than",
    "maximum": "at most",
    "exclusiveMaximum": "less than",
    "minLength": "at least this many characters:",
    "minItems": "at least this many items:",
    "minProperties": "at least this many entries:",
}
