"""The banner of the Changes pane's draft tab: the draft was edited after the open change was
submitted (``studio.changes.draft_edited``), so those edits are not part of it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studio.changes import DraftEdited


def edited_text(edited: DraftEdited) -> str:
    """The one-sentence note, shared by the banner and the change status line."""
    return (
        QCoreApplication.translate(
            "DraftEditedBanner",
            "The draft has been edited since change %1 (“%2”) was submitted; these edits are not "
            "part of it. Submit again to include them — the approvals given so far will not "
            "count for the new change.",
        )
        .replace("%1", edited.change_id[:8])
        .replace("%2", edited.change_title)
    )


class DraftEditedBanner(QFrame):
    """Hidden unless ``show_for`` gets a ``DraftEdited``; its button asks for a new submit."""

    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_edited_banner")
        self.setStyleSheet(
            "#draft_edited_banner { background: #fff4e5; border: 1px solid #f0c36d; }"
        )
        self.label = QLabel(self)
        self.label.setObjectName("draft_edited_text")
        self.label.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Submit again…"), self)
        self.submit_button.setObjectName("submit_again")
        self.submit_button.clicked.connect(lambda: self.submit_requested.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.submit_button)
        self.edited: DraftEdited | None = None
        self.hide()

    def show_for(self, edited: DraftEdited | None, *, can_submit: bool = True) -> None:
        """Show the note for ``edited`` (hide when ``None``); ``can_submit`` mirrors the pane's
        Submit button (blocked by error findings, say)."""
        self.edited = edited
        if edited is None:
            self.hide()
            return
        self.label.setText(edited_text(edited))
        self.submit_button.setEnabled(can_submit)
        self.show()
