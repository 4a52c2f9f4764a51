"""Models of the form designer: the palette of an entity's fields, and the form canvas.

Both speak the same drag payload (``FIELD_MIME``): a field dragged from the palette or from the
canvas and dropped on a section lands there; ``on_place(section, field, index)`` turns the drop
into an undoable draft edit. The canvas is a tree: sections, each with its placements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from studio.bundle.model import Entity, FieldDef, Form
from studio.i18n import language
from studio.i18n.bundle import type_name
from studio.lint.findings import Finding
from widgets.entities.field_table_model import FIELD_MIME, field_mime, read_field_mime
from widgets.sentences import counted

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = 0xFFFFFFFF  # internal id of a section row (placements carry their section's index)


class PaletteModel(QAbstractListModel):
    """The entity's fields; those already on the form are greyed out (dragging moves them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entity: Entity | None = None
        self.placed: set[str] = set()
        self.form_key: str | None = None
        self._lang = language()
        self._findings: dict[str, list[Finding]] = {}
        self._icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def set_content(self, entity: Entity | None, form: Form | None) -> None:
        self.beginResetModel()
        self.entity = entity
        self._lang = language()
        self.form_key = form.key if form else None
        self.placed = {p.field for p in form.placements()} if form else set()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.entity is None else len(self.entity.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.entity is None:
            return None
        fd = self.entity.fields[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = " *" if fd.required else ""
            return f"{fd.label.text(self._lang)}{mark}  ({fd.key} · {type_name(fd.type.value)})"
        if role == Qt.ItemDataRole.UserRole:
            return fd.key
        if role == Qt.ItemDataRole.ForegroundRole and (fd.key in self.placed or fd.hidden):
            return QBrush(QColor(150, 150, 150))
        mine = self._findings.get(fd.key, [])
        if role == Qt.ItemDataRole.DecorationRole and mine:
            return self._icon
        if role == Qt.ItemDataRole.ToolTipRole:
            if fd.key in self.placed:
                tip = QCoreApplication.translate("FormDesigner", "Already on this form")
            else:
                tip = QCoreApplication.translate("FormDesigner", "Drag onto a section of the form")
            return "\n".join([tip, *(f.message for f in mine)])
        return None

    def set_findings(self, findings: list[Finding]) -> None:
        """Mark the fields that findings about this form (or no form in particular) are about."""
        key = self.entity.key if self.entity else None
        mine: dict[str, list[Finding]] = {}
        for f in findings:
            form = f.fix.params.get("form") if f.fix else None
            if f.entity == key and f.field and form in (None, self.form_key):
                mine.setdefault(f.field, []).append(f)
        if mine != self._findings:
            self._findings = mine
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [FIELD_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        assert self.entity is not None
        row = next(i.row() for i in indexes if i.isValid())
        return field_mime(self.entity.key, self.entity.fields[row].key)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class CanvasModel(QAbstractItemModel):
    """Sections (top level) and their placements (children); columns: field, column, read-only."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entity: Entity | None = None
        self.form: Form | None = None
        self._fields: dict[str, FieldDef] = {}
        self._lang = language()
        # (section key, field key, index in the section) -> whether the edit was made
        self.on_place: Callable[[str, str, int], bool] | None = None
        # (field key, read_only)
        self.on_read_only: Callable[[str, bool], None] | None = None
        # (field key, column)
        self.on_column: Callable[[str, int], None] | None = None

    def set_content(self, entity: Entity | None, form: Form | None) -> None:
        self.beginResetModel()
        self.entity, self.form = entity, form
        # Looked up per painted cell: a dict, not a scan of 2,000 fields.
        self._fields = {f.key: f for f in entity.fields} if entity else {}
        self._lang = language()
        self.endResetModel()

    # -- tree structure --------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self.form is None or not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(index.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self.form is None:
            return 0
        if not parent.isValid():
            return len(self.form.sections)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self.form.sections[parent.row()].placements)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def is_section(self, index: Index) -> bool:
        return index.isValid() and index.internalId() == _NO_PARENT

    def section_key(self, index: Index) -> str | None:
        if self.form is None or not index.isValid():
            return None
        row = index.row() if self.is_section(index) else int(index.internalId())
        return self.form.sections[row].key

    def field_key(self, index: Index) -> str | None:
        if self.form is None or not index.isValid() or self.is_section(index):
            return None
        return self.form.sections[int(index.internalId())].placements[index.row()].field

    def index_of_field(self, field: str) -> QModelIndex:
        if self.form is None:
            return QModelIndex()
        for si, s in enumerate(self.form.sections):
            for pi, p in enumerate(s.placements):
                if p.field == field:
                    return self.index(pi, 0, self.index(si, 0))
        return QModelIndex()

    # -- data ------------------------------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("FormDesigner", "Section / field"),
            QCoreApplication.translate("FormDesigner", "Column"),
            QCoreApplication.translate("FormDesigner", "Read-only"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.form is None or self.entity is None:
            return None
        lang = self._lang
        if self.is_section(index):
            sec = self.form.sections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return f"{sec.label.text(lang)}  ({sec.key})"
                if index.column() == 1:
                    return counted(
                        sec.columns,
                        QCoreApplication.translate("FormDesigner", "{n} column"),
                        QCoreApplication.translate("FormDesigner", "{n} columns"),
                    )
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        sec = self.form.sections[int(index.internalId())]
        p = sec.placements[index.row()]
        fd = self._fields.get(p.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                label = fd.label.text(lang) if fd else p.field
                mark = " *" if fd is not None and fd.required else ""
                return f"{label}{mark}  ({p.field})"
            if index.column() == 1:
                return str(p.column + 1)
        if role == Qt.ItemDataRole.EditRole and index.column() == 1:
            return p.column + 1
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 2:
            return Qt.CheckState.Checked if p.read_only else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDropEnabled
        if self.is_section(index):
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == 2:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == 1:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        field = self.field_key(index)
        if field is None:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 2 and self.on_read_only:
            self.on_read_only(field, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() == 1 and self.on_column:
            try:
                column = int(value) - 1
            except (TypeError, ValueError):
                return False
            self.on_column(field, column)
            return True
        return False

    # -- drag and drop ---------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [FIELD_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        field = next((self.field_key(i) for i in indexes if self.field_key(i)), "")
        entity = self.entity.key if self.entity else ""
        return field_mime(entity, field or "", self.form.key if self.form else None)

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
        return bool(
            payload
            and self.entity is not None
            and self.form is not None
            and self.form.sections
            and payload.get("entity") == self.entity.key
        )

    def drop_target(self, row: int, parent: Index) -> tuple[str, int] | None:
        """Where a drop at (``row``, ``parent``) lands: (section key, index in the section)."""
        if self.form is None or not self.form.sections:
            return None
        if not parent.isValid():
            # Between sections: the end of the section above (or the first section's start).
            if row <= 0:
                return self.form.sections[0].key, 0
            sec = self.form.sections[min(row, len(self.form.sections)) - 1]
            return sec.key, len(sec.placements)
        if self.is_section(parent):
            sec = self.form.sections[parent.row()]
            return sec.key, len(sec.placements) if row < 0 else row
        # Onto a placement: just before it.
        sec = self.form.sections[int(parent.internalId())]
        return sec.key, parent.row()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self.on_place is None:
            return False
        payload = read_field_mime(data)
        target = self.drop_target(row, parent)
        if payload is None or target is None or self.form is None:
            return False
        section, index = target
        field = str(payload["field"])
        # A field moving down within its own section: the rows after it shift up once it is out.
        for s in self.form.sections:
            keys = [p.field for p in s.placements]
            if s.key == section and field in keys and keys.index(field) < index:
                index -= 1
        self.on_place(section, field, index)
        return True
