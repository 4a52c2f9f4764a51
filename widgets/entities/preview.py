"""The live preview: the form as a salesperson sees it, with the CRM's validation behind Save.

One input per placed field (a preview is the one place where a widget per field is the point),
built only when the preview is shown. Save checks every value with ``studio.bundle.values.check_value``,
the same function the rules use, and puts the messages next to the fields. Empty means one thing
everywhere: missing, "" and "  " are all empty, and none of them can make it raise.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Entity, FieldDef, FieldType, Form
from studio.bundle.values import check_value, is_empty
from studio.draft.edit_checks import text_of_value, value_from_text
from studio.i18n import language, name_list
from widgets.sentences import counted

_EMPTY_DATE = QDate(1900, 1, 1)
#: Pixels. A caption wraps beyond this width, so a long label never pushes its input away; an
#: input and its message are at least this wide, so neither is squeezed (a message wrapped
#: inside a word, "此项为必填/项。", was the sign). Two columns that do not fit scroll sideways.
CAPTION_WIDTH = 160
INPUT_WIDTH = 150


class FieldInput:
    """One field's input widget and how to read and set its value."""

    def __init__(self, fd: FieldDef, parent: QWidget) -> None:
        self.fd = fd
        lang = language()
        t = fd.type
        self.widget: QWidget
        if t == FieldType.long_text:
            self.widget = QPlainTextEdit(parent)
            self.widget.setFixedHeight(60)
        elif t == FieldType.boolean:
            self.widget = QCheckBox(parent)
        elif t == FieldType.select:
            combo = QComboBox(parent)
            combo.addItem("", None)
            for o in fd.options:
                combo.addItem(o.label.text(lang), o.key)
            self.widget = combo
        elif t == FieldType.multi_select:
            lst = QListWidget(parent)
            for o in fd.options:
                item = QListWidgetItem(o.label.text(lang), lst)
                item.setData(Qt.ItemDataRole.UserRole, o.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            lst.setFixedHeight(min(100, 22 * max(1, len(fd.options)) + 6))
            self.widget = lst
        elif t == FieldType.date:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setMinimumDate(_EMPTY_DATE)
            edit.setSpecialValueText(" ")  # the minimum date shows as blank: no date
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_EMPTY_DATE)
            self.widget = edit
        elif t == FieldType.datetime:
            dt = QDateTimeEdit(parent)
            dt.setMinimumDate(_EMPTY_DATE)
            dt.setSpecialValueText(" ")
            dt.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
            dt.setDateTime(QDateTime(_EMPTY_DATE, dt.minimumTime()))
            self.widget = dt
        else:
            line = QLineEdit(parent)
            line.setPlaceholderText(_placeholder(fd))
            hint = fd.validation.hint if fd.validation else None
            if hint is not None:  # what the pattern wants, in words (never the regex)
                line.setToolTip(hint.text(language()))
            if fd.max_length:
                line.setMaxLength(max(fd.max_length + 1, 1))  # one over, so "too long" shows
            self.widget = line
        self.widget.setObjectName(f"preview_{fd.key}")
        self.set_value(fd.default)

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QListWidget):
            keys = [
                w.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(w.count())
                if w.item(i).checkState() == Qt.CheckState.Checked
            ]
            return keys or None
        if isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
            if w.date() == _EMPTY_DATE:
                return None
            return w.dateTime().toString("yyyy-MM-dd HH:mm:ss")
        if isinstance(w, QDateEdit):
            return None if w.date() == _EMPTY_DATE else w.date().toString("yyyy-MM-dd")
        assert isinstance(w, QLineEdit)
        text = w.text()
        if self.fd.type in (FieldType.number, FieldType.money):
            return value_from_text(self.fd, text) if text.strip() else text
        return text

    def set_value(self, value: Any) -> None:
        """Show ``value``; anything empty (None, "", "  ") or unshowable clears the input."""
        w = self.widget
        empty = is_empty(value)
        if isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(value is True)
        elif isinstance(w, QComboBox):
            # Option keys are strings; anything else (a huge int cannot even cross into Qt) is
            # no option.
            found = w.findData(value) if isinstance(value, str) and not empty else 0
            w.setCurrentIndex(max(0, found))
        elif isinstance(w, QListWidget):
            chosen = set(value) if isinstance(value, list | tuple) else set()
            for i in range(w.count()):
                item = w.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        elif isinstance(w, QDateEdit):
            d = QDate.fromString(str(value), "yyyy-MM-dd") if not empty else QDate()
            w.setDate(d if d.isValid() else _EMPTY_DATE)
        elif isinstance(w, QDateTimeEdit):
            dt = QDateTime.fromString(str(value), "yyyy-MM-dd HH:mm:ss") if not empty else None
            w.setDateTime(dt if dt and dt.isValid() else QDateTime(_EMPTY_DATE, w.minimumTime()))
        elif isinstance(w, QLineEdit):
            # "  " stays "  ": the preview must show that whitespace counts as empty.
            w.setText(value if isinstance(value, str) else text_of_value(value))


def _placeholder(fd: FieldDef) -> str:
    return {
        FieldType.phone: "138 0000 0000",
        FieldType.email: "name@example.com",
        FieldType.url: "https://",
        FieldType.number: "0",
        FieldType.money: "0.00",
    }.get(fd.type, "")


class FormPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_preview")
        self.inputs: dict[str, FieldInput] = {}
        self.errors: dict[str, QLabel] = {}
        self._entity: Entity | None = None
        self._form: Form | None = None
        self._built_for: tuple[Entity | None, Form | None] | None = None
        self._queue: list[tuple[QGroupBox, QGridLayout, int, int, FieldDef, bool]] = []
        self._kept: dict[str, Any] = {}
        self._body: QWidget | None = None
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_batch)
        self._error_palette = QPalette()
        self._error_palette.setColor(QPalette.ColorRole.WindowText, QColor("#b3261e"))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.banner = QLabel(self)
        self.banner.setObjectName("preview_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("preview_save")
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("&Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

    def set_form(self, entity: Entity | None, form: Form | None) -> None:
        """Remember what to render; the widgets are built when the preview is visible."""
        self._entity, self._form = entity, form
        if self.isVisible():
            self.rebuild()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.rebuild()

    def rebuild(self) -> None:
        """Start building the preview of the current form, a batch of fields per event-loop turn.

        500 inputs take ~0.5 s to create: in batches the UI stays responsive, and the finished
        form replaces the old one at once. ``ensure_built`` finishes a build synchronously.
        """
        if self._built_for == (self._entity, self._form):
            return
        self._built_for = (self._entity, self._form)
        self._kept = {k: i.value() for k, i in self.inputs.items()} | self._kept_pending()
        self.inputs.clear()
        self.errors.clear()
        self.banner.hide()
        self._body = QWidget()
        bl = QVBoxLayout(self._body)
        entity, form = self._entity, self._form
        self._queue = []
        if entity is None or form is None:
            bl.addWidget(
                QLabel(self.tr("No form to preview: add one with “New form…”."), self._body)
            )
        else:
            lang = language()
            title = QLabel(form.label.text(lang), self._body)
            title.setStyleSheet("font-size: 16px; font-weight: 600;")
            bl.addWidget(title)
            fields = {f.key: f for f in entity.fields}
            for sec in form.sections:
                box = QGroupBox(sec.label.text(lang), self._body)
                grid = QGridLayout(box)
                rows = [0] * sec.columns
                for p in sec.placements:
                    fd = fields.get(p.field)
                    if fd is None or fd.hidden:
                        continue
                    col = min(p.column, sec.columns - 1)
                    self._queue.append((box, grid, rows[col], col, fd, p.read_only))
                    rows[col] += 2
                bl.addWidget(box)
        bl.addStretch(1)
        self._queue.reverse()  # popped from the end
        self._build_timer.start()

    def _kept_pending(self) -> dict[str, Any]:
        # A build interrupted by another: what was kept for it is still wanted.
        return self._kept if self._queue else {}

    def _build_batch(self, size: int = 40) -> None:
        lang = language()
        for _ in range(min(size, len(self._queue))):
            box, grid, r, col, fd, read_only = self._queue.pop()
            caption = QLabel(
                fd.label.text(lang)
                + (' <span style="color:#b3261e">*</span>' if fd.required else ""),
                box,
            )
            caption.setTextFormat(Qt.TextFormat.RichText)
            caption.setWordWrap(True)
            caption.setMaximumWidth(CAPTION_WIDTH)
            # A short label keeps its one line (wrapping makes "字/段0" of it); a long one wraps.
            natural = caption.fontMetrics().horizontalAdvance(fd.label.text(lang) + " *") + 4
            caption.setMinimumWidth(min(CAPTION_WIDTH, natural))
            inp = FieldInput(fd, box)
            inp.widget.setMinimumWidth(INPUT_WIDTH)
            if fd.key in self._kept:  # keep what was typed across a rebuild
                inp.set_value(self._kept[fd.key])
            inp.widget.setEnabled(not read_only)
            err = QLabel(box)
            err.setObjectName(f"preview_error_{fd.key}")
            err.setPalette(self._error_palette)  # a palette, not a style sheet: cheap per label
            err.setWordWrap(True)
            err.setMinimumWidth(INPUT_WIDTH)
            err.hide()
            grid.addWidget(caption, r, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(inp.widget, r, col * 2 + 1)
            grid.addWidget(err, r + 1, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)  # the inputs take the room, not the captions
            self.inputs[fd.key] = inp
            self.errors[fd.key] = err
        if self._queue:
            self._build_timer.start()
        else:
            self._build_timer.stop()
            self._kept = {}
            self.scroll.setWidget(self._body)

    def ensure_built(self) -> None:
        """Finish building the preview now (before reading or filling its inputs)."""
        self.rebuild()
        if self._queue or self.scroll.widget() is not self._body:
            self._build_batch(len(self._queue))

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the inputs: fields missing from ``values`` are cleared (for tests and demos)."""
        self.ensure_built()
        for key, inp in self.inputs.items():
            inp.set_value(values.get(key))

    def clear(self) -> None:
        self.set_values({})
        for err in self.errors.values():
            err.hide()
        self.banner.hide()

    def save(self) -> dict[str, list[str]]:
        """Validate as the CRM would on "save"; returns the messages per field key.

        Besides the inputs, a required field that the salesperson cannot fill in (not on the
        form, hidden or read-only) and that has no default fails every save: that is reported
        in the banner, by name.
        """
        self.ensure_built()
        problems: dict[str, list[str]] = {}
        for key, inp in self.inputs.items():
            value = inp.value()
            if not inp.widget.isEnabled() and is_empty(value):
                value = inp.fd.default
            messages = check_value(inp.fd, value)
            err = self.errors[key]
            err.setText(" ".join(messages))
            err.setVisible(bool(messages))
            if messages:
                problems[key] = messages
        entity = self._entity
        unreachable = []
        if entity is not None:
            for fd in entity.fields:
                if not fd.required or not is_empty(fd.default) or fd.deprecated:
                    continue
                inp = self.inputs.get(fd.key)
                if inp is None or not inp.widget.isEnabled():
                    unreachable.append(fd)
        if unreachable:
            lang = language()
            names = str(name_list(f"{fd.label.text(lang)} ({fd.key})" for fd in unreachable))
            self.banner.setText(
                counted(
                    len(unreachable),
                    self.tr(
                        "Saving will always fail: the required field {names} cannot be filled in "
                        "on this form and has no default."
                    ),
                    self.tr(
                        "Saving will always fail: the required fields {names} cannot be filled in "
                        "on this form and have no default."
                    ),
                    names=names,
                )
            )
            self.banner.setStyleSheet("background: #fde2e2; color: #8c1d18; padding: 6px;")
            for fd in unreachable:
                problems.setdefault(fd.key, []).append(self.banner.text())
        elif problems:
            self.banner.setText(self.tr("Please correct the marked fields."))
            self.banner.setStyleSheet("background: #fff4d6; color: #6b4e00; padding: 6px;")
        else:
            self.banner.setText(self.tr("Saved (preview only: nothing is stored)."))
            self.banner.setStyleSheet("background: #e3f4e1; color: #1e5a1a; padding: 6px;")
        self.banner.show()
        return problems
