"""A change's impact in a ``ChangeDetails``: at once without numbers, then with the server's.

The sentences from the diff alone appear immediately ("how many records lack it is not known
here"); the server's record statistics (``studio.client.stats.server_stats``) are read off the UI
thread and, when they arrive, the same sentences are shown again with the counts, or with the
reason there are none. An answer for a change that is no longer shown is dropped, and one that
arrives after its dialog was closed and deleted goes nowhere (``widgets.ops.Op``).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio.changes.impact import impact, impact_sentences
from studio.client.stats import ServerStats, entities_to_count, server_stats
from widgets.changes.details import ChangeDetails
from widgets.changes.styles import ERROR_STYLE
from widgets.context import StudioContext
from widgets.ops import Op

# The Changes pane reloads after every action; within this many seconds it reuses the counts.
CACHE_SECONDS = 30.0

BREAKS_STYLE = ERROR_STYLE

_Key = tuple[tuple[str, ...], str | None]


class ImpactLoader(QObject):
    """Keeps ``details``' impact sentences in step with the server's record counts."""

    # the server's numbers, or the reason there are none, are on screen (tests wait on it)
    loaded = Signal()

    def __init__(self, ctx: StudioContext, details: ChangeDetails, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.details = details
        self._diff: dict[str, Any] = {}
        self._key: _Key | None = None
        self._asking: _Key | None = None
        self._found: tuple[_Key, float, ServerStats] | None = None
        # the last answer shown (tests read it)
        self.found: ServerStats | None = None
        # The main window finds or starts the server after the panes are up: ask it then.
        ctx.server_changed.connect(self.refresh)

    def server(self) -> tuple[str | None, str | None]:
        """The studio's own local server when it runs, else the configured one (token: keyring)."""
        local = getattr(self.ctx, "local_server", None)
        if local is not None:
            return local.url, local.token
        return getattr(self.ctx, "server_url", None), None

    def show(self, diff: dict[str, Any]) -> None:
        """Show ``diff``'s impact now, and ask the server for the counts it needs."""
        self._diff = diff
        entities = tuple(entities_to_count(diff)) if diff else ()
        if not entities:
            self._key = None
            self._render(None)
            return
        url, token = self.server()
        key: _Key = (entities, url)
        self._key = key
        if self._found is not None:
            found_key, at, found = self._found
            if found_key == key and time.monotonic() - at < CACHE_SECONDS:
                self._render(found)
                self.loaded.emit()
                return
        self._render(None, pending=True)
        if self._asking == key:
            return  # the answer on its way is for these entities: it will be shown
        self._asking = key
        ws = self.ctx.workspace

        def work() -> tuple[_Key, ServerStats]:
            return key, server_stats(ws, diff, server_url=url, token=token)

        op = Op(work, self)
        op.succeeded.connect(self._arrived)
        op.failed.connect(self._failed)
        op.start()

    def refresh(self) -> None:
        """Ask again for the change on screen (the server to ask may have changed)."""
        if self._diff:
            self.show(self._diff)

    def _arrived(self, result: tuple[_Key, ServerStats]) -> None:
        key, found = result
        if self._asking == key:
            self._asking = None
        if found.problem is None:  # a server that failed is asked again next time
            self._found = (key, time.monotonic(), found)
        if key != self._key:
            return  # another change is shown now
        self._render(found)
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        """A bug in the background call (server problems arrive as ``ServerStats.problem``)."""
        self._asking = None
        if self._key is None:
            return
        self._render(
            ServerStats(problem=self.tr("Server statistics unavailable: %1").replace("%1", message))
        )
        self.loaded.emit()

    def _render(self, found: ServerStats | None, *, pending: bool = False) -> None:
        self.found = found
        effects = impact(self._diff, found.stats if found else None)
        lines = impact_sentences(effects, self._diff, found.problem if found else None)
        # Records that could no longer be saved are the outage this review exists to catch.
        breaks = any(r["records_violating"] for r in effects["required_fields"])
        self.details.impact_label.setStyleSheet(BREAKS_STYLE if breaks else "")
        if pending:
            lines.append(self.tr("Asking the server how many records lack a value…"))
        self.details.show_impact(lines)
