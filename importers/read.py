"""Reading a workbook or a CSV file into a table of text: every cell a string, every row numbered
as the spreadsheet numbers it (the header is row 1 when it is the first row).

Excel, ODS and XLS go through fastexcel (calamine, Arrow out -> polars, DESIGN.md measured it the
fastest); CSV through polars after its encoding is found (UTF-8, UTF-8 with BOM, else
charset-normalizer: a CSV saved by Chinese Excel is GBK). Everything is text: a mobile number
must not become a float and lose its leading digits, a credit code must not become a number.

Bad input becomes an ``ImportFileError`` with a message for people: a corrupt, encrypted or
password-protected file, a zip bomb (checked on the zip directory before anything is inflated),
too many columns. Trailing empty rows (a bogus dimension tag, 1,048,576 formatted empty rows) are
skipped by calamine; empty rows in the middle are dropped and keep their numbers out of the count.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from importers import read_parts
from importers.aliases import HEADER_BRACKETED, HEADER_NOISE
from importers.cells import unneutralise
from importers.errors import ImportFileError
from importers.memory import give_back
from importers.sheet_row import ROW
from studio.i18n import name_list
from studio.progress import Progress

#: Spreadsheet types calamine reads (and the zip-based ones among them).
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
ZIPPED = frozenset({".xlsx", ".xlsm", ".xlsb", ".ods"})
#: Workbooks a large sheet of which is read in parts (``read_parts``).
PLAIN_XLSX = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
#: Bounds that keep memory and time bounded on hostile files.
MAX_COLUMNS = 1000
MAX_FILE_BYTES = 1 << 30
MAX_INFLATED_BYTES = 4 << 30
MAX_ZIP_RATIO = 200
#: How many leading rows are searched for the header row.
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Table:
    """A sheet as text: ``frame`` has one ``str`` column per header plus ``ROW`` (the sheet's own
    row number of each data row); ``headers`` in sheet order; ``header_row`` is 1-based."""

    frame: pl.DataFrame
    headers: tuple[str, ...]
    sheet: str
    header_row: int
    sheets: tuple[str, ...]
    encoding: str | None = None

    @property
    def rows(self) -> int:
        return self.frame.height


def sheet_names(path: Path) -> tuple[str, ...]:
    """The sheets of a workbook (a CSV file has one, named after the file)."""
    kind = _kind(path)
    if kind == "csv":
        return (path.stem,)
    return tuple(_excel(path).sheet_names)


def read_table(
    path: Path,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    known_headers: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> Table:
    """``path`` as a ``Table``.

    ``sheet`` is a name or 0-based index (default: the first sheet whose header row holds the
    entity's ``known_headers``, else the first sheet). ``header_row`` is the 1-based
    row of the column titles; ``None`` detects it among the first rows: the row with the most cells
    that are ``known_headers`` (normalised titles of the entity's fields and their aliases), else
    the first row with the most non-empty text cells.

    ``progress`` hears how far the reading of a large sheet is (``read_parts``: the fraction of
    the sheet read), and may cancel it between two parts.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFileError("There is no file {path}.", path=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportFileError(
            "{path} is larger than {limit} MB; split it into smaller files.",
            path=path.name,
            limit=MAX_FILE_BYTES >> 20,
        )
    kind = _kind(path)
    encoding = None
    if kind == "csv":
        raw, encoding = _csv_grid(path)
        raw = raw.with_row_index(ROW, offset=1)
        names: tuple[str, ...] = (path.stem,)
        chosen = path.stem
    else:
        raw, names, chosen = _excel_grid(path, sheet, progress, known_headers)
    width = len(raw.columns) - 1
    if width == 0 or raw.height == 0:
        raise ImportFileError("{path}: the sheet {sheet} is empty.", path=path.name, sheet=chosen)
    cells = [c for c in raw.columns if c != ROW]
    # Columns with nothing at all in them (a sheet 5,000 columns wide, mostly formatting) go
    # first, so that the bound below is about columns that hold data.
    filled = raw.select(pl.col(cells).is_not_null().any())
    cells = [c for c in cells if filled[c][0]]
    if len(cells) > MAX_COLUMNS:
        raise ImportFileError(
            "{path}: the sheet {sheet} has {n} columns with data; at most {limit} can be imported.",
            path=path.name,
            sheet=chosen,
            n=len(cells),
            limit=MAX_COLUMNS,
        )
    raw = raw.select([ROW, *cells])
    header_index, headers = header_of(raw, cells, header_row, known_headers, path.name)
    body = body_rows(raw, header_index, cells, headers)
    return Table(
        frame=body,
        headers=tuple(headers),
        sheet=chosen,
        header_row=header_index + 1,
        sheets=names,
        encoding=encoding,
    )


def header_of(
    raw: pl.DataFrame,
    cells: list[str],
    header_row: int | None,
    known_headers: frozenset[str],
    file_name: str,
) -> tuple[int, list[str]]:
    """The 0-based index of the header row (``header_row`` if given, else detected) and the
    column names it gives ``cells``."""
    header_index = (header_row - 1) if header_row else _detect_header(raw, cells, known_headers)
    head = raw.filter(pl.col(ROW) == header_index + 1)
    if head.height == 0:
        raise ImportFileError(
            "{path}: row {row} is beyond the end of the sheet.",
            path=file_name,
            row=header_index + 1,
        )
    headers = _header_names(
        [head[c][0] for c in cells], [_column_letter(int(c[1:])) for c in cells]
    )
    return header_index, headers


def body_rows(
    raw: pl.DataFrame, header_index: int, cells: list[str], headers: list[str]
) -> pl.DataFrame:
    """The data rows of ``raw`` under ``headers``."""
    body = (
        raw.filter(pl.col(ROW) > header_index + 1)
        .select(ROW, *cells)
        .rename(dict(zip(cells, headers, strict=True)))
    )
    # Rows with nothing in them are not rows a person wrote: they are not counted.
    body = body.filter(_filled_rows(body, headers))
    # an apostrophe the studio put before "=..." on export comes off again (``cells``), in the
    # columns that have a cell starting with one (a cheap test; the pattern is dearer)
    quoted = body.select(pl.col(headers).str.starts_with("'").any())
    escaped = [h for h in headers if quoted[h][0]]
    return body.with_columns(unneutralise(pl.col(h)).alias(h) for h in escaped).select(
        [*headers, ROW]
    )


def _filled_rows(body: pl.DataFrame, headers: list[str]) -> pl.Series:
    """Which rows have a cell with something other than white space in it.

    Column by column, fullest first, each only over the rows no column before it has settled:
    the first column settles almost every row, so the whole costs little more than one column
    (testing every cell of 20 columns was ~45 ms at 100,000 rows and 0.5 s at 1,000,000)."""
    counts = body.select(pl.col(headers).null_count()).row(0)
    order = [h for _, h in sorted(zip(counts, headers, strict=True), key=lambda x: x[0])]
    filled = pl.Series([False] * body.height, dtype=pl.Boolean)
    todo = pl.int_range(body.height, eager=True, dtype=pl.UInt32)
    for h in order:
        cells = body[h].gather(todo)
        some = (cells.str.strip_chars().fill_null("") != "").fill_null(False)
        filled = filled.scatter(todo.filter(some), True)
        todo = todo.filter(~some)
        if todo.len() == 0:
            break
    return filled


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in EXCEL_SUFFIXES:
        return "excel"
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"PK") or magic.startswith(b"\xd0\xcf\x11\xe0"):
        return "excel"
    return "csv"


def _check_zip(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse a zip bomb from its directory: nothing is inflated to find out."""
    inflated = sum(info.file_size for info in zf.infolist())
    packed = sum(max(info.compress_size, 1) for info in zf.infolist())
    if inflated > MAX_INFLATED_BYTES or inflated > MAX_ZIP_RATIO * max(packed, 1) + (64 << 20):
        raise ImportFileError(
            "{path} would unpack to {mb} MB: refused as a possible zip bomb.",
            path=path.name,
            mb=inflated >> 20,
        )


def _open_checked(path: Path) -> zipfile.ZipFile | None:
    """An encrypted workbook or a zip bomb is refused before anything reads it. A zip-based
    workbook comes back as its zip, open (for the caller to close); any other file as ``None``."""
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() in ZIPPED:
        # An OLE container under an .xlsx name: what Excel writes for a password-protected file.
        raise ImportFileError(
            "{path} is encrypted or password-protected: save it without a password and try again.",
            path=path.name,
        )
    if not magic.startswith(b"PK"):
        if not magic.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() in EXCEL_SUFFIXES:
            # neither a zip nor an old Excel file (an empty file, a download cut off at its
            # start, a text file renamed): said as damage, not as the reader library's words
            raise ImportFileError(
                "{path} is not a readable workbook: it is damaged, or not an Excel file.",
                path=path.name,
            )
        return None
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFileError(
            "{path} is not a readable workbook: it is damaged, or not an Excel file.",
            path=path.name,
        ) from None
    try:
        _check_zip(zf, path)
    except BaseException:
        zf.close()
        raise
    return zf


def _excel(path: Path, *, checked: bool = False):  # type: ignore[no-untyped-def]
    """fastexcel's reader of ``path`` (``checked``: ``_open_checked`` has passed it)."""
    import fastexcel

    if not checked:
        opened = _open_checked(path)
        if opened is not None:
            opened.close()
    try:
        return fastexcel.read_excel(path)
    except Exception as exc:  # calamine's errors are many types; each means "cannot read"
        raise ImportFileError(
            "{path} is not a readable workbook ({reason}).",
            path=path.name,
            reason=_short(exc),
        ) from None


def _excel_grid(
    path: Path,
    sheet: str | int | None,
    progress: Progress | None = None,
    known_headers: frozenset[str] = frozenset(),
) -> tuple[pl.DataFrame, tuple[str, ...], str]:
    """The sheet's cells as text columns ``cN`` (N: the sheet's column, 0 for A) from its first
    used column, and ``ROW``; its workbook's sheets; the sheet's name (with no ``sheet`` asked
    for: the first whose header row holds the entity's ``known_headers``, see ``_by_headers``)."""
    zipped = _open_checked(path)
    if zipped is not None:
        with zipped:
            book = read_parts.book(zipped) if path.suffix.lower() in PLAIN_XLSX else None
            if book is not None:
                if sheet is None and len(book.names) > 1 and known_headers:
                    heads = (read_parts.head_rows(zipped, book, name) for name in book.names)
                    sheet = _by_headers(book.names, heads, known_headers)
                # a large sheet of a plain .xlsx is read in parts on two cores (``read_parts``)
                chosen = _choose(path, book.names, sheet)
                parts = read_parts.read_in_parts(zipped, book, chosen, progress)
                if parts is not None:
                    give_back()
                    return parts, book.names, chosen
    reader = _excel(path, checked=True)
    names = tuple(reader.sheet_names)
    looked: dict[str, tuple[Any, pl.DataFrame]] = {}
    if sheet is None and len(names) > 1 and known_headers:
        # other formats have no cheap look at a sheet's first rows (calamine parses a sheet
        # whole before it gives its first row): the sheets are looked at in order until one's
        # header row holds enough known headers, each parsed once and kept, so that the one
        # chosen is not parsed again and mostly only a small notes sheet is extra
        sheet = _by_headers(names, _looked_at(reader, names, looked), known_headers)
    chosen = _choose(path, names, sheet)
    try:
        loaded, frame = looked.pop(chosen) if chosen in looked else _loaded(reader, chosen)
        # the sheet's own column of each (a sheet whose cells start in column C has C first)
        columns = [c.absolute_index for c in loaded.selected_columns]
    except Exception as exc:
        raise ImportFileError(
            "{path}: the sheet {sheet} cannot be read ({reason}).",
            path=path.name,
            sheet=chosen,
            reason=_short(exc),
        ) from None
    frame = frame.select(pl.all().cast(pl.String))
    del loaded, reader, looked
    give_back()
    frame = frame.rename({c: f"c{i}" for c, i in zip(frame.columns, columns, strict=True)})
    return frame.with_row_index(ROW, offset=1), names, chosen


#: Known headers in a sheet's header row that make it the sheet to read when none is chosen.
ENOUGH_KNOWN_HEADERS = 2


def _by_headers(
    names: tuple[str, ...], heads: Iterator[pl.DataFrame | None], known: frozenset[str]
) -> int:
    """The index of the sheet to read when none was chosen: the first whose header row holds
    ``ENOUGH_KNOWN_HEADERS`` of the entity's headers, else the one whose holds the most, else
    the first (a workbook whose first sheet is a notes or cover sheet is read from its data).
    ``heads`` gives each sheet's first rows, lazily (``None``: could not be looked at)."""
    best, best_hits = 0, 0
    for index, head in enumerate(heads):
        if head is None or head.width == 0:
            continue
        top = head.head(HEADER_SEARCH_ROWS)
        hits = max(
            (
                sum(1 for v in row if v is not None and normalise_header(str(v)) in known)
                for row in top.iter_rows()
            ),
            default=0,
        )
        if hits >= ENOUGH_KNOWN_HEADERS:
            return index
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def _loaded(reader: Any, name: str) -> tuple[Any, pl.DataFrame]:
    """The sheet ``name`` parsed whole (fastexcel's sheet, for its columns) and its cells."""
    loaded = reader.load_sheet(
        name,
        header_row=None,
        skip_rows=0,  # keep leading empty rows: row numbers stay the sheet's own
        dtypes="string",
        skip_whitespace_tail_rows=True,
    )
    return loaded, loaded.to_polars()


def _looked_at(
    reader: Any, names: tuple[str, ...], looked: dict[str, tuple[Any, pl.DataFrame]]
) -> Iterator[pl.DataFrame | None]:
    """Each sheet's cells in turn for ``_by_headers``, each sheet parsed once and kept in
    ``looked`` for the read that follows."""
    for name in names:
        try:
            looked[name] = _loaded(reader, name)
        except (
            Exception
        ):  # a sheet that cannot be read is not the one: the chosen one's read says why
            yield None
            continue
        yield looked[name][1]


def _choose(path: Path, names: tuple[str, ...], sheet: str | int | None) -> str:
    """The name of the sheet asked for (a name, a 0-based index, or ``None``: the first)."""
    if not names:
        raise ImportFileError("{path} has no sheets.", path=path.name)
    if sheet is None:
        return names[0]
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise ImportFileError(
                "{path} has no sheet number {sheet}.", path=path.name, sheet=sheet + 1
            )
        return names[sheet]
    if sheet not in names:
        raise ImportFileError(
            "{path} has no sheet {sheet}; it has {names}.",
            path=path.name,
            sheet=sheet,
            names=name_list(names),
        )
    return sheet


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: a BOM, else UTF-8 if it decodes, else
    what charset-normalizer finds (GBK is read as GB18030, its superset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # GB18030 is tried first: it is what Chinese Excel writes (as GBK, which it contains), and a
    # short GBK file can look like several legacy encodings to a detector.
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise ImportFileError(
            "The file's text encoding cannot be recognised; save it as UTF-8 CSV or as .xlsx."
        )
    encoding = "gb18030" if best.encoding.lower() in ("gbk", "gb2312", "cp936") else best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise ImportFileError(
            "The file's text encoding cannot be recognised; save it as UTF-8 CSV or as .xlsx."
        ) from None


def _looks_like_text(text: str) -> bool:
    """No control characters beyond tab/newline: a wrong decoding usually produces some."""
    sample = text[:100_000]
    bad = sum(
        1 for ch in sample if (ord(ch) < 0x20 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF
    )
    return bad <= len(sample) // 1000


def _csv_grid(path: Path) -> tuple[pl.DataFrame, str]:
    text, encoding = decode_csv(path.read_bytes())
    first = text.split("\n", 1)[0]
    separator = "\t" if first.count("\t") > first.count(",") else ","
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            has_header=False,
            infer_schema=False,
            separator=separator,
            truncate_ragged_lines=True,
        )
    except Exception as exc:
        raise ImportFileError(
            "{path} is not a readable CSV file ({reason}).", path=path.name, reason=_short(exc)
        ) from None
    if frame.width > 5 * MAX_COLUMNS:
        raise ImportFileError(
            "{path}: the sheet {sheet} has {n} columns with data; at most {limit} can be imported.",
            path=path.name,
            sheet=path.stem,
            n=frame.width,
            limit=MAX_COLUMNS,
        )
    frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
    # polars reads an empty field as null or "": one meaning of empty for the rest of the pipeline
    return frame.with_columns(pl.all().replace("", None)), encoding


def normalise_header(text: str) -> str:
    """A header as compared with field labels and aliases: NFKC (full-width to half-width),
    lower case, without spaces, marks of "required" (*) or brackets' contents."""
    import re
    import unicodedata

    t = unicodedata.normalize("NFKC", text or "").strip().lower()
    t = re.sub(HEADER_BRACKETED, "", t)
    return re.sub(HEADER_NOISE, "", t)


def _detect_header(raw: pl.DataFrame, cells: list[str], known: frozenset[str]) -> int:
    """The 0-based index of the row that names most of the entity's columns over their data.

    A row of group titles above the real titles ("客户" merged over A:C, "联系方式" over D:F)
    holds known titles too, but under each of them is another title, not a value: such a title
    names no column of data. So a row scores first by its known titles with no known title under
    them, then by its known titles, then by its cells (a title row, "客户名单 2024", has one)."""
    rows = [
        [normalise_header(str(v)) if v is not None and str(v).strip() else "" for v in values]
        for values in raw.head(HEADER_SEARCH_ROWS + 1).select(cells).iter_rows()
    ]
    best, best_score = 0, (-1, -1, -1)
    for i, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        below = rows[i + 1] if i + 1 < len(rows) else [""] * len(values)
        hits = [c for c, v in enumerate(values) if v in known]
        over_data = sum(1 for c in hits if below[c] not in known)
        score = (over_data, len(hits), sum(1 for v in values if v))
        if score > best_score:
            best, best_score = i, score
    return best


def _header_names(values: list[str | None], letters: list[str]) -> list[str]:
    """Header texts made unique and non-empty (a merged header cell leaves empty neighbours)."""
    seen: dict[str, int] = {}
    out = []
    for value, letter in zip(values, letters, strict=True):
        name = (value or "").strip() or letter
        if name == ROW:
            name = f"{name}_"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        seen.setdefault(name, 1)
        out.append(name)
    return out


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
