"""What every pane shares: the open workspace, the signed-in user, the one draft document, and one
``changed`` signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studio.bundle.model import Bundle, UserAssignment
from studio.op_changes import DRAFT, OpChanges
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.client.local_server import LocalServer


class StudioContext(QObject):
    """Panes listen to ``changed`` and refresh only if the change concerns them."""

    #: (OpChanges, initiator): what an operation changed, and who started it (or None)
    changed = Signal(object, object)
    #: the server to push to was found or started (``local_server`` / ``server_url`` set)
    server_changed = Signal()
    #: a background operation failed with this message: the main window shows it, in one place
    failed = Signal(str)
    #: the workspace turned out damaged after it was opened (now read-only; emitted from the
    #: thread that read the damaged text, delivered on the UI thread)
    became_damaged = Signal()

    def __init__(self, workspace: Workspace, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from widgets.draft_checks import DraftChecks
        from widgets.entities.document import DesignerDocument

        self.workspace = workspace
        workspace.on_damaged.append(self.became_damaged.emit)
        self.user = user
        #: bumped when another workspace opens: results of older operations are dropped
        self.generation = 0
        #: the draft every pane edits (in memory, one undo stack); loaded off the UI thread
        self.document = DesignerDocument(self, self)
        #: the studio's own reference server, when no server is configured (see main_window)
        self.local_server: LocalServer | None = None
        #: the server the person configured (``STUDIO_SERVER_URL`` or the workspace's)
        self.server_url: str | None = None
        #: the draft's findings, one way for every pane (the designer, Changes, submit)
        self.checks = DraftChecks(self, self)
        self.server_changed.connect(self.checks.server_changed)

    @property
    def read_only(self) -> bool:
        """The workspace failed its integrity check and is open read-only (issue 20): nothing
        is edited, submitted or written (``widgets.read_only``)."""
        return self.workspace.damaged is not None

    def notify(self, changes: OpChanges, initiator: object = None) -> None:
        """Tell every pane what changed (the one place a change is announced).

        A change of the draft that the document did not make (a signing key registered into the
        approvers section, an import) makes the document read the draft again.
        """
        if changes.draft and not changes.workspace and initiator is not self.document:
            self.document.reload()
        elif changes.releases and not changes.workspace:
            self.document.refresh_live()  # the rules judge the draft against what is live now
        self.changed.emit(changes, initiator)

    def bundle(self) -> Bundle:
        """The draft as the document holds it, in memory (empty until the document's first load
        has finished; panes hear of it as a draft change)."""
        self.document.ensure_loaded()
        return self.document.bundle

    def user_assignment(self) -> UserAssignment | None:
        return next((u for u in self.bundle().users if u.user == self.user), None)

    def set_workspace(self, workspace: Workspace, user: str) -> None:
        old = self.workspace
        self.workspace, self.user = workspace, user
        self.generation += 1
        if old is not workspace:
            old.close()
        self.document.load_async()
        self.notify(OpChanges(workspace=True))

    def set_user(self, user: str) -> None:
        self.user = user
        self.notify(OpChanges(user=True))

    def draft_changed(self) -> None:
        """The draft was written outside the document."""
        self.notify(DRAFT)

    def draft_saved(self, changes: OpChanges = DRAFT) -> None:
        """The document saved its edits: the panes that show the stored draft refresh."""
        self.notify(changes, self.document)

    def document_loaded(self) -> None:
        self.notify(OpChanges(draft=True), self.document)
