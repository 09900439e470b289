"""Read many export files into one posts table, accounting for every row."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from postlab.config import Settings
from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders import generic
from postlab.loaders.convert import check_ids, localize, row_error, to_counts, to_numbers
from postlab.loaders.detect import LABELS_FILE, detect, known_titles
from postlab.loaders.layout import FileContext
from postlab.loaders.merge import merge_snapshots
from postlab.loaders.readers import (
    EXPORT_SUFFIXES,
    Head,
    Source,
    read_table,
    sniff,
    zip_members,
)
from postlab.loaders.report import FileReport, LoadReport, SkippedFile
from postlab.posts.columns import COUNT_COLUMNS, POSTS_COLUMNS, conform, empty_posts
from postlab.posts.features import add_features
from postlab.project import EXPORTS_FOLDER, PLANS_FOLDER, project_settings

PathLike = str | Path
_QUIET = (LABELS_FILE, "YouTube Studio")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_MONTH_DATE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})-(\d{1,2})-(\d{4})(?!\d)")


def load(paths: PathLike | Iterable[PathLike], **options) -> pd.DataFrame:
    """The posts table from export files and folders (see ``load_with_report``)."""
    return load_with_report(paths, **options)[0]


def load_with_report(
    paths: PathLike | Iterable[PathLike],
    *,
    settings: Settings | None = None,
    accounts: dict[str, str] | None = None,
    young_hours: float = 48,
    mappings=None,
) -> tuple[pd.DataFrame, LoadReport]:
    """Read exports (files, or folders searched recursively) into one posts table.

    ``settings`` gives each account's timezone for layouts with local times
    (default: ``postlab.yml`` in the current folder); ``accounts`` renames
    accounts, keyed by a file or folder path or by the detected account;
    ``mappings`` are generic column mappings (YAML files, folders or dicts;
    default: ``mappings/`` in the current folder, if there is one).
    """
    settings = settings if settings is not None else project_settings()
    custom = generic.load_mappings(mappings)
    report = LoadReport(young_hours=young_hours)
    frames = []
    for source, named in find_sources(paths):
        frame = _load_source(source, named, custom, settings, accounts or {}, report)
        if frame is not None:
            frames.append(frame)
    posts = conform(pd.concat(frames, ignore_index=True)) if frames else empty_posts()
    posts, superseded = merge_snapshots(posts)
    posts = add_features(posts, settings)
    _finish_report(report, posts, superseded)
    _warn_skipped(report)
    return posts, report


def find_sources(paths: PathLike | Iterable[PathLike]) -> Iterator[tuple[Source, bool]]:
    """Every file to read, and whether the user named it (errors) or a folder walk found it."""
    for given in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(given)
        if path.is_dir():
            path = _exports_of(path)
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in EXPORT_SUFFIXES
                and not p.name.startswith((".", "~$"))
            )
            for file in files:
                yield from _expand(file, named=False)
        elif path.is_file():
            yield from _expand(path, named=True)
        else:
            raise ExportError("no such file or folder", path=path)


def _exports_of(folder: Path) -> Path:
    """A team folder keeps platform files in ``exports/``; an older one mixes them with its own."""
    if (folder / EXPORTS_FOLDER).is_dir():
        return folder / EXPORTS_FOLDER
    if any(p.name == "labels.csv" or p.stem.endswith("-schedule") for p in folder.rglob("*")):
        warnings.warn(
            f"{folder} mixes platform exports with the team's own files: move the exports "
            f"into {folder / EXPORTS_FOLDER}/ (labels.csv stays in {folder}, schedules go "
            f"into {folder / PLANS_FOLDER}/)",
            PostlabWarning,
            stacklevel=4,
        )
    return folder


def _expand(path: Path, *, named: bool) -> Iterator[tuple[Source, bool]]:
    if path.suffix.lower() == ".zip" and sniff(Source(path)).kind == "zip":
        for member in zip_members(path):
            yield Source(path, member), named
    else:
        yield Source(path), named


def _load_source(source, named, custom, settings, accounts, report) -> pd.DataFrame | None:
    head = sniff(source)
    sheet = None
    if head.kind == "xlsx":
        found = generic.match_workbook(source, custom)
        if found is None:
            return _skip(
                report,
                source,
                named,
                "is an Excel workbook, not the CSV the platform "
                "exports (a re-save can destroy ids and dates): download the CSV "
                "again, or describe the sheet in a generic mapping",
            )
        layout, head, sheet = found
    elif head.kind != "text":
        reason = {"empty": "is empty", "zip": "is a zip inside a zip"}.get(
            head.kind, "is not a text export (binary data)"
        )
        return _skip(report, source, named, reason)
    else:
        layout = detect(head, custom)
        if layout is None:
            columns = ", ".join(head.rows[0][:5]) if head.rows else ""
            return _skip(
                report,
                source,
                named,
                f"is no known export layout (columns: "
                f"{columns}...); postlab knows: {known_titles(custom)}",
            )
        if isinstance(layout, str):
            report.skipped.append(SkippedFile(source.name, layout))
            return None
    file_report = FileReport(source.name, layout.name, encoding=head.encoding)
    report.files.append(file_report)
    ctx = FileContext(source, layout, file_report, account=_path_account(source, accounts))
    return _read_posts(ctx, head, settings, accounts, sheet)


def _skip(report: LoadReport, source: Source, named: bool, reason: str) -> None:
    if named:
        raise ExportError(reason, path=source.name)
    report.skipped.append(SkippedFile(source.name, reason))
    return None


def _read_posts(ctx: FileContext, head: Head, settings: Settings, accounts, sheet):
    layout = ctx.layout
    columns = layout.columns(head.names, ctx.path)
    ctx.headers = {target: _original(head, name) for name, target in columns.items()}
    if sheet is None:
        table = read_table(ctx.source, head, skip_rows=layout.header_rows, columns=columns)
    else:
        table = generic.sheet_table(sheet, head, columns)
    ctx.report.rows_read = len(table)
    table = _clean_rows(table, ctx)
    frame = layout.build(table, ctx)
    frame = _with_accounts(frame, ctx, accounts)
    names = frame["account"].unique()
    if layout.local_time:
        zones = frame["account"].map({name: settings.timezone_for(name) for name in names})
        frame["published_at"] = localize(frame["published_at"], zones)
    zone = settings.timezone_for(names[0]) if len(names) and layout.local_time else "UTC"
    frame["exported_at"] = _exported_at(ctx, zone, local=layout.local_time)
    frame["platform"] = layout.platform
    frame["source_file"] = ctx.path
    ctx.report.rows_kept = len(frame)
    ctx.report.account = ", ".join(sorted(frame["account"].dropna().unique()))
    return frame.reindex(columns=POSTS_COLUMNS)


def _original(head: Head, normalised: str) -> str:
    return head.rows[0][head.names.index(normalised)].strip().lstrip("\ufeff")


def _clean_rows(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """Drop Total rows and rows without an id (counted); check ids; make counts numeric."""
    if ctx.layout.total_rows is not None:
        table = ctx.drop(table, ctx.layout.total_rows(table), "Total row")
    table = table.assign(post_id=table["post_id"].str.strip())
    table = ctx.drop(table, table["post_id"].isna() | table["post_id"].eq(""), "empty id")
    check_ids(table["post_id"], digits_only=ctx.layout.id_digits, **ctx.where("post_id"))
    numbers = {
        name: to_counts(table[name], **ctx.where(name)) for name in COUNT_COLUMNS if name in table
    }
    if "watch_time_s" in table:
        numbers["watch_time_s"] = to_numbers(
            table["watch_time_s"], whole=False, **ctx.where("watch_time_s")
        )
    return table.assign(**numbers)


def _path_account(source: Source, accounts: dict[str, str]) -> str | None:
    """An ``accounts`` entry keyed by this file or a folder holding it."""
    here = source.path.resolve()
    for key, name in accounts.items():
        target = Path(key).resolve()
        if target == here or target in here.parents:
            return name
    return None


def _with_accounts(frame: pd.DataFrame, ctx: FileContext, accounts: dict[str, str]):
    if ctx.account:
        return frame.assign(account=ctx.account)
    account = frame["account"] if "account" in frame else pd.Series(pd.NA, index=frame.index)
    account = account.astype("string").str.strip().replace(accounts)
    missing = account.isna() | account.eq("")
    if missing.any():
        raise row_error(
            frame.assign(account=account),
            missing,
            "account",
            "is blank: postlab cannot tell whose post this is; name the account with "
            "--account PATH=NAME",
            ctx.path,
            ctx.layout.header_rows,
        )
    return frame.assign(account=account)


def _exported_at(ctx: FileContext, zone: str, *, local: bool) -> pd.Timestamp:
    """End of the period the file covers (from its name), else its modification time."""
    end = period_end(ctx.source)
    if end is not None:
        stamp = pd.Timestamp(datetime.combine(end, datetime.max.time()).replace(microsecond=0))
        stamp = stamp.tz_localize(zone if local else "UTC").tz_convert("UTC")
        ctx.report.exported_at = stamp.isoformat()
        return stamp
    modified = datetime.fromtimestamp(ctx.source.path.stat().st_mtime, UTC)
    ctx.report.exported_at = modified.isoformat(timespec="seconds")
    ctx.note("no export date in the file name: the file's modification time was used")
    return pd.Timestamp(modified)


def period_end(source: Source) -> date | None:
    """The last date written in the file's name (or its zip's, or its folder's)."""
    names = [Path(source.member).stem] if source.member else []
    names += [source.path.stem, source.path.parent.name]
    for name in names:
        found = []
        for match in _ISO_DATE.finditer(name):
            found.append((match.start(), _date(*match.groups())))
        for match in _MONTH_DATE.finditer(name):
            found.append((match.start(), _month_date(*match.groups())))
        dates = [d for _, d in sorted(found) if d is not None]
        if dates:
            return dates[-1]
    return None


def _month_date(month: str, day: str, year: str) -> date | None:
    try:
        return datetime.strptime(f"{month.title()}-{day}-{year}", "%b-%d-%Y").date()
    except ValueError:
        return None


def _date(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _finish_report(report: LoadReport, posts: pd.DataFrame, superseded: pd.Series) -> None:
    report.merged = int(superseded.sum())
    report.posts = len(posts)
    age = posts["exported_at"] - posts["published_at"]
    young = posts.loc[age < timedelta(hours=report.young_hours), "source_file"].value_counts()
    for file in report.files:
        file.superseded = int(superseded.get(file.path, 0))
        file.young = int(young.get(file.path, 0))


def _warn_skipped(report: LoadReport) -> None:
    loud = [s for s in report.skipped if not s.reason.startswith(_QUIET)]
    if loud:
        more = f" and {len(loud) - 1} more" if len(loud) > 1 else ""
        warnings.warn(
            f"skipped {len(loud)} file(s) that are no known export: {loud[0].path} "
            f"{loud[0].reason}{more} (see the load report)",
            PostlabWarning,
            stacklevel=3,
        )
