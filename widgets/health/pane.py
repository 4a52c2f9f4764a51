"""Health: the field-index health of the configuration and of the CRM's database (issue 15).

Status per entity (green / yellow / red), the findings of the selected entity with their fixes,
pyqtgraph charts (fields and searchable fields per entity against the thresholds, the length of
the longest columns, the selected entity's trend over the kept scans) and "Scan now", which runs
``studio.scan.service.scan_in_workspace`` off the UI thread with progress and cancel. Before any
scan the statuses come from the configuration alone (the lint red lines).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.i18n import name_list
from studio.lint.findings import Finding
from studio.op_changes import OpChanges
from studio.scan.mapping import Mapping
from studio.scan.report import EntityHealth, ScanReport, static_health
from widgets.context import StudioContext
from widgets.health.charts import CountsChart, LengthChart, TrendChart
from widgets.ops import Op, OpProgressDialog, OpResult
from widgets.pane import Pane, register_pane
from widgets.sentences import counted, joined

STATUS_COLOURS = {"green": "#c8ebc8", "yellow": "#fbe7a1", "red": "#f4b6b6"}


@register_pane
class HealthPane(Pane):
    pane_id = "health"
    listens_to = frozenset({"workspace", "draft", "scans"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: ScanReport | None = None
        self.entities: list[EntityHealth] = []
        self.findings: list[Finding] = []
        self.points: list[tuple[datetime, list[dict[str, Any]]]] = []
        self.op: Op | None = None
        #: the read of the last kept scan under way, if any (``reload``)
        self.reading: Op | None = None
        self._generation = 0
        self.dialog: OpProgressDialog | None = None
        self.mapping_dialog: QWidget | None = None
        # The last "password of the CRM database" question (tests answer it).
        self.password_dialog: QInputDialog | None = None

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.db = QLineEdit(self)
        self.db.setObjectName("health_db")
        self.db.setPlaceholderText(
            self.tr(
                "CRM database: postgresql+psycopg://user@host/crm (password from the keyring), "
                "or the path of an SQLite file"
            )
        )
        self.scan_button = QPushButton(self.tr("Scan now"), self)
        self.scan_button.setObjectName("health_scan")
        self.scan_button.clicked.connect(lambda: self.scan_now())
        self.map_button = QPushButton(self.tr("Mapping…"), self)
        self.map_button.setObjectName("health_mapping")
        self.map_button.setToolTip(
            self.tr("Which table holds each entity and which column each field (after a scan)")
        )
        self.map_button.clicked.connect(self.edit_mapping)
        bar.addWidget(self.db, 1)
        bar.addWidget(self.map_button)
        bar.addWidget(self.scan_button)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setObjectName("health_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QSplitter(Qt.Orientation.Vertical, split)
        self.table = QTableWidget(0, 7, left)
        self.table.setObjectName("health_entities")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Entity"),
                self.tr("Status"),
                self.tr("Fields"),
                self.tr("Searchable"),
                self.tr("Longest column"),
                self.tr("Avg length"),
                self.tr("Rows"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        # Entity labels must be read whole; the numbers take what they need.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.details = QTextBrowser(left)
        self.details.setObjectName("health_findings")
        left.addWidget(self.table)
        left.addWidget(self.details)
        charts = QWidget(split)
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        self.counts = CountsChart(charts, self.tr("Fields and searchable fields per entity"))
        self.lengths = LengthChart(
            charts, self.tr("Average (dark) and 95 % length of the longest columns")
        )
        self.trend = TrendChart(charts, self.tr("Trend of the selected entity"))
        for chart in (self.counts, self.lengths, self.trend):
            charts_layout.addWidget(chart.widget)
        split.addWidget(left)
        split.addWidget(charts)
        split.setSizes([480, 520])
        layout.addWidget(split, 1)
        self.reload()

    # -- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """The last kept scan if there is one, else the configuration's own red lines; read off
        the UI thread (a long history, a PostgreSQL workspace far away), the pane saying so."""
        from studio.scan.service import last_report, trend

        workspace, bundle = self.ctx.workspace, self.ctx.bundle()
        self._generation += 1
        generation = self._generation

        def read() -> tuple[int, ScanReport | None, list[tuple[datetime, list[dict[str, Any]]]]]:
            return generation, last_report(workspace, bundle), trend(workspace)

        self.summary.setText(self.tr("Reading the last scan…"))
        op = Op(read, self, ctx=self.ctx)
        op.succeeded.connect(self._read)
        op.failed.connect(lambda message: self._read_failed(generation, message))
        op.finished.connect(op.deleteLater)
        op.finished.connect(lambda: self._read_finished(op))
        self.reading = op
        op.start()

    def _read(
        self,
        result: tuple[int, ScanReport | None, list[tuple[datetime, list[dict[str, Any]]]]],
    ) -> None:
        generation, report, points = result
        if generation != self._generation:
            return  # a newer read is on its way
        self.points = points
        if report is not None and not self.db.text():
            self.db.setText(report.scan.url)
        self.show_report(report)

    def _read_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return  # a newer read is on its way: its outcome is the one to show
        self.summary.setText(
            self.tr("The last scan could not be read: {message}").format(message=message)
        )

    def _read_finished(self, op: Op) -> None:
        if self.reading is op:
            self.reading = None

    def show_report(self, report: ScanReport | None) -> None:
        self.report = report
        if report is None:
            self.entities, self.findings = static_health(self.ctx.bundle())
            self.summary.setText(
                self.tr(
                    "No scan yet: the status comes from the configuration alone. Enter the CRM database and press Scan now."
                )
            )
        else:
            self.entities, self.findings = report.entities, report.findings
            scan = report.scan
            text = self.tr("{url}: {tables}, scanned {at} in {seconds} s.").format(
                url=scan.url,
                tables=counted(len(scan.tables), self.tr("{n} table"), self.tr("{n} tables")),
                at=_local_time(scan.started_at),
                seconds=f"{scan.seconds:.2g}" if scan.seconds < 10 else f"{scan.seconds:.0f}",
            )
            if scan.partial:
                text = joined(text, self.tr("Partial: some tables were not measured in full."))
            text = joined(text, *report.warnings)
            if report.red:
                text = joined(
                    text,
                    self.tr("Red, so frozen: {entities}.").format(entities=name_list(report.red)),
                )
            self.summary.setText(text)
        self.map_button.setEnabled(report is not None)
        self._fill_table()
        self.counts.show(self.entities)
        bundle = self.ctx.bundle()
        self.lengths.show(report, bundle.thresholds.max_avg_length)
        self._selected()

    def _fill_table(self) -> None:
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.entities))
        labels = {"green": self.tr("green"), "yellow": self.tr("yellow"), "red": self.tr("red")}
        for row, e in enumerate(self.entities):
            cells = [
                e.label,
                labels[e.status],
                str(e.fields),
                str(e.searchable),
                e.worst_column or "",
                f"{e.worst_avg_length:.0f}" if e.worst_avg_length is not None else "",
                "" if e.rows is None else f"{e.rows:,}",
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, e.name)
                if col == 1:
                    item.setBackground(QBrush(QColor(STATUS_COLOURS[e.status])))
                table.setItem(row, col, item)
        table.setUpdatesEnabled(True)
        if self.entities and not table.selectedItems():
            worst = next((i for i, e in enumerate(self.entities) if e.status == "red"), 0)
            table.selectRow(worst)

    def selected_entity(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _selected(self) -> None:
        entity = self.selected_entity()
        self.trend.show(self.points, entity)
        about = [f for f in self.findings if f.entity == entity] if entity else self.findings
        if not about:
            within = self.tr("No findings: this entity is within every line.")
            self.details.setHtml(f"<p>{_esc(within)}</p>")
            return
        colours = {"error": "#c00000", "warning": "#b8860b", "info": "#555555"}
        fix_word = self.tr("Fix")
        parts = []
        for f in about:
            fix = f"<br><i>{_esc(fix_word)}: {_esc(f.fix.label)}</i>" if f.fix else ""
            parts.append(
                f"<p><b style='color:{colours[f.severity.value]}'>{_esc(f.code)}</b> "
                f"{_esc(f.field or '')}<br>{_esc(f.message)}{fix}</p>"
            )
        self.details.setHtml("".join(parts))

    # -- scan -----------------------------------------------------------------------------------

    def edit_mapping(self) -> None:
        """Let the admin correct the mapping the last scan used; saving it scans again."""
        from widgets.health.mapping_dialog import MappingDialog

        if self.report is None:
            return
        self.mapping_dialog = MappingDialog(
            self.ctx.bundle(), self.report.scan, self.report.mapping, self
        )
        if self.mapping_dialog.exec() == MappingDialog.DialogCode.Accepted:
            self.scan_now(mapping=self.mapping_dialog.mapping)

    def scan_now(self, mapping: Mapping | None = None, password: str | None = None) -> None:
        """Scan the database named; ``password`` (asked for) signs in and is kept in the keyring
        once the database accepted it."""
        from studio.scan.connect import SignInRefused
        from studio.scan.service import scan_in_workspace, trend

        url = self.db.text().strip()
        if not url:
            self.summary.setText(self.tr("Enter the CRM database to scan first."))
            return
        workspace = self.ctx.workspace

        def work(progress: Any) -> OpResult:
            try:
                report = scan_in_workspace(
                    workspace, url, mapping=mapping, progress=progress, password=password
                )
            except SignInRefused as exc:
                # Not a failure to report: the person is asked for the password (below).
                return OpResult(_SignIn(url, mapping, str(exc)), OpChanges())
            # The trend with this scan in it, read here too: not on the UI thread.
            return OpResult((report, trend(workspace)), OpChanges(scans=True))

        self.scan_button.setEnabled(False)
        self.map_button.setEnabled(False)
        self.op = Op(work, self, ctx=self.ctx, progress=True, initiator=self)
        self.op.succeeded.connect(self._scanned)
        self.op.failed.connect(self._scan_failed)
        self.op.cancelled.connect(self._scan_cancelled)
        self.op.finished.connect(self._scan_finished)
        self.dialog = OpProgressDialog(self.op, self.tr("Scanning the CRM database"), self)
        self.op.start()

    def on_changes(self, changes: OpChanges, initiator: object) -> None:
        if initiator is self and changes.scans and not changes.workspace:
            return  # our own scan: shown by _scanned
        self.reload()

    def _scanned(
        self,
        result: tuple[ScanReport, list[tuple[datetime, list[dict[str, Any]]]]] | _SignIn,
    ) -> None:
        if isinstance(result, _SignIn):
            self.ask_password(result)
            return
        self._generation += 1  # a read started before this scan would show less than it
        report, self.points = result
        self.show_report(report)

    def ask_password(self, refused: _SignIn) -> None:
        """The database refused the sign-in: ask for the password, keep it in the keyring (the
        only place the scan reads it from), and scan again; Cancel leaves the refusal shown."""
        self.summary.setText(self.tr("The scan failed: {message}").format(message=refused.message))
        dialog = QInputDialog(self)
        dialog.setObjectName("scan_password")
        dialog.setWindowTitle(self.tr("Password of the CRM database"))
        dialog.setLabelText(
            refused.message
            + "\n\n"
            + self.tr(
                "The password of the database user: it is kept in this computer's keyring, "
                "never in the workspace, and the scans of this database sign in with it."
            )
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.accepted.connect(lambda: self._password_given(dialog, refused))
        self.password_dialog = dialog
        dialog.open()

    def _password_given(self, dialog: QInputDialog, refused: _SignIn) -> None:
        secret = dialog.textValue()
        dialog.setTextValue("")  # never kept in the widget longer than needed
        if not secret:
            return
        self.db.setText(refused.url)
        # kept in the keyring by the scan, once the database has accepted it
        self.scan_now(mapping=refused.mapping, password=secret)

    def _scan_finished(self) -> None:
        self.scan_button.setEnabled(True)
        self.map_button.setEnabled(self.report is not None)

    def _scan_failed(self, message: str) -> None:
        self.summary.setText(self.tr("The scan failed: {message}").format(message=message))

    def _scan_cancelled(self, message: str) -> None:
        self.summary.setText(self.tr("Scan cancelled; nothing was kept."))


class _SignIn:
    """A scan the database refused to sign in to: what to ask, and what to scan again."""

    def __init__(self, url: str, mapping: Mapping | None, message: str) -> None:
        self.url, self.mapping, self.message = url, mapping, message


def _local_time(stamp: str) -> str:
    """An ISO time stamp as the admin's local date and minute ("2026-12-01 13:46")."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
