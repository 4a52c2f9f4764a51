"""Starting the GUI: the application object, translations, the workspace, the main window.

``run`` shows the window's frame first and opens the workspace off the UI thread: importing
the core (SQLAlchemy, pydantic), migrating and reading the draft are no part of showing a
window (issue 13: shown within 3x of a bare PySide6 window, ``benchmarks/startup.py``). So
this module imports only Qt and the light parts of the core at the top.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio import APP_NAME, __version__
from studio.errors import StudioError
from studio.i18n import tr as core_message
from studio.logs import log_path, setup_logging
from widgets.collector import collect_on_this_thread
from widgets.sentences import joined
from widgets.translation import install_translators

if TYPE_CHECKING:
    from studio.draft.save import DraftState
    from studio.workspace.connection import Workspace
    from widgets.main_window import MainWindow

log = logging.getLogger(__name__)

#: Who is signed in when nobody said: the sample's usual author.
DEFAULT_USER = "lin"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_translators(app)
    collect_on_this_thread(app)
    return app


def _choose_user(users: list[str], wanted: str | None) -> str:
    if wanted:
        if wanted not in users and users:
            raise StudioError("Unknown user {user}.", user=wanted)
        return wanted
    if DEFAULT_USER in users or not users:
        return DEFAULT_USER if users else ""
    return users[0]


def pick_user(ws: Workspace, wanted: str | None) -> str:
    """The user to sign in: the one asked for if known, else the usual author, else the first."""
    from studio.draft.store import load_draft

    with ws.session() as s:
        users = [u.user for u in load_draft(s).users]
    return _choose_user(users, wanted)


@dataclass
class Opened:
    """What the window needs of a workspace, read in one go (off the UI thread on start-up)."""

    workspace: Workspace
    user: str
    #: the draft as the designer document holds it (``None``: the document reads it itself)
    state: DraftState | None
    notice: str | None


def open_for_window(target: str | None, user: str | None) -> Opened:
    """Open (or, on the first start, create) the workspace, read its draft, choose the user."""
    from studio.changes.releases import UnreadableReleaseError
    from studio.draft.save import load_state
    from studio.draft.store import load_draft
    from studio.workspace.bootstrap import open_or_create_default
    from studio.workspace.connection import display_name, resolve_target

    # A damaged workspace opens read-only: the window says what is wrong and what to restore,
    # and nothing is written to it (issue 20).
    ws, created = open_or_create_default(target, damaged_read_only=True)
    try:
        state: DraftState | None
        try:
            state = load_state(ws)
            users = [u.user for u in state.bundle.users]
        except UnreadableReleaseError:
            # The window still opens; the designer document loads the draft itself and says why.
            state = None
            with ws.session() as s:
                users = [u.user for u in load_draft(s).users]
        except StudioError:
            if ws.damaged is None:
                raise
            # The draft itself is in the damaged part: the window opens on the banner, and the
            # designer document says it cannot read the draft.
            state, users = None, []
        chosen = _choose_user(users, user)
    except StudioError:
        ws.close()
        raise
    notice = None
    if created:
        notice = core_message(
            "Created a new workspace at {where} with the sample CRM configuration.",
            where=display_name(resolve_target(target)),
        )
        if ws.backup is not None:
            notice = joined(
                notice,
                core_message(
                    "Backed up the workspace to {where} before upgrading it.", where=ws.backup
                ),
            )
    elif ws.backup is not None:
        notice = core_message(
            "Backed up the workspace to {where} before upgrading it.", where=ws.backup
        )
    return Opened(ws, chosen, state, notice)


def attach_opened(window: MainWindow, opened: Opened) -> None:
    """Give ``window`` the opened workspace (on the UI thread)."""
    from widgets.context import StudioContext

    ctx = StudioContext(opened.workspace, opened.user)
    if opened.state is not None:
        # Read with the workspace, off the UI thread: the document need not read it again.
        ctx.document.set_state(opened.state)
    window.attach(ctx)
    if opened.notice:
        window.show_notice(opened.notice)


def build_main_window(target: str | None, user: str | None) -> MainWindow:
    """Open (or, on the first start, create) the workspace and build the window around it, all
    at once (tests, screenshots); ``run`` does the same with the window shown first."""
    from widgets.main_window import MainWindow

    opened = open_for_window(target, user)
    window = MainWindow()
    attach_opened(window, opened)
    return window


def _report_bug(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """A bug in a slot: log the traceback, tell the user briefly, keep the studio running."""
    log.error("unexpected error", exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
    QMessageBox.critical(
        None,
        APP_NAME,
        core_message("Unexpected error; the details are in {where}.", where=log_path()),
    )


class Starter:
    """Opens a workspace for a shown window off the UI thread; when it cannot be opened, says
    why and offers another workspace, the default one, or quitting (never a dead end)."""

    def __init__(
        self, window: MainWindow, user: str | None, *, ask: bool = True, quit_after: int = 0
    ) -> None:
        self.window, self.user, self.ask, self.quit_after = window, user, ask, quit_after
        self.op: object = None

    def start(self, target: str | None) -> None:
        from widgets.ops import Op

        op = Op(lambda: open_for_window(target, self.user), self.window)
        op.succeeded.connect(self._opened)
        op.failed.connect(lambda message: self._failed(target, message))
        self.op = op
        op.start()

    def _opened(self, result: Opened) -> None:
        attach_opened(self.window, result)
        if result.notice:
            print(result.notice, file=sys.stderr)
        if self.quit_after:  # leave once the window holds its workspace, not before
            QTimer.singleShot(self.quit_after, QApplication.quit)

    def _failed(self, target: str | None, message: str) -> None:
        print(message, file=sys.stderr)
        choice = self.recovery(target, message) if self.ask else None
        if choice is None:
            QApplication.exit(1)
        else:
            self.start(choice or None)

    def recovery(self, target: str | None, message: str) -> str | None:
        """The workspace to try instead (``""``: the default one), or ``None`` to quit."""
        from PySide6.QtWidgets import QFileDialog

        from studio.workspace.connection import default_workspace_path, resolve_target

        while True:
            box = QMessageBox(self.window)
            box.setObjectName("open_failed_box")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(APP_NAME)
            box.setText(message)
            other = box.addButton(
                QCoreApplication.translate("Starter", "Open another workspace…"),
                QMessageBox.ButtonRole.ActionRole,
            )
            default = None
            if resolve_target(target) != str(default_workspace_path()):
                default = box.addButton(
                    QCoreApplication.translate("Starter", "Use the default workspace"),
                    QMessageBox.ButtonRole.ActionRole,
                )
            box.addButton(
                QCoreApplication.translate("Starter", "Quit"), QMessageBox.ButtonRole.RejectRole
            )
            box.exec()
            clicked = box.clickedButton()
            if default is not None and clicked is default:
                return ""
            if clicked is not other:
                return None
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                QCoreApplication.translate("Starter", "Open workspace"),
                "",
                QCoreApplication.translate("Starter", "Studio workspaces (*.db);;All files (*)"),
            )
            if path:
                return path


def run(target: str | None, user: str | None) -> int:
    """Show the window, then open the workspace in the background and give it to the window."""
    from widgets.main_window import MainWindow

    setup_logging()
    sys.excepthook = _report_bug
    app = make_application()
    window = MainWindow()
    window.show()
    quit_after = int(os.environ.get("STUDIO_QUIT_AFTER_MS") or 0)
    if quit_after:  # smoke tests and the start-up benchmark: show the window, then leave
        # The zero timer fires once the shown window's first events are processed.
        QTimer.singleShot(0, lambda: print(f"studio-shown-at={time.time():.6f}", file=sys.stderr))
    # Headless runs (quit_after) must never wait on a question nobody sees.
    starter = Starter(window, user, ask=not quit_after, quit_after=quit_after)
    QTimer.singleShot(0, lambda: starter.start(target))  # after the first paint
    return app.exec()
