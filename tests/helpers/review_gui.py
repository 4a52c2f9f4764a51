"""The Changes pane's steps that every review test takes: sign in as a reviewer, select the first
change request, open its review."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.changes.pane import ChangesPane
from widgets.changes.review_dialog import ReviewDialog

TIMEOUT = 15_000


def open_review(
    qtbot: QtBot, pane: ChangesPane, user: str, *, timeout: int = TIMEOUT, derived: bool = True
) -> ReviewDialog:
    """``user`` signs in and opens the review of the first change request. With ``derived``,
    returns once what the dialog shows has been derived (off the UI thread); without, at once,
    for a test of the dialog before then (no event loop has run yet, so ``reviewed`` is still
    to come)."""
    with qtbot.waitSignal(pane.loaded, timeout=timeout):
        pane.ctx.set_user(user)
    pane.tabs.setCurrentIndex(1)
    pane.change_table.selectRow(0)
    pane.review_button.click()
    dialog = pane.review_dialog
    assert dialog is not None and dialog.isVisible()
    if derived:
        with qtbot.waitSignal(dialog.reviewed, timeout=timeout):
            pass
    return dialog
