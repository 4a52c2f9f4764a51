"""The window's red banner for a draft that could not be saved: someone else saved the draft
first (two editors of one workspace), or the save failed.

It is the window's, not a pane's: the person may be editing permissions or automation rules when
the save is refused, and may go on to Changes and submit; wherever they are, they must see that
what is on screen is not what the workspace holds, and have the way out (reload) at hand.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from widgets.entities.document import DesignerDocument


class DraftBanner(QFrame):
    """Hidden until the document's save state is ``conflict`` or ``error``; a save or a load
    hides it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_banner")
        self.setStyleSheet(
            "#conflict_banner { background: #fde2e2; border-bottom: 1px solid #e6a7a3; } "
            "QLabel { color: #8c1d18; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setObjectName("conflict_text")
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload the draft"), self)
        self.reload_button.setObjectName("reload_draft")
        self.reload_button.setToolTip(
            self.tr("Show the draft as saved by the other person; your unsaved edits are dropped")
        )
        row.addWidget(self.label, 1)
        row.addWidget(self.reload_button)
        self._doc: DesignerDocument | None = None
        self.hide()

    def follow(self, doc: DesignerDocument) -> None:
        """Show the save state of ``doc`` (the window's one draft document)."""
        if self._doc is doc:
            return
        self._doc = doc
        doc.save_state.connect(self._save_state)
        self.reload_button.clicked.connect(doc.load_async)

    def _save_state(self, state: str, message: str) -> None:
        if state in ("conflict", "error"):
            self.label.setText(message)
            # Reloading is the way out of a conflict; after a failed save it reads the draft
            # as the workspace holds it.
            self.show()
        elif state in ("saved", "loaded"):
            self.hide()
