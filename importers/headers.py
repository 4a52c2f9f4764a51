"""A sheet's header row: its titles as they are compared with the entity's fields
(``normalise_header``), the row found among the first ``HEADER_SEARCH_ROWS`` when none is given,
and the unique names it gives the columns (an empty title named by its column's letter)."""

from __future__ import annotations

import polars as pl

from importers.aliases import HEADER_BRACKETED, HEADER_NOISE
from importers.column_letters import column_name
from importers.errors import ImportFileError
from importers.sheet_row import ROW

#: How many leading rows are searched for the header row.
HEADER_SEARCH_ROWS = 20


def normalise_header(text: str) -> str:
    """A header as compared with field labels and aliases: NFKC (full-width to half-width),
    lower case, without spaces, marks of "required" (*) or brackets' contents."""
    import re
    import unicodedata

    t = unicodedata.normalize("NFKC", text or "").strip().lower()
    bare = re.sub(HEADER_NOISE, "", re.sub(HEADER_BRACKETED, "", t))
    if not bare:
        # a title all in brackets, "（公司）": its words (it was compared as nothing)
        bare = re.sub(HEADER_NOISE, "", re.sub(r"[()\[\]\u3010\u3011]", "", t))  # NFKC: （ is (
    return bare


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
    headers = _header_names([head[c][0] for c in cells], [column_name(int(c[1:])) for c in cells])
    return header_index, headers


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
