"""The Changes pane: the draft's diff against the live version, findings, submit, history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio import changes
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace
from tests.helpers.draft_edits import add_unplaced_required_field, edit_customer, rename_name_label
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT, record_release
from widgets.changes.pane import ChangesPane


def _reload(qtbot: QtBot, pane: ChangesPane) -> None:
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()


def test_diff_shows_a_changed_field_before_and_after(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    record_release(ws, 1)
    edit_customer(ws, rename_name_label)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.draft_changed()
    rows = pane.draft_details.diff_texts()
    assert rows[0].startswith("Entity Customer (customer): changed")
    assert "Field changed: name |  | " in rows
    assert "label | Customer name | Client name" in rows
    assert "v1" in pane.draft_summary.text() and "1 changed" in pane.draft_summary.text()
    assert pane.submit_button.isEnabled()


def test_a_chinese_only_label_change_reads_as_a_change_in_english(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    """Issue 19: changing only 备注 -> 备注说明 must not read "Notes -> Notes"."""
    record_release(ws, 1)

    def relabel(customer):  # type: ignore[no-untyped-def]
        fields = tuple(
            f.model_copy(update={"label": f.label.model_copy(update={"zh_CN": "备注说明"})})
            if f.key == "notes"
            else f
            for f in customer.fields
        )
        return customer.model_copy(update={"fields": fields})

    edit_customer(ws, relabel)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.draft_changed()
    rows = pane.draft_details.diff_texts()
    assert "label | Notes [Chinese: 备注] | Notes [Chinese: 备注说明]" in rows


def test_submit_is_refused_while_an_error_finding_exists_and_says_why(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    edit_customer(ws, add_unplaced_required_field)
    _reload(qtbot, pane)
    assert not pane.submit_button.isEnabled()
    blocked = pane.submit_block_label.text()
    assert pane.submit_block_label.isVisible()
    assert "Submit is blocked by" in blocked and "Customs code" in blocked
    severities = [
        pane.draft_details.findings_model.index(r, 0).data()
        for r in range(pane.draft_details.findings_model.rowCount())
    ]
    assert "Error" in severities
    # Even when asked directly (a stale button), the pane says why instead of submitting.
    with qtbot.waitSignal(pane.message_shown, timeout=SIGNAL_TIMEOUT) as shown:
        pane.open_submit_dialog()
    assert "Customs code" in shown.args[0]
    assert changes.list_changes(ws) == []


def test_submit_from_the_dialog_lists_the_change_request(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    pane.submit_button.click()
    dialog = pane.submit_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # a title is required
    dialog.title_edit.setText("First release")
    dialog.reason_edit.setPlainText("the sample CRM")
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        dialog.ok_button.click()
    assert pane.change_model.rowCount() == 1
    assert pane.change_model.index(0, 0).data() == "First release"
    assert pane.change_model.index(0, 2).data() == "waiting for approvals"
    assert "more approval" in pane.change_status.text()
    assert not pane.push_button.isEnabled()
    assert pane.tabs.currentIndex() == 1


def test_history_lists_releases_and_rolls_back_through_a_change_request(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    record_release(ws, 1)
    edit_customer(ws, rename_name_label)
    with ws.session() as s:
        record_release(ws, 2, load_draft(s))
    _reload(qtbot, pane)
    model = pane.history_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["v2 (live)", "v1"]
    assert model.index(0, 3).data() == "zhou, chen"
    assert not pane.rollback_button.isEnabled()  # the live version: nothing to roll back to
    pane.tabs.setCurrentIndex(2)
    pane.history_table.selectRow(1)
    assert pane.rollback_button.isEnabled()
    pane.rollback_button.click()
    dialog = pane.submit_dialog
    assert dialog is not None and dialog.title() == "Roll back to version v1"
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        dialog.ok_button.click()
    [change] = changes.list_changes(ws)
    assert change.rollback_of == 1 and change.target_version == 3
    assert pane.change_model.index(0, 0).data() == "Roll back to version v1 (rollback to v1)"
    assert pane.change_model.index(0, 2).data() == "waiting for approvals"


def test_a_first_release_opens_closed_with_readable_columns_that_fit_when_opened(
    qtbot: QtBot, pane: ChangesPane
) -> None:
    """The whole sample is new before the first release: groups start closed, and opening one
    widens the columns to what it shows instead of leaving its values cut off."""
    from widgets.changes.details import MIN_VALUE_WIDTH

    _reload(qtbot, pane)
    view = pane.draft_details.diff_view
    assert not view.isExpanded(view.model().index(0, 0))
    assert view.columnWidth(1) >= MIN_VALUE_WIDTH and view.columnWidth(2) >= MIN_VALUE_WIDTH
    closed = view.columnWidth(0)
    view.expandRecursively(view.model().index(0, 0))
    assert view.columnWidth(0) > closed


def test_messages_and_selections_do_not_go_stale(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    """Issue 19: lin's "submitted" message stayed after switching to zhou; a refusal stayed on
    top after unrelated edits; after a new submit the old row stayed selected."""
    for title in ("First", "Second"):
        if title == "Second":
            edit_customer(ws, rename_name_label)
            with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
                pane.ctx.draft_changed()
            pane.change_table.selectRow(0)
        pane.submit_button.click()
        dialog = pane.submit_dialog
        assert dialog is not None
        dialog.title_edit.setText(title)
        with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
            dialog.ok_button.click()
        qtbot.waitUntil(lambda t=title: pane.selected_change() is not None
                        and pane.selected_change().title == t, timeout=SIGNAL_TIMEOUT)  # type: ignore[union-attr]  # fmt: skip
    assert "Submitted" in pane.message_label.text() and not pane.message_label.isHidden()
    # Times in local time, with UTC in the tooltip.
    from PySide6.QtCore import Qt

    assert pane.change_model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole).endswith(" UTC")
    assert "UTC" not in pane.change_model.headerData(5, Qt.Orientation.Horizontal)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.set_user("zhou")
    assert pane.message_label.isHidden()
    pane.show_error("Version 1 is already live.")
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.draft_changed()
    assert pane.message_label.isHidden()


def test_ctrl_f_finds_a_change_request(qtbot: QtBot, pane: ChangesPane, ws: Workspace) -> None:
    """Issue 19: search for change requests, as for audit entries."""
    changes.submit(ws, "lin", "Customs code for customers")
    edit_customer(ws, rename_name_label)
    changes.submit(ws, "lin", "Rename the name label")
    _reload(qtbot, pane)
    assert pane.change_model.rowCount() == 2
    pane.tabs.setCurrentIndex(0)
    pane.draft_tab.setFocus()
    qtbot.keyClick(pane.draft_tab, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    tab = pane.requests_tab
    assert pane.tabs.currentWidget() is tab and tab.filter.hasFocus()
    qtbot.keyClicks(tab.filter, "customs")
    shown = [r for r in range(2) if not pane.change_table.isRowHidden(r)]
    assert [pane.change_model.index(r, 0).data() for r in shown] == ["Customs code for customers"]
    assert pane.selected_change().title == "Customs code for customers"  # type: ignore[union-attr]
    assert tab.filter_count.text() == "1 of 2"
    # by state and by author too; a reload keeps the search
    tab.filter.setText("superseded")
    assert pane.selected_change().state == "superseded"  # type: ignore[union-attr]
    _reload(qtbot, pane)
    assert [r for r in range(2) if not pane.change_table.isRowHidden(r)] == shown
    tab.filter.setText("nobody wrote this")
    assert pane.selected_change() is None and "nobody wrote this" in pane.change_status.text()
    assert not pane.review_button.isEnabled()
    tab.filter.clear()
    assert not any(pane.change_table.isRowHidden(r) for r in range(2))
    assert pane.selected_change() is not None


def test_a_new_submission_is_shown_whatever_the_search_says(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    changes.submit(ws, "lin", "Older")
    _reload(qtbot, pane)
    pane.requests_tab.filter.setText("older")
    edit_customer(ws, rename_name_label)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.draft_changed()
    pane.submit_button.click()
    dialog = pane.submit_dialog
    assert dialog is not None
    dialog.title_edit.setText("Newest")
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: pane.selected_change() is not None and pane.selected_change().title == "Newest",  # type: ignore[union-attr]
        timeout=SIGNAL_TIMEOUT,
    )
    assert pane.requests_tab.filter.text() == ""
    assert not any(pane.change_table.isRowHidden(r) for r in range(pane.change_model.rowCount()))
