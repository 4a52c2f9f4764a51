"""The trend chart's dates are said in the UI's language: "12月" and "周三", not "Dec" and "Wed"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.unit.widgets.helpers import in_language
from widgets.health.charts import TrendChart

ENGLISH = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Nov", "Dec")


def _labels(qtbot: QtBot, days: int) -> list[str]:
    """The bottom axis's tick labels of a trend over ``days`` days of scans, as drawn."""
    parent = QWidget()
    qtbot.addWidget(parent)
    chart = TrendChart(parent, "trend")
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    points = [
        (start + timedelta(days=d), [{"name": "customer", "fields": 20 + d, "searchable": 5}])
        for d in range(0, days + 1, max(1, days // 6))
    ]
    chart.show(points, "customer")
    chart.widget.resize(600, 240)
    parent.resize(600, 240)
    parent.show()
    qtbot.waitExposed(parent)
    chart.widget.grab()  # drawn once: the axis measures its labels with the font it draws
    axis = chart.widget.getAxis("bottom")
    low, high = chart.widget.getViewBox().viewRange()[0]
    labels: list[str] = []
    for spacing, values in axis.tickValues(low, high, axis.width()):
        labels += axis.tickStrings(values, 1.0, spacing)
    assert any(labels)
    return labels


@pytest.mark.parametrize("days", [1, 90, 800])
def test_the_trend_dates_are_chinese_in_the_chinese_ui(qtbot: QtBot, days: int) -> None:
    with in_language("zh_CN"):
        labels = _labels(qtbot, days)
    assert not [x for x in labels if any(word in x for word in ENGLISH)], labels
    if days == 1:
        assert any("周" in x for x in labels), labels
    if days == 90:
        assert any("月" in x for x in labels), labels


def test_the_trend_dates_stay_english_in_the_english_ui(qtbot: QtBot) -> None:
    with in_language("en"):
        labels = _labels(qtbot, 1)
    assert any(word in x for x in labels for word in ENGLISH), labels
