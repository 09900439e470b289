"""Read many export files into one posts table, accounting for every row."""

from __future__ import annotations

import dataclasses
import html
import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePath

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from postlab.config import Settings
from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders import generic
from postlab.loaders.convert import Eventful, localize, row_error
from postlab.loaders.dates import DateClues
from postlab.loaders.detect import detect, known_titles
from postlab.loaders.health import drop_unhealthy, refuse_empty
from postlab.loaders.ids import check_ids
from postlab.loaders.languages import LANGUAGES, TOTAL_LABELS
from postlab.loaders.layout import BatchContext, FileContext, repeated
from postlab.loaders.merge import all_distinct, merge_snapshots, refuse_contradictions, shrunk, tied
from postlab.loaders.numbers import file_style, number_columns, parse_numbers
from postlab.loaders.period import export_date, period
from postlab.loaders.readers import (
    EXPORT_SUFFIXES,
    Head,
    Source,
    normalise_names,
    read_table,
    read_workbook,
    sheet_head,
    sheet_table,
    sniff,
    zip_contents,
    zip_members,
)
from postlab.loaders.report import REFUSED, FileReport, LoadReport, SkippedFile
from postlab.posts.columns import COUNT_COLUMNS, POSTS_COLUMNS, conform, empty_posts
from postlab.posts.features import ByteScan, add_features
from postlab.project import EXPORTS_FOLDER, PLANS_FOLDER, project_settings

PathLike = str | Path
NUMERIC = {**dict.fromkeys(COUNT_COLUMNS, True), "saves": True, "watch_time_s": False}
_BLANK_FOR_NON_VIDEO = ("video_views", "watch_time_s")


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
    day_first: Iterable[str] = (),
    allow_empty: bool = False,
) -> tuple[pd.DataFrame, LoadReport]:
    """Read exports (files, or folders searched recursively) into one posts table.

    ``settings`` gives each account's timezone for layouts with local times
    (default: ``postlab.yml`` in the current folder); ``accounts`` renames
    accounts, keyed by a file or folder path or by the detected account;
    ``mappings`` are generic column mappings (YAML files, folders or dicts;
    default: ``mappings/`` in the current folder, if there is one);
    ``day_first`` are globs of files whose numeric dates are day-first (added
    to the settings' ``exports: day_first``). A load that finds no posts
    raises ``ExportError`` saying why, unless ``allow_empty``.
    """
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    settings = settings if settings is not None else project_settings()
    custom = generic.load_mappings(mappings)
    report = LoadReport(young_hours=young_hours)
    options = _Options(
        settings, accounts or {}, custom, (*settings.day_first, *day_first), pd.Timestamp.now("UTC")
    )
    frames: list[pd.DataFrame] = []
    for given in paths:
        batch = _Batch(options, frames, report)
        try:
            for source, named in find_sources([given]):
                _load_source(source, named, options, report, batch)
        except Exception:
            batch.flush()  # the files before come first, as they would one by one
            raise
        batch.flush()
    loaded = conform(pd.concat(frames, ignore_index=True)) if frames else empty_posts()
    posts, superseded = merge_snapshots(loaded)
    _note_per_file(report, shrunk(loaded, posts), SHRUNK)
    _note_per_file(report, tied(loaded, posts), TIED)
    pa.default_memory_pool().release_unused()  # the checks' leftovers, before the features
    posts = add_features(posts, settings)
    _finish_report(report, posts, superseded)
    _warn_skipped(report)
    if posts.empty and not allow_empty:
        refuse_empty(report, [str(p) for p in paths])
    return posts, report


@dataclass(frozen=True)
class _Options:
    """What every file of one load is read with."""

    settings: Settings
    accounts: dict[str, str]
    mappings: tuple
    day_first: tuple[str, ...]
    now: pd.Timestamp

    def is_day_first(self, source: Source) -> bool:
        names = [PurePath(source.name), PurePath(source.path)]
        return any(name.match(glob) for glob in self.day_first for name in names)


def find_sources(paths: Iterable[PathLike]) -> Iterator[tuple[Source, bool]]:
    """Every file to read, and whether the user named it (errors) or a folder walk found it."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            path = _exports_of(path)
            files = sorted(
                p
                for p in path.rglob("*")
                if not p.is_dir()
                and p.suffix.lower() in (*EXPORT_SUFFIXES, *_UNREAD_SUFFIXES)
                and not p.name.startswith((".", "~$"))
            )
            for file in files:
                yield from _expand(file, named=False)
        elif path.is_file():
            yield from _expand(path, named=True)
        elif _dangling(path):
            raise ExportError(_unreadable(Source(path), FileNotFoundError()), path=path)
        else:
            raise ExportError("no such file or folder", path=path)


# Spreadsheet files a team may drop among the exports that postlab does not read:
# named in the report, never passed over in silence.
_UNREAD_SUFFIXES = {
    ".xls": "an old Excel workbook (.xls)",
    ".xlsm": "an Excel workbook with macros (.xlsm)",
    ".xlsb": "a binary Excel workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "an Apple Numbers file",
}


def _not_read(source: Source) -> str | None:
    """Why a file found in a folder is not read at all, or None when it is read."""
    kind = _UNREAD_SUFFIXES.get(source.path.suffix.lower())
    if kind:
        return f"is {kind}, which postlab does not read: save it as .xlsx or CSV"
    if source.member is None and not source.path.is_file() and not _dangling(source.path):
        return "is not a regular file (a named pipe or a device): postlab reads only files"
    return None


def _dangling(path: Path) -> bool:
    """A symbolic link whose target is gone: reported, never passed over in silence."""
    return path.is_symlink() and not path.exists()


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
    if path.suffix.lower() == ".zip" and _readable(path) and path.is_file() and _is_zip(path):
        try:
            members = zip_members(path)
        except ExportError:
            if named:
                raise
            members = []  # a damaged zip in a folder: skipped with its reason, the rest loads
        for member in members:
            yield Source(path, member), named
        if not members:
            yield Source(path), named  # reported as a zip that holds no export
    else:
        yield Source(path), named


def _is_zip(path: Path) -> bool:
    return sniff(Source(path)).kind == "zip"


def _readable(path: Path) -> bool:
    return not _dangling(path) and os.access(path, os.R_OK)


def _unreadable(source: Source, error: OSError) -> str:
    if _dangling(source.path):
        return f"is a symbolic link to {os.readlink(source.path)}, which does not exist"
    reason = error.strerror or type(error).__name__
    if isinstance(error, PermissionError):
        return f"cannot be read ({reason}): give your user read access to it"
    return f"cannot be read ({reason})"


def _load_source(source, named, options: _Options, report, batch: _Batch) -> None:
    """Read one file into ``batch``; a damaged file a folder walk found is refused by name
    (its reason and line in the report), so that the other files still load."""
    files = len(report.files)
    try:
        _read_source(source, named, options, report, batch)
    except ExportError as error:
        if named:
            raise
        del report.files[files:]  # its rows are not counted as read: none of them loads
        _skip(report, source, named, f"{REFUSED}{_without_path(error)}")


def _without_path(error: ExportError) -> str:
    return str(ExportError(error.message, line=error.line, field=error.field))


def _read_source(source, named, options: _Options, report, batch: _Batch) -> None:
    if reason := _not_read(source):
        return _skip(report, source, named, reason)
    try:
        head, sheet, where = sniff(source), None, ""
        if head.kind == "xlsx":
            head, sheet, where = _find_table(read_workbook(source), options.mappings)
    except OSError as error:  # no read permission, a dangling link, a file gone meanwhile
        return _skip(report, source, named, _unreadable(source, error))
    if head.kind not in ("text", "xlsx"):
        reason = {"empty": "is empty", "zip": "is a zip inside a zip"}.get(
            head.kind, "is not a text export (binary data)"
        )
        if head.kind == "zip" and source.member is None:
            reason = zip_contents(source.path)
        return _skip(report, source, named, reason)
    layout, head = detect(head, options.mappings)
    if layout is None:
        columns = ", ".join(head.rows[0][:5]) if head.rows else ""
        return _skip(
            report,
            source,
            named,
            f"is no known export layout (columns: "
            f"{columns}...); postlab knows: {known_titles(options.mappings)}",
        )
    if isinstance(layout, str):
        report.skipped.append(SkippedFile(source.name, layout, companion=True))
        return None
    file_report = FileReport(source.name, layout.name, encoding=head.encoding)
    if head.language:
        file_report.notes.append(
            f"headers in {LANGUAGES[head.language]} (the interface language it was downloaded in)"
        )
    if sheet is not None:
        file_report.encoding = "xlsx"
        if where:
            file_report.notes.append(f"data read from {where}")
    report.files.append(file_report)
    ctx = FileContext(source, layout, file_report, account=_path_account(source, options.accounts))
    rows = _read_rows(ctx, head, options, sheet, batch)
    batch.add(dataclasses.replace(rows, named=named, skipped_at=len(report.skipped)))
    return None


def _note_unknown_headers(ctx: FileContext, head: Head, columns: dict[str, str]) -> None:
    """Fields a foreign-language file left without a column, named with the headers no
    vocabulary knows: an optional column missed is then said, never silently dropped."""
    missing = [t for t in ctx.layout.fields if t not in columns.values()]
    known = dict(head.vocabulary)
    keys = normalise_names(head.rows[0])
    unknown = [
        name.strip()
        for name, key in zip(head.rows[0], keys, strict=True)
        if name.strip() and key.split("#")[0] not in known
    ]
    if not (missing and unknown):
        return
    shown = ", ".join(map(repr, unknown[:8])) + (
        f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
    )
    fields = ", ".join(repr(ctx.layout.fields[m][0]) for m in missing)
    ctx.note(
        f"no column for {fields} (as English files name it) among its "
        f"{LANGUAGES[head.language]} headers; headers postlab does not know (left out): {shown}"
    )


_TITLE_ROWS = 10  # rows a workbook may hold above its header (titles, merged cells, notes)


def _find_table(sheets, mappings) -> tuple[Head, pd.DataFrame | None, str]:
    """The sheet, and the row in it, where an export's header is: any sheet, under title rows.

    Returns the head, the sheet from its header row on, and where that was
    (empty when it is the first row of the first sheet); a workbook with no
    known header gives the first sheet's first row, for the error message.
    """
    for number, (name, sheet) in enumerate(sheets):
        for start in range(min(_TITLE_ROWS, len(sheet))):
            head = sheet_head(sheet, start)
            if detect(head, mappings)[0] is not None:
                if not number and not start:
                    return head, sheet, ""
                above = f" under {start} title {'row' if start == 1 else 'rows'}" if start else ""
                return head, sheet.iloc[start:].reset_index(drop=True), f"sheet {name!r}{above}"
    if not sheets:
        return Head("empty"), None, ""
    first = sheets[0][1]
    return sheet_head(first), first, ""


def _skip(report: LoadReport, source: Source, named: bool, reason: str) -> None:
    if named:
        raise ExportError(reason, path=source.name)
    report.skipped.append(SkippedFile(source.name, reason))
    return None


@dataclass
class _Rows:
    """A file's rows as read (all text), with what its checks need."""

    ctx: FileContext
    table: pa.Table | pd.DataFrame
    key: tuple | None  # files with equal keys may be checked together; None: alone
    named: bool = False  # the user named the file: a refusal stops the load
    skipped_at: int = 0  # where its refusal goes among the skipped files, in file order

    def frame(self) -> pd.DataFrame:
        return self.table if isinstance(self.table, pd.DataFrame) else self.table.to_pandas()


class _Batch:
    """Consecutive files of one layout and header: read one by one, checked together.

    A folder of monthly exports costs one pass of each check instead of one per
    file. Where any file is unusual (``Eventful``), the files are checked one by
    one, so every note, count and message is the one each file gives alone.
    """

    def __init__(self, options: _Options, frames: list[pd.DataFrame], report: LoadReport):
        self.options, self.frames, self.report, self.pending = options, frames, report, []

    def joins(self, key: tuple | None) -> None:
        """Before a file with ``key`` is read: the files waiting are checked first unless it
        joins them (before its warnings, which keeps them in file order)."""
        if key is None or not self.pending or self.pending[-1].key != key:
            self.flush()

    def add(self, rows: _Rows) -> None:
        if rows.key is None:  # checked alone, after the files before it
            self.flush()
        self.pending.append(rows)
        if rows.key is None:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        if len(pending) > 1:
            try:
                self.frames.append(_checked_together(pending, self.options))
                return
            except Exception:  # Eventful, or a refusal: one by one, each with its own words
                pass
        refused = 0
        for rows in pending:
            try:
                self.frames.append(_checked(rows.frame(), rows.ctx, self.options))
            except ExportError as error:
                if rows.named:
                    raise
                self._refuse(rows, error, rows.skipped_at + refused)
                refused += 1

    def _refuse(self, rows: _Rows, error: ExportError, at: int) -> None:
        """A file of a folder its checks refuse: out of the files read, into the skipped."""
        files = self.report.files
        del files[next(i for i, f in enumerate(files) if f is rows.ctx.report)]
        reason = f"{REFUSED}{_without_path(error)}"
        self.report.skipped.insert(at, SkippedFile(rows.ctx.path, reason))


def _checked_together(pending: list[_Rows], options: _Options) -> pd.DataFrame:
    pa.default_memory_pool().release_unused()  # what reading many files left behind
    sizes = [rows.table.num_rows for rows in pending]
    table = pa.concat_tables([rows.table for rows in pending]).to_pandas()
    return _checked(table, BatchContext([rows.ctx for rows in pending], sizes), options)


def _read_rows(ctx: FileContext, head: Head, options: _Options, sheet, batch: _Batch) -> _Rows:
    layout = ctx.layout
    columns = layout.columns(head.names, ctx.path)
    ctx.headers = {target: _original(head, name) for name, target in columns.items()}
    if head.language:
        _note_unknown_headers(ctx, head, columns)
    missing = layout.missing_metrics(columns)
    day_first = options.is_day_first(ctx.source)
    key = (layout.name, layout.header_rows, head.rows[0], head.vocabulary, ctx.account, day_first)
    key = key if layout.batch and sheet is None and not missing else None
    batch.joins(key)
    for sentence in missing:
        ctx.note(sentence)
        warnings.warn(f"{ctx.path}: {sentence}", PostlabWarning, stacklevel=4)
    if sheet is None:
        table = read_table(
            ctx.source,
            head,
            skip_rows=layout.header_rows,
            columns=columns,
            note=ctx.note,
            empty=ctx.empty_rows,
        )
    else:
        table = sheet_table(sheet, head, skip_rows=layout.header_rows, columns=columns)
    ctx.report.rows_read += len(table)
    exported = export_date(ctx.source, layout)
    start, end = period(ctx.source)
    if exported.note:
        ctx.note(exported.note)
    ctx.report.saved_late = exported.saved_late
    ctx.exported = exported
    ctx.clues = DateClues(
        name=Path(ctx.source.member or ctx.source.path).name,
        earliest=start if layout.period_is_publish else None,
        latest=end if layout.period_is_publish and end is not None else exported.date,
        day_first=day_first,
        language=head.language,
        note=ctx.note,
    )
    return _Rows(ctx, table, key if isinstance(table, pa.Table) else None)


def _checked(table: pd.DataFrame, ctx: FileContext, options: _Options) -> pd.DataFrame:
    """One file's rows (or a batch's) checked and made posts."""
    layout = ctx.layout
    table = _clean_rows(table, ctx)
    frame = layout.build(table, ctx)
    if "text" in frame:
        frame["text"] = _unescape(frame["text"])
    frame = _with_accounts(frame, ctx, options.accounts)
    settings = options.settings
    if layout.local_time:
        names = frame["account"].unique()
        zones = frame["account"].map({name: settings.timezone_for(name) for name in names})
        frame["published_at"] = localize(frame["published_at"], zones, ctx.note)
    accounts = frame["account"]
    frame["exported_at"] = ctx.spread(
        ctx.each_file(lambda rows, file: _exported_at(accounts.iloc[rows], file, settings)),
        len(frame),
    )
    frame["platform"] = repeated([layout.platform], [len(frame)])
    frame["source_file"] = ctx.spread(ctx.each_file(lambda rows, file: file.path), len(frame))
    frame = drop_unhealthy(frame, ctx, options.now)
    accounts = frame["account"]
    ctx.each_file(lambda rows, file: _kept(accounts.iloc[rows], file))
    return frame.reindex(columns=POSTS_COLUMNS)


def _exported_at(accounts: pd.Series, ctx: FileContext, settings: Settings) -> pd.Timestamp:
    """When the file was exported, in UTC (a period's last day ends in the account's zone)."""
    names = accounts.unique()
    zone = settings.timezone_for(names[0]) if len(names) else settings.default_timezone
    stamp = ctx.exported.stamp(zone if ctx.layout.local_time else "UTC")
    ctx.report.exported_at = stamp.isoformat() if len(accounts) else ""
    return stamp


def _kept(accounts: pd.Series, ctx: FileContext) -> None:
    ctx.report.rows_kept = len(accounts)
    ctx.report.account = ", ".join(sorted(accounts.dropna().unique()))


def _original(head: Head, normalised: str) -> str:
    return head.rows[0][head.names.index(normalised)].strip().lstrip("\ufeff")


def _unescape(text: pd.Series) -> pd.Series:
    """X writes post text with HTML entities (&lt;, &amp;); rules and readers need the text."""
    coded = ByteScan(text).holds("&")
    if not coded.any():
        return text
    return text.where(~coded, text[coded].map(html.unescape))


def _clean_rows(table: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """Drop Total rows and rows without an id (counted); check ids; make numbers numeric.

    A row whose id reads "Total" is one a spreadsheet user (or YouTube Studio)
    added under the posts: in any layout it sums the others and is no post.
    """
    table = table.assign(post_id=table["post_id"].str.strip())
    lowered = pc.utf8_lower(pa.array(table["post_id"], type=pa.string()))
    totals = pd.Series(
        pc.fill_null(pc.is_in(lowered, value_set=pa.array(TOTAL_LABELS)), False).to_numpy(
            zero_copy_only=False
        ),
        index=table.index,
    )
    if ctx.layout.total_rows is not None:
        totals |= pd.concat(
            ctx.each_file(lambda rows, file: file.layout.total_rows(table.iloc[rows]))
        )
    table = ctx.drop(table, totals, "Total row")
    table = ctx.drop(table, table["post_id"].isna() | table["post_id"].eq(""), "empty id")
    table = check_ids(table, ctx)
    columns = number_columns(table, NUMERIC, ctx.where)
    styles = ctx.each_file(
        lambda rows, file: file_style([c.part(rows) for c in columns.values()], file.note)
    )
    if len(set(styles)) > 1:
        raise Eventful("files with different decimal marks")
    table = table.assign(**parse_numbers(columns, styles[0]))
    _note_blank_counts(table, ctx)
    if not all_distinct(table["post_id"]):
        ctx.each_file(
            lambda rows, file: refuse_contradictions(
                table.iloc[rows], file.path, file.layout.header_rows
            )
        )
    return table


def _note_blank_counts(table: pd.DataFrame, ctx: FileContext) -> None:
    """A blank count stays unknown (never 0); the posts that have one are counted in a note.

    Parts of a sum are noted where they are summed (``FileContext.summed``); video
    measures are blank for posts that are not videos.
    """
    noted = [c for c in NUMERIC if c in table and c not in _BLANK_FOR_NON_VIDEO]
    for target in [c for c in noted if c not in ctx.layout.engagement_parts]:
        blank = table[target].isna()
        if blank.any():
            count, first = int(blank.sum()), int(blank.idxmax())
            posts = "1 post has" if count == 1 else f"{count} posts have"
            ctx.note(
                f"{posts} a blank {ctx.headers.get(target, target)!r} cell (first: row "
                f"{first + ctx.layout.header_rows + 1}): left unknown, not counted as 0"
            )


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


SHRUNK = (
    "{count} of its posts had more impressions in an export dated earlier: lifetime counts "
    "only grow, so the files' export dates look wrong (copied without cp -p?) and the older "
    "counts may have been kept"
)
TIED = (
    "{count} of its posts are in another export of the same date with other counts: this "
    "file's were kept (its name sorts last), but nothing says which is later; keep one copy "
    "of each download"
)


def _note_per_file(report: LoadReport, counts: pd.Series, sentence: str) -> None:
    """A note and a warning on each file with posts the merge could not trust."""
    for file in report.files:
        count = int(counts.get(file.path, 0))
        if count:
            file.notes.append(sentence.format(count=count))
            warnings.warn(f"{file.path}: {file.notes[-1]}", PostlabWarning, stacklevel=3)


def _finish_report(report: LoadReport, posts: pd.DataFrame, superseded: pd.Series) -> None:
    report.merged = int(superseded.sum())
    report.posts = len(posts)
    age = posts["exported_at"] - posts["published_at"]
    young = posts.loc[age < timedelta(hours=report.young_hours), "source_file"].value_counts()
    for file in report.files:
        file.superseded = int(superseded.get(file.path, 0))
        file.young = int(young.get(file.path, 0))


def _warn_skipped(report: LoadReport) -> None:
    loud = report.refused
    if loud:
        more = f" and {len(loud) - 1} more" if len(loud) > 1 else ""
        warnings.warn(
            f"skipped {len(loud)} file(s): {loud[0].path} "
            f"{loud[0].reason}{more} (see the load report)",
            PostlabWarning,
            stacklevel=3,
        )
