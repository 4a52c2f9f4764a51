"""The designers' shared state: the draft being edited, its undo stack, and background saves.

Every edit is a pure core function (``studio.draft.edits``) run on the current bundle; the result
goes onto a ``QUndoStack`` as a command holding the bundles before and after, and is saved as the
whole draft off the UI thread. Saves are queued one at a time (each needs the revision the
previous one produced) and coalesced: quick edits in a row cost one write of the latest bundle.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.bundle.model import Bundle
from studio.draft.save import DraftConflictError, DraftState, load_state, save_draft
from studio.errors import StudioError
from widgets.context import StudioContext
from widgets.ops import Op


class EditCommand(QUndoCommand):
    """One designer edit: the whole bundle before and after, so undo is exact."""

    def __init__(self, doc: DesignerDocument, text: str, before: Bundle, after: Bundle) -> None:
        super().__init__(text)
        self.doc, self.before, self.after = doc, before, after

    def redo(self) -> None:
        self.doc._set_bundle(self.after, self.text())

    def undo(self) -> None:
        self.doc._set_bundle(self.before, self.text())


class DesignerDocument(QObject):
    """What the entity and form designers edit together."""

    # the bundle was replaced (an edit, an undo, a reload)
    changed = Signal()
    # an edit was refused: (property it is about, message)
    refused = Signal(str, str)
    # "loading", "loaded", "saving", "saved", "conflict" or "error", with a message for the status line
    save_state = Signal(str, str)

    def __init__(self, ctx: StudioContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = QUndoStack(self)
        self.bundle = Bundle()
        self.revision = 0
        self.live: Bundle | None = None
        self.conflicted = False
        self._pending: tuple[Bundle, str] | None = None
        self._op: Op | None = None
        self._loading: Op | None = None
        # True while this document tells the other panes about its own save
        self.announcing = False

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the draft afresh (forgetting undo history, which was about the old draft)."""
        self.set_state(load_state(self.ctx.workspace))

    def load_async(self) -> Op:
        """Read the draft off the UI thread (a 2,000-field draft takes ~250 ms to read)."""
        ws = self.ctx.workspace
        op = Op(lambda: load_state(ws), self)
        self._loading = op
        op.succeeded.connect(lambda state: self._loaded(op, state))
        op.failed.connect(lambda message: self.save_state.emit("error", message))
        op.finished.connect(op.deleteLater)
        self.save_state.emit("loading", self.tr("Loading the draft…"))
        return op.start()

    def _loaded(self, op: Op, state: DraftState) -> None:
        if op is self._loading:  # an older load finishing late must not win
            self._loading = None
            self.set_state(state)

    def set_state(self, state: DraftState) -> None:
        self.bundle, self.revision, self.live = state.bundle, state.revision, state.live
        self.conflicted = False
        self._pending = None
        self.undo_stack.clear()
        self.save_state.emit("loaded", "")
        self.changed.emit()

    # -- editing ---------------------------------------------------------------------------------
    def apply(self, text: str, edit: Callable[[Bundle], Bundle]) -> StudioError | None:
        """Run ``edit`` on the bundle; push it as an undoable command if it changed anything.

        Returns the refusal (also emitted as ``refused``), or ``None`` when the edit was made.
        """
        try:
            after = edit(self.bundle)
        except StudioError as exc:
            self.refused.emit(str(getattr(exc, "prop", "")), str(exc))
            return exc
        if after != self.bundle:
            self.undo_stack.push(EditCommand(self, text, self.bundle, after))
        return None

    def _set_bundle(self, bundle: Bundle, text: str) -> None:
        self.bundle = bundle
        self.changed.emit()
        self._pending = (bundle, text)
        self._save_next()

    # -- saving ----------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._op is not None or self._pending is not None

    def _save_next(self) -> None:
        if self._op is not None or self._pending is None or self.conflicted:
            return
        bundle, text = self._pending
        self._pending = None
        ws, user, revision = self.ctx.workspace, self.ctx.user, self.revision

        def save() -> tuple[str, object, Bundle]:
            try:
                revision_now = save_draft(
                    ws, bundle, user=user, expected_revision=revision, action=text
                )
            except DraftConflictError as exc:
                return "conflict", str(exc), bundle
            return "saved", revision_now, bundle

        op = Op(save, self)
        self._op = op
        self.save_state.emit("saving", self.tr("Saving…"))
        op.succeeded.connect(self._saved)
        op.failed.connect(self._save_failed)
        op.finished.connect(op.deleteLater)
        op.start()

    def _saved(self, result: tuple[str, object, Bundle]) -> None:
        self._op = None
        what, value, bundle = result
        if what == "conflict":
            self.conflicted = True
            self.save_state.emit("conflict", str(value))
            return
        assert isinstance(value, int)
        self.revision = value
        if self._pending is None:
            self.save_state.emit("saved", self.tr("All edits saved to the draft."))
            self.announcing = True
            try:
                self.ctx.draft_saved(bundle)
            finally:
                self.announcing = False
        self._save_next()

    def _save_failed(self, message: str) -> None:
        self._op = None
        self.save_state.emit(
            "error", self.tr("Could not save the draft: %1").replace("%1", message)
        )
