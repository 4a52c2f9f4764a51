"""Undo and Redo of the one draft history, as a pane's actions: typing not yet applied comes first.

A tool button or a menu takes no focus, so an input being typed in is not left when Undo is
clicked: its typing would be neither applied nor kept (the undone edit shows the saved value
again), and Undo would take back the edit before it. So the actions first apply what is typed, as
leaving the input would, and Undo then takes that typing back as one step (Redo brings it again).
Typing that is refused stays at its input with the reason, and nothing is undone.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

from widgets.entities.document import DesignerDocument


def finish_typing(within: QWidget) -> None:
    """Apply what is typed in the focused input inside ``within``, as leaving it would."""
    focus = QApplication.focusWidget()
    if focus is None or not within.isAncestorOf(focus):
        return
    if isinstance(focus, QLineEdit) and focus.isModified():
        focus.setModified(False)  # applied once: a second click does not apply it again
        focus.editingFinished.emit()
    elif isinstance(focus, QAbstractSpinBox):
        focus.editingFinished.emit()  # its receivers apply only a value that differs


def history_action(doc: DesignerDocument, pane: QWidget, text: str, *, undo: bool) -> QAction:
    """The Undo (``undo``) or Redo action of ``doc``'s history for ``pane``, named ``text``
    ("&Undo"), with the stack's enabled state and "Undo <edit>" text."""
    stack = doc.undo_stack
    action = stack.createUndoAction(pane, text) if undo else stack.createRedoAction(pane, text)
    action.triggered.disconnect()  # the stack's own undo()/redo(), replaced by step() below

    def step() -> None:
        refused: list[str] = []

        def note(prop: str, _message: str) -> None:
            refused.append(prop)

        doc.refused.connect(note)
        try:
            finish_typing(pane)
        finally:
            doc.refused.disconnect(note)
        if refused:
            return  # the typing is shown refused at its input: undoing now would drop it
        if undo:
            stack.undo()
        else:
            stack.redo()

    action.triggered.connect(step)
    return action
