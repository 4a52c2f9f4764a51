"""The field matrix's role columns show each role's whole name: "Customer service" was cut to
"ustomer servi" in a fixed 84-pixel column."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.permissions.pane import PermissionsPane


def test_every_role_column_is_wide_enough_for_its_name(qtbot: QtBot, pane: PermissionsPane) -> None:
    qtbot.waitUntil(lambda: pane.field_model.columnCount() > 0, timeout=10_000)
    header = pane.matrix.horizontalHeader()
    metrics = header.fontMetrics()
    names = {}
    for column in range(pane.field_model.columnCount()):
        name = str(pane.field_model.headerData(column, header.orientation()))
        names[name] = pane.matrix.columnWidth(column)
        assert pane.matrix.columnWidth(column) >= metrics.horizontalAdvance(name), name
        assert pane.matrix.columnWidth(column) >= 84  # room for a level's word
    assert any("service" in n.lower() for n in names), names
