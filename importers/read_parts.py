"""Reading a large .xlsx sheet in parts, on two cores at once.

calamine parses a whole sheet on one core before it gives a single cell (~0.5 s of the 0.65 s
fastexcel takes for 100,000 rows x 20 columns), and the machines the studio runs on have two
cores or more. So the sheet's XML is inflated as a stream and cut at row boundaries into parts;
each part becomes a small uncompressed workbook of its own (the sheet's rows plus the workbook's
shared strings and styles, so that every cell reads exactly as in the whole sheet), and
fastexcel reads two parts at a time while the next one is cut. The parts' rows are numbered as
the sheet numbers them and joined in order.

Each part carries one anchor cell in column A on a row it does not hold (part 1: the row the
next part starts with; the others: the row before their first), so that every part's columns
start at A and its row numbers are known: calamine starts a sheet at its first cell. The anchor
is checked where it is expected and dropped. Anything unusual (a workbook that is not plain
OOXML, a row without its number, a part that does not read as expected) gives ``None``, and the
caller reads the sheet whole, as before: this is only ever a faster way to the same table.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO

import polars as pl
from defusedxml import ElementTree

from importers.memory import give_back
from importers.sheet_row import ROW
from studio.progress import Cancelled, NoProgress, Progress, check

#: Sheets whose XML inflates to less than this are read whole: below ~300,000 rows two parts
#: save little (0.05 s of 1.1 s at 100,000 rows, docs/benchmarks.md import run 8) for ~40 MB
#: more memory; at 1,000,000 rows they save a third of the time and use less memory.
MIN_SHEET_BYTES = 128 << 20
#: Parts are at most about this large, inflated: memory stays bounded at a million rows, and a
#: part's buffers stay under glibc's largest mmap threshold (32 MB), so that they are reused
#: rather than given back and faulted in again (at 64 MB: +1.5 s of system time at 1M rows).
MAX_PART_BYTES = 24 << 20
#: Every part re-reads the shared strings: parts are at least this many times their size (at
#: the cost of memory: a sheet with 60 MB of shared strings is read in parts of 240 MB).
SHARED_STRINGS_FACTOR: float = 4
#: Inflated per read from the zip.
CHUNK_BYTES = 1 << 20
#: Rows of a sheet's XML that ``head_rows`` reads: its header row is among the first ones.
HEAD_BYTES = 64 << 10
#: Parts cut and not yet read, at most, and their bytes at most (each holds its XML in memory)
IN_FLIGHT = 4
IN_FLIGHT_BYTES = 160 << 20
READERS = 2

ANCHOR = "studio-part-anchor-7f3c"
MAX_HEAD_BYTES = 16 << 20

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"
_TAIL = b"</sheetData></worksheet>"


class _NotApplicable(Exception):
    """This sheet is read whole."""


@dataclass(frozen=True)
class _Layout:
    sheet: str  # the zip entry of the sheet's XML
    kept: tuple[str, ...]  # entries every part carries: package, workbook, strings, styles
    shared_strings: str | None


@dataclass(frozen=True)
class Book:
    """A plain OOXML workbook's part and its sheets in order: (name, relationship id)."""

    entry: str
    sheets: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.sheets)


def book(zf: zipfile.ZipFile) -> Book | None:
    """The workbook in ``zf`` from its ``workbook.xml`` (``None``: not plain OOXML)."""
    try:
        entry = _workbook_entry(zf)
        return Book(entry, tuple(_sheets(zf, entry)))
    except (_NotApplicable, KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    except Exception:  # defusedxml's refusals and expat's errors: the whole read tells
        return None


def read_in_parts(
    zf: zipfile.ZipFile, workbook: Book, sheet_name: str, progress: Progress | None = None
) -> pl.DataFrame | None:
    """The sheet ``sheet_name`` of ``workbook`` (in the .xlsx/.xlsm ``zf``) as text columns
    ``cN`` (N: the sheet's column, 0 for A) and ``ROW`` (the sheet's row numbers), as
    ``read._excel_grid`` reads it whole (every cell a string, leading empty rows kept); ``None``
    where the sheet is small or anything is unusual, for the caller to read it whole.
    ``progress`` hears the fraction of the sheet read (``update(f, "read")``, f from 0 to 1) and
    may cancel between two parts (``studio.progress.Cancelled``)."""
    try:
        layout = _layout(zf, workbook, sheet_name)
        total = zf.getinfo(layout.sheet).file_size
        if total < MIN_SHEET_BYTES:
            return None
        strings = zf.getinfo(layout.shared_strings).file_size if layout.shared_strings else 0
        parts = -(-total // MAX_PART_BYTES)
        if strings:
            parts = min(parts, int(total // (SHARED_STRINGS_FACTOR * strings)))
        parts = max(parts, 2)
        kept = {name: zf.read(name) for name in layout.kept}
        frames = _read_parts(
            zf, layout.sheet, sheet_name, kept, total // parts + 1, progress or NoProgress()
        )
    except Cancelled:
        raise
    except (_NotApplicable, KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    except Exception:  # calamine's errors are many types: the whole read gives the message
        return None
    return _joined(frames)


def head_rows(zf: zipfile.ZipFile, workbook: Book, sheet_name: str) -> pl.DataFrame | None:
    """The first rows of the sheet ``sheet_name`` of ``workbook`` (in the .xlsx/.xlsm ``zf``;
    its first megabyte of XML at most, cut at a row's boundary) as text columns, values only;
    ``None`` where anything is unusual. Cheap on a large sheet: what calamine would parse whole
    is only streamed up to there (for choosing a sheet by its header row)."""
    try:
        layout = _layout(zf, workbook, sheet_name)
        kept = {name: zf.read(name) for name in layout.kept}
        with zf.open(layout.sheet) as fh:
            blocks = _blocks(fh, HEAD_BYTES)
            head = bytes(next(blocks)[0])
            rows = bytes(next(blocks)[0])
        data = _workbook(kept, layout.sheet, [head, rows, _TAIL])
        import fastexcel

        loaded = fastexcel.read_excel(data).load_sheet(
            sheet_name, header_row=None, skip_rows=0, dtypes="string"
        )
        frame = loaded.to_polars()
    except (_NotApplicable, KeyError, StopIteration, zipfile.BadZipFile, OSError, ValueError):
        return None
    except Exception:  # calamine's errors are many types: the whole read gives the message
        return None
    return frame.select(pl.all().cast(pl.String))


def _workbook_entry(zf: zipfile.ZipFile) -> str:
    package = ElementTree.fromstring(zf.read("_rels/.rels"))
    for rel in package.iter(f"{_PKG}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise _NotApplicable


def _sheets(zf: zipfile.ZipFile, workbook: str) -> list[tuple[str, str]]:
    """(name, relationship id) of every sheet, in order."""
    listed = [
        (s.get("name"), s.get(f"{_REL}id"))
        for s in ElementTree.fromstring(zf.read(workbook)).iter(f"{_MAIN}sheet")
    ]
    if not listed or any(name is None or rid is None for name, rid in listed):
        raise _NotApplicable
    return [(str(name), str(rid)) for name, rid in listed]


def _layout(zf: zipfile.ZipFile, book: Book, sheet_name: str) -> _Layout:
    workbook = book.entry
    folder = posixpath.dirname(workbook)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for rel in ElementTree.fromstring(zf.read(rels_name)).iter(f"{_PKG}Relationship"):
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(name)
        targets[rel.get("Id", "")] = name
        by_type[rel.get("Type", "").rsplit("/", 1)[-1]] = name
    sheet_id = next((rid for name, rid in book.sheets if name == sheet_name), None)
    sheet = targets.get(sheet_id or "")
    if sheet is None:
        raise _NotApplicable
    present = set(zf.namelist())
    kept = ["[Content_Types].xml", "_rels/.rels", workbook, rels_name]
    kept += [by_type[t] for t in ("sharedStrings", "styles") if t in by_type]
    strings = by_type.get("sharedStrings")
    return _Layout(
        sheet=sheet,
        kept=tuple(k for k in kept if k in present),
        shared_strings=strings if strings in present else None,
    )


def _read_parts(
    zf: zipfile.ZipFile,
    entry: str,
    sheet_name: str,
    kept: dict[str, bytes],
    part_bytes: int,
    progress: Progress,
) -> list[pl.DataFrame]:
    """Inflate ``entry`` as a stream, cut it into parts of about ``part_bytes`` at row
    boundaries, and read them two at a time while the next ones are cut; frames in sheet order.
    Before each part is cut, ``progress`` hears how far the reading is and may cancel it."""
    pending: deque[tuple[Future[pl.DataFrame], int]] = deque()
    frames: list[pl.DataFrame] = []
    with zf.open(entry) as fh, ThreadPoolExecutor(max_workers=READERS) as pool:
        blocks = _blocks(fh, part_bytes)
        head = bytes(next(blocks)[0])
        total = zf.getinfo(entry).file_size
        for index, (rows, next_first) in enumerate(blocks):
            # the parts read so far (each reads in about the time the next takes to be cut)
            progress.update(min(index * part_bytes / total, 1.0), "read")
            if progress.cancelled:
                pool.shutdown(wait=False, cancel_futures=True)  # the parts not begun yet
                check(progress, "cancelled")  # as the rest of the dry run says it
            with rows:  # a view into the stream's buffer, released before it is read on
                if index == 0:
                    if next_first is None:
                        raise _NotApplicable  # one part: the sheet is read whole
                    # part 1: its rows are numbered from 1 (``skip_rows=0``); the anchor ends it
                    pieces: list[bytes | memoryview] = [head, rows, _anchor(next_first), _TAIL]
                    first, anchor = None, next_first
                else:
                    first = _first_row(rows)
                    pieces, anchor = [head, _anchor(first - 1), rows, _TAIL], first - 1
                data = _workbook(kept, entry, pieces)
                del pieces
            size = len(data)
            # handed over in a list the reader empties: its bytes go as soon as fastexcel has them
            pending.append((pool.submit(_read_part, [data], sheet_name, first, anchor), size))
            del data
            while len(pending) >= IN_FLIGHT or sum(n for _, n in pending) > IN_FLIGHT_BYTES:
                frames.append(pending.popleft()[0].result())
        frames.extend(f.result() for f, _ in pending)
    return frames


def _blocks(fh: IO[bytes], part_bytes: int) -> Iterator[tuple[memoryview, int | None]]:
    """The sheet XML's head (up to ``<sheetData>``, without its dimension, which a part must
    not claim), then blocks of whole rows of about ``part_bytes``, each with the number of the
    row that follows it (``None`` after the last). A block is a view into the stream's buffer
    (not a copy of 24 MB): the caller releases it before asking for the next."""
    buf = bytearray()
    head_done = False
    while True:
        chunk = fh.read(CHUNK_BYTES)
        buf += chunk
        if not head_done:
            at = buf.find(_SHEET_DATA)
            if at < 0:
                if not chunk or len(buf) > MAX_HEAD_BYTES:
                    raise _NotApplicable
                continue
            yield memoryview(_DIMENSION.sub(b"", bytes(buf[: at + len(_SHEET_DATA)]))), None
            del buf[: at + len(_SHEET_DATA)]
            head_done = True
        if not chunk:
            end = buf.rfind(_SHEET_DATA_END)
            if end < 0:
                raise _NotApplicable
            yield memoryview(buf)[:end], None
            return
        if len(buf) < part_bytes:
            continue
        cut = buf.rfind(b"<row ")
        if cut > 0 and buf.find(b">", cut) < 0:
            cut = buf.rfind(b"<row ", 0, cut)  # the last row's tag is not whole yet
        if cut <= 0:
            continue  # one very long row: read on
        following = _first_row(bytes(buf[cut : buf.find(b">", cut) + 1]))
        yield memoryview(buf)[:cut], following
        del buf[:cut]


def _first_row(rows: bytes | memoryview) -> int:
    found = _ROW_NUMBER.match(rows)
    if found is None or int(found.group(1)) < 2:
        raise _NotApplicable  # a row without its number: only the whole read can count it
    return int(found.group(1))


def _anchor(row: int) -> bytes:
    return (
        f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{ANCHOR}</t></is></c></row>'
    ).encode()


def _workbook(kept: dict[str, bytes], entry: str, pieces: list[bytes | memoryview]) -> bytes:
    """A workbook, uncompressed (nothing to inflate twice), of the kept entries and the sheet
    ``entry`` whose XML is ``pieces`` joined; written in one piece, as the zip format lays it
    out, so that a part's tens of MB are copied once (``zipfile`` would copy them thrice)."""
    out: list[bytes | memoryview] = []
    directory: list[bytes] = []
    offset = 0
    entries: list[tuple[str, list[bytes | memoryview]]] = [(n, [d]) for n, d in kept.items()]
    for name, data in [*entries, (entry, pieces)]:
        crc, size = 0, 0
        for piece in data:
            crc, size = zlib.crc32(piece, crc), size + len(piece)
        encoded = name.encode("utf-8")
        # stored, UTF-8 names, no time (1980-01-01): what the reader needs and no more
        fields = struct.pack("<HHHHHIII", 20, 0x0800, 0, 0, 0x21, crc, size, size)
        out += [struct.pack("<I", 0x04034B50), fields, struct.pack("<HH", len(encoded), 0)]
        out += [encoded, *data]
        directory += [
            struct.pack("<IH", 0x02014B50, 20),
            fields,
            struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset),
            encoded,
        ]
        offset += 30 + len(encoded) + size
    size = sum(len(d) for d in directory)
    count = len(kept) + 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, offset, 0)
    return b"".join([*out, *directory, end])


def _read_part(
    handed: list[bytes],
    sheet_name: str,
    first: int | None,
    anchor: int,
) -> pl.DataFrame:
    """One part (the workbook in ``handed``, taken out of it) as text columns ``c0``, ... (column
    A first) and ``ROW``, its anchor checked and dropped."""
    import fastexcel

    reader = fastexcel.read_excel(handed.pop())  # fastexcel keeps its own copy
    loaded = reader.load_sheet(
        sheet_name,
        header_row=None,
        skip_rows=0 if first is None else None,
        dtypes="string",
        skip_whitespace_tail_rows=True,
    )
    frame = loaded.to_polars()
    del loaded, reader
    give_back()  # this thread's heap: the other part is still being read
    frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)}).select(
        pl.all().cast(pl.String)
    )
    if first is None:
        # rows 1 .. anchor: the anchor is the last
        if frame.height != anchor or frame["c0"][-1] != ANCHOR:
            raise _NotApplicable
        frame, start = frame.head(anchor - 1), 1
    else:
        if frame.height == 0 or frame["c0"][0] != ANCHOR:
            raise _NotApplicable
        frame, start = frame.slice(1), first
    frame = frame.with_columns(
        pl.int_range(start, start + frame.height, dtype=pl.UInt32, eager=True).alias(ROW)
    )
    return frame


def _joined(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """The parts in order, every column in each (a part without cells in a column has nulls),
    from the first column with a cell, as the whole read starts (the anchors made column A
    every part's first, so ``cN`` is the sheet's column N)."""
    joined = pl.concat(frames, how="diagonal", rechunk=True)
    cells = sorted((c for c in joined.columns if c != ROW), key=lambda c: int(c[1:]))
    used = joined.select(pl.col(cells).is_not_null().any()).row(0)
    start = next((i for i, some in enumerate(used) if some), 0)
    return joined.select(*cells[start:], ROW)
