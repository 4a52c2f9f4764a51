"""Permissions: who may create, read, update and delete what."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from studio.i18n import language
from widgets.context import StudioContext
from widgets.pane import Pane, register_pane
from widgets.permissions.matrix_model import EntityPermissionMatrixModel


@register_pane
class PermissionsPane(Pane):
    pane_id = "permissions"

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = EntityPermissionMatrixModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("entity_permission_matrix")
        self.table.setModel(self.model)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.table.setFont(mono)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        legend = QLabel(
            self.tr(
                "C = create, R = read, U = update, D = delete; · = not allowed. "
                "Field-level permissions and the permission health check "
                "come with the permission matrix editor."
            ),
            self,
        )
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self.reload()

    def reload(self) -> None:
        self.model.set_bundle(self.ctx.bundle(), language())
