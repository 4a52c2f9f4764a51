"""The import check's chart (pyqtgraph): per column, the rows rejected for it and the values
cleaning changed, side by side."""

from __future__ import annotations

from collections import Counter

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from importers.pipeline import Plan
from studio.i18n import language

pg.setConfigOptions(antialias=False, background="w", foreground="#333")

REJECTED_COLOUR = "#c0504d"
CLEANED_COLOUR = "#7aa6d8"


class ProblemsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("import_chart")
        self.plot.setTitle(
            QCoreApplication.translate(
                "ImportPane", "Rejected rows (red) and cleaned values (blue) by column"
            )
        )
        self.plot.setMouseEnabled(x=False, y=False)
        layout.addWidget(self.plot)
        self.bars: dict[str, int] = {}

    def clear(self) -> None:
        self.plot.clear()
        self.bars = {}

    def show_plan(self, plan: Plan) -> None:
        self.clear()
        problems: Counter[str] = Counter()
        for rejection in plan.rejections:
            for key in {k for k, _c, _v in rejection.problems}:
                problems[key] += 1
        cleaned = {k: sum(v.values()) for k, v in plan.cleaning.items()}
        keys = [k for k in plan.mapping.by_field() if problems.get(k) or cleaned.get(k)]
        keys += [k for k in problems if k not in keys]
        self.bars = {k: problems.get(k, 0) for k in keys}
        if not keys:
            return
        xs = list(range(len(keys)))
        self.plot.addItem(
            pg.BarGraphItem(
                x=[x - 0.2 for x in xs],
                height=[problems.get(k, 0) for k in keys],
                width=0.4,
                brush=REJECTED_COLOUR,
            )
        )
        self.plot.addItem(
            pg.BarGraphItem(
                x=[x + 0.2 for x in xs],
                height=[cleaned.get(k, 0) for k in keys],
                width=0.4,
                brush=CLEANED_COLOUR,
            )
        )
        labels = []
        for x, k in zip(xs, keys, strict=True):
            fd = plan.entity.field(k)
            labels.append((x, fd.label.text(language()) if fd is not None else k))
        self.plot.getAxis("bottom").setTicks([labels])
