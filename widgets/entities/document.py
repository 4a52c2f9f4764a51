"""The studio's one draft document, for Qt: an undo stack and background saves over the core's.

``studio.draft.document.DraftDocument`` holds the draft in memory, applies operations and keeps the
history; this adapter, owned once by the studio context (``StudioContext.document``), gives it a
``QUndoStack`` (whose commands step the core's history) and saves off the UI thread. Every pane
edits through it, so there is one draft in memory and one undo stack.

Saves run one at a time (each needs the revision the previous one produced) and are coalesced:
quick edits in a row cost one save, which writes only the rows that differ from the last save.
Nothing here reads the database on the UI thread: the draft is loaded by a background operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.bundle.model import Bundle
from studio.draft.document import DraftDocument, Pending, write_pending
from studio.draft.operations import Edit, Operation
from studio.draft.save import DraftConflictError, DraftState, Saved, load_state
from studio.errors import StudioError, WorkspaceError
from studio.i18n.draft import edit_name
from studio.scan.freeze import freeze_refusal, with_freeze
from widgets.ops import Op

if TYPE_CHECKING:
    from widgets.context import StudioContext


class EditCommand(QUndoCommand):
    """One edit on the undo stack: it steps the core document's history back and forth."""

    def __init__(self, doc: DesignerDocument, text: str) -> None:
        # the undo menu says the edit in the person's language; the audit log keeps its name
        super().__init__(edit_name(text))
        self.doc = doc
        self.name = text
        self._made = True  # pushed after the edit was made: the first redo() has nothing to do

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self.doc._step(self.doc.core.redo, self.name)

    def undo(self) -> None:
        self.doc._step(self.doc.core.undo, self.name)


class DesignerDocument(QObject):
    """The draft every pane edits, with one undo stack."""

    # the bundle changed in memory (an edit, an undo, a reload)
    changed = Signal()
    # an edit was refused: (property it is about, message)
    refused = Signal(str, str)
    # "loading", "loaded", "saving", "saved", "conflict" or "error", with a message for the status line
    save_state = Signal(str, str)
    # after a conflict, the draft was reloaded with the person's edits made again on it:
    # (the texts of the edits made again, [(an edit's text, why it was not)])
    rebased = Signal(list, list)

    def __init__(self, ctx: StudioContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = QUndoStack(self)
        self.core = DraftDocument(DraftState(Bundle(), 0, None))
        self.loaded = False
        #: red entities of the last kept scan (the freeze): entity -> why
        self.frozen: dict[str, list[str]] = {}
        #: what the rules learn of the last kept scan (``studio.scan.freeze.with_freeze``)
        self.scan_extra: dict[str, object] = {}
        self.conflicted = False
        self._op: Op | None = None
        self._loading: Op | None = None
        self._text = ""
        self._reload_when_saved = False

    # -- what panes read -------------------------------------------------------------------------
    def can_keep_edits(self) -> bool:
        """Whether a reload after a conflict can make this person's unsaved edits again."""
        return self.core.unsaved_steps() is not None

    @property
    def bundle(self) -> Bundle:
        return self.core.bundle

    @property
    def revision(self) -> int:
        return self.core.revision

    @property
    def live(self) -> Bundle | None:
        return self.core.live

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the draft afresh, on this thread (tests; the studio uses ``load_async``)."""
        self.set_state(load_state(self.ctx.workspace))

    def ensure_loaded(self) -> None:
        """Load the draft unless it is loaded or loading."""
        if not self.loaded and self._loading is None:
            self.load_async()

    def load_async(self) -> Op:
        """Read the draft off the UI thread, forgetting the undo history (it was about the old
        draft). A load finishing after a newer one started is dropped."""
        ws = self.ctx.workspace
        op = Op(lambda: load_state(ws), self)
        self._loading = op
        op.succeeded.connect(lambda state: self._loaded(op, state))
        op.failed.connect(lambda message: self._load_failed(op, message))
        op.finished.connect(op.deleteLater)
        self.save_state.emit("loading", self.tr("Loading the draft…"))
        return op.start()

    def reload(self) -> None:
        """The draft was written outside this document (keys, an import): read it again, once
        this document's own edits are saved."""
        if self.busy() and not self.conflicted:
            self._reload_when_saved = True
        else:
            self.load_async()

    def reload_keeping_edits(self) -> Op:
        """After a conflict: read the draft as the other person saved it and make this person's
        unsaved edits again on it (``studio.draft.rebase``), each one undoable and then saved;
        ``rebased`` says which were and which were not. A plain reload when the history cannot
        say which edits are unsaved."""
        from studio.draft.rebase import rebase

        ws, mine = self.ctx.workspace, self.core

        def work() -> tuple[DraftState, object]:
            # ``mine`` is not edited meanwhile: after a conflict every edit is refused
            state = load_state(ws)
            with ws.session() as s:
                extra = with_freeze(s, None, state.live, state.bundle).extra
            frozen: dict[str, list[str]] = extra.get("frozen") or {}  # type: ignore[assignment]
            # an edit made again is checked as any edit is: a red entity stays frozen
            refuse = (lambda b, a: freeze_refusal(frozen, b, a)) if frozen else None
            return state, rebase(mine, state, refuse)

        op = Op(work, self)
        self._loading = op
        op.succeeded.connect(lambda result: self._rebased(op, mine, *result))
        op.failed.connect(lambda message: self._load_failed(op, message))
        op.finished.connect(op.deleteLater)
        self.save_state.emit("loading", self.tr("Loading the draft…"))
        return op.start()

    def _rebased(self, op: Op, mine: DraftDocument, state: DraftState, done: object) -> None:
        from studio.draft.rebase import Rebased

        if op is not self._loading:
            return
        self._loading = None
        if not isinstance(done, Rebased) or mine is not self.core:
            self.set_state(state)
            # said, not left to look like a kept reload
            self.save_state.emit(
                "error",
                self.tr(
                    "The draft was reloaded as the other person saved it, but your edits could "
                    "not be made again on it (an undo went past your last save): make them "
                    "again by hand."
                ),
            )
            return
        self._set_core(done.document)
        for text in done.kept:
            self.undo_stack.push(EditCommand(self, text))
        self.rebased.emit(done.kept, done.dropped)
        if done.kept:
            self._edited(done.kept[-1])

    def _loaded(self, op: Op, state: DraftState) -> None:
        if op is self._loading:
            self._loading = None
            self.set_state(state)

    def _load_failed(self, op: Op, message: str) -> None:
        if op is self._loading:
            self._loading = None
        self.save_state.emit("error", message)

    def set_state(self, state: DraftState) -> None:
        self._set_core(DraftDocument(state))

    def _set_core(self, core: DraftDocument) -> None:
        self.core = core
        self.frozen = self._frozen()
        self.loaded = True
        self.conflicted = False
        self.undo_stack.clear()
        self.save_state.emit("loaded", "")
        self.changed.emit()
        self.ctx.document_loaded()

    # -- editing ---------------------------------------------------------------------------------
    def apply(self, text: str, edit: Callable[[Bundle], Bundle]) -> StudioError | None:
        """Run ``edit`` (a ``Bundle -> Bundle`` function of ``studio.draft.edits``) as one undoable
        edit. Returns the refusal (also emitted as ``refused``), or ``None`` when it was made."""
        return self.apply_op(Edit(text, edit))

    def apply_op(self, op: Operation) -> StudioError | None:
        """Apply a core operation as one undoable edit (see ``apply``)."""
        before = self.core.bundle
        try:
            damaged = self.ctx.workspace.damaged
            if damaged is not None:  # open read-only: the edit is refused before it is made
                raise WorkspaceError(damaged)
            if self.conflicted:
                # Someone else saved first: this edit could only ever live on screen.
                raise DraftConflictError(
                    "Someone else changed the draft after you opened it, so your edits since "
                    "then are not saved. Reload the draft from the red bar: your edits can be "
                    "made again on it."
                )
            self.core.apply(op)
            after = self.core.bundle
            refusal = (
                freeze_refusal(self.frozen, before, after)
                if self.frozen and after is not before
                else None
            )
            if refusal is not None:
                self.core.undo()  # the freeze takes the edit back before anyone saw it
                raise refusal
        except StudioError as exc:
            self.refused.emit(str(getattr(exc, "prop", "")), str(exc))
            return exc
        if self.core.bundle is not before:
            self.undo_stack.push(EditCommand(self, op.text()))
            self._edited(op.text())
        return None

    def _frozen(self) -> dict[str, list[str]]:
        """Red entities of the last kept scan (the freeze); one query when none was kept."""
        with self.ctx.workspace.session() as s:
            self.scan_extra = with_freeze(s, None, self.core.live, self.core.bundle).extra
        frozen: dict[str, list[str]] = self.scan_extra.get("frozen") or {}  # type: ignore[assignment]
        return frozen

    def refresh_live(self) -> None:
        """A release went live: read the live bundle again (off the UI thread), keeping the
        draft in memory and its undo history."""
        if not self.loaded:
            return
        ws = self.ctx.workspace
        op = Op(lambda: load_state(ws).live, self)
        op.succeeded.connect(self._live_read)
        op.finished.connect(op.deleteLater)
        op.start()

    def _live_read(self, live: Bundle | None) -> None:
        self.core.live = live
        self.frozen = self._frozen()
        self.changed.emit()
        self.ctx.document_loaded()

    def _step(self, move: Callable[[], object], text: str) -> None:
        move()
        self._edited(text)

    def _edited(self, text: str) -> None:
        self._text = text
        self.changed.emit()
        self._save_next()

    # -- saving ----------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._op is not None or self.core.dirty()

    def saving(self) -> bool:
        """Whether a save is on its way (``busy`` without it: a conflict or a failed save)."""
        return self._op is not None

    def _save_next(self) -> None:
        if self._op is not None or self.conflicted or not self.core.dirty():
            return
        core = self.core
        pending = core.pending(self._text)
        ws, user = self.ctx.workspace, self.ctx.user

        def save() -> tuple[DraftDocument, str, object, Pending]:
            try:
                return core, "saved", write_pending(ws, user, pending), pending
            except DraftConflictError as exc:
                # who saved and when, in words; what to do is the red bar's buttons
                detail = exc.params.get("detail")
                return core, "conflict", None if detail is None else str(detail), pending

        # On the one writer thread: workspace writes run one at a time, in the order started.
        op = Op(save, self, writes=True)
        self._op = op
        self.save_state.emit("saving", self.tr("Saving…"))
        op.succeeded.connect(self._saved)
        op.failed.connect(self._save_failed)
        op.finished.connect(op.deleteLater)
        op.start()

    def _saved(self, result: tuple[DraftDocument, str, object, Pending]) -> None:
        self._op = None
        core, what, value, pending = result
        if core is not self.core:
            # The draft was loaded again (another workspace, a reload) while this save ran:
            # it was about the document before, not this one.
            self._save_next()
            return
        if what == "conflict":
            self.conflicted = True
            # Nothing more is saved until the draft is reloaded (which forgets the history
            # anyway): an undo or redo now would change only what is on screen.
            self.undo_stack.clear()
            said = (
                self.tr(
                    "Someone else changed the draft after you opened it. Your edits since then "
                    "are not saved, and theirs were not overwritten."
                )
                if value is None
                else self.tr(
                    "Someone else changed the draft after you opened it (%1). Your edits since "
                    "then are not saved, and theirs were not overwritten."
                ).replace("%1", str(value))
            )
            self.save_state.emit("conflict", said)
            return
        assert isinstance(value, Saved)
        self.core.saved_as(pending, value.revision)
        if not self.core.dirty():
            self.save_state.emit("saved", self.tr("All edits saved to the draft."))
            self.ctx.draft_saved()
            if self._reload_when_saved:
                self._reload_when_saved = False
                self.load_async()
                return
        self._save_next()

    def _save_failed(self, message: str) -> None:
        self._op = None
        self.save_state.emit(
            "error", self.tr("Could not save the draft: %1").replace("%1", message)
        )
