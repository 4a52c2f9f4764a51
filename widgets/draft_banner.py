"""The window's red banner for a draft that could not be saved: someone else saved the draft
first (two editors of one workspace), or the save failed.

It is the window's, not a pane's: the person may be editing permissions or automation rules when
the save is refused, and may go on to Changes and submit; wherever they are, they must see that
what is on screen is not what the workspace holds, and have the way out at hand: reload keeping their edits (made again on the other person's draft
where the two did not change the same thing, ``studio.draft.rebase``), or reload dropping them.
After a reload that kept edits, the banner says which edits were made again and which were not.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studio.i18n import language
from studio.i18n.draft import edit_name
from widgets.entities.document import DesignerDocument
from widgets.sentences import clause, counted, joined, listed

_CONFLICT_STYLE = (
    "#conflict_banner { background: #fde2e2; border-bottom: 1px solid #e6a7a3; } "
    "QLabel { color: #8c1d18; }"
)
_KEPT_STYLE = (
    "#conflict_banner { background: #fff4d6; border-bottom: 1px solid #e8c66a; } "
    "QLabel { color: #5c4300; }"
)


class DraftBanner(QFrame):
    """Hidden until the document's save state is ``conflict`` or ``error``; a save or a load
    hides it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_banner")
        self.setStyleSheet(_CONFLICT_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setObjectName("conflict_text")
        self.label.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("Reload and keep my edits"), self)
        self.keep_button.setObjectName("reload_keep_edits")
        self.keep_button.setToolTip(
            self.tr(
                "Load the draft as saved by the other person and make your unsaved edits again "
                "on it, except where they changed the same thing (theirs stays there)"
            )
        )
        self.reload_button = QPushButton(self.tr("Reload the draft"), self)
        self.reload_button.setObjectName("reload_draft")
        self.reload_button.setToolTip(
            self.tr("Show the draft as saved by the other person; your unsaved edits are dropped")
        )
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setObjectName("dismiss_rebase")
        self.dismiss_button.setFlat(True)
        self.dismiss_button.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.keep_button)
        row.addWidget(self.reload_button)
        row.addWidget(self.dismiss_button)
        self._doc: DesignerDocument | None = None
        self.hide()

    def follow(self, doc: DesignerDocument) -> None:
        """Show the save state of ``doc`` (the window's one draft document)."""
        if self._doc is doc:
            return
        self._doc = doc
        doc.save_state.connect(self._save_state)
        doc.rebased.connect(self._rebased)
        self.reload_button.clicked.connect(doc.load_async)
        self.keep_button.clicked.connect(doc.reload_keeping_edits)

    def _save_state(self, state: str, message: str) -> None:
        if state in ("conflict", "error"):
            doc = self._doc
            keep = state == "conflict" and doc is not None and doc.can_keep_edits()
            self._mode(conflict=True, keep=keep)
            self.label.setText(message)
            # Reloading is the way out of a conflict; after a failed save it reads the draft
            # as the workspace holds it.
            self.show()
        elif state == "loaded" or (state == "saved" and self.reload_button.isVisible()):
            self.hide()

    def _rebased(self, kept: list[str], dropped: list[tuple[str, str]]) -> None:
        """Say what became of the person's edits (stays until dismissed or the next conflict)."""
        said = self.tr("The draft was reloaded as the other person saved it.")
        if kept:
            said = counted(
                len(kept),
                self.tr(
                    "The draft was reloaded as the other person saved it, and your edit was "
                    "made again on it."
                ),
                self.tr(
                    "The draft was reloaded as the other person saved it, and your {n} edits "
                    "were made again on it."
                ),
            )
        lost = ""
        if dropped:
            lost = self.tr("Not made again: %1").replace(
                "%1",
                listed(
                    (
                        self.tr("%1 (%2)").replace("%1", edit_name(text)).replace("%2", clause(why))
                        for text, why in dropped
                    ),
                    language(),
                ),
            )
        self._mode(conflict=False, keep=False)
        self.label.setText(joined(said, lost))
        self.show()

    def _mode(self, *, conflict: bool, keep: bool) -> None:
        self.setStyleSheet(_CONFLICT_STYLE if conflict else _KEPT_STYLE)
        self.reload_button.setVisible(conflict)
        self.keep_button.setVisible(conflict and keep)
        self.dismiss_button.setVisible(not conflict)
