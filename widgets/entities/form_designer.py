"""The form designer: pick a form, drag fields from the palette onto its sections, preview it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Form
from studio.draft import edits as de
from studio.errors import StudioError
from studio.i18n import language
from studio.lint.findings import Finding
from widgets.entities.dialogs import EditDialog
from widgets.entities.document import DesignerDocument
from widgets.entities.form_models import CanvasModel, PaletteModel
from widgets.entities.preview import FormPreview


class FormDesigner(QWidget):
    def __init__(self, doc: DesignerDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.entity: str | None = None
        self.form_key: str | None = None
        self._stale = True
        self._findings: list[Finding] = []

        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("form_combo")
        self.form_combo.setMinimumWidth(220)
        self.form_combo.currentIndexChanged.connect(self._form_chosen)
        self.new_form_button = QPushButton(self.tr("New for&m…"), self)
        self.new_form_button.clicked.connect(self.new_form_dialog)
        self.new_section_button = QPushButton(self.tr("New sec&tion…"), self)
        self.new_section_button.clicked.connect(self.new_section_dialog)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Form:"), self))
        top.addWidget(self.form_combo)
        top.addWidget(self.new_form_button)
        top.addWidget(self.new_section_button)
        top.addStretch(1)

        self.palette_model = PaletteModel(self)
        self.palette = QListView(self)
        self.palette.setObjectName("palette")
        self.palette.setModel(self.palette_model)
        self.palette.setDragEnabled(True)
        self.palette.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.palette.setUniformItemSizes(True)  # constant-time layout for thousands of fields
        self.palette.setIconSize(QSize(16, 16))
        self.palette.doubleClicked.connect(self._palette_activated)

        self.canvas_model = CanvasModel(self)
        self.canvas_model.on_place = self.place
        self.canvas_model.on_read_only = self.set_read_only
        self.canvas_model.on_column = self.set_column
        self.canvas = QTreeView(self)
        self.canvas.setObjectName("canvas")
        self.canvas.setModel(self.canvas_model)
        self.canvas.setUniformRowHeights(True)
        self.canvas.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.canvas.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.canvas.setDropIndicatorShown(True)
        self.canvas.setAcceptDrops(True)
        self.canvas.setDragEnabled(True)
        self.canvas.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.canvas.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.canvas.header().setStretchLastSection(False)
        self.canvas.header().resizeSection(1, 95)
        self.canvas.header().resizeSection(2, 80)

        self.remove_button = QPushButton(self.tr("&Remove from form"), self)
        self.remove_button.setToolTip(self.tr("Take the selected field off this form (Del)"))
        self.remove_button.clicked.connect(self.remove_current)
        self.read_only_button = QPushButton(self.tr("To&ggle read-only"), self)
        self.read_only_button.clicked.connect(self.toggle_read_only)
        self.up_button = QPushButton(self.tr("Up"), self)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Down"), self)
        self.down_button.clicked.connect(lambda: self.move_current(1))
        QShortcut(QKeySequence.StandardKey.Delete, self.canvas, self.remove_current)
        # They act on the field selected on the form: without one they could do nothing.
        self.canvas.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        canvas_buttons = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.read_only_button, self.remove_button):
            canvas_buttons.addWidget(b)
        canvas_buttons.addStretch(1)

        self.preview = FormPreview(self)
        self.message = QLabel(self)
        self.message.setObjectName("form_designer_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        doc.refused.connect(self._refused)
        doc.changed.connect(self.message.hide)

        def column(title: str, *parts: Any) -> QWidget:
            box = QWidget(self)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(title, box)
            caption.setStyleSheet("font-weight: 600;")
            lay.addWidget(caption)
            for part in parts:
                if isinstance(part, QWidget):
                    lay.addWidget(part, 1)
                else:
                    lay.addLayout(part)
            return box

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(column(self.tr("Fields (drag onto the form)"), self.palette))
        splitter.addWidget(column(self.tr("Form layout"), self.canvas, canvas_buttons))
        splitter.addWidget(column(self.tr("Live preview"), self.preview))
        splitter.setSizes([260, 380, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    # -- showing ---------------------------------------------------------------------------------
    def show_entity(self, key: str | None) -> None:
        # Rebuilding a 500-placement canvas nobody sees would slow every edit in the field
        # table: a hidden form designer only remembers what to show.
        if not self.isVisible():
            if key != self.entity:
                self.form_key = None
            self.entity = key
            self._stale = True
            return
        self._stale = False
        if key != self.entity:
            self.form_key = None
        self.entity = key
        entity = self.doc.bundle.entity(key) if key else None
        forms = entity.forms if entity else ()
        if self.form_key not in [f.key for f in forms]:
            self.form_key = forms[0].key if forms else None
        self.form_combo.blockSignals(True)
        self.form_combo.clear()
        lang = language()
        kinds = {
            "create": self.tr("create"),
            "edit": self.tr("edit"),
            "mobile": self.tr("mobile"),
        }
        for f in forms:
            self.form_combo.addItem(f"{f.label.text(lang)}  [{kinds[f.kind]}]", f.key)
        self.form_combo.setCurrentIndex(max(0, self.form_combo.findData(self.form_key)))
        self.form_combo.blockSignals(False)
        self.new_form_button.setEnabled(entity is not None)
        self._refresh()

    def set_findings(self, findings: list[Finding]) -> None:
        self._findings = findings
        self.palette_model.set_findings(findings)

    def _refused(self, _prop: str, message: str) -> None:
        if self.isVisible():
            self.message.setText(message)
            self.message.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.show_entity(self.entity)

    def current_form(self) -> Form | None:
        entity = self.doc.bundle.entity(self.entity) if self.entity else None
        if entity is None:
            return None
        return next((f for f in entity.forms if f.key == self.form_key), None)

    def _form_chosen(self, _row: int) -> None:
        self.form_key = self.form_combo.currentData()
        self._refresh()

    def _refresh(self) -> None:
        entity = self.doc.bundle.entity(self.entity) if self.entity else None
        form = self.current_form()
        selected = self.canvas_model.field_key(self.canvas.currentIndex())
        self.palette_model.set_content(entity, form)
        self.palette_model.set_findings(self._findings)
        self.canvas_model.set_content(entity, form)
        self.canvas.expandAll()
        if selected:
            self.canvas.setCurrentIndex(self.canvas_model.index_of_field(selected))
        self.preview.set_form(entity, form)
        self.new_section_button.setEnabled(form is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Up, Down, Toggle read-only and Remove only with a field selected (Up not on the
        section's first field, Down not on its last)."""
        index = self.canvas.currentIndex()
        field = self.canvas_model.field_key(index) if index.isValid() else None
        last = self.canvas_model.rowCount(index.parent()) - 1 if field else -1
        self.up_button.setEnabled(bool(field) and index.row() > 0)
        self.down_button.setEnabled(bool(field) and index.row() < last)
        self.read_only_button.setEnabled(bool(field))
        self.remove_button.setEnabled(bool(field))

    # -- edits -----------------------------------------------------------------------------------
    def _apply(self, text: str, edit: Any) -> StudioError | None:
        return self.doc.apply(text, edit)

    def place(self, section: str, field: str, index: int) -> bool:
        entity, form = self.entity, self.form_key
        if entity is None or form is None:
            return False
        problem = self._apply(
            self.tr("Place %1 on the form").replace("%1", field),
            lambda b: de.place_field(b, entity, form, section, field, index),
        )
        if problem is None:
            self.canvas.setCurrentIndex(self.canvas_model.index_of_field(field))
        return problem is None

    def _palette_activated(self, index: QModelIndex) -> None:
        form = self.current_form()
        key = self.palette_model.data(index, Qt.ItemDataRole.UserRole)
        if form is not None and form.sections and key:
            self.place(form.sections[-1].key, key, len(form.sections[-1].placements))

    def remove_current(self) -> None:
        field = self.canvas_model.field_key(self.canvas.currentIndex())
        entity, form = self.entity, self.form_key
        if field and entity and form:
            self._apply(
                self.tr("Remove %1 from the form").replace("%1", field),
                lambda b: de.remove_placement(b, entity, form, field),
            )

    def set_read_only(self, field: str, read_only: bool) -> None:
        entity, form = self.entity, self.form_key
        if entity and form:
            self._apply(
                self.tr("Mark %1 read-only").replace("%1", field)
                if read_only
                else self.tr("Make %1 editable").replace("%1", field),
                lambda b: de.set_read_only(b, entity, form, field, read_only),
            )

    def set_column(self, field: str, column: int) -> None:
        entity, form = self.entity, self.form_key
        if entity and form:
            self._apply(
                self.tr("Move %1 to column %2").replace("%1", field).replace("%2", str(column + 1)),
                lambda b: de.set_placement(b, entity, form, field, column=column),
            )

    def toggle_read_only(self) -> None:
        index = self.canvas.currentIndex()
        field = self.canvas_model.field_key(index)
        if field:
            ro = self.canvas_model.index(index.row(), 2, index.parent()).data(
                Qt.ItemDataRole.CheckStateRole
            )
            self.set_read_only(field, Qt.CheckState(ro) != Qt.CheckState.Checked)

    def move_current(self, step: int) -> None:
        index = self.canvas.currentIndex()
        field = self.canvas_model.field_key(index)
        section = self.canvas_model.section_key(index)
        if field and section:
            self.place(section, field, max(0, index.row() + step))

    def new_form_dialog(self) -> EditDialog | None:
        entity = self.entity
        if entity is None:
            return None

        def submit(v: dict[str, Any]) -> StudioError | None:
            key = str(v["key"]).strip()
            problem = self._apply(
                self.tr("Add form %1").replace("%1", key),
                lambda b: de.add_form(b, entity, key, v["kind"], v["label_zh"], v["label_en"]),
            )
            if problem is None:
                self.form_key = key
                self.show_entity(entity)
            return problem

        dialog = EditDialog(self.tr("New form"), submit, self)
        dialog.add_text("key", self.tr("Key"), "mobile_create")
        dialog.add_choice(
            "kind",
            self.tr("For"),
            [
                (self.tr("create"), "create"),
                (self.tr("edit"), "edit"),
                (self.tr("mobile"), "mobile"),
            ],
        )
        dialog.add_text("label_zh", self.tr("Label (中文)"), "新建客户（手机）")
        dialog.add_text("label_en", self.tr("Label (English)"), "New customer (mobile)")
        dialog.open()
        return dialog

    def new_section_dialog(self) -> EditDialog | None:
        entity, form = self.entity, self.form_key
        if entity is None or form is None:
            return None

        def submit(v: dict[str, Any]) -> StudioError | None:
            key = str(v["key"]).strip()
            return self._apply(
                self.tr("Add section %1").replace("%1", key),
                lambda b: de.add_section(
                    b, entity, form, key, v["label_zh"], v["label_en"], v["columns"]
                ),
            )

        dialog = EditDialog(self.tr("New section"), submit, self)
        dialog.add_text("key", self.tr("Key"), "customs")
        dialog.add_text("label_zh", self.tr("Label (中文)"), "报关信息")
        dialog.add_text("label_en", self.tr("Label (English)"), "Customs")
        dialog.add_number("columns", self.tr("Columns"), 1, 4, 1)
        dialog.open()
        return dialog
