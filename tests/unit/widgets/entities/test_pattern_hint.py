"""Issue 19: the pattern's hint in the designer, and in the preview instead of the raw regex."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.draft import edits as de
from tests.unit.widgets.helpers import saved, stored
from widgets.entities.pane import EntitiesPane


def _hint(bundle, key: str = "company"):  # type: ignore[no-untyped-def]
    fd = bundle.entity("customer").field(key)
    return fd.validation.hint if fd.validation else None


def test_the_admin_gives_a_pattern_a_hint_in_both_languages(
    qtbot: QtBot, pane: EntitiesPane, sample_workspace_path: Path
) -> None:
    pane.select_entity("customer")
    pane.fields.select_field("company")
    editor = pane.fields.editor
    with saved(qtbot, pane):
        editor.regex_edit.setText("^[0-9A-Z]{18}$")
        editor.regex_edit.editingFinished.emit()
    assert editor.hint_zh_edit.isVisible() and editor.hint_en_edit.isVisible()
    # Half a hint is not saved, and says so at its input instead of looking saved.
    editor.hint_zh_edit.setText("18 位数字或大写字母")
    editor.hint_zh_edit.editingFinished.emit()
    assert editor.is_unsaved("hint_zh") and "Not saved" in editor.error_text("hint_zh")
    assert _hint(pane.doc.bundle) is None
    with saved(qtbot, pane):
        editor.hint_en_edit.setText("18 digits or capital letters")
        editor.hint_en_edit.editingFinished.emit()
    hint = _hint(stored(sample_workspace_path))
    assert hint is not None and (hint.zh_CN, hint.en) == (
        "18 位数字或大写字母",
        "18 digits or capital letters",
    )
    assert not editor.is_unsaved("hint_zh") and editor.error_text("hint_zh") == ""
    # the field table shows the pattern in words first
    row = pane.fields.model.row_of("company")
    col = pane.fields.model.COLUMNS.index("validation")
    assert pane.fields.model.index(row, col).data().startswith("18 digits or capital letters")
    # Not offered for a type without patterns.
    pane.fields.select_field("budget")
    assert not editor.hint_zh_edit.isVisible()


def test_the_preview_says_the_hint_not_the_regex(qtbot: QtBot, pane: EntitiesPane) -> None:
    with saved(qtbot, pane):
        pane.doc.apply(
            "pattern",
            lambda b: de.update_field(
                b,
                "customer",
                "company",
                {
                    "regex": "^[0-9A-Z]{18}$",
                    "hint_zh": "18 位数字或大写字母",
                    "hint_en": "18 digits",
                },
            ),
        )
    pane.select_entity("customer")
    pane.tabs.setCurrentWidget(pane.forms)
    preview = pane.forms.preview
    qtbot.waitUntil(lambda: "company" in preview.inputs, timeout=10_000)
    assert preview.inputs["company"].widget.toolTip() == "18 digits"
    preview.set_values({"name": "华为", "company": "abc"})
    problems = preview.save()
    text = preview.errors["company"].text()
    assert "18 digits" in " ".join(problems["company"]) and "18 digits" in text
    assert "[0-9A-Z]" not in text
