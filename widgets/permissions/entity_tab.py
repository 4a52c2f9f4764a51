"""The Permissions pane's entity matrix: roles down, entities across, each cell the role's
actions with their scopes (issue 14).

Double-click or Enter changes a cell; a selection of cells (a row, a column, any rectangle) is
set at once or has its actions taken away; "Copy role from…" gives the current row's role
another role's actions on every entity. Each change is one operation of the draft document.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.access.role_ops import SetManyScopes, SetScopes, copy_entity_permissions
from studio.bundle.access import ACTIONS
from studio.bundle.model import Bundle
from widgets.entities.document import DesignerDocument
from widgets.permissions.matrix_model import EntityPermissionMatrixModel
from widgets.permissions.role_choice import ask_source_role
from widgets.sentences import counted


class EntityTab(QWidget):
    """``action_names()``: each action as the admin reads it (the pane's words)."""

    def __init__(
        self,
        doc: DesignerDocument,
        action_names: Callable[[], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.action_names = action_names
        self.model = EntityPermissionMatrixModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("entity_permission_matrix")
        self.table.setModel(self.model)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.table.setFont(mono)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.entity_set_button = QPushButton(self.tr("Set &selection…"), self)
        self.entity_set_button.setObjectName("entity_set_selection")
        self.entity_set_button.clicked.connect(self.set_entity_selection)
        self.entity_clear_button = QPushButton(self.tr("&Not allowed"), self)
        self.entity_clear_button.setToolTip(self.tr("Take every action away in the selected cells"))
        self.entity_clear_button.clicked.connect(lambda: self.set_pairs(self.selected_pairs(), {}))
        self.entity_copy_button = QPushButton(self.tr("Copy &role from…"), self)
        self.entity_copy_button.clicked.connect(self.copy_entity_role_from)
        #: the scopes or copy dialog on screen, or the last one (tests fill and accept it)
        self.scopes_dialog: QDialog | None = None
        entity_actions = QHBoxLayout()
        for w in (self.entity_set_button, self.entity_clear_button, self.entity_copy_button):
            entity_actions.addWidget(w)
        entity_actions.addStretch(1)
        entity_layout = QVBoxLayout(self)
        entity_layout.setContentsMargins(0, 0, 0, 0)
        entity_layout.addLayout(entity_actions)
        entity_layout.addWidget(self.table, 1)
        entity_layout.addWidget(
            QLabel(
                self.tr(
                    "C create, R read, E edit, A archive (hidden, history kept), D delete, "
                    "I import, X export; /t the team's records, /o own records, else all; "
                    "· not allowed. Double-click or Enter to change a cell; select cells (a "
                    "row, a column, any rectangle) to set them at once."
                ),
                self,
            )
        )
        self.table.doubleClicked.connect(
            lambda index: self.edit_scopes(index.row(), index.column())
        )
        self.table.activated.connect(lambda index: self.edit_scopes(index.row(), index.column()))

    def refresh(self, bundle: Bundle, lang: str) -> None:
        self.model.set_bundle(bundle, lang)

    def set_scopes(self, role: str, entity: str, scopes: dict[str, str]) -> bool:
        """A role's actions on an entity, with their scopes, as one edit of the draft."""
        op = SetScopes(role, entity, tuple(sorted(scopes.items())))
        return self.doc.apply_op(op) is None

    def ask_scopes(self, title: str, current: dict[str, str]) -> dict[str, str] | None:
        """The actions and their scopes a person picks (``None``: cancelled)."""
        dialog = QDialog(self)
        dialog.setWindowTitle(title)
        form = QFormLayout(dialog)
        names = self.action_names()
        boxes: dict[str, QComboBox] = {}
        for action in ACTIONS:
            box = QComboBox(dialog)
            box.addItem(self.tr("not allowed"), "")
            box.addItem(self.tr("own records"), "own")
            box.addItem(self.tr("the team's records"), "team")
            box.addItem(self.tr("all records"), "all")
            box.setCurrentIndex(max(box.findData(current.get(action, "")), 0))
            boxes[action] = box
            form.addRow(names[action], box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        self.scopes_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return {a: b.currentData() for a, b in boxes.items() if b.currentData()}

    def edit_scopes(self, row: int, column: int) -> None:
        if row < 0 or column < 0:
            return
        role, entity = self.model.role_key(row), self.model.entity_key(column)
        chosen = self.ask_scopes(
            self.tr("Actions of %1 on %2").replace("%1", role).replace("%2", entity),
            self.model.scopes(row, column),
        )
        if chosen is not None:
            self.set_scopes(role, entity, chosen)

    def selected_pairs(self) -> list[tuple[str, str]]:
        """The selected cells of the entity matrix as (role, entity)."""
        return [
            (self.model.role_key(i.row()), self.model.entity_key(i.column()))
            for i in sorted(
                self.table.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column())
            )
        ]

    def set_pairs(self, pairs: list[tuple[str, str]], scopes: dict[str, str]) -> bool:
        """The same actions and scopes for every (role, entity) in ``pairs``, as one edit."""
        if not pairs:
            return False
        items = tuple(sorted(scopes.items()))
        op = SetManyScopes(tuple((r, e, items) for r, e in pairs))
        return self.doc.apply_op(op) is None

    def set_entity_selection(self) -> None:
        pairs = self.selected_pairs()
        if not pairs:
            return
        current = self.table.currentIndex()
        start = self.model.scopes(current.row(), current.column()) if current.isValid() else {}
        chosen = self.ask_scopes(
            counted(
                len(pairs),
                self.tr("Actions of the {n} selected cell"),
                self.tr("Actions of the {n} selected cells"),
            ),
            start,
        )
        if chosen is not None:
            self.set_pairs(pairs, chosen)

    def copy_entity_role_from(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        target = self.model.role_key(current.row())
        bundle = self.doc.bundle
        chosen = ask_source_role(
            self,
            bundle.roles,
            target,
            title=self.tr("Copy role from"),
            prompt=self.tr("Copy the actions on every entity of:"),
            box_name="entity_copy_source",
            opened=lambda dialog: setattr(self, "scopes_dialog", dialog),
        )
        if chosen is not None:
            self.doc.apply_op(copy_entity_permissions(bundle, chosen, target))
