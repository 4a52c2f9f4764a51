"""Whatever a person types into the designer, it answers with a message, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from widgets.entities.pane import EntitiesPane

_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "  ", "([a-z", "😀", "\u202eabc", "x" * 10_000, "1e999", "-0", "NaN"]),
)
_COLUMNS = ["key", "label_zh", "label_en", "default", "max_length"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(["name", "mobile", "budget", "source", "created_at", "owner"]),
    column=st.sampled_from(_COLUMNS),
    text=_TEXT,
    prop=st.sampled_from(["default", "regex", "min", "max", "label_en", "key", "backfill"]),
    typed=_TEXT,
    value=st.one_of(st.none(), st.booleans(), st.integers(), _TEXT),
)
def test_typing_anything_never_crashes(
    qtbot: QtBot,
    pane: EntitiesPane,
    field: str,
    column: str,
    text: str,
    prop: str,
    typed: str,
    value: Any,
) -> None:
    pane.select_entity("customer")
    model = pane.fields.model
    row = model.row_of(field)
    if row < 0:  # renamed by an earlier example
        return
    model.setData(model.index(row, model.COLUMNS.index(column)), text)
    pane.fields.select_field(field if model.row_of(field) >= 0 else None)
    editor = pane.fields.editor
    edit = {
        "default": editor.default_edit,
        "regex": editor.regex_edit,
        "min": editor.min_edit,
        "max": editor.max_edit,
        "label_en": editor.label_en_edit,
        "key": editor.key_edit,
        "backfill": editor.backfill_edit,
    }[prop]
    edit.setText(typed)
    edit.editingFinished.emit()
    preview = pane.forms.preview
    preview.set_form(
        pane.doc.bundle.entity("customer"), pane.doc.bundle.entity("customer").forms[0]
    )  # type: ignore[union-attr]
    preview.set_values({field: value})
    preview.save()
    Bundle.model_validate_json(pane.doc.bundle.canonical_json())
    # Let queued saves finish before the fixture's workspace closes.
    qtbot.waitUntil(lambda: not pane.doc.busy(), timeout=20_000)
