"""The Health pane's pyqtgraph charts: fields and searchable fields per entity against the
thresholds, the length distribution of the worst columns, and the trend of one entity."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from studio.i18n import language
from studio.scan.report import EntityHealth, ScanReport

pg.setConfigOptions(antialias=False, background="w", foreground="#333")

FIELDS_COLOUR = "#7aa6d8"
SEARCHABLE_COLOUR = "#e0a040"
LENGTH_COLOUR = "#c0504d"


def _placeholder(plot: pg.PlotWidget, text: str) -> None:
    """Say why a chart is empty, in the middle of it, instead of showing bare axes."""
    plot.getPlotItem().hideAxis("left")
    plot.getPlotItem().hideAxis("bottom")
    item = pg.TextItem(text, color="#666", anchor=(0.5, 0.5))
    plot.addItem(item)
    item.setPos(0.5, 0.5)
    plot.setXRange(0, 1, padding=0)
    plot.setYRange(0, 1, padding=0)


def _axes(plot: pg.PlotWidget) -> None:
    """Undo a placeholder: axes back, ranges following the data again."""
    plot.getPlotItem().showAxis("left")
    plot.getPlotItem().showAxis("bottom")
    plot.enableAutoRange()


def _plot(parent: QWidget, title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent=parent)
    plot.setTitle(title, size="10pt")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=True, y=False)
    plot.showGrid(x=False, y=True, alpha=0.2)
    plot.setMinimumHeight(160)
    return plot


def _line(y: float, colour: str, label: str) -> pg.InfiniteLine:
    return pg.InfiniteLine(
        pos=y,
        angle=0,
        pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
        label=label,
        labelOpts={"position": 0.98, "color": colour, "anchors": [(1, 1), (1, 1)]},
    )


def _ticks(plot: pg.PlotWidget, names: list[str]) -> None:
    step = max(1, len(names) // 25)  # 200 entities: every 8th name, readable
    plot.getAxis("bottom").setTicks([[(i, n) for i, n in enumerate(names) if i % step == 0], []])


class CountsChart:
    """Fields and searchable fields per entity, with the warning, limit and field lines."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self.widget = _plot(parent, title)
        self.widget.addLegend(offset=(10, 5))

    def show(self, entities: list[EntityHealth]) -> None:
        plot = self.widget
        plot.clear()
        xs = list(range(len(entities)))
        plot.addItem(
            pg.BarGraphItem(
                x=[x - 0.2 for x in xs], height=[e.fields for e in entities], width=0.4,
                brush=FIELDS_COLOUR, pen=None, name=QCoreApplication.translate("HealthCharts", "fields"),
            )
        )  # fmt: skip
        plot.addItem(
            pg.BarGraphItem(
                x=[x + 0.2 for x in xs], height=[e.searchable for e in entities], width=0.4,
                brush=SEARCHABLE_COLOUR, pen=None, name=QCoreApplication.translate("HealthCharts", "searchable"),
            )
        )  # fmt: skip
        if entities:
            first = entities[0]
            plot.addItem(_line(first.searchable_warning, "#b8860b", f"{first.searchable_warning}"))
            plot.addItem(_line(first.searchable_limit, "#c00000", f"{first.searchable_limit}"))
            plot.addItem(_line(first.max_fields, "#555555", f"{first.max_fields}"))
        _ticks(plot, [e.name for e in entities])
        plot.setXRange(-0.6, max(1, len(entities)) - 0.4, padding=0)
        if entities:  # room above the highest line for its label
            top = max(max(e.fields for e in entities), entities[0].max_fields)
            plot.setYRange(0, top * 1.15, padding=0)


class LengthChart:
    """Average and 95th-percentile length of the longest columns, against the length line.

    Bars lie horizontally, each column's name on a line of its own beside its bar: names such
    as ``customer.company`` printed under upright bars ran into each other at 1366x768."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self.widget = _plot(parent, title)
        self.widget.showGrid(x=False, y=False)

    def show(self, report: ScanReport | None, line: int, top: int = 8) -> None:
        plot = self.widget
        plot.clear()
        columns = [
            (f"{t.name}.{c.name}", c.avg_length or 0.0, c.p95_length or c.avg_length or 0.0)
            for t in (report.scan.tables if report is not None else ())
            for c in t.columns
            if c.kind in ("text", "json") and c.avg_length is not None
        ]
        columns.sort(key=lambda c: -c[1])
        columns = columns[:top]
        left = plot.getAxis("left")
        if not columns:
            left.setTicks(None)
            _placeholder(
                plot,
                QCoreApplication.translate(
                    "HealthCharts", "Column lengths appear here after a scan of the CRM database."
                ),
            )
            return
        _axes(plot)
        ys = list(range(len(columns)))[::-1]  # the longest on top
        plot.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, width=[c[2] for c in columns], height=0.7, brush="#f2c6c5", pen=None
            )
        )
        plot.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, width=[c[1] for c in columns], height=0.45, brush=LENGTH_COLOUR,
                pen=None,
            )
        )  # fmt: skip
        plot.addItem(
            pg.InfiniteLine(
                pos=line,
                angle=90,
                pen=pg.mkPen("#c00000", width=1, style=Qt.PenStyle.DashLine),
                label=f"{line}",
                labelOpts={
                    "position": 0.06,
                    "color": "#c00000",
                    "anchors": [(-0.1, 0.5), (-0.1, 0.5)],
                },
            )
        )
        names = [c[0] for c in columns]
        left.setTicks([list(zip(ys, names, strict=True)), []])
        metrics = QFontMetrics(left.style.get("tickFont") or plot.font())
        left.setWidth(max(metrics.horizontalAdvance(n) for n in names) + 16)
        plot.setYRange(-0.6, len(columns) - 0.4, padding=0)
        plot.setXRange(0, max(line, *(c[2] for c in columns)) * 1.08, padding=0)


#: pyqtgraph's date formats (strftime) as QLocale formats, per UI language: QLocale says the
#: month and the day of the week in the language ("12月", "周三"), strftime in the C locale's.
_DATE_FORMATS = {
    "zh_CN": {"%Y": "yyyy年", "%b": "M月", "%d": "d日", "%a %d": "d日 ddd"},
    "en": {"%Y": "yyyy", "%b": "MMM", "%d": "d", "%a %d": "ddd d"},
}


class LocaleDateAxis(pg.DateAxisItem):
    """A date axis whose labels are in the UI's language (times stay as pyqtgraph writes them)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        formats = _DATE_FORMATS.get(language(), _DATE_FORMATS["en"])
        if spec is None or spec.format not in formats:
            return list(super().tickStrings(values, scale, spacing))
        chinese = language() == "zh_CN"
        locale = QLocale(QLocale.Language.Chinese if chinese else QLocale.Language.English)
        out = []
        for english, value in zip(super().tickStrings(values, scale, spacing), values, strict=True):
            if not english:  # a date the platform cannot write
                out.append("")
                continue
            # Local time, as pyqtgraph's labels (this axis is given no offset from UTC).
            day: QDate = QDateTime.fromSecsSinceEpoch(int(value)).date()
            out.append(locale.toString(QDateTime(day, QTime(0, 0)), formats[spec.format]))
        return out


class TrendChart:
    """One entity over the kept scans: fields, searchable fields, and its worst column length."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self.widget = _plot(parent, title)
        self.widget.addLegend(offset=(10, 5))
        self.widget.setAxisItems({"bottom": LocaleDateAxis()})

    def show(self, points: list[tuple[datetime, list[dict[str, Any]]]], entity: str | None) -> None:
        plot = self.widget
        plot.clear()
        xs, fields, searchable, longest = [], [], [], []
        for at, entities in points if entity is not None else ():
            e = next((x for x in entities if x.get("name") == entity), None)
            if e is None:
                continue
            xs.append(at.timestamp())
            fields.append(e.get("fields") or 0)
            searchable.append(e.get("searchable") or 0)
            longest.append(e.get("worst_avg_length") or 0)
        if not xs:
            _placeholder(
                plot,
                QCoreApplication.translate(
                    "HealthCharts", "The trend appears here once scans are kept."
                ),
            )
            return
        _axes(plot)
        symbol = {"symbol": "o", "symbolSize": 6}
        plot.plot(
            xs,
            fields,
            pen=pg.mkPen(FIELDS_COLOUR, width=2),
            name=QCoreApplication.translate("HealthCharts", "fields"),
            symbolBrush=FIELDS_COLOUR,
            **symbol,
        )
        plot.plot(
            xs,
            searchable,
            pen=pg.mkPen(SEARCHABLE_COLOUR, width=2),
            name=QCoreApplication.translate("HealthCharts", "searchable"),
            symbolBrush=SEARCHABLE_COLOUR,
            **symbol,
        )
        plot.plot(
            xs,
            longest,
            pen=pg.mkPen(LENGTH_COLOUR, width=2),
            name=QCoreApplication.translate("HealthCharts", "longest column (characters)"),
            symbolBrush=LENGTH_COLOUR,
            **symbol,
        )
        # One scan, or scans minutes apart, would leave an axis of seconds ("00.100"): show at
        # least a day around them.
        middle, span = (min(xs) + max(xs)) / 2, max(max(xs) - min(xs), 86_400.0)
        plot.setXRange(middle - span * 0.55, middle + span * 0.55, padding=0)
