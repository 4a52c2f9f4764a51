"""Import/Export: the import wizard (issue 16) — file -> mapping -> check -> import.

Open a workbook and the pane runs the dry run at once (off the UI thread): each column's guessed
field with its confidence and sample values (change a guess and press Check again), then what the
check found: rejected rows with their reasons, the review list with each field's agreement
coloured ("Not the same" is remembered for later imports), the duplicate groups the import will
merge, and a chart of the problems by column. Import writes the checked plan to the server with a
progress dialog and Cancel; the list of imports below has Revert. Export… writes the server's
records or an import template (``export_actions``). Every action is a core function
(``importers``, ``studio.importing``) run through ``widgets.ops.Op``.

The pane lays out and runs the ops (one at a time); its parts live beside it: the mapping table
(``mapping``), the To review tab with Not the same person (``review``), the tables' models
(``models``), the line saying what the check found (``summary``), the list of imports
(``history``), the data-health and export actions. The check itself is a core function
(``studio.importing.check``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from importers.changes import change_lines
from importers.pipeline import Plan, roles
from studio.errors import StudioError
from studio.i18n import language
from studio.op_changes import OpChanges
from widgets.context import StudioContext
from widgets.elided_label import ElidedLabel
from widgets.ops import Op, OpProgressDialog
from widgets.pane import Pane, register_pane
from widgets.transfer.chart import ProblemsChart
from widgets.transfer.export_actions import ExportActions
from widgets.transfer.health_actions import HealthActions
from widgets.transfer.history import ImportHistory
from widgets.transfer.import_run import (
    check_work,
    errors_work,
    errors_written,
    import_steps,
    import_work,
    imported_summary,
)
from widgets.transfer.mapping import MappingTable
from widgets.transfer.models import ChangesModel, GroupsModel, RejectionsModel, table_view
from widgets.transfer.review import ReviewPage
from widgets.transfer.summary import check_summary

if TYPE_CHECKING:
    from studio.importing.check import Checked


@register_pane
class ImportExportPane(Pane):
    pane_id = "import_export"
    listens_to = frozenset({"workspace", "draft"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path: Path | None = None
        self.plan: Plan | None = None
        #: Field choices the admin made by hand (kept when another header row is tried).
        self.hand_chosen: dict[str, str | None] = {}
        #: Whether the next check's results should bring their most telling tab forward.
        self.fresh = False
        #: The journal of the import the checked plan would be, if it ran before.
        self.earlier: dict[str, Any] | None = None
        #: The server's records the checked plan merges into or asks about, by key.
        self.existing: dict[str, dict[str, Any]] = {}
        self.op: Op | None = None
        self.dialog: OpProgressDialog | None = None
        #: Records per request of a real import (``studio.importing.run.BATCH``).
        self.batch_size: int | None = None
        #: The file's size and time of change when the last check began (``_stamp``).
        self.checked_stamp: tuple[int, int] | None = None

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open workbook…"), self)
        self.open_button.setObjectName("open_workbook")
        self.open_button.setToolTip(self.tr("Open a workbook to import (Ctrl+O)"))
        self.open_button.clicked.connect(self.choose_file)
        # short in the crowded bar (the formats it reads in its tooltip); a
        # long file name is cut in the middle, the whole path in its tooltip
        formats = self.tr("No file chosen: .xlsx, .xls, .ods or .csv (GBK too).")
        self.file_label = ElidedLabel(self.tr("No file chosen"), self)
        self.file_label.set_full_text(self.tr("No file chosen"), tooltip=formats)
        self.entity = QComboBox(self)
        self.entity.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.entity.setObjectName("import_entity")
        self.entity.currentIndexChanged.connect(self._entity_chosen)
        self.check_button = QPushButton(self.tr("&Check"), self)
        self.check_button.setObjectName("check_import")
        self.check_button.setToolTip(
            self.tr("A dry run: everything is checked, nothing is written.")
        )
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.clicked.connect(self.run_import)
        self.errors_button = QPushButton(self.tr("Save error &workbook…"), self)
        self.errors_button.setObjectName("save_error_workbook")
        self.errors_button.clicked.connect(self.save_errors)
        # the sheet and the header row: found on opening, chosen here when the guess is wrong
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("import_sheet")
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.setToolTip(self.tr("The sheet to import"))
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self.header_row = QSpinBox(self)
        self.header_row.setObjectName("import_header_row")
        self.header_row.setRange(0, 1_048_576)
        self.header_row.setSpecialValueText(self.tr("found"))
        self.header_row.setToolTip(
            self.tr("The row of column titles (header = row 1 of the sheet); 'found': guessed")
        )
        self.header_row.valueChanged.connect(self._layout_chosen)
        self.sheet_label = QLabel(self.tr("Sheet:"), self)
        self.header_label = QLabel(self.tr("Header row:"), self)
        for w in (
            self.open_button,
            self.file_label,
            self.sheet_label,
            self.sheet,
            self.header_label,
            self.header_row,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Into:"), self))
        self.health = HealthActions(self)
        self.exports = ExportActions(self)
        for w in (
            self.entity,
            self.check_button,
            self.import_button,
            self.health.button,
            self.exports.button,
        ):
            bar.addWidget(w)
        layout.addLayout(bar)

        # what to do first, for someone who has never imported here (the pane was blank)
        self.summary = QLabel(
            self.tr(
                "Open a workbook (.xlsx, .xls, .ods or .csv): its columns are matched to the "
                "fields and every row is checked at once. Nothing is written until Import."
            ),
            self,
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.mapping = MappingTable(self)
        self.mapping.chosen_by_hand.connect(self._field_chosen)
        split.addWidget(self.mapping)

        self.tabs = QTabWidget(self)
        self.rejections = RejectionsModel(self)
        self.groups = GroupsModel(self)
        self.rejections_view = table_view(self.rejections, self)
        self.groups_view = table_view(self.groups, self)
        # the first column as wide as its heading at least (it was cut to "…并为一条记录的行")
        self.groups_view.setColumnWidth(
            0, max(200, self.groups_view.horizontalHeader().sectionSizeHint(0))
        )
        self.changes = ChangesModel(self)
        self.changes_view = table_view(self.changes, self)
        self.changes_view.setObjectName("import_changes")
        for column, width in ((0, 200), (1, 260), (2, 70)):
            self.changes_view.setColumnWidth(column, width)
        self.review_page = ReviewPage(self)
        # (the names the pane's callers and tests have always used)
        self.review, self.review_view = self.review_page.model, self.review_page.view
        self.not_same_button = self.review_page.not_same_button
        self.review_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.review_page.said_apart.connect(self._said_apart)
        self.chart = ProblemsChart(self)
        self.tabs.addTab(self.rejections_view, self.tr("Rejected rows"))
        self.tabs.addTab(self.review_page, self.tr("To review"))
        self.tabs.addTab(self.groups_view, self.tr("Duplicates merged"))
        # every change cleaning made, counted and shown with examples (issue 16: never silent)
        self.changes_tab = self.tabs.addTab(self.changes_view, self.tr("Changes made"))
        self.tabs.addTab(self.chart, self.tr("Problems by column"))
        self.tabs.addTab(self.health.make_view(), self.tr("Data health"))
        # above the rejected rows it writes, beside their tab: the bar had no room left for it
        # in a 1366 px window in English (the file's name was cut)
        self.tabs.setCornerWidget(self.errors_button, Qt.Corner.TopRightCorner)
        split.addWidget(self.tabs)

        self.history = ImportHistory(self)
        split.addWidget(self.history)
        split.setSizes([200, 400, 150])
        layout.addWidget(split, 1)
        self.reload()

    # -- state ------------------------------------------------------------------------------

    def reload(self) -> None:
        bundle = self.ctx.document.bundle if self.ctx.document.loaded else None
        if bundle is not None:
            current = self.entity.currentData()
            self.entity.blockSignals(True)
            self.entity.clear()
            for e in bundle.entities:
                self.entity.addItem(e.label.text(language()), e.key)
            index = self.entity.findData(current or "customer")
            self.entity.setCurrentIndex(max(index, 0))
            self.entity.blockSignals(False)
        self._enable()
        self.history.load()

    def _enable(self) -> None:
        busy = self.op is not None
        has_plan = self.plan is not None
        self.check_button.setEnabled(self.path is not None and not busy)
        self.header_row.setEnabled(self.path is not None and not busy)
        reverted = (self.earlier or {}).get("state") == "reverted"  # the server would refuse
        self.import_button.setEnabled(
            has_plan and not busy and not reverted and bool(self.plan and self.plan.rows_read)
        )
        self.errors_button.setEnabled(
            has_plan and not busy and bool(self.plan and self.plan.rejected)
        )
        self.review_page.set_enabled(has_plan and not busy)
        self.history.set_busy(busy)
        self.health.set_busy(busy)
        self.exports.set_busy(busy)

    def event(self, e: QEvent) -> bool:
        """Ctrl+O opens a workbook while the focus is in this pane; elsewhere it is the File
        menu's Open workspace (claimed before the menu's shortcut, which would be ambiguous)."""
        if (
            e.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(e, QKeyEvent)
            and e.matches(QKeySequence.StandardKey.Open)
        ):
            e.accept()
            if e.type() == QEvent.Type.KeyPress and self.open_button.isEnabled():
                self.choose_file()
            return True
        return super().event(e)

    # -- actions ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open workbook"),
            "",
            self.tr("Workbooks (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Take ``path`` and check it at once with the guessed mapping."""
        self.path = path
        self.file_label.set_full_text(path.name, tooltip=str(path))
        self.mapping.setRowCount(0)
        self.hand_chosen = {}
        self._set_layout((), None, 0)
        self._forget_plan()
        self.fresh = True
        self.check()

    def _forget_plan(self, why: str = "") -> None:
        """What was checked no longer stands (another file, entity, sheet, header row or
        mapping): nothing of it can be imported, and its results go, until the next check."""
        self.plan = None
        self.earlier = None
        for model in (self.rejections, self.review, self.groups):
            model.set_rows([])
        self.changes.set_rows([])
        self.chart.clear()
        self.tabs.setTabText(self.changes_tab, self.tr("Changes made"))
        self.summary.setToolTip("")
        if why:
            self.summary.setText(why)
        self._enable()

    def _entity_chosen(self) -> None:
        """Another entity has other fields: the columns are mapped anew and checked again."""
        if self.path is None:
            return
        self.mapping.setRowCount(0)
        self.hand_chosen = {}
        self._forget_plan()
        self.fresh = True
        self.check()

    def _set_layout(self, sheets: tuple[str, ...], sheet: str | None, header_row: int) -> None:
        """Show the sheets and the header row read (signals blocked: nothing was chosen)."""
        for w in (self.sheet, self.header_row):
            w.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(sheets))
        if sheet is not None:
            self.sheet.setCurrentIndex(max(self.sheet.findText(sheet), 0))
        self.header_row.setValue(header_row)
        for w in (self.sheet, self.header_row):
            w.blockSignals(False)
        self.sheet.setEnabled(len(sheets) > 1)

    def _sheet_chosen(self) -> None:
        """Another sheet: its header row is found anew, and its columns mapped anew."""
        self.header_row.blockSignals(True)
        self.header_row.setValue(0)
        self.header_row.blockSignals(False)
        self._layout_chosen()

    def _layout_chosen(self) -> None:
        """Another sheet or header row means other columns: the mapping is guessed anew (the
        admin's own choices kept for the columns that are still there)."""
        self.mapping.setRowCount(0)
        self._forget_plan(self.tr("The sheet or its header row changed: press Check."))

    def chosen_layout(self) -> tuple[str | None, int | None]:
        """The sheet and header row to read: what the admin set, else ``None`` (found)."""
        sheet = self.sheet.currentText() or None
        return sheet, (self.header_row.value() or None)

    def chosen_mapping(self) -> dict[str, str | None] | None:
        """The fields chosen for the columns shown, else those chosen by hand before (another
        header row was tried), else ``None``: guessed."""
        shown = self.mapping.chosen()
        return shown if shown is not None else (dict(self.hand_chosen) or None)

    def check(self) -> None:
        if self.path is None or self.op is not None:
            return
        path, entity_key, chosen = (
            self.path,
            self.entity.currentData() or "customer",
            self.chosen_mapping(),
        )
        sheet, header_row = self.chosen_layout()
        ws, user, server = self.ctx.workspace, self.ctx.user, self.server_or_none()
        self.checked_stamp = _stamp(path)
        # until this check ends, nothing checked before can be imported (it failed: neither)
        self._forget_plan()
        work = check_work(
            ws,
            entity_key,
            path,
            sheet=sheet,
            header_row=header_row,
            chosen=chosen,
            server=server,
            user=user,
        )
        checking = self.tr("Checking {name}…").format(name=path.name)
        self.summary.setText(checking)
        op = Op(work, self, progress=True)
        # a large workbook takes seconds: its progress and Cancel, in a dialog after a moment
        self.dialog = OpProgressDialog(op, checking, self)
        self.run_op(op, self._checked)

    def _checked(self, result: Checked) -> None:
        plan, changes, self.earlier = result.plan, result.changes, result.earlier
        self.plan = plan
        self._set_layout(plan.table.sheets, plan.table.sheet, plan.table.header_row)
        self.mapping.show_plan(plan)
        lang = language()
        self.rejections.show(plan, lang)
        self.existing = result.existing
        self.review.show(plan, result.existing)
        role = roles(plan.entity, plan.mapping.by_field())
        self.groups.show(plan, role.get("name"), result.existing)
        self.chart.show_plan(plan)
        self.changes.show(plan, changes, lang)
        self.tabs.setTabText(
            self.changes_tab,
            self.tr("Changes made ({n})").format(n=sum(c.count for c in changes if not c.finding)),
        )
        self._summarise(plan)
        # the changes, field by field and kind by kind (the tab shows them with examples)
        self.summary.setToolTip(
            "\n".join(change_lines(plan.entity, plan.cleaning, plan.checks, lang))
        )
        if self.fresh:  # a new file or entity: its most telling tab; a re-check stays put
            self.fresh = False
            if plan.rejected:
                self.tabs.setCurrentIndex(0)
            elif plan.review_pairs or plan.existing_review:
                self.tabs.setCurrentIndex(1)
            elif changes:
                self.tabs.setCurrentIndex(self.changes_tab)

    def _summarise(self, plan: Plan) -> None:
        self.summary.setText(check_summary(plan, self.earlier))

    def _field_chosen(self, header: str, field: str | None) -> None:
        """The admin mapped the column ``header`` by hand: the check no longer says what an
        import does."""
        self.hand_chosen[header] = field
        if self.plan is not None:
            self._forget_plan(self.tr("The mapping changed: press Check to see what it gives."))

    def server_or_none(self) -> Any:
        from studio.importing.server import ServerLink, server_link

        local = self.ctx.local_server
        if local is not None:
            return ServerLink(local.url, local.token)
        if self.ctx.server_url:
            try:
                return server_link(self.ctx.workspace, self.ctx.server_url)
            except StudioError:
                return None
        return None

    def run_import(self) -> None:
        if self.plan is None or self.op is not None:
            return
        server = self.server_or_none()
        if server is None:
            self.summary.setText(self.tr("No CRM server to import into: configure one first."))
            return
        if self.path is not None and _stamp(self.path) != self.checked_stamp:
            # saved again (the errors fixed in Excel?) or gone since the check: what was checked
            # is no longer what the file says, and the import would write the old rows
            self._forget_plan(
                self.tr("{name} changed or was moved since it was checked: press Check.").format(
                    name=self.path.name
                )
            )
            return
        work = import_work(
            self.ctx.workspace,
            self.plan,
            server,
            user=self.ctx.user,
            source=self.path,
            batch_size=self.batch_size,
        )
        plan = self.plan
        op = Op(work, self, progress=True, writes=True)
        self.dialog = OpProgressDialog(op, self.tr("Importing"), self)
        self.run_op(op, lambda outcome: self._imported(outcome, plan))
        # cancelled or failed half-way, the import is journalled: listed, resumable, revertable
        op.cancelled.connect(
            lambda _m: self.summary.setText(
                self.tr(
                    "Import cancelled between two batches: what was written stays. Import again "
                    "to resume it (nothing is written twice), or revert it in the list below."
                )
            )
        )
        op.finished.connect(self.history.load)
        op.finished.connect(self.health.records_changed)

    def import_steps(self) -> dict[str, str]:
        """The import's step words as its progress dialog says them (``import_run``)."""
        return import_steps()

    def _imported(self, outcome: Any, plan: Plan) -> None:
        self.summary.setText(imported_summary(outcome, plan))
        self.history.load()
        self.ctx.notify(OpChanges(audit=True), self)

    def save_errors(self) -> None:
        if self.plan is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save error workbook"), "errors.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.write_errors(Path(name))

    def write_errors(self, target: Path) -> None:
        assert self.plan is not None
        work = errors_work(self.plan, target, language())
        self.run_op(Op(work, self), lambda n: self.summary.setText(errors_written(n, target)))

    def not_same(self) -> None:
        """Not the same person, for the selected review pairs (``ReviewPage.not_same``)."""
        self.review_page.not_same()

    def _said_apart(self) -> None:
        """Pairs left the review list: the summary counts them no more."""
        if self.plan is not None:
            self._summarise(self.plan)

    def run_op(self, op: Op, done: Any) -> None:
        self.op = op
        op.succeeded.connect(done)
        op.failed.connect(lambda message: self.summary.setText(message))
        op.cancelled.connect(
            lambda _m: self.summary.setText(self.tr("Cancelled: nothing more was written."))
        )
        op.finished.connect(self._finished)
        self._enable()
        op.start()

    def _finished(self) -> None:
        self.op = None
        self._enable()


def _stamp(path: Path) -> tuple[int, int] | None:
    """``path``'s size and time of last change (``None``: it is not there)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
