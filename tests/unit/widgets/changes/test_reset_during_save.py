"""Reset draft to live, clicked while the designers' last edit is still being saved: the reset
waits for that save and checks the revision it saved as, so that someone else's newer edit of
the draft is refused, never overwritten. Deterministic: the save is held behind a gate on the
one writer thread (an event), not raced."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.draft import edits as de
from studio.draft.save import save_draft
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace, open_workspace
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT, record_release
from tests.unit.widgets.helpers import stored
from widgets.changes.pane import ChangesPane
from widgets.context import StudioContext
from widgets.ops import Op


@pytest.fixture
def live_pane(qtbot: QtBot, ws: Workspace) -> ChangesPane:
    record_release(ws, 1)  # what is live: the draft as it is now
    ctx = StudioContext(ws, "lin")
    ctx.document.load()
    p = ChangesPane(ctx)
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.loaded, timeout=SIGNAL_TIMEOUT):
        p.show()
    return p


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds the one writer thread until set: writes queued behind it wait (set on teardown)."""
    event = threading.Event()
    Op(lambda: event.wait(30), writes=True).start()
    yield event
    event.set()


def _edit_in_flight(pane: ChangesPane) -> None:
    doc = pane.ctx.document
    refusal = doc.apply(
        "rename", lambda b: de.update_field(b, "customer", "company", {"label_en": "Firm"})
    )
    assert refusal is None and doc.busy()  # its save waits behind the gate


def _click_reset(pane: ChangesPane) -> None:
    with pane.ctx.workspace.session() as s:  # the draft differs from live: Reset is offered
        assert load_draft(s) is not None
    pane.draft_tab.reset_button.setEnabled(True)
    pane.draft_tab.open_reset_confirm()
    assert pane.draft_tab.reset_confirm is not None
    pane.draft_tab.reset_confirm.accept()


def test_reset_clicked_during_a_save_refuses_when_someone_else_edited(
    qtbot: QtBot, live_pane: ChangesPane, gate: threading.Event, sample_workspace_path: Path
) -> None:
    pane = live_pane
    _edit_in_flight(pane)
    _click_reset(pane)
    # Meanwhile someone else, in another studio, saves an edit of the draft.
    other = open_workspace(str(sample_workspace_path))
    try:
        with other.session() as s:
            theirs = de.update_field(load_draft(s), "lead", "name", {"label_en": "Lead name"})
        save_draft(other, theirs, user="wang", expected_revision=None, action="their edit")
    finally:
        other.close()
    with qtbot.waitSignal(pane.message_shown, timeout=SIGNAL_TIMEOUT) as said:
        gate.set()
    assert "not reset" in said.args[0]
    # Their edit stands: the reset did not overwrite it.
    lead = stored(sample_workspace_path).entity("lead")
    assert lead is not None and lead.field("name").label.en == "Lead name"  # type: ignore[union-attr]


def test_reset_clicked_during_a_save_waits_for_it_then_resets(
    qtbot: QtBot, live_pane: ChangesPane, gate: threading.Event, sample_workspace_path: Path
) -> None:
    pane = live_pane
    live = stored(sample_workspace_path)
    _edit_in_flight(pane)
    _click_reset(pane)
    with qtbot.waitSignal(pane.draft_tab.reset_done, timeout=SIGNAL_TIMEOUT):
        gate.set()
    assert stored(sample_workspace_path) == live


def test_reset_after_a_conflict_is_refused_and_never_fires_later(
    qtbot: QtBot, live_pane: ChangesPane, sample_workspace_path: Path
) -> None:
    """The reset waited for a save that would never come (the draft was in conflict), then ran
    at the next reload against the draft just read, dropping the other person's edit."""
    pane = live_pane
    doc = pane.ctx.document
    other = open_workspace(str(sample_workspace_path))
    try:
        with other.session() as s:
            theirs = de.update_field(load_draft(s), "lead", "name", {"label_en": "Lead name"})
        save_draft(other, theirs, user="wang", expected_revision=None, action="their edit")
    finally:
        other.close()
    with qtbot.waitSignal(
        doc.save_state, timeout=SIGNAL_TIMEOUT, check_params_cb=lambda st, _m: st == "conflict"
    ):
        _edit_in_flight(pane)
    with qtbot.waitSignal(pane.message_shown, timeout=SIGNAL_TIMEOUT) as said:
        _click_reset(pane)
    assert "not reset" in said.args[0] and "Reload" in said.args[0]
    # Reloading afterwards does not set off the reset that was refused.
    with qtbot.waitSignal(doc.changed, timeout=SIGNAL_TIMEOUT):
        doc.load_async()
    # a reset set off by the reload would be written before this (writes go in order)
    after = Op(lambda: None, writes=True)
    with qtbot.waitSignal(after.finished, timeout=SIGNAL_TIMEOUT):
        after.start()
    lead = stored(sample_workspace_path).entity("lead")
    assert lead is not None and lead.field("name").label.en == "Lead name"  # type: ignore[union-attr]
