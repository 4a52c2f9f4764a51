"""The field matrix's view: keyboard editing and bulk set over a selection.

Keys on a selection (one cell, a column, a row, any rectangle): H hidden, M masked, R read,
E edit, Delete "follow the entity permission"; F2 or Enter opens the cell's list. Every such
edit is one step of the draft's undo history.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from widgets.permissions.field_matrix_model import LEVELS

KEYS = {
    Qt.Key.Key_H: "hidden",
    Qt.Key.Key_M: "masked",
    Qt.Key.Key_R: "read",
    Qt.Key.Key_E: "edit",
    Qt.Key.Key_Delete: None,
    Qt.Key.Key_Backspace: None,
}


class LevelDelegate(QStyledItemDelegate):
    """A list of the access levels (and "follow the entity permission") as a cell's editor."""

    def __init__(self, words: dict[str, str], follow: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._words, self._follow = words, follow

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        for level in LEVELS:
            box.addItem(self._words[level], level)
        box.addItem(self._follow, "")
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class FieldMatrixView(QTableView):
    #: a key asked to set the selection to an access level (``None``: follow the entity)
    level_keyed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("field_permission_matrix")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultSectionSize(84)
        self.verticalHeader().setDefaultSectionSize(24)
        # Rows of a 2,000-field entity: a fixed height keeps layout and scrolling cheap.
        self.verticalHeader().setSectionResizeMode(self.verticalHeader().ResizeMode.Fixed)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._fit_role_headers)
            model.headerDataChanged.connect(self._fit_role_headers)
            self._fit_role_headers()

    def _fit_role_headers(self, *_: object) -> None:
        """Each role's column wide enough for its name ("Customer service", 销售总监), never
        narrower than the cells' levels need; a person can still drag it wider."""
        header = self.horizontalHeader()
        for column in range(header.count()):
            self.setColumnWidth(column, max(84, header.sectionSizeHint(column)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in KEYS and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self.level_keyed.emit(KEYS[key])
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.edit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
