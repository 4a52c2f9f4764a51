"""Permissions: the field permission matrix (edited through the draft), the entity matrix, and
"What can this user do?".

The field matrix is a model/view grid (``FieldMatrixModel`` behind a row filter): frozen headers
(fields down the side, roles across the top), a colour per access level, keyboard editing and
bulk set over any selection, a filter for sensitive fields, one role, fields changed since live,
and a search box (the model filters its own rows: no proxy between a paint and the cells). Every edit is one operation of the studio's one draft document (undo/redo, one
save of only the changed cells). The permission rules run off the UI thread after each edit and
mark the cells they are about.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.access.cell_ops import copy_role
from studio.access.leaver import HandOver
from studio.bundle.model import Approver, Bundle
from studio.i18n import language
from studio.lint import DataStats
from studio.lint.findings import Finding
from widgets.choices import refill_choices
from widgets.context import StudioContext
from widgets.entities.document import DesignerDocument
from widgets.history_actions import history_action
from widgets.ops import Op
from widgets.pane import Pane, register_pane
from widgets.permissions.access_tab import AccessTab
from widgets.permissions.entity_tab import EntityTab
from widgets.permissions.field_matrix_model import LEVELS, FieldMatrixModel
from widgets.permissions.health_tab import HealthTab
from widgets.permissions.matrix_excel import MatrixExcel
from widgets.permissions.matrix_view import FieldMatrixView, LevelDelegate
from widgets.permissions.people_tab import PeopleTab
from widgets.permissions.role_choice import ask_source_role
from widgets.sentences import counted


def _findings(bundle: Bundle, live: Bundle | None, stats: DataStats | None) -> list[Finding]:
    from studio.lint.permissions import permission_findings

    return permission_findings(bundle, live, stats)


@register_pane
class PermissionsPane(Pane):
    pane_id = "permissions"

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.doc: DesignerDocument = ctx.document
        self.findings: list[Finding] = []
        self._findings_op: Op | None = None
        #: the server's counts the findings on screen were judged with
        self._stats: DataStats | None = None

        self.undo_action = history_action(self.doc, self, self.tr("&Undo"), undo=True)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = history_action(self.doc, self, self.tr("&Redo"), undo=False)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

        # -- the field matrix ------------------------------------------------------------------
        self.words = {
            "hidden": self.tr("hidden"),
            "masked": self.tr("masked"),
            "read": self.tr("read"),
            "edit": self.tr("edit"),
        }
        self.field_model = FieldMatrixModel(lambda level: self.words[level], self)
        self.field_model.set_editor(self.doc.apply_op)
        self.matrix = FieldMatrixView(self)
        self.matrix.setModel(self.field_model)
        self.matrix.setItemDelegate(
            LevelDelegate(self.words, self.tr("follow the entity permission"), self.matrix)
        )
        self.matrix.level_keyed.connect(self.set_selection)

        self.entity_box = QComboBox(self)
        self.entity_box.setObjectName("matrix_entity")
        self.entity_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("matrix_role_filter")
        self.role_box.currentIndexChanged.connect(lambda _i: self._show_roles())
        self.sensitive_only = QCheckBox(self.tr("Sensitive fields only"), self)
        self.changed_only = QCheckBox(self.tr("Changed since live"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search fields…"))
        self.search.setClearButtonEnabled(True)
        for box in (self.sensitive_only, self.changed_only):
            box.toggled.connect(lambda _on: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())

        self.set_button = QToolButton(self)
        self.set_button.setText(self.tr("Set selection to"))
        self.set_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.set_button)
        for level, key in zip(LEVELS, "HMRE", strict=True):
            act = menu.addAction(f"{self.words[level]}\t{key}")
            act.triggered.connect(lambda _=False, lv=level: self.set_selection(lv))
        follow = menu.addAction(self.tr("follow the entity permission") + "\tDel")
        follow.triggered.connect(lambda _=False: self.set_selection(None))
        self.set_button.setMenu(menu)
        self.column_button = QPushButton(self.tr("Select &column"), self)
        self.column_button.clicked.connect(self.select_column)
        self.copy_button = QPushButton(self.tr("Copy &role from…"), self)
        self.copy_button.clicked.connect(self.copy_role_from)
        # The last hand-over dialog (tests answer it).
        self.leaver_dialog: QDialog | None = None
        # Copying acts on the role of the chosen cell: without one it could do nothing.
        self.matrix.selectionModel().currentChanged.connect(
            lambda current, _previous: self.copy_button.setEnabled(current.isValid())
        )
        self.field_model.modelReset.connect(
            lambda: self.copy_button.setEnabled(self.matrix.currentIndex().isValid())
        )
        self.copy_button.setEnabled(self.matrix.currentIndex().isValid())
        self.excel_button = QToolButton(self)
        self.excel_button.setObjectName("matrix_excel")
        self.excel_button.setText(self.tr("E&xcel"))
        self.excel_button.setToolTip(
            self.tr(
                "Both matrices as a workbook to edit in Excel, WPS or LibreOffice, and the edited "
                "workbook back into the draft (cell by cell, all or nothing)"
            )
        )
        self.excel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        excel_menu = QMenu(self.excel_button)
        self.excel = MatrixExcel(
            ctx, self.doc, lambda text: self.findings_label.setText(text), self
        )
        excel_menu.addAction(self.tr("Export the matrices to Excel…")).triggered.connect(
            lambda _=False: self.excel.export_dialog()
        )
        excel_menu.addAction(self.tr("Import edited matrices from Excel…")).triggered.connect(
            lambda _=False: self.excel.import_dialog()
        )
        self.excel_button.setMenu(excel_menu)
        self.leaver_button = QPushButton(self.tr("Hand over a &leaver…"), self)
        self.leaver_button.setObjectName("leaver_button")
        self.leaver_button.clicked.connect(self.hand_over_dialog)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Entity:"), self))
        filters.addWidget(self.entity_box)
        filters.addWidget(QLabel(self.tr("Role:"), self))
        filters.addWidget(self.role_box)
        filters.addWidget(self.sensitive_only)
        filters.addWidget(self.changed_only)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for w in (
            self.set_button,
            self.column_button,
            self.copy_button,
            self.excel_button,
            self.leaver_button,
        ):
            actions.addWidget(w)
        actions.addStretch(1)
        self.legend = QLabel(
            self.tr(
                "Cells in italics follow the role's permission on the entity; ● marks a "
                "sensitive field. Keys: H hidden, M masked, R read, E edit, Del follow."
            ),
            self,
        )
        self.legend.setWordWrap(True)
        self.findings_label = QLabel(self)
        self.findings_label.setObjectName("permission_findings")
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fix_button = QPushButton(self.tr("Fix &all"), self)
        self.fix_button.setObjectName("permission_fix_all")
        self.fix_button.setToolTip(
            self.tr(
                "Apply every fix the permission rules offer (archive instead of delete, mask a "
                "sensitive field), as one edit"
            )
        )
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.fix_all)

        fields_tab = QWidget(self)
        fields_layout = QVBoxLayout(fields_tab)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(filters)
        fields_layout.addLayout(actions)
        fields_layout.addWidget(self.matrix, 1)
        fields_layout.addWidget(self.legend)
        findings_row = QHBoxLayout()
        findings_row.addWidget(self.findings_label, 1)
        findings_row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        fields_layout.addLayout(findings_row)

        # -- the entity matrix ------------------------------------------------------------------
        self.entity_tab = EntityTab(self.doc, self.action_names, self)
        #: the entity matrix's model and view (kept here: callers know them by these names)
        self.model, self.table = self.entity_tab.model, self.entity_tab.table

        self.access_tab = AccessTab(self.doc, self.words, self.action_names, self)
        self.health_tab = HealthTab(self.doc, lambda: self._stats, self)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(fields_tab, self.tr("Field permissions"))
        self.tabs.addTab(self.entity_tab, self.tr("Entity permissions"))
        self.tabs.addTab(self.access_tab, self.tr("What can this user do?"))
        self.people = PeopleTab(self.doc, self)
        self.tabs.addTab(self.people, self.tr("Roles, users and teams"))
        self.tabs.addTab(self.health_tab, self.tr("Health"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)

        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(250)  # a burst of edits is judged once
        self._findings_timer.timeout.connect(self._run_findings)
        self.doc.changed.connect(self.refresh)
        # The server's counts (records leavers still own) arrived: judge again with them.
        ctx.checks.changed.connect(self._findings_timer.start)
        self.reload()

    # -- Pane --------------------------------------------------------------------------------
    def edit_actions(self) -> list[QAction]:
        return [self.undo_action, self.redo_action]

    def reload(self) -> None:
        self.doc.ensure_loaded()
        self.refresh()

    def refresh(self) -> None:
        """Show the document's bundle (after an edit, an undo, a load)."""
        bundle = self.doc.bundle
        lang = language()
        entities = [(e.key, e.label.text(lang)) for e in bundle.entities]
        for box in (self.entity_box, self.access_tab.who_entity):
            refill_choices(box, entities)
        roles = [(r.key, r.label.text(lang)) for r in bundle.roles]
        refill_choices(self.role_box, [("", self.tr("All roles")), *roles])
        entity = self.entity_box.currentData() or ""
        self.field_model.set_source(bundle, entity, lang, self.doc.live)
        self.entity_tab.refresh(bundle, lang)
        self.people.refresh(bundle)
        self._show_roles()
        self.access_tab.refresh(bundle)
        self._findings_timer.start()

    def _show_roles(self) -> None:
        wanted = self.role_box.currentData() or ""
        for column in range(self.field_model.columnCount()):
            hide = bool(wanted) and self.field_model.role_key(column) != wanted
            self.matrix.setColumnHidden(column, hide)

    def _filter(self) -> None:
        self.field_model.set_filter(
            sensitive_only=self.sensitive_only.isChecked(),
            changed_only=self.changed_only.isChecked(),
            text=self.search.text().strip(),
        )

    # -- edits -------------------------------------------------------------------------------
    def selected_cells(self) -> list[tuple[int, int]]:
        """The selected cells as (row, column), hidden columns left out."""
        out = []
        for index in self.matrix.selectionModel().selectedIndexes():
            if self.matrix.isColumnHidden(index.column()):
                continue
            out.append((index.row(), index.column()))
        return out

    def set_selection(self, level: str | None) -> bool:
        """Set every selected cell to ``level`` (``None``: follow the entity) as one edit."""
        return self.field_model.set_cells(self.selected_cells(), level)

    def select_column(self) -> None:
        """Select the current cell's whole column (the rows the filter shows)."""
        current = self.matrix.currentIndex()
        if current.isValid():
            self.matrix.selectionModel().select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Columns,
            )

    def copy_role_from(self) -> None:
        current = self.matrix.currentIndex()
        if not current.isValid():
            return
        target = self.field_model.role_key(current.column())
        bundle = self.doc.bundle
        chosen = ask_source_role(
            self,
            bundle.roles,
            target,
            title=self.tr("Copy role from"),
            prompt=self.tr("Copy the field permissions of:"),
        )
        if chosen is not None:
            self.doc.apply_op(copy_role(bundle, chosen, target, self.field_model.entity))

    def set_scopes(self, role: str, entity: str, scopes: dict[str, str]) -> bool:
        """A role's actions on an entity, with their scopes, as one edit of the draft."""
        return self.entity_tab.set_scopes(role, entity, scopes)

    def hand_over(self, user: str, to: str) -> bool:
        """The leaver hand-over as one edit of the draft; whether it was made."""
        return self.doc.apply_op(HandOver(user, to, registry=self._registry())) is None

    def hand_over_dialog(self) -> None:
        bundle = self.doc.bundle
        dialog = QDialog(self)
        dialog.setObjectName("leaver_dialog")
        dialog.setWindowTitle(self.tr("Hand over a leaver"))
        leaver, successor = QComboBox(dialog), QComboBox(dialog)
        for u in bundle.users:
            if not u.disabled:
                leaver.addItem(f"{u.display_name} ({u.user})", u.user)
                successor.addItem(f"{u.display_name} ({u.user})", u.user)
        # Two different people from the start (both lists began with the same one, and OK
        # then did nothing at all).
        successor.setCurrentIndex(min(1, successor.count() - 1))
        note = QLabel(
            self.tr(
                "The leaver is disabled, their approver key revoked, teams and assignment rules "
                "naming them go to the colleague, and their records are given to the colleague "
                "when the change goes live."
            ),
            dialog,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

        def same_person() -> None:
            ok.setEnabled(leaver.currentData() != successor.currentData())

        leaver.currentIndexChanged.connect(lambda _i: same_person())
        successor.currentIndexChanged.connect(lambda _i: same_person())
        same_person()
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Who is leaving:"), leaver)
        form.addRow(self.tr("Who takes over:"), successor)
        form.addRow(note)
        form.addRow(buttons)

        def accepted() -> None:
            op = HandOver(leaver.currentData(), successor.currentData(), registry=self._registry())
            refusal = self.doc.apply_op(op)
            if refusal is not None:  # said where the findings are, not dropped
                self.findings_label.setText(str(refusal))

        dialog.accepted.connect(accepted)
        self.leaver_dialog = dialog
        dialog.open()

    def _registry(self) -> tuple[Approver, ...] | None:
        """The approvers to revoke the leaver's key from (the live ones, when the draft has
        none of its own)."""
        registry = self.doc.live.approvers if self.doc.live is not None else None
        return registry if self.doc.bundle.approvers is None else None

    # -- findings --------------------------------------------------------------------------
    def _run_findings(self) -> None:
        bundle, live = self.doc.bundle, self.doc.live
        checks = self.ctx.checks
        checks.ask_owners(bundle)
        stats = checks.data_stats()
        self._stats = stats
        op = Op(lambda: _findings(bundle, live, stats), self)
        self._findings_op = op
        op.succeeded.connect(lambda found: self._show_findings(op, found))
        op.finished.connect(op.deleteLater)
        op.start()

    def _show_findings(self, op: Op, found: list[Finding]) -> None:
        if op is not self._findings_op:
            return  # an older run: a newer edit is being judged
        self.findings = found
        entity = self.field_model.entity
        marks = {
            (f.role, f.field): f.message
            for f in found
            if f.entity == entity and f.role is not None and f.field is not None
        }
        self.field_model.set_findings(marks)
        lines = [self.findings_summary(found)]
        lines += [f"• {f.message}" for f in found if f.blocking][:3]
        self.findings_label.setText("\n".join(lines))
        self.fix_button.setEnabled(any(f.fix is not None for f in found))
        self.health_tab.show_summary()

    def findings_summary(self, found: list[Finding]) -> str:
        """How many permission findings there are and how many are errors, in words that fit
        the counts ("3 permission findings, one of them an error.")."""
        errors = sum(1 for f in found if f.blocking)
        if not found:
            return self.tr("No permission findings.")
        if len(found) == 1:
            return (
                self.tr("1 permission finding: an error.")
                if errors
                else self.tr("1 permission finding, not an error.")
            )
        findings = counted(
            len(found), self.tr("{n} permission finding"), self.tr("{n} permission findings")
        )
        if errors == 0:
            return self.tr("{findings}, none of them errors.").format(findings=findings)
        return counted(
            errors,
            self.tr("{findings}, one of them an error."),
            self.tr("{findings}, {n} of them errors."),
            findings=findings,
        )

    def fix_all(self) -> bool:
        """Every fix the permission findings on screen offer, as one edit of the draft."""
        from studio.draft.operations import Edit
        from studio.lint.fixes import apply_fix

        fixes = [f.fix for f in self.findings if f.fix is not None]
        if not fixes:
            return False

        def fixed(bundle: Bundle) -> Bundle:
            for fix in fixes:
                bundle = apply_fix(bundle, fix)
            return bundle

        return self.doc.apply_op(Edit("fix permission findings", fixed)) is None

    def action_names(self) -> dict[str, str]:
        """Each action (``studio.bundle.access.ACTIONS``) as the admin reads it."""
        return {
            "create": self.tr("Create"),
            "read": self.tr("Read"),
            "edit": self.tr("Edit"),
            "archive": self.tr("Archive (hidden, history kept)"),
            "delete": self.tr("Delete"),
            "import": self.tr("Import"),
            "export": self.tr("Export"),
        }
