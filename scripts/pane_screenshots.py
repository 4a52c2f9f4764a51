"""Screenshots of every pane of the navigator, in Chinese and in English (docs/panes/).

Run after a change to what a pane shows, look at every PNG, commit them:
    QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD .venv/bin/python scripts/pane_screenshots.py [OUT_DIR]

The panes show the sample workspace as a first start makes it (no CRM server, no scan).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LANGUAGES = ("zh_CN", "en")


def main(out: Path, width: int = 1440, only: str | None = None) -> int:
    home = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")  # not the real user's settings
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ.pop("STUDIO_SERVER_URL", None)
    from studio import i18n
    from studio.workspace.bootstrap import init_workspace
    from widgets.app import build_main_window, make_application
    from widgets.pane import NAVIGATOR
    from widgets.settings import set_language_setting
    from widgets.translation import install_translators

    path = home / "sample.db"
    init_workspace(path, sample=True).close()
    app = make_application()
    out.mkdir(parents=True, exist_ok=True)

    def spin(cond: Callable[[], bool], seconds: float = 15) -> None:
        end = time.time() + seconds
        while not cond() and time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    for lang in LANGUAGES:
        from PySide6.QtCore import QTranslator

        for old in app.findChildren(QTranslator):
            app.removeTranslator(old)
        set_language_setting(lang)
        install_translators(app)
        i18n.set_language(lang)
        window = build_main_window(str(path), None)
        window.resize(width, 900)
        window.show()
        for row, entry in enumerate(NAVIGATOR):
            if only is not None and entry.pane_id != only:
                continue
            window.navigator.setCurrentRow(row)
            pane = window.panes[entry.pane_id]
            busy = getattr(getattr(pane, "doc", None), "busy", None)
            spin(lambda b=busy: b is None or not b(), 15)
            spin(lambda: False, 1.0)  # loads off the UI thread, charts, first paint
            target = out / f"{entry.pane_id}-{lang}.png"
            window.grab().save(str(target))
            print(target)
        window.close()
        window.deleteLater()
        spin(lambda: False, 0.5)
    set_language_setting("system")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pane_screenshots.py",
        description="Screenshots of every pane of the navigator, in Chinese and in English, of "
        "the sample workspace as a first start makes it (no CRM server, no scan). Run it with "
        "QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD.",
    )
    parser.add_argument(
        "out",
        nargs="?",
        type=Path,
        default=Path("docs/panes"),
        metavar="OUT_DIR",
        help="the folder the PNGs are written to (default: docs/panes)",
    )
    parser.add_argument(
        "--width",
        type=int,
        default=1440,
        help="the window's width in pixels (default: 1440; 1366 is a common laptop's screen)",
    )
    parser.add_argument(
        "--pane", metavar="PANE_ID", help="only this pane (import_export, changes, ...)"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse_args()
    sys.exit(main(args.out, args.width, args.pane))
