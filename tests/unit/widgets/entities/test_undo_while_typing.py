"""Undo clicked while typing in the property editor: the typing is the step Undo takes back.

The undo button takes no focus, so the input being typed in is never left: the typing was neither
applied nor kept, and Undo took back the edit before it instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.unit.widgets.helpers import saved, stored
from widgets.entities.pane import EntitiesPane


def _company(pane: EntitiesPane):  # type: ignore[no-untyped-def]
    entity = pane.doc.bundle.entity("customer")
    assert entity is not None
    return entity.field("company")


def test_undo_clicked_while_typing_takes_back_the_typing_only(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("company")
    editor = pane.fields.editor
    # An earlier edit, applied with Enter.
    editor.label_en_edit.setFocus()
    editor.label_en_edit.selectAll()
    with saved(qtbot, pane):
        qtbot.keyClicks(editor.label_en_edit, "Firm name")
        qtbot.keyClick(editor.label_en_edit, Qt.Key.Key_Return)
    assert _company(pane).label.en == "Firm name"

    # Typing, not yet applied, then a click on the Undo button.
    editor.default_edit.setFocus()
    qtbot.keyClicks(editor.default_edit, "ACME")
    qtbot.mouseClick(pane.undo_button, Qt.MouseButton.LeftButton)

    # The earlier edit stays; the typing was the step taken back, and Redo brings it again.
    assert _company(pane).label.en == "Firm name"
    assert editor.label_en_edit.text() == "Firm name"
    assert _company(pane).default is None
    assert editor.default_edit.text() == ""
    with saved(qtbot, pane):
        qtbot.mouseClick(pane.redo_button, Qt.MouseButton.LeftButton)
    assert _company(pane).default == "ACME"
    assert editor.default_edit.text() == "ACME"
    fd = stored(sample_workspace_path).entity("customer").field("company")  # type: ignore[union-attr]
    assert fd is not None and fd.default == "ACME" and fd.label.en == "Firm name"


def test_undo_while_typing_a_refused_value_undoes_nothing(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("company")
    editor = pane.fields.editor
    editor.label_en_edit.setFocus()
    editor.label_en_edit.selectAll()
    with saved(qtbot, pane):
        qtbot.keyClicks(editor.label_en_edit, "Firm name")
        qtbot.keyClick(editor.label_en_edit, Qt.Key.Key_Return)
    steps = pane.doc.undo_stack.index()

    # A key no field may have: refused, said at the input, and nothing is undone.
    editor.key_edit.setFocus()
    editor.key_edit.selectAll()
    qtbot.keyClicks(editor.key_edit, "Bad Key!")
    qtbot.mouseClick(pane.undo_button, Qt.MouseButton.LeftButton)
    assert pane.doc.undo_stack.index() == steps
    assert _company(pane).label.en == "Firm name"
    assert editor.key_edit.text() == "Bad Key!"
    assert editor.is_unsaved("key") and editor.error_text("key")
