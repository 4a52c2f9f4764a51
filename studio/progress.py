"""Progress and cooperative cancel for long core work (push, scan, import, replay).

The core cannot import Qt, so a long function takes a ``Progress`` and calls ``update`` now and
then; the GUI's operation turns the calls into a progress bar, and its Cancel button into
``cancelled``. ``check`` raises ``Cancelled`` at a point the function chose as safe to stop.
"""

from __future__ import annotations

from typing import Protocol

from studio.errors import StudioError


class Cancelled(StudioError):
    """The person cancelled the work; what it had done so far is rolled back or harmless."""


class Progress(Protocol):
    def update(self, fraction: float | None, text: str = "") -> None:
        """``fraction`` in [0, 1], or ``None`` when unknown; ``text`` says what is happening."""

    @property
    def cancelled(self) -> bool:
        """Whether the person asked to stop."""


class NoProgress:
    """For callers that show nothing and never cancel (the CLI, tests)."""

    cancelled = False

    def update(self, fraction: float | None, text: str = "") -> None:
        return None


def check(progress: Progress, message: str) -> None:
    """Raise ``Cancelled(message)`` if the person asked to stop."""
    if progress.cancelled:
        raise Cancelled(message)
