"""Audit: every action, append-only and hash-chained, with a one-click integrity check."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio import audit
from widgets.audit.log_model import AuditLogModel
from widgets.context import StudioContext
from widgets.pane import Pane, register_pane


@register_pane
class AuditPane(Pane):
    pane_id = "audit"
    order = 60
    listens_to = frozenset({"workspace", "draft", "audit"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Navigator", "Audit")

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AuditLogModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.verify_button = QPushButton(self.tr("&Verify chain"), self)
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.clicked.connect(self.verify)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("chain_result")
        top = QHBoxLayout()
        top.addWidget(self.verify_button)
        top.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        self.model.load(self.ctx.workspace)
        self.result_label.clear()

    def verify(self) -> None:
        with self.ctx.workspace.session() as s:
            report = audit.verify(s)
        if report.intact:
            self.result_label.setStyleSheet("color: #1b7f3b;")
            self.result_label.setText(self.tr("Intact: %n entry(ies) checked.", "", report.entries))
        else:
            self.result_label.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.result_label.setText(
                self.tr("Broken at entry %1: the log was edited outside the studio.").replace(
                    "%1", str(report.broken_at)
                )
            )
