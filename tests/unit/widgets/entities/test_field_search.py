"""Issue 19: finding a field (Ctrl+F) among the entities: by key or by either label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.bundle.sample import sample_bundle
from studio.bundle.search import matching_fields
from widgets.entities.pane import EntitiesPane


def _shown_entities(pane: EntitiesPane) -> list[str]:
    return [k for r, k in enumerate(pane._keys) if not pane.entity_list.isRowHidden(r)]


def _shown_fields(pane: EntitiesPane) -> list[str]:
    model, table = pane.fields.model, pane.fields.table
    return [
        model.field_at(r).key  # type: ignore[union-attr]
        for r in range(model.rowCount())
        if not table.isRowHidden(r)
    ]


def test_matching_fields_looks_at_keys_and_both_labels() -> None:
    bundle = sample_bundle()
    by_zh = matching_fields(bundle, "手机")
    assert by_zh == {"customer": ["mobile"], "contact": ["mobile"], "lead": ["mobile"]}
    assert matching_fields(bundle, "MOBILE") == by_zh  # case does not matter
    # an entity's own name finds the entity with all its fields
    assert len(matching_fields(bundle, "合同")["contract"]) == len(
        bundle.entity("contract").fields  # type: ignore[union-attr]
    )
    assert matching_fields(bundle, "no such thing") == {}


def test_ctrl_f_finds_a_field_across_entities(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("opportunity")
    pane.fields.table.setFocus()
    qtbot.keyClick(pane.fields.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search.hasFocus()
    qtbot.keyClicks(pane.search, "mobile")
    # only the entities holding a match, and the first of them shown with only that field
    assert _shown_entities(pane) == ["customer", "contact", "lead"]
    assert pane.current_entity() == "customer"
    assert _shown_fields(pane) == ["mobile"]
    assert pane.fields.current_field() == "mobile"
    assert pane.fields.editor.field_key() == "mobile"
    assert "3" in pane.search_count.text()
    # Enter: the next entity with a match
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert pane.current_entity() == "contact" and _shown_fields(pane) == ["mobile"]
    # an edit keeps the search applied
    pane.fields.edit_field("mobile", {"searchable": True})
    assert _shown_fields(pane) == ["mobile"]
    # nothing found says so; clearing shows everything again
    pane.search.setText("zzz")
    assert _shown_entities(pane) == [] and pane.search_count.isVisible()
    pane.search.clear()
    assert len(_shown_entities(pane)) == len(pane.doc.bundle.entities)
    assert len(_shown_fields(pane)) == len(pane.doc.bundle.entity("contact").fields)  # type: ignore[union-attr]
    assert not pane.search_count.isVisible()
