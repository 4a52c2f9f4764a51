"""Rows = the fields of one entity; model/view, so thousands of fields scroll smoothly."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from studio.bundle import Entity, FieldDef

Index = QModelIndex | QPersistentModelIndex


def _yes(value: bool) -> str:
    return "✓" if value else ""


class FieldTableModel(QAbstractTableModel):
    COLUMNS = (
        "key",
        "label_zh",
        "label_en",
        "type",
        "required",
        "default",
        "unique",
        "searchable",
        "sensitive",
        "max_length",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._fields: tuple[FieldDef, ...] = ()

    def set_entity(self, entity: Entity | None) -> None:
        self.beginResetModel()
        self._fields = entity.fields if entity else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("FieldTable", "Key"),
            QCoreApplication.translate("FieldTable", "Label (中文)"),
            QCoreApplication.translate("FieldTable", "Label (English)"),
            QCoreApplication.translate("FieldTable", "Type"),
            QCoreApplication.translate("FieldTable", "Required"),
            QCoreApplication.translate("FieldTable", "Default"),
            QCoreApplication.translate("FieldTable", "Unique"),
            QCoreApplication.translate("FieldTable", "Searchable"),
            QCoreApplication.translate("FieldTable", "Sensitive"),
            QCoreApplication.translate("FieldTable", "Max length"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fd = self._fields[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value: Any = {
                "key": fd.key,
                "label_zh": fd.label.zh_CN,
                "label_en": fd.label.en,
                "type": fd.type.value,
                "required": _yes(fd.required),
                "default": "" if fd.default is None else json.dumps(fd.default, ensure_ascii=False),
                "unique": _yes(fd.unique),
                "searchable": _yes(fd.searchable),
                "sensitive": _yes(fd.sensitive),
                "max_length": "" if fd.max_length is None else str(fd.max_length),
            }[col]
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            "required",
            "unique",
            "searchable",
            "sensitive",
        ):
            return Qt.AlignmentFlag.AlignCenter
        return None
