"""Issue 19: a pane that is not built yet says so and is marked in the navigation; before the
workspace is open, the pane area says it is opening instead of staying blank."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

import widgets.main_window as main_window
from widgets.main_window import MainWindow
from widgets.pane import NAVIGATOR, Pane, PaneEntry, coming_soon


class _ComingPane(Pane):
    pane_id = "forecast"

    def __init__(self, ctx: object, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)  # type: ignore[arg-type]
        coming_soon(self, "Forecasts arrive with issue 99.")


def test_a_pane_still_to_come_is_marked_and_says_what_is_coming(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = PaneEntry(
        "forecast",
        lambda: "Forecast",
        lambda: _ComingPane,
        coming=lambda: "Sales forecasts: coming with issue 99.",
    )
    monkeypatch.setattr(main_window, "NAVIGATOR", (*NAVIGATOR, entry))
    window = MainWindow(None)
    qtbot.addWidget(window)
    item = window.navigator.item(len(NAVIGATOR))
    assert item.text() == "Forecast (coming)"
    assert item.font().italic() and item.toolTip() == "Sales forecasts: coming with issue 99."
    # the panes that are built are not marked
    first = window.navigator.item(0)
    assert "(coming)" not in first.text() and not first.font().italic() and not first.toolTip()


def test_before_the_workspace_opens_the_pane_area_says_so(qtbot: QtBot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    shown = window.stack.currentWidget()
    texts = [w.text() for w in shown.findChildren(QLabel) if w.isVisibleTo(window)]
    assert texts == ["Opening the workspace…"]
