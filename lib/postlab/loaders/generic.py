"""Any other CSV or XLSX (LinkedIn, TikTok, an old Periscope list), read through a YAML mapping.

A mapping names the columns that identify the file and which column fills
each posts field; see docs/methods/exports.md, "Generic files", for the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from postlab.exceptions import ExportError
from postlab.files import read_yaml
from postlab.loaders.convert import localize
from postlab.loaders.dates import clock_known, parse_times
from postlab.loaders.layout import FileContext, Layout
from postlab.loaders.readers import normalise_names
from postlab.posts.columns import MEDIA_TYPES, PLATFORMS, POSTS_COLUMNS
from postlab.project import find_root

_KEYS = {
    "name",
    "platform",
    "match",
    "columns",
    "account",
    "account_column",
    "timezone",
    "time_format",
    "media_type",
    "media_types",
    "sheet",
}
_TARGETS = set(POSTS_COLUMNS) - {"platform", "source_file", "exported_at", "time_known"}
DEFAULT_FOLDER = "mappings"


def load_mappings(mappings) -> tuple[Layout, ...]:
    """Layouts from YAML files, folders of them, or dicts; default: ``./mappings/``."""
    if mappings is None:
        folder = find_root() / DEFAULT_FOLDER
        mappings = [folder] if folder.is_dir() else []
    if isinstance(mappings, str | Path | Mapping):
        mappings = [mappings]
    layouts = []
    for item in mappings:
        if isinstance(item, Mapping):
            layouts.append(mapping_layout(item, "mapping"))
            continue
        path = Path(item)
        files = sorted([*path.glob("*.yml"), *path.glob("*.yaml")]) if path.is_dir() else [path]
        layouts += [mapping_layout(_read_yaml(file), str(file)) for file in files]
    return tuple(layouts)


def _read_yaml(path: Path) -> dict:
    spec = read_yaml(path, ExportError, missing="mapping file not found")
    if not isinstance(spec, dict):
        raise ExportError("a mapping must be a YAML dictionary", path=path)
    return spec


def mapping_layout(spec: Mapping, where: str) -> Layout:
    """Validate a mapping and make it a layout like the built-in ones."""

    def bad(field: str, message: str) -> ExportError:
        return ExportError(message, path=where, field=field)

    unknown = set(spec) - _KEYS
    if unknown:
        raise bad(sorted(unknown)[0], f"unknown key (known: {', '.join(sorted(_KEYS))})")
    columns = spec.get("columns")
    if not isinstance(columns, Mapping) or not columns:
        raise bad("columns", "needs a dictionary of posts field: column in the file")
    wrong = set(columns) - _TARGETS
    if wrong:
        raise bad(
            "columns",
            f"{sorted(wrong)[0]!r} is not a posts field (fields: {', '.join(sorted(_TARGETS))})",
        )
    for required in ("post_id", "published_at"):
        if required not in columns:
            raise bad("columns", f"must name the column for {required}")
    platform = spec.get("platform", "other")
    if platform not in PLATFORMS:
        raise bad("platform", f"{platform!r} is not one of {', '.join(PLATFORMS)}")
    if ("account" in spec) == ("account_column" in spec):
        raise bad("account", "give exactly one of account (a name) or account_column")
    media = spec.get("media_type")
    if media is not None and media not in MEDIA_TYPES:
        raise bad("media_type", f"{media!r} is not one of {', '.join(MEDIA_TYPES)}")
    sources = {target: str(column) for target, column in columns.items()}
    if "account_column" in spec:
        sources["account"] = str(spec["account_column"])
    names = dict(zip(sources, normalise_names(list(sources.values())), strict=True))
    match = spec.get("match", list(sources.values()))
    name = str(spec.get("name") or Path(where).stem)
    return Layout(
        name=f"mapping:{name}",
        title=f"{name} (generic mapping {where})",
        platform=platform,
        signature=frozenset(normalise_names([str(m) for m in match])),
        fields={target: (names[target],) for target in sources},
        build=lambda table, ctx: _build(table, ctx, spec),
        local_time=True,
        needed=(),  # the team chose the columns; nothing to warn about
        period_is_publish=False,
    )


def _build(table: pd.DataFrame, ctx: FileContext, spec: Mapping) -> pd.DataFrame:
    values = table["published_at"]
    fmt = spec.get("time_format")
    if fmt:
        published = parse_times(
            values, str(fmt), example=str(fmt), clues=ctx.clues, **ctx.where("published_at")
        )
    else:
        published = parse_times(
            values,
            "ISO8601",
            example="2024-05-31 14:05",
            clues=ctx.clues,
            **ctx.where("published_at"),
        )
    has_time = clock_known(values)
    if spec.get("timezone"):
        zones = pd.Series(str(spec["timezone"]), index=table.index)
        published = localize(published, zones, ctx.note)
    out = table.assign(
        published_at=published,
        time_known=has_time.to_numpy(),
        account=spec.get("account", table.get("account")),
    )
    if "media_type" in table:
        mapping = {str(k).lower(): v for k, v in (spec.get("media_types") or {}).items()}
        out["media_type"] = ctx.categories(
            table["media_type"],
            mapping or dict(zip(MEDIA_TYPES, MEDIA_TYPES, strict=True)),
            "media_type",
        )
    elif spec.get("media_type"):
        out["media_type"] = spec["media_type"]
    return out
