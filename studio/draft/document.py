"""The draft of an open workspace as one document: the bundle in memory, its revision, one history.

Every editor of the workspace (each designer pane, the CLI, the tests) edits through the same
``DraftDocument``: ``apply`` runs an operation (``studio.draft.operations``) in memory, without
validating the whole bundle again, and records it for ``undo``/``redo``; ``save`` writes only the
rows that differ from the last save (``studio.draft.rows``), under a compare-and-set of the
revision this document read, so a second studio's edit of a shared workspace is refused
(``DraftConflictError``), never overwritten.

The document is not thread-safe: one thread edits it (the GUI's), and ``save`` may run on a
worker with the values ``pending`` handed it (see ``widgets.entities.document``).
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.bundle.access import access_problems, pruned_access
from studio.bundle.model import Bundle
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.draft.save import DraftState, Saved, load_state, save_changes
from studio.draft.trusted import replaced
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class Step:
    """One entry of the history: the operation as made, and what undoes it."""

    text: str
    done: Operation
    undo: Operation
    rows: frozenset[RowRef]


@dataclass(frozen=True)
class Pending:
    """What a save needs, taken on the editing thread: the bundle to write, the bundle the
    tables hold (the last save), and the revision they are at."""

    bundle: Bundle
    base: Bundle
    revision: int
    text: str
    #: how many edits of the history ``bundle`` is the outcome of
    depth: int = 0


@dataclass(frozen=True)
class KeepAccessSound(Operation):
    """``op``, and the access section cleared of what it removed (one step, undone exactly)."""

    op: Operation

    def text(self) -> str:
        return self.op.text()

    def apply(self, bundle: Bundle) -> Applied:
        inner = self.op.apply(bundle)
        after = inner.bundle
        if after.access is not None and access_problems(after):
            after = replaced(after, access=pruned_access(after))
        rows = inner.rows | {("draft", "access")}
        return Applied(after, Restore(bundle, after, self.op.text(), rows), rows)


class DraftDocument:
    """The workspace's draft in memory, with one undo/redo history."""

    def __init__(self, state: DraftState) -> None:
        self.bundle = state.bundle
        self.revision = state.revision
        self.live = state.live
        #: what the tables hold: the bundle as last loaded or saved
        self.saved = state.bundle
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        #: how many edits of the history the saved bundle is the outcome of; ``None`` once an
        #: undo went below it (what is unsaved then takes saved edits back)
        self._saved_depth: int | None = 0
        #: the shortest the history was since the last ``pending`` (a save in flight)
        self._lowest = 0

    @classmethod
    def load(cls, workspace: Workspace) -> DraftDocument:
        return cls(load_state(workspace))

    # -- editing ---------------------------------------------------------------------------
    def apply(self, op: Operation) -> Applied:
        """Run ``op`` on the draft in memory; raises ``EditError`` (nothing changed) if refused.

        An operation that changes nothing leaves the history as it is.
        """
        applied = op.apply(self.bundle)
        if applied.bundle.access is not None and access_problems(applied.bundle):
            # Operations check what they change, not the access section that may name it (a
            # removed field's policy, a removed user in a team): the edit takes those along.
            op = KeepAccessSound(op)
            applied = op.apply(self.bundle)
        if applied.bundle is not self.bundle:
            self._undo.append(Step(op.text(), op, applied.inverse, applied.rows))
            self._redo.clear()
            self.bundle = applied.bundle
        return applied

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Step | None:
        """Undo the last edit exactly (the bundle is the one before it); ``None`` if none."""
        if not self._undo:
            return None
        step = self._undo.pop()
        if self._saved_depth is not None and len(self._undo) < self._saved_depth:
            self._saved_depth = None
        self._lowest = min(self._lowest, len(self._undo))
        applied = step.undo.apply(self.bundle)
        self._redo.append(Step(step.text, step.done, applied.inverse, step.rows))
        self.bundle = applied.bundle
        return step

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        applied = step.done.apply(self.bundle)
        self._undo.append(Step(step.text, step.done, applied.inverse, step.rows))
        self.bundle = applied.bundle
        return step

    def history(self) -> list[str]:
        return [s.text for s in self._undo]

    def unsaved_steps(self) -> list[Step] | None:
        """The edits made since the last save, in order (``studio.draft.rebase`` makes them
        again on a newer draft); ``None`` when an undo went past the last save."""
        if self._saved_depth is None:
            return None
        return list(self._undo[self._saved_depth :])

    # -- saving ----------------------------------------------------------------------------
    def dirty(self) -> bool:
        return self.bundle is not self.saved

    def pending(self, text: str = "edit") -> Pending:
        self._lowest = len(self._undo)
        return Pending(self.bundle, self.saved, self.revision, text, len(self._undo))

    def saved_as(self, pending: Pending, revision: int) -> None:
        """Record that ``pending`` was written and the draft is now at ``revision``."""
        self.saved = pending.bundle
        self.revision = revision
        # an undo while the save ran took back edits the saved bundle holds: the history no
        # longer says how the saved bundle was reached
        self._saved_depth = pending.depth if self._lowest >= pending.depth else None

    def save(self, workspace: Workspace, user: str, text: str = "edit") -> Saved | None:
        """Write what changed since the last save; ``None`` when nothing did.

        Raises ``DraftConflictError`` (nothing written) when someone else saved since.
        """
        if not self.dirty():
            return None
        pending = self.pending(text)
        done = write_pending(workspace, user, pending)
        self.saved_as(pending, done.revision)
        return done


def write_pending(workspace: Workspace, user: str, pending: Pending) -> Saved:
    """Save ``pending`` (on any thread): the rows that differ from its base, nothing else."""
    return save_changes(
        workspace,
        pending.bundle,
        user=user,
        expected_revision=pending.revision,
        action=pending.text,
        base=pending.base,
    )
