"""A sheet's column as Excel names it: 0 -> A, 25 -> Z, 26 -> AA (the header of an empty title,
a cell's address in an exported workbook)."""

from __future__ import annotations


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name
