"""The CRM server the studio talks to: the configured one, else the studio's own reference server
on loopback, started off the UI thread after the main window's first paint and stopped when the
window closes, the application quits or the workspace changes (``studio.client.local_server``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from widgets.ops import Op

if TYPE_CHECKING:
    from studio.workspace.connection import Workspace
    from widgets.main_window import MainWindow


class LocalServerRunner(QObject):
    """``start_after_show()`` once the window has its workspace; ``start()`` again for a new
    workspace; ``stop()`` on close."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ops: set[Op] = set()
        self.closing = False
        # The local server waits for the window to be shown (a window never shown starts none).
        self.pending = False

    def start_after_show(self) -> None:
        """Start once the window is shown (now, if it is)."""
        self.pending = True
        if self.window.isVisible():
            self.shown()

    def shown(self) -> None:
        # After the first paint: the server's imports and start are no part of showing the window.
        if self.pending:
            self.pending = False
            QTimer.singleShot(0, self.start)

    def start(self) -> None:
        """Use the configured server, else start the studio's own on loopback (off the UI thread).

        The local server belongs to one workspace (its version chain follows that workspace's
        releases), so switching workspaces stops it and starts the new workspace's.
        """
        from studio.client.local_server import start_local_server
        from studio.client.server_url import configured_server

        if self.window.ctx is None:
            return
        self.stop()
        self.closing = False
        ws = self.window.ctx.workspace
        if ws.damaged is not None:
            return  # nothing can be pushed from a read-only workspace: no server to start

        def start() -> tuple[Workspace, str | None, object]:
            url = configured_server(ws)
            return ws, url, None if url else start_local_server(ws)

        def done(result: tuple[Workspace, str | None, object]) -> None:
            started_for, url, local = result
            if self.closing or started_for is not self.window.ctx.workspace:
                # Closed or switched meanwhile: this server is nobody's.
                if local is not None:
                    local.stop()  # type: ignore[attr-defined]
                return
            self.window.ctx.server_url = url
            self.window.ctx.local_server = local  # type: ignore[assignment]
            self.window.ctx.server_changed.emit()

        op = Op(start, self)
        self.ops.add(op)
        op.succeeded.connect(done)
        op.failed.connect(lambda message: self.window.statusBar().showMessage(message, 15000))
        op.finished.connect(lambda: self.ops.discard(op))
        op.start()

    def stop(self) -> None:
        self.closing = True
        if self.window.ctx is None:
            return
        local, self.window.ctx.local_server = self.window.ctx.local_server, None
        if local is not None:
            local.stop()
