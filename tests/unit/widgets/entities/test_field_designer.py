"""The entity designer: the property editor, refusals at the field, conflicts, findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from studio.draft import edits as de
from studio.draft.save import load_state, save_draft
from studio.lint.findings import Finding, Fix, Severity
from studio.workspace.connection import Workspace, open_workspace
from tests.unit.widgets.helpers import saved, stored
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane


def _field(bundle: Bundle, key: str):  # type: ignore[no-untyped-def]
    entity = bundle.entity("customer")
    assert entity is not None
    return entity.field(key)


def _release(ws: Workspace, bundle: Bundle) -> None:
    """Record ``bundle`` as live version 1, as the change flow does after a push."""
    from schema.models import ReleaseRow

    with ws.session() as s:
        s.add(
            ReleaseRow(
                version=1,
                change_id="c1",
                author="lin",
                bundle_json=bundle.canonical_json().decode(),
                bundle_sha256=bundle.sha256(),
                document={},
            )
        )


def test_property_editor_sets_a_default_and_a_max_length(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("company")
    editor = pane.fields.editor
    assert editor.field_key() == "company"
    # Only what a text field has: a pattern and a length, no options, no min/max.
    assert editor.regex_edit.isVisible() and editor.max_length_spin.isVisible()
    assert not editor.options_editor.isVisible() and not editor.min_edit.isVisible()

    editor.default_edit.setFocus()
    editor.default_edit.selectAll()
    with saved(qtbot, pane):
        editor.default_edit.setText("未知公司")  # QTest types ASCII only
        qtbot.keyClick(editor.default_edit, Qt.Key.Key_Return)
    editor.max_length_spin.setValue(150)
    with saved(qtbot, pane):
        editor.max_length_spin.editingFinished.emit()
    draft = stored(sample_workspace_path)
    fd = _field(draft, "company")
    assert fd.default == "未知公司" and fd.max_length == 150
    # The other panes were told, and see exactly what the workspace holds.
    assert pane.ctx.bundle() == draft
    # The table shows it too.
    row = pane.fields.model.row_of("company")
    col = pane.fields.model.COLUMNS.index("max_length")
    assert pane.fields.model.index(row, col).data() == "150"


def test_the_editor_offers_what_the_type_allows(pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    editor = pane.fields.editor
    pane.fields.select_field("budget")
    assert editor.min_edit.isVisible() and not editor.regex_edit.isVisible()
    pane.fields.select_field("source")
    assert editor.options_editor.isVisible() and not editor.max_length_spin.isVisible()
    assert editor.default_edit.placeholderText().startswith("one of: website")
    pane.fields.select_field("owner")
    assert editor.reference_combo.isVisible() and editor.reference_combo.currentText() == "user"
    pane.fields.select_field("province")
    assert editor.address_combo.isVisible()


def test_bad_input_is_refused_at_the_field_and_nothing_is_written(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    before = stored(sample_workspace_path)
    editor = pane.fields.editor
    pane.fields.select_field("budget")
    editor.default_edit.setText("lots")
    editor.default_edit.editingFinished.emit()
    assert "not a number" in editor.error_text("default")
    assert editor.default_edit.text() == "lots"  # what was typed stays, to be corrected
    pane.fields.select_field("company")
    editor.regex_edit.setText("([a-z")
    editor.regex_edit.editingFinished.emit()
    assert "not a valid regular expression" in editor.error_text("regex")
    editor.label_en_edit.setText("x" * 10_000)
    editor.label_en_edit.editingFinished.emit()
    assert "10000 characters" in editor.error_text("label_en")
    editor.label_zh_edit.setText("公司😀")
    editor.label_zh_edit.editingFinished.emit()
    assert "emoji" in editor.error_text("label_zh")
    pane.fields.select_field("source")
    editor.default_edit.setText("carrier_pigeon")
    editor.default_edit.editingFinished.emit()
    assert editor.error_text("default")
    assert pane.doc.undo_stack.count() == 0
    assert stored(sample_workspace_path) == before


def test_renaming_a_released_key_is_refused_with_an_explanation(
    qtbot: QtBot, workspace: Workspace, sample_workspace_path: Path
) -> None:
    live = load_state(workspace).bundle
    _release(workspace, live)
    pane = EntitiesPane(StudioContext(workspace, "lin"))
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.doc.live is not None, timeout=10_000)
    pane.select_entity("customer")
    pane.fields.select_field("mobile")
    assert pane.fields.editor.key_edit.isReadOnly()
    assert "cannot change" in pane.fields.editor.heading.text()
    # Through the table cell (the key column is editable for unreleased fields).
    model = pane.fields.model
    assert not model.setData(model.index(model.row_of("mobile"), 0), "phone")
    message = pane.fields.editor.error_text("key")
    assert "live on the CRM server" in message and "cannot be renamed" in message
    assert _field(stored(sample_workspace_path), "mobile") is not None
    # A field added since the release can still be renamed.
    with saved(qtbot, pane):
        pane.doc.apply("add", lambda b: de.add_field(b, "customer", "hs", "海关", "HS", "text"))
    with saved(qtbot, pane):
        assert model.setData(model.index(model.row_of("hs"), 0), "customs_code")
    assert _field(stored(sample_workspace_path), "customs_code") is not None


def test_a_conflicting_save_is_shown_and_loses_nothing(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    with saved(qtbot, pane):
        pane.fields.edit_field("notes", {"label_en": "Remarks"})
    # Someone else, through another workspace object, saves the draft first.
    other = open_workspace(sample_workspace_path)
    try:
        state = load_state(other)
        theirs = de.update_field(state.bundle, "customer", "email", {"label_en": "E-mail"})
        save_draft(other, theirs, user="chen", expected_revision=state.revision)
    finally:
        other.close()
    with qtbot.waitSignal(
        pane.doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "conflict"
    ):
        pane.fields.edit_field("notes", {"label_zh": "说明"})
    # The window's banner says so (tests/unit/widgets/test_draft_conflict.py); the pane's line
    # in short, without squeezing the entity list, and in full as its tooltip.
    assert pane.save_label.text() == "Not saved"
    assert "Someone else changed the draft" in pane.save_label.toolTip()
    assert pane.entity_list.width() > 150
    draft = stored(sample_workspace_path)
    assert _field(draft, "email").label.en == "E-mail"  # theirs: not overwritten
    assert _field(draft, "notes").label.zh_CN == "备注"
    assert _field(pane.doc.bundle, "notes").label.zh_CN == "说明"  # ours: still on screen
    with qtbot.waitSignal(pane.doc.changed, timeout=10_000):
        pane.doc.load_async()  # the banner's Reload the draft
    assert _field(pane.doc.bundle, "email").label.en == "E-mail"


def test_add_field_dialog_keeps_what_was_typed_on_a_bad_key(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    pane.select_entity("customer")
    dialog = pane.fields.add_field_dialog()
    assert dialog is not None
    dialog.input("key").setText("Customs Code")  # type: ignore[attr-defined]
    dialog.input("label_zh").setText("海关编码")  # type: ignore[attr-defined]
    dialog.input("label_en").setText("Customs code")  # type: ignore[attr-defined]
    assert not dialog.try_accept()
    assert "snake_case" in dialog.error_text() and dialog.isVisible()
    dialog.input("key").setText("name")  # type: ignore[attr-defined]
    assert not dialog.try_accept()
    assert "unique" in dialog.error_text()
    dialog.input("key").setText("customs_code")  # type: ignore[attr-defined]
    with saved(qtbot, pane):
        assert dialog.try_accept()
    assert pane.fields.current_field() == "customs_code"


def test_new_entity_dialog(qtbot: QtBot, pane: EntitiesPane) -> None:
    dialog = pane.new_entity_dialog()
    dialog.input("key").setText("supplier")  # type: ignore[attr-defined]
    dialog.input("label_zh").setText("供应商")  # type: ignore[attr-defined]
    dialog.input("label_en").setText("Supplier")  # type: ignore[attr-defined]
    with saved(qtbot, pane):
        assert dialog.try_accept()
    assert pane.current_entity() == "supplier"
    assert "Supplier" in pane.heading.text()


def test_reorder_by_dragging_a_row_and_by_buttons(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    model = pane.fields.model
    keys = [model.field_at(r).key for r in range(model.rowCount())]  # type: ignore[union-attr]
    mime = model.mimeData([model.index(0, 0)])
    with saved(qtbot, pane):
        model.dropMimeData(mime, Qt.DropAction.CopyAction, 3, 0, model.index(-1, -1))
    now = [model.field_at(r).key for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert now[:3] == [keys[1], keys[2], keys[0]]
    pane.fields.select_field(keys[0])
    with saved(qtbot, pane):
        pane.fields.up_button.click()
    assert model.field_at(1).key == keys[0]  # type: ignore[union-attr]


def test_deprecate_and_hide(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("notes")
    with saved(qtbot, pane):
        pane.fields.deprecate_button.click()
    with saved(qtbot, pane):
        pane.fields.hide_button.click()
    fd = _field(pane.doc.bundle, "notes")
    assert fd.deprecated and fd.hidden
    tip = pane.fields.model.index(pane.fields.model.row_of("notes"), 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "Deprecated" in tip


def test_the_outage_shows_inline_and_fix_is_one_undoable_click(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    """A required customs_code with no default, on no form: the studio's own rules say so."""
    pane.select_entity("customer")
    assert pane.findings_panel.model.rowCount() == 0
    with saved(qtbot, pane):
        pane.doc.apply(
            "add",
            lambda b: de.add_field(
                b, "customer", "customs_code", "海关编码", "Customs code", "text", required=True
            ),
        )
    qtbot.waitUntil(lambda: pane.findings_panel.model.rowCount() > 0)
    findings = pane.findings_panel.model.findings
    assert all(f.field == "customs_code" for f in findings)
    model = pane.fields.model
    index = model.index(model.row_of("customs_code"), 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "customs_code" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert f"{len(findings)} error" in pane.findings_panel.summary.text()

    row = next(i for i, f in enumerate(findings) if f.fix and f.fix.action == "show_on_form")
    form = findings[row].fix.params["form"]  # type: ignore[union-attr]
    # The form designer's palette marks the field too, on the form the finding is about.
    pane.tabs.setCurrentWidget(pane.forms)
    pane.forms.form_combo.setCurrentIndex(pane.forms.form_combo.findData(form))
    palette = pane.forms.palette_model
    prow = next(
        r for r in range(palette.rowCount())
        if palette.index(r, 0).data(Qt.ItemDataRole.UserRole) == "customs_code"
    )  # fmt: skip
    assert palette.index(prow, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "does not show it" in palette.index(prow, 0).data(Qt.ItemDataRole.ToolTipRole)
    pane.tabs.setCurrentWidget(pane.fields)
    pane.findings_panel.table.setCurrentIndex(pane.findings_panel.model.index(row, 0))
    assert pane.findings_panel.fix_button.isEnabled()
    with saved(qtbot, pane):
        pane.findings_panel.fix_button.click()
    entity = stored(sample_workspace_path).entity("customer")
    fo = next(f for f in entity.forms if f.key == form)  # type: ignore[union-attr]
    assert "customs_code" in [p.field for p in fo.placements()]
    assert pane.findings_panel.model.rowCount() == len(findings) - 1

    # A default settles the rest (the fix asks for the value; given here directly).
    remaining = pane.findings_panel.model.findings[0]
    set_default = Finding(
        remaining.severity, remaining.code, remaining.message, "customer", "customs_code",
        fix=Fix("set_default", "Set a default", {"entity": "customer", "field": "customs_code"}),
    )  # fmt: skip
    with saved(qtbot, pane):
        assert pane.apply_fix(set_default, "NONE") is None
    assert _field(pane.doc.bundle, "customs_code").default == "NONE"
    assert pane.findings_panel.model.rowCount() == 0
    assert index.data(Qt.ItemDataRole.DecorationRole) is None

    with saved(qtbot, pane):
        pane.undo_action.trigger()
    assert _field(pane.doc.bundle, "customs_code").default is None
    pane.refresh_findings()
    assert pane.findings_panel.model.rowCount() == len(findings) - 1


def test_table_cells_edit_and_refuse_in_the_user_language(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    from studio.i18n import set_language

    pane.select_entity("customer")
    model = pane.fields.model
    row = model.row_of("notes")
    required = model.index(row, model.COLUMNS.index("required"))
    with saved(qtbot, pane):
        assert model.setData(required, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert _field(stored(sample_workspace_path), "notes").required
    pane.fields.select_field("notes")
    set_language("zh_CN")
    try:
        label = model.index(row, model.COLUMNS.index("label_zh"))
        assert not model.setData(label, "备注📝")
    finally:
        set_language("en")
    assert "表情符号" in pane.fields.editor.error_text("label_zh")
    assert _field(pane.doc.bundle, "notes").label.zh_CN == "备注"


def test_a_fix_that_needs_a_value_asks_for_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Released customers exist: a new required field needs a default for them."""
    from PySide6.QtWidgets import QInputDialog

    _release(workspace, load_state(workspace).bundle)
    pane = EntitiesPane(StudioContext(workspace, "lin"))
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.doc.live is not None, timeout=10_000)
    pane.select_entity("customer")
    with saved(qtbot, pane):
        pane.doc.apply(
            "add",
            lambda b: de.add_field(
                b, "customer", "customs_code", "海关编码", "Customs code", "text", required=True
            ),
        )
    qtbot.waitUntil(lambda: pane.findings_panel.model.rowCount() > 0)
    findings = pane.findings_panel.model.findings
    row = next(
        i
        for i, f in enumerate(findings)
        if f.fix and f.fix.action == "set_default" and "value" not in f.fix.params
    )
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[2]))
        return "0000000000", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    pane.findings_panel.table.setCurrentIndex(pane.findings_panel.model.index(row, 0))
    with saved(qtbot, pane):
        pane.findings_panel.fix_button.click()
    assert asked and "customs_code" in asked[0]
    assert _field(pane.doc.bundle, "customs_code").default == "0000000000"
    assert pane.findings_panel.model.rowCount() == 0


def test_a_fix_value_that_does_not_fit_is_refused(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    fix = Fix("set_default", "Set a default", {"entity": "customer", "field": "budget"})
    finding = Finding(Severity.error, "x", "budget needs a default", "customer", "budget", fix=fix)
    message = pane.apply_fix(finding, "lots")
    assert message is not None and "not a number" in message
    assert pane.doc.undo_stack.count() == 0
    with saved(qtbot, pane):
        assert pane.apply_fix(finding, "1,000") is None
    assert _field(pane.doc.bundle, "budget").default == 1000


def test_options_editor_adds_an_option_and_refuses_a_repeated_key(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("source")
    options = pane.fields.editor.options_editor
    before = options.rows()
    assert before[0][0] == "website"
    options.add_button.click()
    row = options.model.rowCount() - 1
    for col, text in enumerate(("trade_fair", "广交会", "Canton Fair")):
        options.model.item(row, col).setText(text)
    with saved(qtbot, pane):
        options.apply_button.click()
    stored_options = _field(stored(sample_workspace_path), "source").options
    assert stored_options[-1].key == "trade_fair"
    assert stored_options[-1].label.zh_CN == "广交会"
    # A repeated key: refused, with the message under the options, and the table kept.
    options.add_row("website", "官网2", "Website 2")
    options.apply_button.click()
    assert "website appears twice" in pane.fields.editor.error_text("options")
    assert options.model.rowCount() == len(before) + 2
    assert len(_field(pane.doc.bundle, "source").options) == len(before) + 1


def test_a_refused_edit_is_shown_at_its_own_input_and_looks_unsaved(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    """Issue 19: a pattern that conflicts with the backfill put its error under Backfill and
    stayed in its box looking saved."""
    pane.select_entity("customer")
    pane.fields.select_field("company")
    editor = pane.fields.editor
    with saved(qtbot, pane):
        editor.backfill_edit.setText("待补充")
        editor.backfill_edit.editingFinished.emit()
    editor.regex_edit.setText("[0-9A-Z]{18}")
    editor.regex_edit.editingFinished.emit()
    message = editor.error_text("regex")
    assert "Not saved" in message and "待补充" in message
    assert editor.error_text("backfill") == ""
    assert editor.is_unsaved("regex") and not editor.is_unsaved("backfill")
    field = _field(pane.doc.bundle, "company")
    assert field.validation is None and field.backfill == "待补充"
    assert _field(stored(sample_workspace_path), "company").validation is None
    # Going to another field and back shows what is saved: the refused pattern is gone.
    pane.fields.select_field("notes")
    pane.fields.select_field("company")
    assert editor.regex_edit.text() == "" and not editor.is_unsaved("regex")
    assert editor.error_text("regex") == ""
    # A refused number goes back to the saved value at once: nothing looks saved that is not.
    saved_length = field.max_length
    editor.max_length_spin.setValue(2)  # the backfill 待补充 has 3 characters
    editor.max_length_spin.editingFinished.emit()
    assert "Not saved" in editor.error_text("max_length")
    assert editor.error_text("backfill") == ""
    assert editor.max_length_spin.value() == saved_length
    assert _field(pane.doc.bundle, "company").max_length == saved_length


def test_a_dialog_refusal_stays_in_the_dialog(qtbot: QtBot, pane: EntitiesPane) -> None:
    """Issue 19: the New field dialog's key error also appeared under the Key of the selected
    field and stayed there after Cancel; and it was clipped to one line."""
    pane.select_entity("customer")
    pane.fields.select_field("company")
    dialog = pane.fields.add_field_dialog()
    assert dialog is not None
    dialog.input("key").setText("Customs Code")  # type: ignore[attr-defined]
    dialog.input("label_zh").setText("海关编码")  # type: ignore[attr-defined]
    dialog.input("label_en").setText("Customs code")  # type: ignore[attr-defined]
    assert not dialog.try_accept()
    assert "snake_case" in dialog.error_text()
    assert pane.fields.editor.error_text("key") == ""
    error = dialog.error_label("key")
    # every line of the message fits: the label is as tall as its wrapped text needs
    assert error.height() >= error.heightForWidth(error.width())
    dialog.reject()
    assert pane.fields.editor.error_text("key") == ""


def test_finding_tooltips_read_as_sentences_and_say_what_a_fix_does(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    """Issue 19: tooltips began with the raw rule id; the Fix column repeated the finding."""
    fix = Fix("set_default", "Set the default of budget to 0", {"entity": "customer"})
    finding = Finding(Severity.error, "required_not_on_form", "Budget is not on the form", "customer", "budget", fix=fix)  # fmt: skip
    model = pane.findings_panel.model
    model.set_findings([finding])
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Budget is not on the form") and not tip.startswith("required_")
    fix_tip = model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Set the default of budget to 0" in fix_tip and "Undo" in fix_tip
    assert "not on the form" not in fix_tip


def test_a_chinese_name_suggests_its_key_until_the_admin_types_one(
    qtbot: QtBot, pane: EntitiesPane
) -> None:
    from PySide6.QtWidgets import QLineEdit

    pane.select_entity("customer")
    dialog = pane.fields.add_field_dialog()
    assert dialog is not None
    key, zh, en = (dialog.input(p) for p in ("key", "label_zh", "label_en"))
    assert isinstance(key, QLineEdit) and isinstance(zh, QLineEdit) and isinstance(en, QLineEdit)
    zh.insert("海关编码")  # as an input method commits it
    assert key.text() == "hai_guan_bian_ma"
    qtbot.keyClicks(en, "Customs code")
    assert key.text() == "customs_code"  # the English label, once there is one
    en.clear()
    zh.setText("来源")
    assert key.text() == "lai_yuan"
    en.setText("Source")
    assert key.text() == "source_2"  # customer already has "source"
    # a key of the admin's own is never overwritten
    key.clear()
    qtbot.keyClicks(key, "customs_no")
    zh.insert("报关号")
    assert key.text() == "customs_no"
    with saved(qtbot, pane):
        assert dialog.try_accept()
    assert pane.fields.current_field() == "customs_no"


def test_fix_all_applies_every_fix_as_one_undoable_edit(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    """Issue 19: three findings with a fix took three Fix clicks, the button greying out after
    each. Fix all applies every fix that needs no value; one Undo takes them all back."""
    pane.select_entity("customer")
    with saved(qtbot, pane):
        pane.doc.apply(
            "add",
            lambda b: de.add_field(
                b, "customer", "customs_code", "海关编码", "Customs code", "text",
                required=True,
            ),
        )  # fmt: skip
    pane.refresh_findings()
    fixable = [f for f in pane.findings if f.fix and f.fix.action == "show_on_form"]
    assert len(fixable) >= 2
    assert pane.findings_panel.fix_all_button.isEnabled()
    steps = pane.doc.undo_stack.count()
    with saved(qtbot, pane):
        pane.findings_panel.fix_all_button.click()
    assert pane.doc.undo_stack.count() == steps + 1
    assert not [f for f in pane.findings if f.fix and f.fix.action == "show_on_form"]
    entity = stored(sample_workspace_path).entity("customer")
    assert entity is not None
    assert all("customs_code" in [p.field for p in form.placements()] for form in entity.forms)
    with saved(qtbot, pane):
        pane.doc.undo_stack.undo()
    pane.refresh_findings()
    assert len([f for f in pane.findings if f.fix and f.fix.action == "show_on_form"]) == len(
        fixable
    )


def test_the_admin_chooses_the_field_table_columns(qtbot: QtBot, pane: EntitiesPane) -> None:
    """Issue 19: the table showed 4 of about 14 columns; the admin chooses which, and the
    choice is kept for the next start. The key column always stays."""
    fields = pane.fields
    assert "key" not in fields.column_actions
    col = fields.model.COLUMNS.index("validation")
    assert not fields.table.isColumnHidden(col)
    fields.column_actions["validation"].setChecked(False)
    assert fields.table.isColumnHidden(col)
    again = EntitiesPane(pane.ctx)
    qtbot.addWidget(again)
    assert again.fields.table.isColumnHidden(col)
    assert not again.fields.table.isColumnHidden(0)
