"""The import wizard's column mapping (issue 16): a row for each column of the sheet, with the
field it goes into (the guess, or what the admin chose; change it and press Check again), how
sure the guess is and a few of the column's values. Empty until a check has read the sheet, and
emptied when another sheet or header row is chosen: other columns, guessed anew. A field chosen
by hand is said (``chosen_by_hand``): the pane keeps it and forgets what was checked. A field
takes one column: chosen for another, the column that had it is set to not imported."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from importers.pipeline import Plan
from studio.i18n import language


class MappingTable(QTableWidget):
    """Column, Field (a choice of the entity's fields), Confidence, Sample values."""

    # The admin chose a field for a column by hand: (the column's title, the field or ``None``).
    chosen_by_hand = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("import_mapping")
        self.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Field"), self.tr("Confidence"), self.tr("Sample values")]
        )
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 160)
        self.setColumnWidth(1, 240)
        self.verticalHeader().setVisible(False)

    def show_plan(self, plan: Plan) -> None:
        """The columns the check read, each with the field it was mapped to."""
        self.setRowCount(len(plan.mapping.columns))
        for r, guess in enumerate(plan.mapping.columns):
            self.setItem(r, 0, QTableWidgetItem(guess.header))
            combo = QComboBox(self)
            combo.addItem(self.tr("(not imported)"), None)
            for fd in plan.entity.fields:
                if not fd.deprecated:
                    combo.addItem(f"{fd.label.text(language())} ({fd.key})", fd.key)
            combo.setCurrentIndex(max(combo.findData(guess.field), 0) if guess.field else 0)
            combo.currentIndexChanged.connect(
                lambda _i, r=r, c=combo: self._field_chosen(r, c.currentData())
            )
            self.setCellWidget(r, 1, combo)
            self.setItem(r, 2, QTableWidgetItem(f"{guess.confidence:.0%}"))
            samples = plan.table.frame[guess.header].drop_nulls().head(3).to_list()
            self.setItem(r, 3, QTableWidgetItem(" · ".join(str(s) for s in samples)))

    def _field_chosen(self, row: int, field: str | None) -> None:
        self.setItem(row, 2, QTableWidgetItem(self.tr("chosen")))
        self.chosen_by_hand.emit(self.item(row, 0).text(), field)
        if field is None:
            return
        # a field takes one column: the column that had it gives it up, visibly (the check
        # kept the leftmost of the two, and the correction was lost unsaid)
        for other in range(self.rowCount()):
            combo = self.cellWidget(other, 1)
            if other == row or not isinstance(combo, QComboBox) or combo.currentData() != field:
                continue
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            moved = self.tr("moved to {column}").format(column=self.item(row, 0).text())
            item = QTableWidgetItem(moved)
            item.setToolTip(moved)
            self.setItem(other, 2, item)
            self.chosen_by_hand.emit(self.item(other, 0).text(), None)

    def chosen(self) -> dict[str, str | None] | None:
        """Column -> the field chosen for it (``None``: not imported); ``None`` when no check
        has shown the columns (since the last one, or at all)."""
        if self.rowCount() == 0:
            return None
        chosen: dict[str, str | None] = {}
        for r in range(self.rowCount()):
            header = self.item(r, 0).text()
            combo = self.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            chosen[header] = combo.currentData()
        return chosen
