"""The options of a select field: a small editable table (key, Chinese, English) and Apply.

Edits stay in the table until Apply, so a half-typed list is never pushed as an edit; a refused
list (a bad or repeated key, an empty label) stays on screen with the message under it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Option


class OptionsEditor(QWidget):
    #: the rows as (key, 中文, English), when Apply is pressed
    applied = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Key"), self.tr("Label (中文)"), self.tr("Label (English)")]
        )
        self.table = QTableView(self)
        self.table.setObjectName("prop_options")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFixedHeight(140)
        self.table.setMinimumWidth(120)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setToolTip(self.tr("Apply options"))
        self.apply_button.setObjectName("apply_options")
        self.apply_button.clicked.connect(lambda: self.applied.emit(self.rows()))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_options(self, options: tuple[Option, ...]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for o in options:
            self.add_row(o.key, o.label.zh_CN, o.label.en)

    def add_row(self, key: str = "", zh: str = "", en: str = "") -> None:
        self.model.appendRow([QStandardItem(key), QStandardItem(zh), QStandardItem(en)])
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.table.setCurrentIndex(index)
        if not key and self.table.isVisible():
            self.table.edit(index)

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.removeRow(row)

    def rows(self) -> list[tuple[str, str, str]]:
        out = []
        for r in range(self.model.rowCount()):
            cells = [(self.model.item(r, c).text() if self.model.item(r, c) else "").strip()
                     for c in range(3)]  # fmt: skip
            if any(cells):  # a row left blank is not an option
                out.append((cells[0], cells[1], cells[2]))
        return out
