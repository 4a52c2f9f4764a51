"""Run a core function off the UI thread, and hear about it on the UI thread.

One place for threads: the UI never blocks on a database or a server, and every user-caused error
(``StudioError``) arrives as a message, the same way for every pane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studio.errors import StudioError

log = logging.getLogger(__name__)


class Op(QObject):
    """A background call; ``succeeded(result)`` or ``failed(message)`` is emitted when it ends."""

    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def start(self) -> Op:
        op = self

        class _Runner(QRunnable):
            def run(self) -> None:
                try:
                    self._run()
                except RuntimeError:
                    # The Op was deleted with its parent (a window closed, the studio quit)
                    # while the work ran: nobody is left to tell.
                    log.debug("background operation finished after its owner was deleted")

            def _run(self) -> None:
                try:
                    result = op._fn()
                except StudioError as exc:
                    op.failed.emit(str(exc))
                except Exception as exc:  # a bug: log the traceback, tell the user briefly
                    log.exception("background operation failed")
                    op.failed.emit(f"{type(exc).__name__}: {exc}")
                else:
                    op.succeeded.emit(result)
                op.finished.emit()

        QThreadPool.globalInstance().start(_Runner())
        return self
