"""The stage-flow editor: a transition grid for a select field's stages (row: from, column: to),
the fields required to enter each stage, the days a record may stay in it, and whether a move
back needs a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.automation.fields import FULL_WIDTH_COMMA
from studio.bundle.model import Entity, FieldType
from studio.bundle.rules import StageFlow
from studio.i18n import language


class StageFlowEditor(QWidget):
    """``set_flow(entity, flow)``; ``apply_requested(flow_json or None)`` when Apply is pressed."""

    apply_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity: Entity | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.field = QComboBox(self)
        self.field.setObjectName("stage_field")
        self.field.currentIndexChanged.connect(self._field_changed)
        form.addRow(self.tr("Stage field"), self.field)
        self.backward = QCheckBox(self.tr("A move back needs a reason"), self)
        self.backward.setObjectName("stage_backward_reason")
        form.addRow("", self.backward)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Allowed moves (row: from, column: to)"), self))
        self.grid = QTableWidget(self)
        self.grid.setObjectName("stage_grid")
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.grid, 2)
        layout.addWidget(
            QLabel(self.tr("Per stage: fields required to enter it, days allowed"), self)
        )
        self.gates = QTableWidget(0, 2, self)
        self.gates.setObjectName("stage_gates")
        self.gates.setHorizontalHeaderLabels([self.tr("Required fields (keys)"), self.tr("Days")])
        self.gates.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.gates, 1)
        self.apply_button = QPushButton(self.tr("Apply stage flow"), self)
        self.apply_button.setObjectName("stage_apply")
        self.apply_button.clicked.connect(lambda: self.apply_requested.emit(self.flow()))
        self.remove_button = QPushButton(self.tr("Remove stage flow"), self)
        self.remove_button.clicked.connect(lambda: self.apply_requested.emit(None))
        layout.addWidget(self.apply_button)
        layout.addWidget(self.remove_button)
        self._flow: StageFlow | None = None

    def stages(self) -> list[str]:
        fd = self.entity.field(self.field.currentData()) if self.entity is not None else None
        return [o.key for o in fd.options] if fd is not None else []

    def set_flow(self, entity: Entity | None, flow: StageFlow | None) -> None:
        self.entity, self._flow = entity, flow
        self.field.blockSignals(True)
        self.field.clear()
        for fd in entity.fields if entity is not None else ():
            if fd.type == FieldType.select:
                self.field.addItem(f"{fd.label.text(language())} ({fd.key})", fd.key)
        if flow is not None:
            self.field.setCurrentIndex(max(self.field.findData(flow.field), 0))
        self.field.blockSignals(False)
        self.backward.setChecked(bool(flow and flow.backward_reason))
        self._field_changed()

    def _field_changed(self) -> None:
        stages = self.stages()
        flow = (
            self._flow
            if self._flow is not None and self._flow.field == self.field.currentData()
            else None
        )
        pairs = {tuple(t) for t in flow.transitions} if flow is not None else set()
        self.grid.clear()
        self.grid.setRowCount(len(stages))
        self.grid.setColumnCount(len(stages))
        self.grid.setHorizontalHeaderLabels(stages)
        self.grid.setVerticalHeaderLabels(stages)
        for r, a in enumerate(stages):
            for c, b in enumerate(stages):
                item = QTableWidgetItem()
                if a == b:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                    item.setCheckState(
                        Qt.CheckState.Checked if (a, b) in pairs else Qt.CheckState.Unchecked
                    )
                self.grid.setItem(r, c, item)
        self.gates.setRowCount(len(stages))
        self.gates.setVerticalHeaderLabels(stages)
        for r, s in enumerate(stages):
            needs = ", ".join(flow.enter_requires.get(s, ())) if flow is not None else ""
            days = flow.dwell_days.get(s) if flow is not None else None
            self.gates.setItem(r, 0, QTableWidgetItem(needs))
            self.gates.setItem(r, 1, QTableWidgetItem("" if days is None else str(days)))

    def flow(self) -> dict[str, Any] | None:
        field = self.field.currentData()
        if field is None:
            return None
        stages = self.stages()
        transitions = [
            [a, b]
            for r, a in enumerate(stages)
            for c, b in enumerate(stages)
            if (item := self.grid.item(r, c)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]
        enter: dict[str, list[str]] = {}
        dwell: dict[str, int] = {}
        for r, s in enumerate(stages):
            needs_item, days_item = self.gates.item(r, 0), self.gates.item(r, 1)
            needs = [
                k.strip()
                for k in (needs_item.text() if needs_item else "")
                .replace(FULL_WIDTH_COMMA, ",")
                .split(",")
                if k.strip()
            ]
            if needs:
                enter[s] = needs
            days = (days_item.text() if days_item else "").strip()
            if days.isdigit() and int(days) > 0:
                dwell[s] = int(days)
        return {
            "field": field,
            "transitions": transitions,
            "enter_requires": enter,
            "backward_reason": self.backward.isChecked(),
            "dwell_days": dwell,
        }
