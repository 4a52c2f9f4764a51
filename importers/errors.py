"""The errors an import can meet that a person can act on (a bad file, a stale template...)."""

from __future__ import annotations

from studio.errors import StudioError


class ImportFileError(StudioError):
    """The file cannot be read as a table (corrupt, encrypted, not a spreadsheet, too large)."""


class ImportRefused(StudioError):
    """The import cannot go ahead as asked (unknown entity, stale template, unknown import id)."""


def short_reason(exc: Exception) -> str:
    """A library's exception as the reason a message gives in brackets: its first line, at most
    160 characters (its type's name when it says nothing)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
