"""Rows = the fields of one entity; model/view, so thousands of fields scroll smoothly.

The model only shows the bundle; an edit in a cell (a label, a check box, the default) is handed
to ``on_edit`` (the designer turns it into an undoable draft edit), and a row dragged onto
another position to ``on_move``. Fields with findings carry an icon, a tint and a tooltip.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from studio.bundle.model import Entity, FieldDef
from studio.draft.edit_checks import text_of_value
from studio.i18n import language
from studio.i18n.bundle import address_part_name, type_name
from studio.lint.findings import Finding, Severity
from widgets.table_base import severity_icons

Index = QModelIndex | QPersistentModelIndex

# Drag payload of a field (from the field table or the form palette): JSON {entity, field, form?}
FIELD_MIME = "application/x-crm-studio-field"

_CHECKS = ("required", "unique", "searchable", "sensitive")
_TEXT_EDITABLE = ("key", "label_zh", "label_en", "default", "max_length")


def field_mime(entity: str, field: str, form: str | None = None) -> QMimeData:
    data = QMimeData()
    payload = {"entity": entity, "field": field, "form": form}
    data.setData(FIELD_MIME, json.dumps(payload).encode("utf-8"))
    return data


def read_field_mime(data: QMimeData) -> dict[str, Any] | None:
    if not data.hasFormat(FIELD_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(FIELD_MIME).data()).decode("utf-8"))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) and "field" in payload else None


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
        "options",
        "validation",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entity: Entity | None = None
        self._fields: tuple[FieldDef, ...] = ()
        self._findings: dict[str, list[Finding]] = {}
        # (field key, {property: value}) -> whether the edit was made
        self.on_edit: Callable[[str, dict[str, Any]], bool] | None = None
        # (field key, new position)
        self.on_move: Callable[[str, int], None] | None = None
        self._icons = severity_icons()

    # -- content -------------------------------------------------------------------------------
    def set_entity(self, entity: Entity | None) -> None:
        same_rows = (
            entity is not None
            and self._entity is not None
            and entity.key == self._entity.key
            and len(entity.fields) == len(self._fields)
        )
        self._entity = entity
        if same_rows:
            # An edit of one field: keep the selection and scroll position.
            self._fields = entity.fields  # type: ignore[union-attr]
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._fields) - 1, len(self.COLUMNS) - 1)
            )
            return
        self.beginResetModel()
        self._fields = entity.fields if entity else ()
        self.endResetModel()

    def set_findings(self, findings: list[Finding]) -> None:
        by_field: dict[str, list[Finding]] = {}
        key = self._entity.key if self._entity else None
        for f in findings:
            if f.entity == key and f.field:
                by_field.setdefault(f.field, []).append(f)
        if by_field == self._findings:
            return
        self._findings = by_field
        if self._fields:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._fields) - 1, 0))

    def entity_key(self) -> str | None:
        return self._entity.key if self._entity else None

    def field_at(self, row: int) -> FieldDef | None:
        return self._fields[row] if 0 <= row < len(self._fields) else None

    def row_of(self, key: str) -> int:
        return next((i for i, f in enumerate(self._fields) if f.key == key), -1)

    def findings_of(self, key: str) -> list[Finding]:
        return self._findings.get(key, [])

    # -- Qt model --------------------------------------------------------------------------------
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
            QCoreApplication.translate("FieldTable", "Options"),
            QCoreApplication.translate("FieldTable", "Validation"),
        )[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        col = self.COLUMNS[index.column()]
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if col in _CHECKS:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        elif col in _TEXT_EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fd = self._fields[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(fd, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            return Qt.CheckState.Checked if getattr(fd, col) else Qt.CheckState.Unchecked
        findings = self._findings.get(fd.key)
        if role == Qt.ItemDataRole.DecorationRole and col == "key" and findings:
            return self._icons[min(findings, key=_rank).severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [f.message + (f" → {f.fix.label}" if f.fix else "") for f in findings or ()]
            if fd.deprecated:
                tips.append(QCoreApplication.translate("FieldTable", "Deprecated"))
            if fd.hidden:
                tips.append(QCoreApplication.translate("FieldTable", "Hidden"))
            return "\n".join(tips) or None
        if role == Qt.ItemDataRole.BackgroundRole and findings:
            worst = min(findings, key=_rank).severity
            if worst == Severity.error:
                return QBrush(QColor(253, 226, 226))
            if worst == Severity.warning:
                return QBrush(QColor(255, 244, 214))
        if role == Qt.ItemDataRole.ForegroundRole and (fd.deprecated or fd.hidden):
            return QBrush(QColor(140, 140, 140))
        if role == Qt.ItemDataRole.FontRole and fd.deprecated:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _text(self, fd: FieldDef, col: str, editing: bool) -> str:
        if col == "key":
            return fd.key
        if col == "label_zh":
            return fd.label.zh_CN
        if col == "label_en":
            return fd.label.en
        if col == "type":
            # in the UI's language ("地址 → 省"); a reference names its target entity by key
            extra = fd.reference or (address_part_name(fd.address_part) if fd.address_part else "")
            kind = type_name(fd.type.value)
            return f"{kind} → {extra}" if extra else kind
        if col == "default":
            if editing:
                return text_of_value(fd.default)
            return "" if fd.default is None else json.dumps(fd.default, ensure_ascii=False)
        if col == "max_length":
            return "" if fd.max_length is None else str(fd.max_length)
        if col == "options":
            lang = language()
            return ", ".join(o.label.text(lang) for o in fd.options)
        if col == "validation":
            v = fd.validation
            if v is None:
                return ""
            parts = [f"/{v.regex}/"] if v.regex else []
            if v.hint is not None:  # the pattern in words first, as the form says it
                parts.insert(0, v.hint.text(language()))
            if v.min is not None:
                parts.append(f"≥ {v.min:g}")
            if v.max is not None:
                parts.append(f"≤ {v.max:g}")
            return " ".join(parts)
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.on_edit is None:
            return False
        fd = self._fields[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.on_edit(fd.key, {col: checked})
        if role != Qt.ItemDataRole.EditRole or col not in _TEXT_EDITABLE:
            return False
        text = "" if value is None else str(value)
        if text == self._text(fd, col, True):
            return False
        if col == "default":
            from studio.draft.edit_checks import value_from_text

            return self.on_edit(fd.key, {"default": value_from_text(fd, text)})
        return self.on_edit(fd.key, {col: text.strip() if col == "key" else text})

    # -- drag to reorder -------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [FIELD_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        key = self._entity.key if self._entity else ""
        return field_mime(key, self._fields[rows[0]].key if rows else "")

    def supportedDragActions(self) -> Qt.DropAction:
        # Copy, never Move: the edit itself moves the field, the view must not remove rows.
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        # Copy, never Move: the edit itself moves the field, the view must not remove rows.
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = read_field_mime(data)
        return bool(payload and self._entity and payload.get("entity") == self._entity.key)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = read_field_mime(data)
        if not payload or self._entity is None or payload.get("entity") != self._entity.key:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._fields)
        old = self.row_of(str(payload["field"]))
        if old < 0 or self.on_move is None:
            return False
        # Dropping below the field's own row: the rows after it shift up once it is taken out.
        self.on_move(str(payload["field"]), row - 1 if old < row else row)
        return True


def _rank(f: Finding) -> int:
    return {Severity.error: 0, Severity.warning: 1, Severity.info: 2}[f.severity]
