"""Errors a user can cause. They carry a message for people; tracebacks are for bugs only."""

from __future__ import annotations


class StudioError(Exception):
    """Base of every error the user can cause; ``str()`` is the message to show."""


class WorkspaceError(StudioError):
    """The workspace cannot be opened, created or migrated."""


class BundleError(StudioError):
    """A bundle file is unreadable or invalid."""


class ConflictError(StudioError):
    """Someone else changed the draft since it was read."""
