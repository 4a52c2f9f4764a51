"""Cleaning that starts while a large sheet is still being read.

A sheet read in parts (``importers.read_parts``) hands each part over as soon as it is read. The
first part holds the header row, so the columns' names and the mapping are known long before
the last part is read: from then on each part's rows are prepared as ``read.read_table``
prepares the whole sheet's (``read.body_rows``, row by row the same) and cleaned
(``clean.clean_column``, row by row the same) on a core the reading leaves free.

Nothing is taken on trust: the early work is used only if the whole table, once read, has the
same header row and columns, the same mapping of fields to columns and exactly the same rows in
the same order; otherwise it is dropped and the table is cleaned as it always was. Validation and
linkage need every row and run on the whole table afterwards, as before.
"""

from __future__ import annotations

import queue
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import polars as pl

from importers import clean
from importers.clean_codes import Cleaned
from importers.errors import ImportFileError
from importers.read import MAX_COLUMNS, ROW, Table, body_rows, header_of
from studio.bundle.model import Entity


class _NoSetup(Exception):
    """The first part does not say enough: the whole table is cleaned as always."""


@dataclass(frozen=True)
class _Setup:
    """What the first part says about the sheet."""

    shift: int  # leading columns without a cell (the whole read starts at the first with one)
    header_index: int
    cells: list[str]
    headers: list[str]
    by_field: dict[str, str]


class EarlyCleaning:
    """Collects the parts a reader hands over (``part_read``, from any thread) and cleans them
    on ``pool`` (``follow``, on the thread that waits for the read); ``results`` gives the
    cleaned columns when they are the whole table's."""

    def __init__(
        self,
        entity: Entity,
        *,
        header_row: int | None,
        known_headers: frozenset[str],
        mapping_for: Callable[[tuple[str, ...]], dict[str, str]],
    ) -> None:
        self._entity = entity
        self._header_row = header_row
        self._known = known_headers
        self._mapping_for = mapping_for
        self._queue: queue.Queue[tuple[int, pl.DataFrame] | None] = queue.Queue()
        self._setup: _Setup | None = None
        self._failed = False
        self._jobs: dict[int, Future[tuple[pl.Series, dict[str, Cleaned]]]] = {}

    def part_read(self, index: int, frame: pl.DataFrame) -> None:
        self._queue.put((index, frame))

    def follow(self, reading: Future[Any], pool: ThreadPoolExecutor) -> None:
        """Until ``reading`` is done: set up from the first part, then submit every part's
        cleaning to ``pool`` (parts read before the first wait for it)."""
        reading.add_done_callback(lambda _: self._queue.put(None))
        waiting: dict[int, pl.DataFrame] = {}
        while (item := self._queue.get()) is not None:
            index, frame = item
            if self._failed:
                continue
            if index == 0:
                self._set_up(frame)
            if self._setup is None:
                waiting[index] = frame
                continue
            for i, part in sorted({**waiting, index: frame}.items()):
                self._jobs[i] = pool.submit(self._clean_part, self._setup, part)
            waiting.clear()

    def results(self, table: Table, by_field: Mapping[str, str]) -> dict[str, Cleaned] | None:
        """Every mapped field's cleaned column, if the early work was done on exactly ``table``
        as ``by_field`` maps it; else ``None``."""
        setup = self._setup
        if self._failed or setup is None or not self._jobs:
            return None
        if tuple(setup.headers) != table.headers or setup.header_index + 1 != table.header_row:
            return None
        if dict(by_field) != setup.by_field or sorted(self._jobs) != list(range(len(self._jobs))):
            return None
        try:
            parts = [self._jobs[i].result() for i in range(len(self._jobs))]
        except Exception:  # the whole table's own cleaning says what is wrong, if anything
            return None
        rows = pl.concat([r for r, _ in parts])
        if not rows.equals(table.frame[ROW], check_names=False):
            return None
        return {key: combined([c[key] for _, c in parts]) for key in setup.by_field}

    def _set_up(self, first: pl.DataFrame) -> None:
        try:
            cells = [c for c in first.columns if c != ROW]
            used = first.select(pl.col(cells).is_not_null().any()).row(0)
            shift = next((i for i, some in enumerate(used) if some), 0)
            raw = _shifted(first, shift)
            kept = [c for c, some in zip(cells, used, strict=True) if some]
            kept = [f"c{int(c[1:]) - shift}" for c in kept]
            if not kept or len(kept) > MAX_COLUMNS:
                raise _NoSetup
            raw = raw.select(ROW, *kept)
            header_index, headers = header_of(raw, kept, self._header_row, self._known, "")
            by_field = self._mapping_for(tuple(headers))
        except (ImportFileError, _NoSetup):
            self._failed = True  # the whole read says it, if it is so
            return
        self._setup = _Setup(shift, header_index, kept, headers, dict(by_field))

    def _clean_part(
        self, setup: _Setup, frame: pl.DataFrame
    ) -> tuple[pl.Series, dict[str, Cleaned]]:
        raw = _shifted(frame, setup.shift)
        missing = [c for c in setup.cells if c not in raw.columns]
        raw = raw.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)
        body = body_rows(
            raw.select(ROW, *setup.cells), setup.header_index, setup.cells, setup.headers
        )
        cleaned = {}
        for key, header in setup.by_field.items():
            fd = self._entity.field(key)
            assert fd is not None
            cleaned[key] = clean.clean_column(fd, body[header])
        return body[ROW], cleaned


def _shifted(frame: pl.DataFrame, shift: int) -> pl.DataFrame:
    """``frame``'s columns renamed as if the sheet started ``shift`` columns to the right."""
    if shift == 0:
        return frame
    cells = [c for c in frame.columns if c != ROW and int(c[1:]) >= shift]
    return frame.select(*(pl.col(c).alias(f"c{int(c[1:]) - shift}") for c in cells), ROW)


def combined(parts: list[Cleaned]) -> Cleaned:
    """The cleaned parts of one column as one, in order."""
    changes: Counter[str] = Counter()
    for part in parts:
        changes.update(part.changes)
    landlines = None
    if any(p.landlines is not None for p in parts):
        landlines = _concat(
            [
                p.landlines
                if p.landlines is not None
                else pl.Series([None] * len(p.values), dtype=pl.String)
                for p in parts
            ]
        )
    return Cleaned(
        values=_concat([p.values for p in parts]),
        problems=_concat([p.problems for p in parts]),
        changes=changes,
        landlines=landlines,
    )


def _concat(series: list[pl.Series]) -> pl.Series:
    """One series of ``series`` in order; a part with nothing in it may be typed ``Null``."""
    typed = next((s.dtype for s in series if s.dtype != pl.Null), pl.Null)
    return pl.concat([s if s.dtype == typed else s.cast(typed) for s in series])
