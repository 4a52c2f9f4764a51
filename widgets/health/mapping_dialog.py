"""The admin's own mapping of entities to tables and fields to columns, for a CRM whose tables
are not named after the entities (``tbl_cust`` for customer). Built from the last scan's tables;
what it returns is saved with the database and used by every later scan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle, Entity
from studio.i18n import language
from studio.scan.mapping import Mapping, auto_map
from studio.scan.model import DatabaseScan


class MappingDialog(QDialog):
    def __init__(
        self, bundle: Bundle, scan: DatabaseScan, mapping: Mapping, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapping_dialog")
        self.setWindowTitle(self.tr("Map the CRM database"))
        self.resize(900, 560)
        self.bundle = bundle
        self.scan = scan
        self.mapping = Mapping.from_json(mapping.to_json())  # edited here, a copy
        self._lang = language()

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose the table that holds each entity and the column of each field. "
                "Saved with this database; the next scan uses it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.entities = QTableWidget(len(bundle.entities), 2, split)
        self.entities.setObjectName("mapping_entities")
        self.entities.setHorizontalHeaderLabels([self.tr("Entity"), self.tr("Table")])
        self.entities.verticalHeader().setVisible(False)
        self.entities.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.entities.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.entities.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.entities.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.entities.horizontalHeader().setStretchLastSection(True)
        tables = [t.name for t in scan.tables]
        self.table_boxes: dict[str, QComboBox] = {}
        for row, entity in enumerate(bundle.entities):
            item = QTableWidgetItem(f"{entity.label.text(self._lang)} ({entity.key})")
            item.setData(Qt.ItemDataRole.UserRole, entity.key)
            self.entities.setItem(row, 0, item)
            box = self._combo(tables, self.mapping.tables.get(entity.key), self.tr("(by name)"))
            box.currentIndexChanged.connect(lambda _i, key=entity.key: self._table_chosen(key))
            self.entities.setCellWidget(row, 1, box)
            self.table_boxes[entity.key] = box
        self.fields = QTableWidget(0, 2, split)
        self.fields.setObjectName("mapping_fields")
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column")])
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.column_boxes: dict[str, QComboBox] = {}
        split.addWidget(self.entities)
        split.addWidget(self.fields)
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save and scan"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.entities.itemSelectionChanged.connect(self._show_fields)
        if bundle.entities:
            self.entities.selectRow(0)

    # -- building ---------------------------------------------------------------------------------

    def _combo(self, choices: list[str], current: str | None, none_text: str) -> QComboBox:
        box = QComboBox(self)
        box.addItem(none_text, None)
        for name in choices:
            box.addItem(name, name)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        return box

    def selected_entity(self) -> Entity | None:
        rows = self.entities.selectionModel().selectedRows()
        if not rows:
            return None
        key = self.entities.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((e for e in self.bundle.entities if e.key == key), None)

    def _show_fields(self) -> None:
        entity = self.selected_entity()
        self.fields.setRowCount(0)
        self.column_boxes.clear()
        if entity is None:
            return
        table = self.scan.table(self.mapping.tables.get(entity.key) or "")
        columns = [c.name for c in table.columns] if table is not None else []
        own = self.mapping.columns.get(entity.key, {})
        rows = [(f.key, f"{f.label.text(self._lang)} ({f.key})") for f in entity.fields]
        rows.append(("", self.tr("Last updated (for cold data)")))
        self.fields.setRowCount(len(rows))
        for row, (key, text) in enumerate(rows):
            self.fields.setItem(row, 0, QTableWidgetItem(text))
            current = own.get(key) if key else self.mapping.updated_at.get(entity.key)
            box = self._combo(columns, current, self.tr("(not mapped)"))
            box.setEnabled(table is not None)
            box.currentIndexChanged.connect(
                lambda _i, e=entity.key, f=key: self._column_chosen(e, f)
            )
            self.fields.setCellWidget(row, 1, box)
            self.column_boxes[key] = box

    # -- edits ------------------------------------------------------------------------------------

    def _table_chosen(self, entity: str) -> None:
        table = self.table_boxes[entity].currentData()
        if table is None:
            self.mapping.tables.pop(entity, None)
        else:
            self.mapping.tables[entity] = table
        # Columns of another table mean nothing here: start again from the names that match.
        self.mapping.columns.pop(entity, None)
        self.mapping.updated_at.pop(entity, None)
        found = auto_map(self.bundle, self.scan, self.mapping)
        if entity in found.columns:
            self.mapping.columns[entity] = dict(found.columns[entity])
        if entity in found.updated_at:
            self.mapping.updated_at[entity] = found.updated_at[entity]
        chosen = self.selected_entity()
        if chosen is not None and chosen.key == entity:
            self._show_fields()

    def _column_chosen(self, entity: str, field: str) -> None:
        column = self.column_boxes[field].currentData()
        if not field:
            if column is None:
                self.mapping.updated_at.pop(entity, None)
            else:
                self.mapping.updated_at[entity] = column
            return
        own = self.mapping.columns.setdefault(entity, {})
        if column is None:
            own.pop(field, None)
        else:
            own[field] = column
