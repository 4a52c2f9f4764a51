"""Dragging fields onto a form, undo and redo, and the live preview's validation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from studio.bundle.values import MSG_REQUIRED
from studio.draft import edits as de
from tests.unit.widgets.helpers import saved, stored
from widgets.entities.pane import EntitiesPane


def _placed(bundle: Bundle, form: str = "create") -> dict[str, list[str]]:
    entity = bundle.entity("customer")
    assert entity is not None
    fo = next(f for f in entity.forms if f.key == form)
    return {s.key: [p.field for p in s.placements] for s in fo.sections}


def _palette_index(pane: EntitiesPane, field: str) -> QModelIndex:
    model = pane.forms.palette_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Qt.ItemDataRole.UserRole) == field:
            return index
    raise AssertionError(field)


def _forms_tab(pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    pane.tabs.setCurrentWidget(pane.forms)
    assert pane.forms.form_key is not None


def test_drag_a_field_onto_a_section_then_undo_and_redo(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    _forms_tab(pane)
    form = pane.forms.form_key
    before = _placed(pane.doc.bundle, form)  # type: ignore[arg-type]
    assert "created_at" not in [k for ks in before.values() for k in ks]
    canvas = pane.forms.canvas_model
    last_section = canvas.index(canvas.rowCount() - 1, 0)
    section_key = canvas.section_key(last_section)
    mime = pane.forms.palette_model.mimeData([_palette_index(pane, "created_at")])
    assert canvas.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, last_section)

    with saved(qtbot, pane):
        assert canvas.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, last_section)
    after = _placed(pane.doc.bundle, form)  # type: ignore[arg-type]
    assert after[section_key][0] == "created_at"  # type: ignore[index]
    # On the canvas, in the palette (greyed as placed) and in the workspace itself.
    assert canvas.index(0, 0, last_section).data().endswith("(created_at)")
    assert "created_at" in pane.forms.palette_model.placed
    assert _placed(stored(sample_workspace_path), form) == after  # type: ignore[arg-type]

    with saved(qtbot, pane):
        pane.undo_action.trigger()
    assert _placed(pane.doc.bundle, form) == before  # type: ignore[arg-type]
    assert _placed(stored(sample_workspace_path), form) == before  # type: ignore[arg-type]

    with saved(qtbot, pane):
        pane.redo_action.trigger()
    assert _placed(stored(sample_workspace_path), form) == after  # type: ignore[arg-type]
    assert pane.doc.undo_stack.undoText().startswith("Place created_at")


def test_drag_within_the_canvas_reorders_and_remove_takes_off(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    _forms_tab(pane)
    form = pane.forms.form_key
    canvas = pane.forms.canvas_model
    first = canvas.index(0, 0)
    keys = _placed(pane.doc.bundle, form)[canvas.section_key(first)]  # type: ignore[arg-type,index]
    mime = canvas.mimeData([canvas.index(0, 0, first)])
    # Drop the first field below the third: it lands between the (old) third and fourth.
    with saved(qtbot, pane):
        canvas.dropMimeData(mime, Qt.DropAction.CopyAction, 3, 0, first)
    moved = _placed(pane.doc.bundle, form)[canvas.section_key(first)]  # type: ignore[arg-type,index]
    assert moved[:3] == [keys[1], keys[2], keys[0]]

    pane.forms.canvas.setCurrentIndex(canvas.index_of_field(keys[0]))
    with saved(qtbot, pane):
        pane.forms.toggle_read_only()
    entity = pane.doc.bundle.entity("customer")
    fo = next(f for f in entity.forms if f.key == form)  # type: ignore[union-attr]
    assert next(p for p in fo.placements() if p.field == keys[0]).read_only
    with saved(qtbot, pane):
        pane.forms.remove_current()
    assert keys[0] not in [k for ks in _placed(pane.doc.bundle, form).values() for k in ks]  # type: ignore[arg-type]


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo(qtbot: QtBot, pane: EntitiesPane) -> None:
    _forms_tab(pane)
    pane.forms.canvas.setCurrentIndex(
        pane.forms.canvas_model.index(0, 0, pane.forms.canvas_model.index(0, 0))
    )
    field = pane.forms.canvas_model.field_key(pane.forms.canvas.currentIndex())
    with saved(qtbot, pane):
        pane.forms.remove_current()
    assert field not in pane.forms.palette_model.placed
    pane.activateWindow()
    pane.forms.canvas.setFocus()
    with saved(qtbot, pane):
        qtbot.keyClick(pane.forms.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field in pane.forms.palette_model.placed
    with saved(qtbot, pane):
        qtbot.keyClick(
            pane.forms.canvas,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert field not in pane.forms.palette_model.placed
    with saved(qtbot, pane):
        qtbot.keyClick(pane.forms.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with saved(qtbot, pane):
        qtbot.keyClick(pane.forms.canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert field not in pane.forms.palette_model.placed


def test_preview_reports_required_for_empty_blank_and_missing_values(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    _forms_tab(pane)
    form = pane.forms.form_key
    # Required fields of several types, all on the form (name is required in the sample).
    assert pane.doc.bundle.entity("customer").field("name").required  # type: ignore[union-attr]
    for field in ("budget", "source", "email"):
        with saved(qtbot, pane):
            pane.doc.apply(
                "required",
                lambda b, f=field: de.update_field(
                    b, "customer", f, {"required": True, "default": None}
                ),
            )
    placed = [k for ks in _placed(pane.doc.bundle, form).values() for k in ks]  # type: ignore[arg-type]
    assert {"budget", "source", "name", "email"} <= set(placed)
    preview = pane.forms.preview
    for value in ("", "  ", None):
        values = {} if value is None else dict.fromkeys(("budget", "name", "email"), value)
        preview.set_values(values)
        problems = preview.save()
        for field in ("budget", "source", "name", "email"):
            assert MSG_REQUIRED in problems[field], (value, field, problems)
            assert preview.errors[field].isVisible()
            assert MSG_REQUIRED in preview.errors[field].text()
        assert "correct the marked fields" in preview.banner.text()
    # Typed values are checked against type and validation too.
    preview.set_values({"name": "华为", "budget": "lots", "email": "x@", "source": "website"})
    problems = preview.save()
    assert "name" not in problems and "source" not in problems
    assert "not a number" in " ".join(problems["budget"])
    assert problems["email"]


def test_preview_names_a_required_field_that_the_form_does_not_show(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    _forms_tab(pane)
    with saved(qtbot, pane):
        pane.doc.apply(
            "customs",
            lambda b: de.add_field(
                b, "customer", "customs_code", "海关编码", "Customs code", "text", required=True
            ),
        )
    preview = pane.forms.preview
    preview.set_values({"name": "华为"})
    problems = preview.save()
    assert "customs_code" in problems
    assert "Saving will always fail" in preview.banner.text()
    assert "Customs code (customs_code)" in preview.banner.text()


def test_new_form_and_section_dialogs(qtbot: QtBot, pane: EntitiesPane) -> None:
    _forms_tab(pane)
    dialog = pane.forms.new_form_dialog()
    assert dialog is not None
    dialog.input("key").setText("quick")  # type: ignore[attr-defined]
    kind = dialog.input("kind")
    kind.setCurrentIndex(kind.findData("mobile"))  # type: ignore[attr-defined]
    dialog.input("label_zh").setText("快速新建")  # type: ignore[attr-defined]
    dialog.input("label_en").setText("Quick add")  # type: ignore[attr-defined]
    with saved(qtbot, pane):
        assert dialog.try_accept()
    assert pane.forms.form_key == "quick"
    assert pane.forms.canvas_model.rowCount() == 1  # one empty section to drop onto
    section = pane.forms.new_section_dialog()
    assert section is not None
    section.input("key").setText("main")  # type: ignore[attr-defined]
    section.input("label_zh").setText("其他")  # type: ignore[attr-defined]
    section.input("label_en").setText("More")  # type: ignore[attr-defined]
    assert not section.try_accept()  # the new form's first section is already "main"
    assert "already has a section main" in section.error_text()
    section.input("key").setText("more")  # type: ignore[attr-defined]
    with saved(qtbot, pane):
        assert section.try_accept()
    assert pane.forms.canvas_model.rowCount() == 2
    # A refused drop (a field of another entity) changes nothing and says nothing wrong.
    from widgets.entities.field_table_model import field_mime

    canvas = pane.forms.canvas_model
    assert not canvas.canDropMimeData(
        field_mime("lead", "name"), Qt.DropAction.CopyAction, 0, 0, canvas.index(0, 0)
    )


def test_the_canvas_buttons_work_only_on_a_selected_field(qtbot: QtBot, pane: EntitiesPane) -> None:
    """Up, Down, Toggle read-only and Remove were enabled with nothing selected (a click did
    nothing at all); Up on a section's first field and Down on its last did nothing either."""
    _forms_tab(pane)
    fd = pane.forms
    buttons = (fd.up_button, fd.down_button, fd.read_only_button, fd.remove_button)
    fd.canvas.setCurrentIndex(QModelIndex())
    assert not any(b.isEnabled() for b in buttons)
    canvas = fd.canvas_model
    section = canvas.index(0, 0)
    fd.canvas.setCurrentIndex(canvas.index(0, 0, section))  # the section's first field
    assert not fd.up_button.isEnabled()
    assert fd.down_button.isEnabled() and fd.read_only_button.isEnabled()
    assert fd.remove_button.isEnabled()
    fd.canvas.setCurrentIndex(canvas.index(canvas.rowCount(section) - 1, 0, section))
    assert fd.up_button.isEnabled() and not fd.down_button.isEnabled()
    fd.canvas.setCurrentIndex(section)  # a section: none of them is about it
    assert not any(b.isEnabled() for b in buttons)
