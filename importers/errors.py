"""The errors an import can meet that a person can act on (a bad file, a stale template...)."""

from __future__ import annotations

from studio.errors import StudioError


class ImportFileError(StudioError):
    """The file cannot be read as a table (corrupt, encrypted, not a spreadsheet, too large)."""


class ImportRefused(StudioError):
    """The import cannot go ahead as asked (unknown entity, stale template, unknown import id)."""
