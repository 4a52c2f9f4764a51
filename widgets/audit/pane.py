"""Audit: every action, append-only and hash-chained; verify the chain, export it to Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.audit import log as audit
from studio.audit.anchors import AnchorReport
from studio.audit.export import export_audit
from studio.client.anchor import verify_against_server
from studio.op_changes import OpChanges
from studio.workspace.connection import Workspace
from widgets.audit.log_model import AuditLogModel, read_log
from widgets.context import StudioContext
from widgets.ops import Op, OpResult
from widgets.pane import Pane, register_pane
from widgets.sentences import counted, joined

OK_STYLE = "color: #1b7f3b;"
ERROR_STYLE = "color: #b3261e; font-weight: 600;"


def _verify(ws: Workspace) -> audit.ChainReport:
    with ws.session() as s:
        return audit.verify(s)


def _verify_with_server(
    ws: Workspace, url: str | None, token: str | None
) -> tuple[audit.ChainReport, AnchorReport | None, str | None]:
    """The chain, then the log against the heads the server keeps (issue 20)."""
    return (_verify(ws), *verify_against_server(ws, url, token))


@register_pane
class AuditPane(Pane):
    pane_id = "audit"
    listens_to = frozenset({"audit"})

    # a reload finished / a verification or export finished (tests wait on these)
    loaded = Signal()
    verified = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AuditLogModel(self)
        # What the table shows: the rows whose any column holds the filter's text.
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.model)
        self.shown.setFilterKeyColumn(-1)
        self.shown.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("audit_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter: who, action, subject, details… (Ctrl+F)"))
        self.filter.textChanged.connect(self._filter_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("audit_count")
        self.table = QTableView(self)
        self.table.setObjectName("audit_table")
        self.table.setModel(self.shown)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.verify_button = QPushButton(self.tr("Ve&rify chain"), self)
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"), self)
        self.export_button.setObjectName("export_audit")
        self.export_button.clicked.connect(self.choose_export_file)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("chain_result")
        self.result_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)
        top.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        search = QHBoxLayout()
        search.addWidget(self.filter, 1)
        search.addWidget(self.count_label)
        layout.addLayout(search)
        layout.addWidget(self.table, 1)
        self.reload()

    def _run(self, fn: Any, done: Any, *, changes: OpChanges | None = None) -> None:
        if changes is None:
            op = Op(fn, ctx=self.ctx)
        else:
            what = changes
            op = Op(lambda: OpResult(fn(), what), ctx=self.ctx, writes=True, initiator=self)
        op.succeeded.connect(done)
        op.failed.connect(self._failed)
        op.start()

    def reload(self) -> None:
        ws = self.ctx.workspace
        self._run(lambda: read_log(ws), self._loaded)

    def _loaded(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self._count()
        self.loaded.emit()

    def _filter_changed(self, text: str) -> None:
        self.shown.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown, total = self.shown.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
            if self.filter.text().strip()
            else ""
        )

    def verify(self) -> None:
        ws = self.ctx.workspace
        # The studio's own local server when it runs, else the configured one (token: keyring).
        local = getattr(self.ctx, "local_server", None)
        url, token = (
            (local.url, local.token)
            if local is not None
            else (getattr(self.ctx, "server_url", None), None)
        )
        self.verify_button.setEnabled(False)
        self._run(lambda: _verify_with_server(ws, url, token), self._show_reports)

    def _show_reports(
        self, result: tuple[audit.ChainReport, AnchorReport | None, str | None]
    ) -> None:
        report, anchors, why = result
        self._show_report(report, anchors, why)

    def _show_report(
        self,
        report: audit.ChainReport,
        anchors: AnchorReport | None = None,
        why: str | None = None,
    ) -> None:
        self.verify_button.setEnabled(True)
        self.result_label.setToolTip("")
        if report.intact and (anchors is None or anchors.intact):
            self.result_label.setStyleSheet(OK_STYLE)
            text = counted(
                report.entries,
                self.tr("Intact: {n} entry checked."),
                self.tr("Intact: {n} entries checked."),
            )
            # What the server vouches for (or why it was not asked), in the core's words.
            extra = anchors.sentences() if anchors is not None else [why] if why else []
            self.result_label.setText("\n".join([text, *extra]))
        elif report.intact and anchors is not None:
            # The chain holds, but not what the server anchored: cut off or recomputed.
            self.result_label.setStyleSheet(ERROR_STYLE)
            self.result_label.setText("\n".join(anchors.sentences()))
        else:
            self.result_label.setStyleSheet(ERROR_STYLE)
            text = self.tr("Broken at entry %1: the log was edited outside the studio.").replace(
                "%1", str(report.broken_at)
            )
            if len(report.breaks) > 1:
                text = joined(
                    text,
                    counted(
                        len(report.breaks),
                        self.tr("{n} entry cannot be vouched for."),
                        self.tr("{n} entries cannot be vouched for."),
                    ),
                )
            self.result_label.setText(text)
            self.result_label.setToolTip("\n".join(audit.describe(b) for b in report.breaks))
        self.verified.emit(report)

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "audit-log.xlsx", self.tr("Excel (*.xlsx)")
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        ws, user = self.ctx.workspace, self.ctx.user
        self.export_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Exporting…"))
        # the export itself is an audited action
        self._run(
            lambda: (path, export_audit(ws, path, actor=user)),
            self._exported,
            changes=OpChanges(audit=True),
        )

    def _exported(self, result: tuple[Path, audit.ChainReport]) -> None:
        path, report = result
        self.export_button.setEnabled(True)
        state = self.tr("chain intact") if report.intact else self.tr("chain BROKEN")
        self.result_label.setStyleSheet(OK_STYLE if report.intact else ERROR_STYLE)
        self.result_label.setText(
            counted(
                report.entries,
                self.tr("Exported {n} entry to {path} ({state})."),
                self.tr("Exported {n} entries to {path} ({state})."),
                path=str(path),
                state=state,
            )
        )
        self.exported.emit(str(path))

    def _failed(self, message: str) -> None:
        self.verify_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(message)
