"""One draft document per studio: every pane edits the same draft, with one undo stack."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio.draft import operations as ops
from studio.draft.permission_cells import SetFieldPermission
from studio.workspace.connection import Workspace
from tests.unit.widgets.helpers import saved, stored
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane


def test_two_panes_share_one_document_and_one_undo_stack(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ctx = StudioContext(workspace, "lin")
    first, second = EntitiesPane(ctx), EntitiesPane(ctx)
    for p in (first, second):
        qtbot.addWidget(p)
    qtbot.waitUntil(lambda: bool(ctx.document.bundle.entities), timeout=10_000)
    assert first.doc is second.doc is ctx.document
    assert first.doc.undo_stack is second.doc.undo_stack
    assert not hasattr(ctx, "_bundle")  # no second copy of the draft

    with saved(qtbot, first):
        first.doc.apply_op(ops.update_field("customer", "notes", {"label_en": "Remarks"}))
    notes = ctx.bundle().entity("customer").field("notes")  # type: ignore[union-attr]
    assert notes is not None and notes.label.en == "Remarks"
    assert stored(workspace).entity("customer").field("notes").label.en == "Remarks"  # type: ignore[union-attr]

    with saved(qtbot, second):
        second.undo_action.trigger()
    assert ctx.bundle().entity("customer").field("notes").label.en == "Notes"  # type: ignore[union-attr]
    assert stored(workspace) == ctx.bundle()


def test_a_cell_edit_is_saved_as_that_row(
    qtbot: QtBot, pane: EntitiesPane, workspace: Workspace
) -> None:
    doc = pane.doc
    with saved(qtbot, pane):
        assert (
            doc.apply_op(SetFieldPermission("sales", "contract", "contract_amount", "read")) is None
        )
    assert stored(workspace) == doc.bundle
    assert not doc.core.dirty()
