"""Tab out of read-only tables.

A table view moves Tab from cell to cell and wraps from its last cell to its first, so a
keyboard user who tabbed into the audit log or the health table never got out of it. In a table
nothing is typed into, arrows move between cells and Tab goes on to the next control; editable
grids (the permission matrix, the field table) keep Tab for their cells, as spreadsheets do
(Ctrl+Tab leaves them).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel
from PySide6.QtWidgets import QAbstractItemView, QWidget

from widgets.table_base import ListTableModel


def tab_leaves_read_only_views(root: QWidget) -> None:
    """Every read-only item view under ``root`` (one that edits nothing, or shows one of the
    read-only ``ListTableModel`` lists) passes Tab on to the next control."""
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        while isinstance(model, QAbstractProxyModel):  # a filter in front of the list
            model = model.sourceModel()
        if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers or isinstance(
            model, ListTableModel
        ):
            view.setTabKeyNavigation(False)
