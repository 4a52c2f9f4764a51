"""The data-health report in the GUI (issue 16): the server's records of an entity through the
import's checks, nothing written. The duplicate rate by mobile against the reports' 8 % line and
the most frequent kinds of dirty data, as pyqtgraph charts, with a table of the kinds and the
owners of their records (the people who can fix them); "Save as Excel…" writes the same report
as a workbook (``importers.health.write_health_workbook``)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importers.health import DUPLICATE_LINE, Health, describe_kind
from studio.bundle.model import Entity
from studio.i18n import name_list
from widgets.sentences import counted, joined

OVER_COLOUR = "#c0504d"
UNDER_COLOUR = "#6aa84f"
KIND_COLOUR = "#7aa6d8"
# The widest the Owners column gets; more owners than fit wrap onto further lines.
OWNERS_WIDTH = 260
# Room beside a column's widest text, so that it never touches the grid line.
SLACK = 12


class HealthView(QWidget):
    """One report at a time: ``show_health`` fills it; ``save_requested`` asks for a workbook."""

    save_requested = Signal()
    # the report shown is out of date and its Refresh was pressed
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity: Entity | None = None
        self.health: Health | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(
            self.tr("Press Data health… to check the server's records of the chosen entity."), self
        )
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        # shown once records were imported or reverted after the report was made
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refresh_health")
        self.refresh_button.setVisible(False)
        self.refresh_button.clicked.connect(self.refresh_requested)
        top.addWidget(self.refresh_button)
        self.save_button = QPushButton(self.tr("Save as Excel…"), self)
        self.save_button.setObjectName("save_health_workbook")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        top.addWidget(self.save_button)
        layout.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.rate_plot = pg.PlotWidget(self)
        self.rate_plot.setObjectName("health_rate_chart")
        self.rate_plot.setTitle(self.tr("Duplicate rate by mobile"))
        self.rate_plot.setMouseEnabled(x=False, y=False)
        self.rate_plot.setMaximumWidth(260)
        self.kinds_plot = pg.PlotWidget(self)
        self.kinds_plot.setObjectName("health_kinds_chart")
        self.kinds_plot.setTitle(self.tr("Most frequent kinds of dirty data (records)"))
        self.kinds_plot.setMouseEnabled(x=False, y=False)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("health_kinds")
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Kind of dirty data"), self.tr("Records"), self.tr("Owners")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 30)
        # the kinds wrap: each row as tall as its text at the column's width of the moment
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for w in (self.rate_plot, self.kinds_plot, self.table):
            split.addWidget(w)
        split.setSizes([240, 360, 600])
        layout.addWidget(split, 1)

    def show_health(self, entity: Entity, health: Health, lang: str) -> None:
        self.entity, self.health = entity, health
        self.save_button.setEnabled(True)
        self.refresh_button.setVisible(False)
        rate = health.duplicate_rate
        self.summary.setText(
            self.tr(
                "{entity}: {records}, {with_mobile} with a mobile; duplicate rate by mobile "
                "{rate} ({side} the 8 % line); {kinds}."
            ).format(
                entity=entity.label.text(lang),
                records=counted(health.records, self.tr("{n} record"), self.tr("{n} records")),
                with_mobile=health.with_mobile,
                rate=f"{rate:.1%}",
                side=self.tr("over") if health.over_line else self.tr("under"),
                kinds=counted(
                    len(health.kinds),
                    self.tr("{n} kind of dirty data"),
                    self.tr("{n} kinds of dirty data"),
                ),
            )
        )
        self._rate_chart(health)
        self._kinds_chart(health)
        nobody = self.tr("(no owner)")
        self.table.setRowCount(len(health.kinds))
        for r, kind in enumerate(health.kinds):
            # records with no owner are "-" in the report's data: said in words here
            owners = name_list(f"{o if o != '-' else nobody} {n}" for o, n in kind.owners)
            cells: list[Any] = [str(r + 1), describe_kind(entity, kind, lang), kind.count, owners]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                item.setToolTip(str(value))
                if c == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        # every cell read whole: the counts and owners as wide as they are (the owners at most
        # OWNERS_WIDTH, then wrapped), the kind wrapped over as many lines as it takes (above)
        for column in (2, 3):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + SLACK)
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), OWNERS_WIDTH))

    def mark_stale(self) -> None:
        """Records were imported or reverted since the report shown was made: it says so, and
        offers Refresh (nothing to say before a first report)."""
        if self.health is None or self.refresh_button.isVisible():
            return
        self.summary.setText(
            joined(
                self.tr("Out of date: records were imported or reverted since this report."),
                self.summary.text(),
            )
        )
        self.refresh_button.setVisible(True)

    def _rate_chart(self, health: Health) -> None:
        plot = self.rate_plot
        plot.clear()
        percent = health.duplicate_rate * 100
        colour = OVER_COLOUR if health.over_line else UNDER_COLOUR
        plot.addItem(pg.BarGraphItem(x=[0], height=[percent], width=0.6, brush=colour))
        line = pg.InfiniteLine(
            pos=DUPLICATE_LINE * 100,
            angle=0,
            pen=pg.mkPen(QColor(OVER_COLOUR), width=2, style=Qt.PenStyle.DashLine),
            label=self.tr("line {line}").format(line=f"{DUPLICATE_LINE:.0%}"),
            labelOpts={"position": 0.8, "color": OVER_COLOUR},
        )
        plot.addItem(line)
        plot.setYRange(0, max(percent, DUPLICATE_LINE * 100) * 1.25)
        plot.setXRange(-1, 1)
        plot.getAxis("bottom").setTicks([[(0, f"{health.duplicate_rate:.1%}")]])
        plot.getAxis("left").setLabel("%")

    def _kinds_chart(self, health: Health) -> None:
        plot = self.kinds_plot
        plot.clear()
        if not health.kinds:
            return
        xs = list(range(1, len(health.kinds) + 1))
        plot.addItem(
            pg.BarGraphItem(
                x=xs, height=[k.count for k in health.kinds], width=0.6, brush=KIND_COLOUR
            )
        )
        plot.getAxis("bottom").setTicks([[(x, str(x)) for x in xs]])
