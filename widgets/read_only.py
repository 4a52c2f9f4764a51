"""A damaged workspace open read-only (issue 20): its banner, and the lock that keeps every
editing control of the panes disabled.

The core already writes nothing to such a workspace (SQLite opens it with ``mode=ro``, and every
write is refused with the damage message, ``Workspace.session``). This module makes the window
say so before anyone tries: a red banner with what is wrong and what to do, and the controls that
would edit, submit, approve, push, import or export-with-a-log-entry disabled. What only reads
stays usable: choosing an entity, a form, a role or a user to look at, filters and searches,
the review (without its decisions), verifying the audit chain, a dry-run check of a workbook.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Buttons that only read (by object name): they stay enabled in read-only mode.
READING_BUTTONS = frozenset(
    {
        "columns_button",
        "reload_draft",
        "export_health_report",
        "replay_run",
        "replay_workbook",
        "open_workbook",
        "check_import",
        "save_error_workbook",
        "data_health",
        # Export…: the server's records or a template, to a file; nothing into the workspace
        "export_menu",
        "review",
        # the review dialog's Export to Excel: writes a file, nothing into the workspace
        "review_export",
        "refresh_draft",
        "verify_chain",
    }
)
# Object-name prefixes of the designers' inputs: what they hold is the draft, so they are
# made read-only (text) or disabled (choices). Other combo boxes, check boxes and line edits
# choose what to look at (an entity, a role, a filter) and stay usable.
EDITOR_PREFIXES = ("prop_", "stage_", "condition_", "outcome_", "validation_", "rule_", "default_")


def banner_text(damage: str) -> str:
    """The read-only banner: what is wrong (the core's message, with the backup to restore)
    and what the studio does about it."""
    return (
        damage
        + "\n"
        + QCoreApplication.translate(
            "ReadOnly",
            "The studio opened it read-only: you can look at everything, but nothing can be "
            "edited, submitted, approved or pushed, and nothing is written to the file. Quit "
            "the studio, restore the workspace as said above, and open it again.",
        )
    )


def make_banner(parent: QWidget) -> tuple[QFrame, QLabel]:
    """The red banner of a read-only workspace (hidden until ``show``); it cannot be dismissed
    while the workspace is open."""
    frame = QFrame(parent)
    frame.setObjectName("read_only_banner")
    frame.setStyleSheet(
        "#read_only_banner { background: #fdecea; border-bottom: 1px solid #f5c2bd; } "
        "QLabel { color: #8a1c12; font-weight: 600; }"
    )
    row = QHBoxLayout(frame)
    row.setContentsMargins(12, 8, 12, 8)
    label = QLabel(frame)
    label.setObjectName("read_only_text")
    label.setWordWrap(True)
    row.addWidget(label, 1)
    frame.hide()
    return frame, label


def _is_editor(widget: QWidget) -> bool:
    return widget.objectName().startswith(EDITOR_PREFIXES)


class ReadOnlyLock(QObject):
    """Disables the editing controls of the widgets it is given, and keeps them disabled: a
    pane that enables a button again when its state changes (a selection, a reload) is undone
    at once, through an event filter on that button."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = False

    def lock(self, root: QWidget) -> None:
        """Lock every editing control under ``root`` (again: new children are locked too)."""
        if not self.active:
            return
        for widget in [root, *root.findChildren(QWidget)]:
            self._lock_one(widget)

    def _lock_one(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        # Parts of other controls: a table's corner button, a tab bar's scroll arrows, a line
        # edit's clear button, a combo box's own list.
        if isinstance(parent, (QAbstractItemView, QTabBar, QLineEdit, QComboBox)):
            return
        if isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragEnabled(False)
            widget.setAcceptDrops(False)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            if _is_editor(widget):
                widget.setReadOnly(True)
        elif isinstance(widget, (QComboBox, QAbstractSpinBox)) or (
            isinstance(widget, QAbstractButton) and widget.isCheckable() and _is_editor(widget)
        ):
            if _is_editor(widget):
                self._disable(widget)
        elif isinstance(widget, QAbstractButton):
            if widget.isCheckable() and not _is_editor(widget):
                return  # a filter ("Sensitive fields only")
            if widget.objectName() not in READING_BUTTONS:
                self._disable(widget)

    def _disable(self, widget: QWidget) -> None:
        if widget.property("read_only_locked"):
            return
        widget.setProperty("read_only_locked", True)
        widget.installEventFilter(self)
        widget.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.active
            and event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False
