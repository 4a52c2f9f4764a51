"""Reading a workbook or a CSV file into a table of text: every cell a string, every row numbered
as the spreadsheet numbers it (the header is row 1 when it is the first row).

Excel, ODS and XLS go through fastexcel (calamine, Arrow out -> polars, DESIGN.md measured it the
fastest), a large sheet of an .xlsx in parts (``read_parts``); CSV through polars after its
encoding is found (``csv_text``: UTF-8, UTF-8 with BOM, else charset-normalizer; a CSV saved by
Chinese Excel is GBK). Which sheet is read is ``sheet_choice``'s, the header row ``headers``'.
Everything is text: a mobile number must not become a float and lose its leading digits, a credit
code must not become a number.

Bad input becomes an ``ImportFileError`` with a message for people: a corrupt, encrypted or
password-protected file, a zip bomb (checked on the zip directory before anything is inflated),
too many columns. Trailing empty rows (a bogus dimension tag, 1,048,576 formatted empty rows) are
skipped by calamine; empty rows in the middle are dropped and keep their numbers out of the count.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from importers import read_parts
from importers.cells import unneutralise
from importers.csv_text import csv_grid
from importers.errors import ImportFileError, short_reason
from importers.headers import header_of
from importers.memory import give_back
from importers.sheet_choice import by_headers, choose
from importers.sheet_row import ROW
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
    if path.is_dir():  # (it said "there is no file", of a folder that is there)
        raise ImportFileError("{path} is a folder: choose a workbook in it.", path=str(path))
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
        raw, encoding = csv_grid(path, MAX_COLUMNS)
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


#: How much of each XML part's beginning is looked at for a document type declaration.
PROLOG_BYTES = 64 << 10
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)\b")
#: The start of an XML document's root element (the prolog ends there).
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _check_xml_parts(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse XML that declares a document type or entities: workbooks (OOXML, ODF) never do,
    and it is how an "XML bomb" (a billion laughs) is built. calamine refuses the entities too,
    but in its own English words; this says it in the person's language, before any reading.
    Only each part's prolog is inflated (the declaration must come before the root element)."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")) or info.file_size == 0:
            continue
        with zf.open(info) as fh:
            head = fh.read(PROLOG_BYTES)
        root = _ROOT_START.search(head)
        if _DECLARATION.search(head, 0, root.start() if root else len(head)):
            raise ImportFileError(
                "{path} holds XML with a document type declaration, which no workbook has "
                '(an "XML bomb" is built so): it was not read.',
                path=path.name,
            )


def _check_is_workbook(zf: zipfile.ZipFile, path: Path) -> None:
    """A zip that is no workbook (a .docx renamed .xlsx) is said as what it is, in the person's
    language, rather than as the reader library's "File not found '_rels/.rels'"."""
    names = set(zf.namelist())
    if "xl/workbook.xml" in names or "content.xml" in names:
        return  # (a workbook stored elsewhere is left to the reader, which follows _rels)
    if "word/document.xml" in names:
        raise ImportFileError(
            "{path} is a Word document, not a workbook: copy its table into Excel and save it "
            "as .xlsx.",
            path=path.name,
        )
    if "ppt/presentation.xml" in names:
        raise ImportFileError(
            "{path} is a PowerPoint presentation, not a workbook: copy its table into Excel and "
            "save it as .xlsx.",
            path=path.name,
        )
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        # neither Office Open XML nor OpenDocument: some other zip renamed
        raise ImportFileError(
            "{path} is not a readable workbook: it is damaged, or not an Excel file.",
            path=path.name,
        )


def _open_checked(path: Path) -> zipfile.ZipFile | None:
    """An encrypted workbook or a zip bomb is refused before anything reads it. A zip-based
    workbook comes back as its zip, open (for the caller to close); any other file as ``None``."""
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() in ZIPPED:
        # An OLE container under an .xlsx name: what Excel writes for a password-protected file.
        raise _encrypted(path)
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
        _check_xml_parts(zf, path)
        _check_is_workbook(zf, path)
    except BaseException:
        zf.close()
        raise
    return zf


#: How calamine says that a workbook (.xls, .ods) is encrypted with a password to open it.
_PASSWORD_REFUSAL = "Workbook is password protected"


def _encrypted(path: Path) -> ImportFileError:
    return ImportFileError(
        "{path} is encrypted or password-protected: save it without a password and try again.",
        path=path.name,
    )


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
        if _PASSWORD_REFUSAL in str(exc):
            # an .xls or .ods saved with a password to open it (calamine's words, in English)
            raise _encrypted(path) from None
        raise ImportFileError(
            "{path} is not a readable workbook ({reason}).",
            path=path.name,
            reason=short_reason(exc),
        ) from None


def _excel_grid(
    path: Path,
    sheet: str | int | None,
    progress: Progress | None = None,
    known_headers: frozenset[str] = frozenset(),
) -> tuple[pl.DataFrame, tuple[str, ...], str]:
    """The sheet's cells as text columns ``cN`` (N: the sheet's column, 0 for A) from its first
    used column, and ``ROW``; its workbook's sheets; the sheet's name (with no ``sheet`` asked
    for: the first whose header row holds the entity's ``known_headers``, see ``sheet_choice.by_headers``)."""
    zipped = _open_checked(path)
    if zipped is not None:
        with zipped:
            book = read_parts.book(zipped) if path.suffix.lower() in PLAIN_XLSX else None
            if book is not None:
                if sheet is None and len(book.names) > 1 and known_headers:
                    heads = (read_parts.head_rows(zipped, book, name) for name in book.names)
                    sheet = by_headers(book.names, heads, known_headers)
                # a large sheet of a plain .xlsx is read in parts on two cores (``read_parts``)
                chosen = choose(path, book.names, sheet)
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
        sheet = by_headers(names, _looked_at(reader, names, looked), known_headers)
    chosen = choose(path, names, sheet)
    try:
        loaded, frame = looked.pop(chosen) if chosen in looked else _loaded(reader, chosen)
        # the sheet's own column of each (a sheet whose cells start in column C has C first)
        columns = [c.absolute_index for c in loaded.selected_columns]
    except Exception as exc:
        raise ImportFileError(
            "{path}: the sheet {sheet} cannot be read ({reason}).",
            path=path.name,
            sheet=chosen,
            reason=short_reason(exc),
        ) from None
    frame = frame.select(pl.all().cast(pl.String))
    del loaded, reader, looked
    give_back()
    frame = frame.rename({c: f"c{i}" for c, i in zip(frame.columns, columns, strict=True)})
    return frame.with_row_index(ROW, offset=1), names, chosen


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
    """Each sheet's cells in turn for ``sheet_choice.by_headers``, each sheet parsed once and
    kept in ``looked`` for the read that follows."""
    for name in names:
        try:
            looked[name] = _loaded(reader, name)
        except (
            Exception
        ):  # a sheet that cannot be read is not the one: the chosen one's read says why
            yield None
            continue
        yield looked[name][1]
