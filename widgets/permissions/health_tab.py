"""The Permissions pane's Health tab: the permission health summary on one page, and the report
as a workbook (``studio.access.health``, the same as ``studio access --report``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.lint import DataStats
from widgets.entities.document import DesignerDocument
from widgets.ops import Op


class HealthTab(QWidget):
    """``show_summary()`` after each judgement of the permission rules; ``stats()``: the server's
    counts the rules were last asked to judge with."""

    def __init__(
        self,
        doc: DesignerDocument,
        stats: Callable[[], DataStats | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.stats = stats
        self.health_text = QLabel(self)
        self.health_text.setObjectName("permission_health")
        self.health_text.setWordWrap(True)
        self.health_text.setTextFormat(Qt.TextFormat.PlainText)
        self.health_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.health_export = QPushButton(self.tr("Export the health report to Excel…"), self)
        self.health_export.setObjectName("export_health_report")
        self.health_export.clicked.connect(self.export_health)
        layout = QVBoxLayout(self)
        layout.addWidget(self.health_text, 1)
        layout.addWidget(self.health_export, 0, Qt.AlignmentFlag.AlignLeft)

    def show_summary(self) -> None:
        from studio.access.health import health_summary, summary_lines

        self.health_text.setText(
            "\n".join(summary_lines(health_summary(self.doc.bundle, self.doc.live, self.stats())))
        )

    def export_health(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Permission health report"), "permission-health.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.write_health(path)

    def write_health(self, path: str) -> Op:
        """Write the health report off the UI thread."""
        from studio.access.health import write_health_report

        bundle, live, stats = self.doc.bundle, self.doc.live, self.stats()
        op = Op(lambda: write_health_report(bundle, Path(path), live, stats), self)
        op.failed.connect(lambda message: self.health_text.setText(message))
        op.finished.connect(op.deleteLater)
        return op.start()
