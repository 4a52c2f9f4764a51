"""Review, sign, push: real keys in the real OS keyring, a real reference server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from studio import changes
from studio.changes import ChangeView, keystore
from studio.changes.releases import live_version
from studio.client.local_server import LocalServer, start_local_server
from studio.client.push import PushResult
from studio.op_changes import OpChanges
from studio.progress import Cancelled
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, make_demo_keys
from tests.helpers.review_gui import open_review
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.changes.pane import ChangesPane
from widgets.changes.push import CONFIRMED, PushRunner
from widgets.ops import Op


@pytest.fixture
def keyed(ws: Workspace) -> Workspace:
    make_demo_keys(ws)
    return ws


@pytest.fixture
def local(keyed: Workspace) -> Iterator[LocalServer]:
    server = start_local_server(keyed)
    yield server
    server.stop()


def _submit(ws: Workspace) -> ChangeView:
    return changes.submit(ws, "lin", "First release", "the sample CRM", passphrase=PASSPHRASE)


def test_reviewer_approves_with_the_passphrase(
    qtbot: QtBot, keyed: Workspace, pane: ChangesPane
) -> None:
    view = _submit(keyed)
    dialog = open_review(qtbot, pane, "zhou")
    assert dialog.approve_button.isEnabled()
    assert any("label" not in r for r in dialog.details.diff_texts())  # the diff is shown
    dialog.comment_edit.setPlainText("checked the forms")
    # A wrong passphrase: a clear message, nothing signed, the dialog stays open.
    dialog.passphrase_edit.setText("not my passphrase")
    with qtbot.waitSignal(dialog.refused, timeout=SIGNAL_TIMEOUT):
        dialog.approve_button.click()
    assert dialog.error_label.isVisible()
    assert "Wrong passphrase" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""  # never left in the field
    assert changes.get_change(keyed, view.id).approvals == ()
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignals([dialog.decided, pane.loaded], timeout=SIGNAL_TIMEOUT):
        dialog.approve_button.click()
    [approval] = changes.get_change(keyed, view.id).approvals
    assert (approval.user, approval.role, approval.decision) == ("zhou", "business_lead", "approve")
    assert approval.valid and approval.comment == "checked the forms"
    assert "You approved" in pane.message_label.text()
    assert "zhou (business_lead): approved" in pane.change_model.index(0, 4).data()
    # what is still missing, as people know the role (issue 19: not its key)
    assert "IT admin" in pane.change_status.text() and "it_admin" not in pane.change_status.text()
    # Issue 19: the approver's comment is shown again with the request, not only stored.
    assert "zhou: “checked the forms”" in pane.change_status.text()


def test_reviewer_rejects_with_a_comment(qtbot: QtBot, keyed: Workspace, pane: ChangesPane) -> None:
    view = _submit(keyed)
    dialog = open_review(qtbot, pane, "chen")
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.reject_button.click()  # no comment: refused in the dialog
    assert "needs a comment" in dialog.error_label.text()
    dialog.comment_edit.setPlainText("mobile must stay optional")
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignals([dialog.decided, pane.loaded], timeout=SIGNAL_TIMEOUT):
        dialog.reject_button.click()
    after = changes.get_change(keyed, view.id)
    assert after.state == "rejected"
    assert after.approvals[0].comment == "mobile must stay optional"
    assert pane.change_model.index(0, 2).data() == "rejected"


def test_the_author_cannot_approve(qtbot: QtBot, keyed: Workspace, pane: ChangesPane) -> None:
    _submit(keyed)
    dialog = open_review(qtbot, pane, "lin")
    assert not dialog.approve_button.isEnabled()
    assert not dialog.reject_button.isEnabled()
    assert "You are the author" in dialog.why_label.text()


def test_push_from_the_gui_marks_the_version_live(
    qtbot: QtBot, keyed: Workspace, local: LocalServer, pane: ChangesPane
) -> None:
    view = _submit(keyed)
    approve_by(keyed, view.id, "zhou", "chen")
    pane.ctx.local_server = local
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.notify(OpChanges(requests=True, audit=True))
    pane.tabs.setCurrentIndex(1)
    assert "ready to push" in pane.change_status.text()
    assert pane.push_button.isEnabled()
    stages: list[float] = []
    pane.push_button.click()
    runner = pane.push_runner
    assert runner is not None
    runner.progressed.connect(lambda _stage, fraction: stages.append(fraction))
    with qtbot.waitSignals([runner.succeeded, pane.loaded], timeout=SIGNAL_TIMEOUT):
        pass
    with keyed.session() as s:
        assert live_version(s) == 1
    with local.client() as c:
        assert c.get("/api/v1/releases/current").json()["bundle_sha256"] == view.bundle_sha256
    assert stages and stages[-1] == 1.0 and runner.dialog.value() == 100
    assert "Version v1 is live" in pane.message_label.text()
    assert pane.change_model.index(0, 2).data() == "live"
    assert pane.history_model.index(0, 0).data() == "v1 (live)"


def _push_until_asked(
    qtbot: QtBot, keyed: Workspace, local: LocalServer, pane: ChangesPane
) -> tuple[PushRunner, Any]:
    """An approved change pushed to a configured server with no token: the push's runner, and
    the token prompt it opened."""
    local.sync_registry(keyed)
    view = _submit(keyed)
    approve_by(keyed, view.id, "zhou", "chen")
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()
    pane.change_table.selectRow(0)
    pane.push_button.click()
    runner = pane.push_runner
    assert runner is not None
    with qtbot.waitSignal(runner.token_requested, timeout=SIGNAL_TIMEOUT) as asked:
        pass
    return runner, asked.args[0]


def test_push_asks_for_the_token_on_401_and_keeps_it_in_the_keyring(
    qtbot: QtBot,
    keyed: Workspace,
    local: LocalServer,
    pane: ChangesPane,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A configured server (not the studio's own): the token must come from the person.
    monkeypatch.setenv("STUDIO_SERVER_URL", local.url)
    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)
    runner, prompt = _push_until_asked(qtbot, keyed, local, pane)
    assert "No token for" in prompt.labelText()
    prompt.setTextValue(local.token)
    with qtbot.waitSignal(runner.succeeded, timeout=SIGNAL_TIMEOUT):
        prompt.accept()
    assert keystore.server_token(local.url) == local.token
    with keyed.session() as s:
        assert live_version(s) == 1


@pytest.mark.allow_log  # the unreachable server's retries are logged
def test_a_token_is_kept_only_once_the_server_took_it(
    qtbot: QtBot,
    keyed: Workspace,
    local: LocalServer,
    pane: ChangesPane,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The token typed was kept in the keyring before any push had used it: a mistyped one, or
    one typed while the server was down, stayed there and was sent with every later push."""
    monkeypatch.setenv("STUDIO_SERVER_URL", local.url)
    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)
    runner, prompt = _push_until_asked(qtbot, keyed, local, pane)
    # Mistyped: the server refuses it, it is asked for again and not kept.
    with qtbot.waitSignal(runner.token_requested, timeout=SIGNAL_TIMEOUT) as again:
        prompt.setTextValue("not-the-token-5521")
        prompt.accept()
    assert keystore.server_token(local.url) is None
    # Typed while the server is down: the push fails and the token, never checked, is not kept.
    local.stop()
    with qtbot.waitSignal(runner.failed, timeout=SIGNAL_TIMEOUT):
        again.args[0].setTextValue(local.token)
        again.args[0].accept()
    assert keystore.server_token(local.url) is None
    with keyed.session() as s:
        assert live_version(s) is None


def test_a_token_refused_by_a_proxy_in_front_of_the_server_is_not_kept(
    qtbot: QtBot,
    keyed: Workspace,
    local: LocalServer,
    pane: ChangesPane,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reverse proxy's 413 answers before the CRM server has looked at the token: the token
    is not known to be right, so it is not kept."""
    from tests.helpers.fault_proxy import fault_proxy

    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)
    local.sync_registry(keyed)
    view = _submit(keyed)
    approve_by(keyed, view.id, "zhou", "chen")
    with fault_proxy(local.url, ["413"]) as proxy:
        monkeypatch.setenv("STUDIO_SERVER_URL", proxy.url)
        with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
            pane.reload()
        pane.change_table.selectRow(0)
        pane.push_button.click()
        runner = pane.push_runner
        assert runner is not None
        with qtbot.waitSignal(runner.token_requested, timeout=SIGNAL_TIMEOUT) as asked:
            pass
        with qtbot.waitSignal(runner.failed, timeout=SIGNAL_TIMEOUT):
            asked.args[0].setTextValue("maybe-the-token-8830")
            asked.args[0].accept()
        assert [action for _m, _p, action in proxy.log] == ["413"]
        assert keystore.server_token(proxy.url) is None


def test_cancel_stops_a_push_only_before_the_server_confirmed(pane: ChangesPane) -> None:
    runner = PushRunner(pane.ctx, "no-such-change", pane)
    op = Op(lambda: None, pane)
    op.cancel()
    with pytest.raises(Cancelled, match="nothing was marked live"):
        runner._report(op.progress, "Sending…", 0.2)
    runner._report(op.progress, "Server confirmed", CONFIRMED)  # too late: the push completes
    assert not op.progress.cancellable


def test_push_asks_first_naming_the_version_the_server_and_the_approvers(
    qtbot: QtBot,
    keyed: Workspace,
    local: LocalServer,
    pane: ChangesPane,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

    monkeypatch.setenv("STUDIO_ASK_BEFORE_PUSH", "1")
    view = _submit(keyed)
    approve_by(keyed, view.id, "zhou", "chen")
    pane.ctx.local_server = local
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.notify(OpChanges(requests=True, audit=True))
    pane.tabs.setCurrentIndex(1)
    asked: list[str] = []

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: answer(button))
            return
        asked.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    QTimer.singleShot(20, lambda: answer("Cancel"))
    pane.push_button.click()
    assert pane.push_runner is None  # nothing sent
    assert "as version v1?" in asked[0] and local.url in asked[0]
    assert "zhou (business_lead)" in asked[0] and "chen (it_admin)" in asked[0]
    with keyed.session() as s:
        assert live_version(s) is None
    # Push, then the pusher's passphrase: lin's key signs the audit log's head the server keeps.
    asked_passphrase: list[str] = []

    def passphrase() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, passphrase)
            return
        asked_passphrase.append(dialog.labelText())
        assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
        dialog.setTextValue(PASSPHRASE)
        dialog.accept()

    QTimer.singleShot(20, lambda: answer("Push"))
    QTimer.singleShot(40, passphrase)
    pane.push_button.click()
    runner = pane.push_runner
    assert runner is not None
    results: list[PushResult] = []
    runner.succeeded.connect(results.append)
    with qtbot.waitSignals([runner.succeeded, pane.loaded], timeout=SIGNAL_TIMEOUT):
        pass
    assert "audit log's head" in asked_passphrase[0]
    with keyed.session() as s:
        assert live_version(s) == 1
    (result,) = results
    assert result.anchored is not None and result.anchor_problem is None
    assert "Version v1 is live" in pane.message_label.text()
