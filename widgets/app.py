"""Starting the GUI: the application object, translations, the workspace, the main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio import APP_NAME, __version__
from studio.draft.store import load_draft
from studio.errors import StudioError
from studio.i18n import tr as core_message
from studio.logs import log_path, setup_logging
from studio.workspace.bootstrap import open_or_create_default
from studio.workspace.connection import Workspace, display_name, resolve_target
from widgets.context import StudioContext
from widgets.main_window import MainWindow
from widgets.translation import install_translators

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
    return app


def pick_user(ws: Workspace, wanted: str | None) -> str:
    """The user to sign in: the one asked for if known, else the usual author, else the first."""
    with ws.session() as s:
        users = [u.user for u in load_draft(s).users]
    if wanted:
        if wanted not in users and users:
            raise StudioError("Unknown user {user}.", user=wanted)
        return wanted
    if DEFAULT_USER in users or not users:
        return DEFAULT_USER if users else ""
    return users[0]


def build_main_window(target: str | None, user: str | None) -> MainWindow:
    """Open (or, on the first start, create) the workspace and build the window around it."""
    ws, created = open_or_create_default(target)
    try:
        ctx = StudioContext(ws, pick_user(ws, user))
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
            notice += " " + core_message(
                "Backed up the workspace to {where} before upgrading it.", where=ws.backup
            )
    elif ws.backup is not None:
        notice = core_message(
            "Backed up the workspace to {where} before upgrading it.", where=ws.backup
        )
    return MainWindow(ctx, notice)


def _report_bug(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """A bug in a slot: log the traceback, tell the user briefly, keep the studio running."""
    log.error("unexpected error", exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
    QMessageBox.critical(
        None,
        APP_NAME,
        core_message("Unexpected error; the details are in {where}.", where=log_path()),
    )


def run(target: str | None, user: str | None) -> int:
    setup_logging()
    sys.excepthook = _report_bug
    app = make_application()
    try:
        window = build_main_window(target, user)
    except StudioError as exc:
        print(exc, file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if window.banner.isVisible():
        print(window.banner_label.text(), file=sys.stderr)
    window.show()
    quit_after = os.environ.get("STUDIO_QUIT_AFTER_MS")
    if quit_after:  # smoke tests and the start-up benchmark: show the window, then leave
        # The zero timer fires once the shown window's first events are processed.
        QTimer.singleShot(0, lambda: print(f"studio-shown-at={time.time():.6f}", file=sys.stderr))
        QTimer.singleShot(int(quit_after), app.quit)
    return app.exec()
