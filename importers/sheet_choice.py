"""Which sheet of a workbook is read: the one asked for (a name or a 0-based index), else the
first whose header row holds the entity's columns (``by_headers``), so that a workbook whose
first sheet is a notes or cover sheet is read from its data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from importers.errors import ImportFileError
from importers.headers import HEADER_SEARCH_ROWS, normalise_header
from studio.i18n import name_list

#: Known headers in a sheet's header row that make it the sheet to read when none is chosen.
ENOUGH_KNOWN_HEADERS = 2


def by_headers(
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


def choose(path: Path, names: tuple[str, ...], sheet: str | int | None) -> str:
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
