"""Entities & Forms: the entity and form designers over one draft, with undo and findings."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle
from studio.bundle.search import matching_fields
from studio.draft import edits as de
from studio.draft.edit_checks import value_from_text
from studio.errors import StudioError
from studio.i18n import language
from studio.lint.findings import Finding
from studio.lint.fixes import apply_fix, apply_fixes
from studio.lint.permissions import CODES as PERMISSION_CODES
from widgets.context import StudioContext
from widgets.entities.dialogs import EditDialog
from widgets.entities.document import DesignerDocument
from widgets.entities.field_designer import FieldDesigner
from widgets.entities.findings_panel import FindingsPanel
from widgets.entities.form_designer import FormDesigner
from widgets.history_actions import history_action
from widgets.pane import Pane, register_pane
from widgets.sentences import counted


@register_pane
class EntitiesPane(Pane):
    pane_id = "entities"

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.doc: DesignerDocument = ctx.document
        self.findings: list[Finding] = []
        self._keys: list[str] = []

        # Undo/redo live on the pane; the main window's Edit menu shows these same actions. Their
        # shortcuts work wherever the focus is in the window while the pane is shown (the
        # navigation on the left included): a shortcut the Edit menu shows must work. A text
        # input keeps Ctrl+Z for its own text while it has the focus, as everywhere.
        self.undo_action = history_action(self.doc, self, self.tr("&Undo"), undo=True)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = history_action(self.doc, self, self.tr("&Redo"), undo=False)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)

        self.entity_model = QStringListModel(self)
        self.entity_list = QListView(self)
        self.entity_list.setObjectName("entity_list")
        self.entity_list.setModel(self.entity_model)
        self.entity_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.entity_list.setStyleSheet("QListView::item { padding: 6px 4px; }")
        self.new_entity_button = QPushButton(self.tr("&New entity…"), self)
        self.new_entity_button.setObjectName("new_entity")
        self.new_entity_button.clicked.connect(self.new_entity_dialog)
        # Search (Ctrl+F): the entities holding a match, and in the table only the matching fields.
        self.search = QLineEdit(self)
        self.search.setObjectName("field_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find a field (Ctrl+F)"))
        self.search.setToolTip(
            self.tr(
                "A piece of a field's key or of its Chinese or English label; Enter: next entity"
            )
        )
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_next_entity)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self.search_count = QLabel(self)
        self.search_count.setObjectName("field_search_count")
        self.search_count.setStyleSheet("color: palette(mid);")
        self.search_count.hide()
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addWidget(self.search_count)
        ll.addWidget(self.entity_list, 1)
        ll.addWidget(self.new_entity_button)

        self.heading = QLabel(self)
        self.heading.setObjectName("entity_heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600; padding: 4px 2px;")
        # The platform's undo/redo icons (not back/forward arrows); where the platform has no
        # icon theme, the undo and redo signs as text.
        self.undo_button = self._history_button(self.undo_action, QIcon.ThemeIcon.EditUndo, "↶")
        self.redo_button = self._history_button(self.redo_action, QIcon.ThemeIcon.EditRedo, "↷")
        undo_button, redo_button = self.undo_button, self.redo_button
        self.undo_stack_changed()
        # Bound methods, not lambdas: the stack outlives the pane, and Qt disconnects a
        # destroyed receiver's slots only.
        self.doc.undo_stack.undoTextChanged.connect(self.undo_stack_changed)
        self.doc.undo_stack.redoTextChanged.connect(self.undo_stack_changed)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("save_state")
        self.save_label.setStyleSheet("color: palette(mid);")
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.save_label)
        head.addWidget(undo_button)
        head.addWidget(redo_button)

        self.fields = FieldDesigner(self.doc, self)
        self.forms = FormDesigner(self.doc, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("designer_tabs")
        self.tabs.addTab(self.fields, self.tr("F&ields"))
        self.tabs.addTab(self.forms, self.tr("F&orms"))

        self.findings_panel = FindingsPanel(self)
        self.findings_panel.on_fix = self.apply_fix
        self.findings_panel.on_fix_all = self.apply_all_fixes
        self.findings_panel.go_to.connect(self.go_to)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(head)
        rl.addWidget(self.tabs, 1)
        vsplit = QSplitter(Qt.Orientation.Vertical, self)
        vsplit.addWidget(right)
        vsplit.addWidget(self.findings_panel)
        vsplit.setStretchFactor(0, 4)
        vsplit.setStretchFactor(1, 1)
        vsplit.setSizes([560, 160])
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(vsplit)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        # Findings are recomputed once per burst of edits, after the UI has shown the edit.
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(0)
        self._findings_timer.timeout.connect(self.refresh_findings)
        # The server's record counts arrived: the same findings as Changes, with them.
        ctx.checks.changed.connect(self._findings_timer.start)

        self.entity_list.selectionModel().currentChanged.connect(self._entity_chosen)
        self.doc.changed.connect(self._doc_changed)
        self.doc.save_state.connect(self._save_state)
        if self.doc.loaded:
            self._doc_changed()
        self.reload()

    def _history_button(self, action: QAction, icon: QIcon.ThemeIcon, sign: str) -> QToolButton:
        themed = QIcon.fromTheme(icon)
        action.setIcon(themed if not themed.isNull() else self._sign_icon(sign))
        button = QToolButton(self)
        button.setDefaultAction(action)
        # Icon only: the tooltip says what it undoes or redoes, and the shortcut.
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return button

    def _sign_icon(self, sign: str) -> QIcon:
        """The undo or redo sign drawn as an icon, where the platform has no icon theme."""
        size = 32
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        font = self.font()
        font.setPixelSize(26)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, sign)
        painter.end()
        return QIcon(pixmap)

    def undo_stack_changed(self, _text: str = "") -> None:
        """The actions' tooltips say what they undo or redo, with the shortcut."""
        for action in (self.undo_action, self.redo_action):
            keys = " / ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            text = re.sub(r"\(&\w\)|&", "", action.text())  # no mnemonic: "撤销(&U)", "&Undo"
            action.setToolTip(f"{text} ({keys})")

    # -- the pane's life -------------------------------------------------------------------------
    def edit_actions(self) -> list[QAction]:
        """For the main window's Edit menu."""
        return [self.undo_action, self.redo_action]

    def reload(self) -> None:
        # The designers show the document itself, which the context keeps (and reloads when
        # another workspace opens): nothing to read again here.
        self.doc.ensure_loaded()

    def current_entity(self) -> str | None:
        row = self.entity_list.currentIndex().row()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def select_entity(self, key: str) -> None:
        if key in self._keys:
            self.entity_list.setCurrentIndex(self.entity_model.index(self._keys.index(key), 0))

    def _doc_changed(self) -> None:
        bundle = self.doc.bundle
        current = self.current_entity()
        lang = language()
        keys = [e.key for e in bundle.entities]
        labels = [f"{e.label.text(lang)}  ({e.key})" for e in bundle.entities]
        if keys != self._keys or labels != self.entity_model.stringList():
            self._keys = keys
            self.entity_list.selectionModel().blockSignals(True)
            self.entity_model.setStringList(labels)
            self.entity_list.selectionModel().blockSignals(False)
            target = current if current in keys else (keys[0] if keys else None)
            if target is not None:
                self.entity_list.selectionModel().blockSignals(True)
                self.entity_list.setCurrentIndex(self.entity_model.index(keys.index(target), 0))
                self.entity_list.selectionModel().blockSignals(False)
        self._apply_search()
        self._show_entity(self.current_entity())
        self._findings_timer.start()

    # -- search --------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, _text: str) -> None:
        self._apply_search()
        self._show_entity(self.current_entity())

    def _apply_search(self) -> None:
        """Hide the entities without a match; move off a hidden entity to the first shown."""
        text = self.search.text().strip()
        matches = matching_fields(self.doc.bundle, text) if text else None
        for row, key in enumerate(self._keys):
            self.entity_list.setRowHidden(row, matches is not None and key not in matches)
        self.fields.set_shown_fields(None if matches is None else set().union(*matches.values()))
        if matches is None:
            self.search_count.hide()
            return
        fields = sum(len(v) for v in matches.values())
        self.search_count.setText(
            self.tr("{fields} in {entities}").format(
                fields=counted(fields, self.tr("{n} field"), self.tr("{n} fields")),
                entities=counted(len(matches), self.tr("{n} entity"), self.tr("{n} entities")),
            )
            if matches
            else self.tr("No field matches.")
        )
        self.search_count.show()
        current = self.current_entity()
        if matches and current not in matches:
            self.select_entity(next(iter(matches)))

    def _search_next_entity(self) -> None:
        """Enter in the search box: the next entity with a match (wrapping around)."""
        shown = [k for r, k in enumerate(self._keys) if not self.entity_list.isRowHidden(r)]
        current = self.current_entity()
        if shown:
            at = shown.index(current) + 1 if current in shown else 0
            self.select_entity(shown[at % len(shown)])

    def _entity_chosen(self) -> None:
        self._show_entity(self.current_entity())

    def _show_entity(self, key: str | None) -> None:
        entity = self.doc.bundle.entity(key) if key else None
        if entity is None:
            self.heading.setText(self.tr("No entities yet."))
        else:
            self.heading.setText(
                counted(
                    len(entity.fields),
                    self.tr("{entity} — {n} field"),
                    self.tr("{entity} — {n} fields"),
                    entity=entity.label.text(language()),
                )
            )
        self.fields.show_entity(key)
        self.forms.show_entity(key)
        self.fields.model.set_findings(self.findings)
        self.forms.set_findings(self.findings)

    def _save_state(self, state: str, message: str) -> None:
        # A conflict or a failed save is said in full by the window's banner, in every pane;
        # here only in short (the whole sentence squeezed the entity list to a sliver).
        if state in ("conflict", "error"):
            self.save_label.setText(self.tr("Not saved"))
            self.save_label.setToolTip(message)
        else:
            self.save_label.setText(message)
            self.save_label.setToolTip("")
        if state == "loading" and not self._keys:
            self.heading.setText(message)

    # -- findings --------------------------------------------------------------------------------
    def refresh_findings(self) -> None:
        # One set of findings: the same inputs as Changes › Draft vs live and submit. Notes
        # about roles and accounts belong to the Permissions pane; what blocks a submit is
        # shown here too.
        self.findings = [
            f
            for f in self.ctx.checks.findings(self.doc.bundle)
            if f.blocking or f.code not in PERMISSION_CODES
        ]
        self.findings_panel.set_findings(self.findings)
        self.fields.model.set_findings(self.findings)
        self.forms.set_findings(self.findings)

    def apply_fix(self, finding: Finding, value: Any) -> str | None:
        """Apply ``finding``'s fix as one undoable edit (``value``: what the person typed)."""
        fix = finding.fix
        if fix is None:
            return None
        params = dict(fix.params)
        entity, field = str(params.get("entity", "")), str(params.get("field", ""))
        ent = self.doc.bundle.entity(entity)
        fd = ent.field(field) if ent else None
        if value is not None:
            params["value"] = value_from_text(fd, value) if fd else value
        if fix.action in ("set_default", "set_backfill") and fd is not None and "value" in params:
            # Through the designer's own edit, so that a value that does not fit the field is
            # refused with the same message as in the property editor.
            prop = "default" if fix.action == "set_default" else "backfill"
            changes = {prop: params["value"]}
            live = self.doc.live
            problem = self.doc.apply(
                fix.label, lambda b: de.update_field(b, entity, field, changes, live=live)
            )
        else:
            kwargs = {"value": params["value"]} if "value" in params else {}
            problem = self.doc.apply(fix.label, lambda b: apply_fix(b, fix, **kwargs))
        if problem is None:
            self.refresh_findings()
        return str(problem) if problem else None

    def apply_all_fixes(self) -> str | None:
        """Every finding's fix that needs no value, as one undoable edit ("Fix all")."""
        fixes = [f.fix for f in self.findings if f.fix is not None]

        def edit(bundle: Bundle) -> Bundle:
            return apply_fixes(bundle, fixes)[0]

        problem = self.doc.apply(self.tr("Fix all findings"), edit)
        if problem is None:
            self.refresh_findings()
        return str(problem) if problem else None

    def go_to(self, entity: str, field: str) -> None:
        self.select_entity(entity)
        if field:
            self.tabs.setCurrentWidget(self.fields)
            self.fields.select_field(field)

    # -- new entity ------------------------------------------------------------------------------
    def new_entity_dialog(self) -> EditDialog:
        def submit(v: dict[str, Any]) -> StudioError | None:
            key = str(v["key"]).strip()
            problem = self.doc.apply(
                self.tr("Add entity %1").replace("%1", key),
                lambda b: de.add_entity(b, key, v["label_zh"], v["label_en"]),
            )
            if problem is None:
                self.select_entity(key)
            return problem

        dialog = EditDialog(self.tr("New entity"), submit, self)
        dialog.add_text("key", self.tr("Key"), "supplier")
        dialog.add_text("label_zh", self.tr("Label (中文)"), "供应商")
        dialog.add_text("label_en", self.tr("Label (English)"), "Supplier")
        dialog.suggest_key({e.key for e in self.doc.bundle.entities})
        dialog.open()
        return dialog
