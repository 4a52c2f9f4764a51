"""What every pane shares: the open workspace, the signed-in user, the one draft document, and one
``changed`` signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studio.bundle.model import Bundle, UserAssignment
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.client.local_server import LocalServer


class StudioContext(QObject):
    """Panes listen to ``changed`` and refresh only if the change concerns them."""

    #: what changed: "workspace", "user", "draft", "audit"
    changed = Signal(str)
    #: the server to push to was found or started (``local_server`` / ``server_url`` set)
    server_changed = Signal()

    def __init__(self, workspace: Workspace, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from widgets.entities.document import DesignerDocument

        self.workspace = workspace
        self.user = user
        #: the draft every pane edits (in memory, one undo stack); loaded off the UI thread
        self.document = DesignerDocument(self, self)
        #: the studio's own reference server, when no server is configured (see main_window)
        self.local_server: LocalServer | None = None
        #: the server the person configured (``STUDIO_SERVER_URL`` or the workspace's)
        self.server_url: str | None = None

    def bundle(self) -> Bundle:
        """The draft as the document holds it (empty until its first load has finished: panes
        hear ``changed("draft")`` then)."""
        self.document.ensure_loaded()
        return self.document.bundle

    def user_assignment(self) -> UserAssignment | None:
        return next((u for u in self.bundle().users if u.user == self.user), None)

    def set_workspace(self, workspace: Workspace, user: str) -> None:
        old = self.workspace
        self.workspace, self.user = workspace, user
        if old is not workspace:
            old.close()
        self.document.load_async()
        self.changed.emit("workspace")

    def set_user(self, user: str) -> None:
        self.user = user
        self.changed.emit("user")

    def draft_changed(self) -> None:
        """The draft was written outside the document (a key registered, an import)."""
        self.document.reload()
        self.changed.emit("draft")

    def draft_saved(self) -> None:
        """The document saved its edits: the panes that show the stored draft refresh."""
        self.changed.emit("draft")

    def document_loaded(self) -> None:
        self.changed.emit("draft")
