"""Turn a file as downloaded (any encoding, zipped or not) into a table of text.

Everything is read as text first: a parser that guesses types turns post ids
into floats and loses digits. Reading goes through pyarrow (vectorised, and it
keeps newlines inside quoted captions) and only the columns a layout needs
are converted, which keeps a million-row export cheap.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from postlab.exceptions import ExportError

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".zip")
HEAD_BYTES = 1 << 16
LONGEST_ROW = 1 << 26  # 64 MB: a row this long is no post
_DELIMITERS = (",", "\t", ";")
_THREADED_BYTES = 1 << 22


@dataclass(frozen=True)
class Source:
    """One file to read: a file on disk, or a member of a zip on disk."""

    path: Path
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.path}/{self.member}" if self.member else str(self.path)

    def read_bytes(self) -> bytes:
        if self.member is None:
            return self.path.read_bytes()
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(self.member)

    def head(self) -> bytes:
        if self.member is None:
            with self.path.open("rb") as handle:
                return handle.read(HEAD_BYTES)
        with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as handle:
            return handle.read(HEAD_BYTES)


@dataclass(frozen=True)
class Head:
    """What the first bytes of a file say about how to read the rest."""

    kind: str  # "text", "xlsx", "zip", "empty" or "binary"
    encoding: str = "utf-8"
    delimiter: str = ","
    rows: tuple[tuple[str, ...], ...] = ()  # the first rows, parsed
    preamble: int = 0  # lines before the header (Excel's "sep=;")
    language: str = ""  # the interface language of the headers, when not English
    vocabulary: tuple[tuple[str, str], ...] = ()  # translated header -> English header

    @cached_property
    def names(self) -> list[str]:
        if not self.rows:
            return []
        english = dict(self.vocabulary)
        return normalise_names([english.get(_key(name), name) for name in self.rows[0]])


def _key(name) -> str:
    return " ".join(str(name).replace("\ufeff", "").replace("\u2019", "'").split()).lower()


def normalise_names(raw: tuple[str, ...] | list[str]) -> list[str]:
    """Lower-case, trimmed, unique column names.

    Platforms vary the case of headers between years, so names are matched
    case-insensitively. A repeated name keeps the first column under its own
    name (deliberately: in legacy Facebook files the first of two is the
    total count) and later ones get ``#2``, ``#3``.
    """
    seen: dict[str, int] = {}
    out = []
    for name in raw:
        key = _key(name)
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def sniff(source: Source) -> Head:
    head = source.head()
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return Head("empty")
    if head.startswith(b"PK\x03\x04"):
        return Head("xlsx" if _is_workbook(source) else "zip")
    encoding = _encoding(head)
    text = _decode_head(head, encoding)
    if "\x00" in text:
        return Head("binary")
    lines = text.splitlines()
    delimiter = max(_DELIMITERS, key=lines[0].count) if lines else ","
    preamble = 0
    if lines and re.fullmatch(r"sep=.", lines[0].strip()):  # Excel's delimiter line
        delimiter, preamble = lines[0].strip()[-1], 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(tuple(row))
            if len(rows) == 2:
                break
    except csv.Error:
        return Head("binary")
    return Head("text", encoding, delimiter, tuple(rows), preamble)


def _is_workbook(source: Source) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(source.read_bytes())) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 ("Unicode text" from Excel) or Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:200]
    if sample[1::2].count(0) > len(sample) // 4:
        return "utf-16-le"
    if sample[0::2].count(0) > len(sample) // 4:
        return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < HEAD_BYTES)
    except UnicodeDecodeError:
        return (
            "utf-8" if decode_8bit(head[: head.rfind(b"\n") + 1] or head).mostly_utf8 else "cp1252"
        )
    return "utf-8"


def _decode_head(head: bytes, encoding: str) -> str:
    if encoding in ("utf-8", "utf-8-sig", "cp1252"):
        return decode_8bit(head).text
    try:
        return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return head.decode("latin-1")


@dataclass(frozen=True)
class Decoded:
    """A file's text, and where bytes that are not UTF-8 stood (byte offsets)."""

    text: str
    stray: tuple[int, ...] = ()
    mostly_utf8: bool = True

    def lines(self, raw: bytes) -> list[int]:
        return [raw.count(b"\n", 0, at) + 1 for at in self.stray]


def decode_8bit(raw: bytes) -> Decoded:
    """UTF-8 where the file is mostly UTF-8, each stray byte read as Windows-1252; else Windows-1252.

    One café typed in a Windows program into an otherwise UTF-8 file must not
    turn every emoji of the file into mojibake ("ðŸ‘®"): the file stays UTF-8,
    and the stray byte becomes the character Windows meant (é). A file with
    more stray bytes than real UTF-8 characters is a Windows file.
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(raw):
            raw = raw[: error.start]  # a multi-byte character cut by the end of a head
    stray: list[int] = []

    def windows(error: UnicodeDecodeError) -> tuple[str, int]:
        stray.append(error.start)
        byte = error.object[error.start : error.start + 1]
        return byte.decode("cp1252", errors="replace").replace("\ufffd", byte.decode("latin-1")), (
            error.start + 1
        )

    codecs.register_error("postlab-windows-byte", windows)
    text = raw.decode("utf-8", errors="postlab-windows-byte")
    wide = sum(1 for char in text if ord(char) > 0x7F) - len(stray)
    if wide >= len(stray):
        return Decoded(text, tuple(stray))
    return Decoded(raw.decode("cp1252", errors="postlab-windows-byte"), (), mostly_utf8=False)


def _full_text(source: Source, encoding: str, note=None) -> bytes:
    """The whole file re-encoded as UTF-8, for the few files that are not plain UTF-8."""
    raw = source.read_bytes()
    if encoding in ("utf-8", "utf-8-sig", "cp1252"):
        decoded = decode_8bit(raw)
        if decoded.stray and note is not None:
            lines = decoded.lines(raw)
            shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
            note(
                f"{len(lines)} stray {'byte' if len(lines) == 1 else 'bytes'} that are not UTF-8 "
                f"(line {shown}) read as the Windows-1252 characters they stand for; the rest "
                "of the file is UTF-8"
            )
        return decoded.text.encode("utf-8")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.encode("utf-8")


def read_table(
    source: Source,
    head: Head,
    *,
    skip_rows: int,
    columns: dict[str, str],
    note=None,
    empty=None,
) -> pa.Table | pd.DataFrame:
    """Read the data rows, keeping only ``columns`` (source name -> new name), all as text.

    Row i of the table is the file's i-th data row (0 = first row after the
    header), so later errors can name the row in the file. A small file is read
    on one thread: starting the others costs more than they save.
    """
    names = head.names
    include = list(columns)
    direct = head.encoding in ("utf-8", "utf-8-sig") and source.member is None
    invalid: list[str] = []
    blank: list[str] = []

    def collect(row) -> str:
        """A short row of separators only (",,,,") is an empty row, left out and counted."""
        if not row.text.strip(f'{head.delimiter} "\t\r\n'):
            blank.append(row.text)
        else:
            invalid.append(row.text)
        return "skip"

    def parse(data, block_size: int = 1 << 20) -> pa.Table:
        return pa_csv.read_csv(
            data,
            read_options=pa_csv.ReadOptions(
                column_names=names,
                skip_rows=skip_rows + head.preamble,
                block_size=block_size,
                use_threads=threads,
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=head.delimiter, newlines_in_values=True, invalid_row_handler=collect
            ),
            convert_options=pa_csv.ConvertOptions(
                include_columns=include,
                column_types=dict.fromkeys(include, pa.large_string()),  # as pandas keeps text
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )

    data = None if direct else _full_text(source, head.encoding, note)
    size = len(data) if data is not None else source.path.stat().st_size
    threads = size > _THREADED_BYTES
    found = (invalid, blank)
    if direct and threads:
        with ThreadPoolExecutor(1) as pool:  # a big file's quotes are counted while it parses
            counting = pool.submit(_quote_count, source, None)
            table, data = _parse_file(source, head, parse, data, note, found)
        quotes = counting.result() if data is None else _quote_count(source, data)
    else:
        table, data = _parse_file(source, head, parse, data, note, found)
        quotes = _quote_count(source, data)
    if quotes % 2:
        raise ExportError(_unclosed_quote_message(source, head), path=source.name)
    if invalid:
        raise ExportError(
            _truncation_message(source, head, invalid[0], len(invalid)), path=source.name
        )
    if blank and empty is not None:
        empty(len(blank))
    repeated = _repeated_headers(table, head)
    table = table.rename_columns([columns[name] for name in table.column_names])
    if repeated is None:
        return table
    frame = table.to_pandas()  # rows left out: the index keeps each row's place in the file
    return frame.loc[~_drop_repeated_headers(repeated, source, head, data, note, skip_rows)]


def _parse_file(source, head, parse, data, note, found) -> tuple[pa.Table, bytes | None]:
    """The table, and the text it was read from when not the file itself."""
    direct = data is None
    try:
        table = _parse_long_fields(parse, str(source.path) if direct else data)
    except pa.ArrowInvalid as error:
        if not (direct and "UTF8" in str(error)):
            raise ExportError(
                f"cannot be read as CSV ({_arrow_reason(error)})", path=source.name
            ) from None
        for rows in found:  # a stray non-UTF-8 byte far into the file: read again
            rows.clear()
        data = _full_text(source, head.encoding, note)
        table = _reparse(data, source, parse)
    return table, data


def _repeated_headers(table: pa.Table, head: Head) -> np.ndarray | None:
    """Rows that repeat the header in every column read (two exports joined with ``cat``),
    or None; a column at a time, so that a file without one costs a single comparison."""
    original = dict(zip(head.names, head.rows[0], strict=False))
    found = None
    for name in table.column_names:
        text = original[name].lstrip("\ufeff")
        values = [text]
        if name == head.names[0]:  # a second file's byte-order mark lands in its first cell,
            values.append(f"\ufeff{text}")  # where it keeps a quoted name's quotes
            values.append(f'\ufeff"{text}"')
        same = pc.fill_null(pc.is_in(table[name], value_set=pa.array(values)), False)
        found = same if found is None else pc.and_(found, same)
        if not pc.any(found).as_py():
            return None
    return None if found is None else found.to_numpy(zero_copy_only=False)


def _drop_repeated_headers(
    repeated, source: Source, head: Head, data, note, skip_rows: int
) -> np.ndarray:
    """The rows to drop when each repeats the header line exactly, noted with its line;
    a header row that differs elsewhere (another export's columns) refuses the file."""
    text = (data or _full_text(source, head.encoding)).decode("utf-8")
    lines = [line.lstrip("\ufeff") for line in text.splitlines()]
    header = lines[head.preamble]
    at = [n + 1 for n, line in enumerate(lines) if line == header][1:]
    count = int(repeated.sum())
    if len(at) != count:
        row = int(np.flatnonzero(repeated)[0]) + skip_rows + 1
        raise ExportError(
            f"row {row} repeats the header's names but not its whole line: two different "
            "exports were joined into one file; load them as the separate files they were",
            path=source.name,
        )
    if note is not None:
        shown = ", ".join(map(str, at[:5])) + (" ..." if len(at) > 5 else "")
        note(
            f"the header line appears again at line {shown} (files joined one after the other, "
            f"as with cat): {'that line was' if count == 1 else 'those lines were'} left out, "
            "the rows below it read as posts"
        )
    return repeated


def _parse_long_fields(parse, data: str | bytes) -> pa.Table:
    """Parse in pyarrow's blocks, larger ones (up to ``LONGEST_ROW``) when a row spans two.

    A row longer than a block (a caption of megabytes) cannot be split by a parser
    that allows newlines in values; a longer row than the limit is refused by name.
    """
    block = 1 << 20
    while True:
        try:
            return parse(data if isinstance(data, str) else pa.BufferReader(data), block)
        except pa.ArrowInvalid as error:
            if "straddl" not in str(error):
                raise
            if block >= LONGEST_ROW:
                raise pa.ArrowInvalid(
                    f"a row longer than {LONGEST_ROW >> 20} MB: a field that never ends, "
                    "or not an export"
                ) from None
            block = min(block * 4, LONGEST_ROW)


def _reparse(data: bytes, source: Source, parse) -> pa.Table:
    try:
        return _parse_long_fields(parse, data)
    except pa.ArrowInvalid as error:
        raise ExportError(
            f"cannot be read as CSV ({_arrow_reason(error)})", path=source.name
        ) from None


def _quote_count(source: Source, data: bytes | None) -> int:
    """Quotes in a sound CSV come in pairs (doubled inside fields), so an odd count means
    the last quoted field never closes: a download cut short. Counted in chunks."""
    if data is not None:
        return data.count(b'"')
    total = 0
    with source.path.open("rb", buffering=0) as handle:
        chunk = bytearray(min(source.path.stat().st_size, 1 << 24))
        while size := handle.readinto(chunk):  # reading and numpy let go of the GIL
            total += int(np.count_nonzero(np.frombuffer(chunk, np.uint8, size) == ord('"')))
    return total


def _unclosed_quote_message(source: Source, head: Head) -> str:
    text = _full_text(source, head.encoding).decode("utf-8")
    line = text[: text.rfind('"')].count("\n") + 1
    return (
        f"line {line} opens a quote that never closes: the file looks truncated; download it again"
    )


def _arrow_reason(error: Exception) -> str:
    return str(error).split("\n", 1)[0].removeprefix("CSV parse error: ")


def _truncation_message(source: Source, head: Head, row_text: str, count: int) -> str:
    """Name the first row that has the wrong number of columns, by its line in the file."""
    try:
        text = _full_text(source, head.encoding).decode("utf-8")
        line = text[: text.find(row_text)].count("\n") + 1 if row_text in text else None
    except OSError:
        line = None
    where = f"line {line}" if line else "a row"
    expected = len(head.names)
    fields = len(next(csv.reader([row_text], delimiter=head.delimiter), []))
    more = f" (and {count - 1} more)" if count > 1 else ""
    return (
        f"{where} has {fields} of {expected} columns{more}: the file looks truncated or "
        "damaged (an unclosed quote or a short last row); download it again"
    )


def zip_members(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return [
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(EXPORT_SUFFIXES[:-1])
            ]
    except zipfile.BadZipFile:
        raise ExportError("is not a readable zip file", path=path) from None


def zip_contents(path: Path) -> str:
    """Why a zip yields no export: what it holds instead, in words."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except zipfile.BadZipFile:
        return "is not a readable zip file"
    if not names:
        return "is an empty zip"
    inner = [n for n in names if n.lower().endswith(".zip")]
    if inner:
        return f"holds a zip inside the zip ({inner[0]}): unzip it first"
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"holds no CSV, text or Excel file (only {', '.join(names[:3])}{more})"


def read_workbook(source: Source) -> list[tuple[str, pd.DataFrame]]:
    """Every sheet as text (rows and columns that are wholly empty left out), in order.

    A spreadsheet stores numbers as doubles, so an id above 2**53 has already
    lost digits: such cells read as Excel shows them (``1.92886366036025E+18``),
    for the id check to repair from the permalink or refuse.
    """
    data = source.read_bytes()
    try:
        book = pd.read_excel(io.BytesIO(data), header=None, dtype=object, sheet_name=None)
    except Exception as error:  # openpyxl raises many types for damaged files
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExportError(
            f"cannot be read as an Excel workbook ({reason})", path=source.name
        ) from None
    sheets = []
    for name, raw in book.items():
        sheet = raw.map(_cell_text).dropna(how="all").dropna(how="all", axis=1)
        sheet = sheet.reset_index(drop=True)
        sheet.columns = range(sheet.shape[1])
        sheets.append((str(name), sheet))
    return sheets


def sheet_head(sheet: pd.DataFrame, start: int = 0) -> Head:
    """A Head of a sheet's rows from ``start`` (the header row) on, as for a CSV."""
    rows = tuple(
        tuple("" if v is None or v != v else str(v) for v in sheet.iloc[i])
        for i in range(start, min(start + 2, len(sheet)))
    )
    return Head("xlsx" if rows else "empty", rows=rows)


def sheet_table(
    sheet: pd.DataFrame, head: Head, *, skip_rows: int, columns: dict[str, str]
) -> pd.DataFrame:
    """The data rows of a sheet with the selected columns, named by posts field, as text."""
    data = sheet.iloc[skip_rows:].reset_index(drop=True)
    data.columns = head.names
    data = data[list(columns)]
    return data.astype("str").where(data.notna().to_numpy()).rename(columns=columns)


def _cell_text(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and float(value).is_integer():
        if abs(value) >= 2**53:
            return f"{float(value):.14E}"  # as Excel shows it: 15 significant digits
        return str(int(value))
    if isinstance(value, float):
        return np.format_float_positional(value, trim="-")
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ")
    return str(value)
