"""Entities & Forms: the entities of the draft, their fields and forms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.i18n import language
from widgets.context import StudioContext
from widgets.entities.field_table_model import FieldTableModel
from widgets.pane import Pane, register_pane


@register_pane
class EntitiesPane(Pane):
    pane_id = "entities"
    order = 10

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Navigator", "Entities & Forms")

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.entity_list = QListView(self)
        self.entity_list.setObjectName("entity_list")
        self.entity_model = QStringListModel(self)
        self.entity_list.setModel(self.entity_model)
        self.entity_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.entity_list.setStyleSheet("QListView::item { padding: 6px 4px; }")

        self.field_model = FieldTableModel(self)
        self.field_table = QTableView(self)
        self.field_table.setObjectName("field_table")
        self.field_table.setModel(self.field_model)
        self.field_table.setAlternatingRowColors(True)
        self.field_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.field_table.verticalHeader().setVisible(False)
        self.field_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.field_table.horizontalHeader().setStretchLastSection(True)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600; padding: 4px 2px;")
        self.forms_label = QLabel(self)
        self.forms_label.setWordWrap(True)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.heading)
        rl.addWidget(self.field_table, 1)
        rl.addWidget(self.forms_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.entity_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self.entity_list.selectionModel().currentChanged.connect(self._show_current)
        self.reload()

    def reload(self) -> None:
        lang = language()
        bundle = self.ctx.bundle()
        self._keys = [e.key for e in bundle.entities]
        self.entity_model.setStringList(
            [f"{e.label.text(lang)}  ({e.key})" for e in bundle.entities]
        )
        if self._keys:
            self.entity_list.setCurrentIndex(self.entity_model.index(0, 0))
        else:
            self._show_entity(None)

    def _show_current(self) -> None:
        row = self.entity_list.currentIndex().row()
        self._show_entity(self._keys[row] if 0 <= row < len(self._keys) else None)

    def _show_entity(self, key: str | None) -> None:
        entity = self.ctx.bundle().entity(key) if key else None
        self.field_model.set_entity(entity)
        if entity is None:
            self.heading.setText(self.tr("No entities yet."))
            self.forms_label.clear()
            return
        lang = language()
        self.heading.setText(
            self.tr("%1 — %n field(s)", "", len(entity.fields)).replace(
                "%1", entity.label.text(lang)
            )
        )
        forms = ", ".join(
            f"{f.label.text(lang)} ({f.kind}, {len(f.placements())})" for f in entity.forms
        )
        self.forms_label.setText(self.tr("Forms: %1").replace("%1", forms or "—"))
