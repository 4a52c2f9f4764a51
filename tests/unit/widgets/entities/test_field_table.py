"""Issue 19: the field table keeps its key column in view, and says address parts in the UI's
language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio import i18n
from widgets.entities.pane import EntitiesPane


def test_the_key_column_stays_in_view_when_scrolled_right(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    table = pane.fields.table
    frozen = table.frozen
    pane.fields.resize(700, 500)  # narrower than the columns: the table scrolls sideways
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
    bar = table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    model = pane.fields.model
    # the table's own key column has scrolled out of sight; the frozen one is where it was
    assert table.columnViewportPosition(0) < 0
    assert frozen.isVisible() and frozen.width() == table.columnWidth(0)
    assert [frozen.isColumnHidden(c) for c in range(model.columnCount())] == [False] + [True] * (
        model.columnCount() - 1
    )
    row = model.row_of("company")
    assert frozen.model().index(row, 0).data() == "company"
    # the same selection: a field selected in the table is selected beside its key
    pane.fields.select_field("company")
    assert frozen.selectionModel() is table.selectionModel()
    assert frozen.selectionModel().isRowSelected(row)
    # rows follow the search, and scrolling down moves both
    pane.search.setText("mobile")
    visible = [r for r in range(model.rowCount()) if not frozen.isRowHidden(r)]
    assert visible == [model.row_of("mobile")]
    pane.search.clear()
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value()


def test_address_parts_read_in_the_ui_language(pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    model = pane.fields.model
    column = model.COLUMNS.index("type")
    i18n.set_language("zh_CN")
    try:
        assert model.index(model.row_of("province"), column).data() == "地址 → 省"
        assert model.index(model.row_of("district"), column).data() == "地址 → 区县"
    finally:
        i18n.set_language(None)
    assert model.index(model.row_of("city"), column).data() == "address → city"


def test_the_frozen_key_rows_line_up_with_the_table(qtbot: QtBot, pane: EntitiesPane) -> None:
    pane.select_entity("customer")
    table = pane.fields.table
    pane.fields.select_field("notes")  # selecting a key does not scroll the columns sideways
    assert table.horizontalScrollBar().value() == 0
    qtbot.waitUntil(lambda: table.frozen.rowHeight(0) == table.rowHeight(0))
    rows = range(pane.fields.model.rowCount())
    assert [table.frozen.rowViewportPosition(r) for r in rows] == [
        table.rowViewportPosition(r) for r in rows
    ]
