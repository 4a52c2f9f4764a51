"""A table whose first column stays in view while the others scroll sideways.

Qt's "frozen column" recipe: a second view over the same model and selection shows only the first
column and lies over the table's left edge; the two scroll up and down together. The field table
uses it so that the key stays beside a row however far right the admin scrolls (14 properties do
not fit beside the property editor).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnTableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozen_column")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # a line on its right edge: the eye sees where the frozen part ends
        self.frozen.setStyleSheet(
            "QTableView#frozen_column { border: none; border-right: 1px solid palette(mid); }"
        )
        self.viewport().stackUnder(self.frozen)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    # -- the same model, selection and behaviour as the table ------------------------------------
    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._hide_other_columns)
            model.columnsInserted.connect(self._hide_other_columns)
        self._hide_other_columns()

    def _hide_other_columns(self, *_args: Any) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(1, model.columnCount()):
            self.frozen.setColumnHidden(column, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        for row in range(model.rowCount()):
            self.frozen.setRowHidden(row, self.isRowHidden(row))
        self._place()

    def setRowHidden(self, row: int, hide: bool) -> None:
        super().setRowHidden(row, hide)
        self.frozen.setRowHidden(row, hide)

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:
        super().setSelectionMode(mode)
        self.frozen.setSelectionMode(mode)

    def setEditTriggers(self, triggers: QAbstractItemView.EditTrigger) -> None:
        super().setEditTriggers(triggers)
        self.frozen.setEditTriggers(triggers)

    def setDragDropMode(self, mode: QAbstractItemView.DragDropMode) -> None:
        super().setDragDropMode(mode)
        self.frozen.setDragDropMode(mode)

    def setDefaultDropAction(self, action: Qt.DropAction) -> None:
        super().setDefaultDropAction(action)
        self.frozen.setDefaultDropAction(action)

    def setDragDropOverwriteMode(self, overwrite: bool) -> None:
        super().setDragDropOverwriteMode(overwrite)
        self.frozen.setDragDropOverwriteMode(overwrite)

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    # -- geometry --------------------------------------------------------------------------------
    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        # rows as tall as the table's (its default row height is set after construction)
        rows = self.verticalHeader()
        if self.frozen.verticalHeader().defaultSectionSize() != rows.defaultSectionSize():
            self.frozen.verticalHeader().setMinimumSectionSize(rows.minimumSectionSize())
            self.frozen.verticalHeader().setDefaultSectionSize(rows.defaultSectionSize())
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    # -- keyboard and scrolling: a cell is never left behind the frozen column ------------------
    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0:
            x = self.visualRect(current).topLeft().x()
            if x < self.frozen.columnWidth(0):
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + x - self.frozen.columnWidth(0))
        return current

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)
        elif index.isValid():
            # The key column is always in view: only the row has to come into view, the
            # columns stay where the admin scrolled them.
            bar = self.horizontalScrollBar()
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)
