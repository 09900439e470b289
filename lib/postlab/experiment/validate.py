"""Everything that can be wrong with an experiment file, each named by line and field.

Two layers: the JSON Schema (the same one an editor checks as the file is
typed) for shape, then checks of meaning the schema cannot express. Both
report every problem, so ``postlab check`` can list them all at once.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePath

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import KINDS, suggest
from postlab.experiment.parse import line_of
from postlab.files import import_jsonschema
from postlab.words import yes_no_arm_name

SPLIT_TOLERANCE = 0.001
_MISSING = " is missing (it is required)"
_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields (key: value)",
    "number": "a number",
    "null": "empty",
}
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be lower-case letters, digits and dashes (like humour-vs-serious-x)",
    "^[0-9]+ ?(min|h|d|w)$": "is not a duration like 48h, 2d, 30min or 1w",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is not a date like 2025-05-01",
}


@lru_cache(maxsize=1)
def schema() -> dict:
    """The experiment JSON Schema shipped with postlab (draft 2020-12)."""
    text = resources.files("postlab").joinpath("schemas/experiment.schema.json").read_text()
    return json.loads(text)


PLACEHOLDER = "TODO"  # the template's marker for text the owner must still write
PLACEHOLDER_FIELDS = ("title", "owner", "hypothesis")
PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


def mde_fraction(value) -> float:
    """``0.1`` or ``"10%"`` -> 0.1; anything else raises ValueError with the sentence to print."""
    if isinstance(value, str):
        match = PERCENT.match(value)
        if not match:
            raise ValueError(f"mde {value!r} is not a fraction like 0.1 or a percentage like '10%'")
        fraction = float(match[1]) / 100
        if not 0 < fraction < 1:
            raise ValueError(f"mde {value!r} must be above 0 % and below 100 %")
        return fraction
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"mde {value!r} is not a fraction like 0.1 or a percentage like '10%'")
    if value >= 1:
        raise ValueError(f"mde {value:g} means {100 * value:g} %: write 0.1 or '10%'")
    if value <= 0:
        raise ValueError(f"mde {value:g} must be above 0 (0.1 or '10%' is a 10 % change)")
    return float(value)


def equal_split(arms: list[str]) -> dict[str, float]:
    return {arm: 1 / len(arms) for arm in arms}


def field_name(parts) -> str:
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def problem(message: str, field: str, lines: dict, path) -> ExperimentError:
    return ExperimentError(message, path=path, line=line_of(lines, field), field=field)


def structure_problems(document: dict, lines: dict, path) -> list[ExperimentError]:
    """What the JSON Schema rejects, in the words a comms officer can act on."""
    validator = import_jsonschema().Draft202012Validator(schema())
    found = []
    for error in validator.iter_errors(document):
        found += _translate(error, lines, path)
    # a misspelt key also makes a required one missing: the misspelling is the better lead
    return sorted(
        found,
        key=lambda e: (e.message.endswith(_MISSING), e.line is None, e.line or 0, e.field or ""),
    )


FIXED_NEEDS = {
    "planned_posts": " (the total posts over all arms you will analyse; `postlab plan` says how many)",
    "mde": " (the smallest change worth acting on, e.g. 0.1 or '10%')",
}


def _translate(error, lines, path) -> list[ExperimentError]:
    where = field_name(error.absolute_path)
    value = error.instance
    kind = error.validator
    if where == "mde":
        try:
            mde_fraction(value)
        except ValueError as sentence:
            return [problem(str(sentence), where, lines, path)]
    if kind == "required" and where == "" and value.get("analysis") == "fixed":
        missing = re.match(r"'([^']+)'", error.message)[1]
        if missing in FIXED_NEEDS:
            return [
                ExperimentError(
                    f"analysis: fixed needs {missing}{FIXED_NEEDS[missing]}",
                    path=path,
                    line=lines.get("analysis"),
                    field=missing,
                )
            ]
    if kind == "type" and isinstance(value, bool) and error.validator_value == "string":
        text = str(value).lower()
        return [problem(f"{where} must be text: write it in quotes, '{text}'", where, lines, path)]
    if kind == "required":
        missing = re.match(r"'([^']+)'", error.message)[1]
        field = f"{where}.{missing}" if where else missing
        return [problem(f"{field}{_MISSING}", field, lines, path)]
    if kind == "additionalProperties" and "properties" in error.schema:
        known = sorted(error.schema["properties"])
        found = []
        for key in sorted(set(value) - set(known)):
            field = f"{where}.{key}" if where else key
            hint = suggest(key, known) or f" (known: {', '.join(known)})"
            found.append(problem(f"{field} is not a known key{hint}", field, lines, path))
        return found
    if kind == "enum":
        choices = error.validator_value
        listed = f"one of: {', '.join(choices)}" if len(choices) <= 6 else "a known value"
        extra = suggest(value, choices)
        if len(choices) > 6 and not extra:
            extra = f" (known: {', '.join(choices)})"
        return [problem(f"{where} {value!r} is not {listed}{extra}", where, lines, path)]
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(error.validator_value, f"does not match {error.validator_value}")
        return [problem(f"{where} {value!r} {hint}", where, lines, path)]
    if kind == "anyOf" and where.startswith("arms."):
        return [
            problem(
                f"{where} {value!r} is not an arm: write a value (text, or true/false) or "
                "{value: ..., name: ...}",
                where,
                lines,
                path,
            )
        ]
    if kind == "anyOf" and where.startswith("period."):
        return [
            problem(
                f"{where} {value!r} is not a date like 2025-05-01 (or null)", where, lines, path
            )
        ]
    if kind == "type":
        wanted = error.validator_value
        words = " or ".join(
            _TYPE_WORDS.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted)
        )
        return [problem(f"{where} must be {words}, not {value!r}", where, lines, path)]
    if kind in ("minItems", "minProperties"):
        return [
            problem(f"{where} needs at least {error.validator_value} entries", where, lines, path)
        ]
    if kind == "uniqueItems":
        return [problem(f"{where} lists the same value twice", where, lines, path)]
    if kind == "minLength":
        return [problem(f"{where} must not be empty", where, lines, path)]
    if kind in ("exclusiveMinimum", "exclusiveMaximum", "minimum", "maximum"):
        bound = error.validator_value
        relation = {
            "exclusiveMinimum": "above",
            "exclusiveMaximum": "below",
            "minimum": "at least",
            "maximum": "at most",
        }[kind]
        return [problem(f"{where} {value} must be {relation} {bound}", where, lines, path)]
    return [problem(f"{where or 'file'}: {error.message}", where, lines, path)]


def meaning_problems(document: dict, lines: dict, path) -> list[ExperimentError]:
    """Checks across fields that a schema cannot express; the shape is already valid."""
    path = Path(path)
    found = []

    def add(message: str, field: str) -> None:
        found.append(problem(message, field, lines, path))

    if document["id"] != path.stem:
        add(f"id {document['id']!r} must equal the file name ({path.stem})", "id")
    _check_period(document["period"], add)
    items = [document["arms"]["control"], *document["arms"]["treatments"]]
    column = document["assignment"].get("column")
    fields = arm_field_names(len(items) - 1)
    seen_values, seen_names = {}, {}
    for field, item in zip(fields, items, strict=True):
        value, name = arm_value(item), arm_name(item, column)
        if value.casefold() in seen_values:
            other = seen_values[value.casefold()]
            add(
                f"{field} {value!r} is also {'the control' if other == fields[0] else other}", field
            )
        elif name.casefold() in seen_names:
            add(f"{field} is named {name!r} like {seen_names[name.casefold()]}", field)
        seen_values.setdefault(value.casefold(), field)
        seen_names.setdefault(name.casefold(), field)
    arms = [arm_value(item) for item in items]
    names = [arm_name(item, column) for item in items]
    _check_split(document.get("split"), arms, names, add)
    primary = document["metrics"]["primary"]
    for index, metric in enumerate(document["metrics"].get("secondary", [])):
        if metric == primary:
            add(
                f"metrics.secondary[{index}] {metric!r} is already the primary metric",
                f"metrics.secondary[{index}]",
            )
    _check_assignment(document["assignment"], document["arms"], add)
    parent = document.get("parent")
    if parent:
        siblings = sorted(p.stem for p in path.parent.glob("*.yml") if p.stem != path.stem)
        if parent not in siblings:
            add(
                f"parent {parent!r} is not an experiment in {path.parent}{suggest(parent, siblings)}",
                "parent",
            )
    return found


def _check_period(period: dict, add) -> None:
    days = {}
    for side in ("start", "end"):
        if period[side] is not None:
            try:
                days[side] = date.fromisoformat(period[side])
            except ValueError:
                add(
                    f"period.{side} {period[side]!r} is not a day of the calendar", f"period.{side}"
                )
    if len(days) == 2 and days["end"] < days["start"]:
        add(f"period.end {days['end']} is before period.start {days['start']}", "period.end")


def split_arm(key, values: list[str], names: list[str]) -> int | None:
    """The index of the arm a split key means: by name, or by value (a yes/no in any case)."""
    key = str(key).strip().casefold()
    for keys in (names, values):
        folded = [k.casefold() for k in keys]
        if key in folded:
            return folded.index(key)
    return None


def _check_split(split: dict | None, arms: list[str], names: list[str], add) -> None:
    if split is None:
        return
    for key in split:
        if split_arm(key, arms, names) is None:
            add(
                f"split.{key} is not an arm{suggest(key, names)} (arms: {', '.join(names)})",
                f"split.{key}",
            )
    covered = {split_arm(key, arms, names) for key in split}
    missing = [name for index, name in enumerate(names) if index not in covered]
    if missing:
        add(f"split has no share for {', '.join(missing)}", "split")
    total = sum(split.values())
    if abs(total - 1) > SPLIT_TOLERANCE:
        add(f"split shares add up to {total:g}, not 1", "split")


def _check_assignment(assignment: dict, arms_field: dict, add) -> None:
    file = assignment.get("file")
    if isinstance(file, str) and (
        PurePath(file).is_absolute() or ".." in PurePath(file).parts or "\x00" in file
    ):
        add(
            f"assignment.file {file!r} must be a path inside the data folder "
            "(relative, without '..')",
            "assignment.file",
        )
        return
    for message, field in KINDS[assignment["kind"]].spec_problems(
        assignment, _arm_fields(arms_field)
    ):
        add(message, field)


def _arm_fields(arms_field: dict) -> list[tuple[str, str]]:
    return [("arms.control", arm_value(arms_field["control"]))] + [
        (f"arms.treatments[{i}]", arm_value(item))
        for i, item in enumerate(arms_field["treatments"])
    ]


def arm_field_names(treatments: int) -> list[str]:
    return ["arms.control"] + [f"arms.treatments[{i}]" for i in range(treatments)]


def arm_value(item) -> str:
    """The value an arm matches: text as written, a yes/no as ``true``/``false``."""
    value = item.get("value") if isinstance(item, dict) else item
    return str(value).lower() if isinstance(value, bool) else str(value)


def arm_name(item, column: str | None) -> str:
    """The name people read: the file's ``name``, a yes/no column's readable name, or the value."""
    if isinstance(item, dict) and item.get("name"):
        return " ".join(str(item["name"]).split())
    return yes_no_arm_name(column, arm_value(item)) if column else arm_value(item)


def data_problems(experiment, data_dir) -> list[ExperimentError]:
    """What does not fit the team's data folder (a missing labels file, an arm that is no value)."""
    by_name = experiment.assignment.by_name
    fields = [
        (field, arm if by_name else experiment.value_of(arm))
        for field, arm in zip(
            arm_field_names(len(experiment.treatments)), experiment.arms, strict=True
        )
    ]
    return [
        problem(message, field, experiment.lines, experiment.path)
        for message, field in experiment.assignment.data_problems(fields, data_dir)
    ]


def placeholder_problems(document: dict, lines: dict, path) -> list[ExperimentError]:
    """Text the template asked the owner to write and that is still the template's."""
    return [
        problem(
            f"{field} still holds the template's {PLACEHOLDER} text: write it in your own words",
            field,
            lines,
            path,
        )
        for field in PLACEHOLDER_FIELDS
        if PLACEHOLDER in str(document.get(field, ""))
    ]
