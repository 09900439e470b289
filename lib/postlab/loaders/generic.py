"""Any other CSV or XLSX (LinkedIn, TikTok, an old Periscope list), read through a YAML mapping.

A mapping names the columns that identify the file and which column fills
each posts field; see the README section "Generic files" for the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from postlab.exceptions import ExportError
from postlab.files import read_yaml
from postlab.loaders.convert import localize, parse_times
from postlab.loaders.layout import FileContext, Layout
from postlab.loaders.readers import Head, Source, normalise_names, read_workbook
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
    )


def _build(table: pd.DataFrame, ctx: FileContext, spec: Mapping) -> pd.DataFrame:
    values = table["published_at"]
    fmt = spec.get("time_format")
    if fmt:
        published = parse_times(values, str(fmt), example=str(fmt), **ctx.where("published_at"))
    else:
        published = parse_times(
            values, "ISO8601", example="2024-05-31 14:05", **ctx.where("published_at")
        )
    has_time = values.str.contains(r"\d:\d", regex=True).fillna(False)
    if spec.get("timezone"):
        zones = pd.Series(str(spec["timezone"]), index=table.index)
        published = localize(published, zones)
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


def match_workbook(source: Source, layouts: tuple[Layout, ...]):
    """(layout, header, sheet) for a workbook a mapping describes, else None."""
    try:
        sheet = read_workbook(source)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise ExportError(
            f"cannot be read as an Excel workbook ({error})", path=source.name
        ) from None
    sheet = sheet.dropna(how="all")
    if sheet.empty:
        return None
    head = Head("xlsx", rows=(tuple("" if v is None else str(v) for v in sheet.iloc[0]),))
    layout = next((lay for lay in layouts if lay.matches(head.names)), None)
    return None if layout is None else (layout, head, sheet)


def sheet_table(sheet: pd.DataFrame, head: Head, columns: dict[str, str]) -> pd.DataFrame:
    """The data rows of a sheet with the selected columns, named by posts field, as text."""
    data = sheet.iloc[1:].reset_index(drop=True)
    data.columns = head.names
    return (
        data[list(columns)]
        .rename(columns=columns)
        .astype("str")
        .where(data[list(columns)].notna().to_numpy())
    )
