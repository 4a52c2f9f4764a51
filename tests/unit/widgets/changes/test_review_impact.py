"""The reviewer sees how many of the server's records a change would break (issue 7, Review).

Real servers only: ``studio serve`` on loopback (``live_server``) and the studio's own local
server; the counts come from records loaded through the server's batch endpoint.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from pytestqt.qtbot import QtBot

from studio.client.local_server import LocalServer, start_local_server
from studio.workspace.connection import Workspace
from tests.helpers.impact import load_customers, require_company, submit_required_company
from tests.helpers.review_gui import open_review
from tests.helpers.server import LiveServer
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.changes.pane import ChangesPane

BROKEN = (
    "becomes required: customer.company (2 records on the server have no value and could no "
    "longer be saved)"
)
PENDING = "Asking the server how many records lack a value…"


@pytest.fixture(autouse=True)
def no_server_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Which server is asked is up to each test, not to the environment it runs in."""
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)


@pytest.fixture
def served(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    """``studio serve`` with three customers, two of them without a company."""
    load_customers(live_server)
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", live_server.token)
    return live_server


def _down_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_review_shows_unknown_first_then_the_servers_count(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    submit_required_company(ws)
    pane.ctx.server_url = served.base_url
    dialog = open_review(qtbot, pane, "zhou")
    label = dialog.details.impact_label
    # The dialog opens at once; the count is not known yet (the answer needs the event loop).
    assert PENDING in label.text() and BROKEN not in label.text()
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    assert BROKEN in label.text()
    assert "#b3261e" in label.styleSheet()  # shown as an error: saves would fail
    assert PENDING not in label.text() and "unavailable" not in label.text()
    assert label.isVisible()
    assert served.token not in label.text()


def test_review_with_the_server_down_says_why_the_count_is_unknown(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_required_company(ws)
    down = _down_url()
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", "secret-token-" + "q" * 20)
    pane.ctx.server_url = down
    dialog = open_review(qtbot, pane, "zhou")
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    text = dialog.details.impact_label.text()
    assert f"Server statistics unavailable: cannot reach {down} (ConnectError)" in text
    assert "records on the server" not in text and "secret-token" not in text
    assert dialog.approve_button.isEnabled()  # the numbers help; they never block the review


def test_review_closed_before_the_count_arrives(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    submit_required_company(ws)
    pane.ctx.server_url = served.base_url
    dialog = open_review(qtbot, pane, "zhou")
    dialog.reject_dialog()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the answer
    assert QThreadPool.globalInstance().waitForDone(SIGNAL_TIMEOUT)
    qtbot.wait(50)  # any queued answer is delivered (or dropped) now: nothing may fail
    # The pane still works: a new review gets its numbers.
    again = open_review(qtbot, pane, "zhou")
    with qtbot.waitSignal(again.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    assert BROKEN in again.details.impact_label.text()


@pytest.fixture
def local(ws: Workspace) -> Iterator[LocalServer]:
    server = start_local_server(ws)
    yield server
    server.stop()


def test_changes_pane_details_show_the_count_from_the_studios_own_server(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, local: LocalServer
) -> None:
    load_customers(local)
    pane.ctx.local_server = local
    submit_required_company(ws)
    with qtbot.waitSignals([pane.loaded, pane.change_impact.loaded], timeout=SIGNAL_TIMEOUT):
        pane.reload()
    pane.tabs.setCurrentIndex(1)
    label = pane.change_details.impact_label
    assert BROKEN in label.text()
    # One more customer without a company: a reload within the cache window reuses the count...
    with local.client() as c:
        c.post(
            "/api/v1/records/customer/batch",
            json={"key_field": "mobile", "records": [{"mobile": "13800000004", "name": "赵六"}]},
        )
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()
    assert BROKEN in label.text()
    # ...and a review asks the server again.
    dialog = open_review(qtbot, pane, "zhou")
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    assert "3 records on the server have no value" in dialog.details.impact_label.text()


def test_chinese_reason_in_the_review(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", "t" * 32)
    submit_required_company(ws)
    pane.ctx.server_url = _down_url()
    dialog = open_review(qtbot, pane, "zhou")
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    assert "服务器统计数据不可用：无法连接" in dialog.details.impact_label.text()


def test_the_count_follows_when_the_server_is_found_later(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    submit_required_company(ws)
    dialog = open_review(qtbot, pane, "zhou")  # no server known yet (the window is still looking)
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pass
    assert "No server configured" in dialog.details.impact_label.text()
    pane.ctx.server_url = served.base_url
    with qtbot.waitSignal(dialog.impact_loader.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.server_changed.emit()
    assert BROKEN in dialog.details.impact_label.text()


def test_the_draft_tab_shows_the_count_before_anyone_submits(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, local: LocalServer
) -> None:
    """The author sees what the draft would break while still editing it."""
    load_customers(local)
    pane.ctx.local_server = local
    require_company(ws)
    with qtbot.waitSignals([pane.loaded, pane.draft_impact.loaded], timeout=SIGNAL_TIMEOUT):
        pane.reload()
    pane.tabs.setCurrentIndex(0)
    assert BROKEN in pane.draft_details.impact_label.text()


def test_submit_from_the_pane_is_refused_with_the_servers_count(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, local: LocalServer
) -> None:
    """A first release onto a server that holds customers without a company: the author's
    submit says how many records could no longer be saved, and nothing is submitted."""
    from studio import changes

    load_customers(local)
    pane.ctx.local_server = local
    require_company(ws)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()
    pane.submit_button.click()
    dialog = pane.submit_dialog
    assert dialog is not None
    dialog.title_edit.setText("Company required")
    with qtbot.waitSignal(pane.message_shown, timeout=SIGNAL_TIMEOUT) as shown:
        dialog.ok_button.click()
    assert "2 existing records" in shown.args[0]
    assert changes.list_changes(ws) == []
