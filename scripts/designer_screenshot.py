"""Screenshot of the designers in the customs-code outage scenario (docs/designer*.png).

Usage (a real X server, so fonts and styles are what people see):
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        PYTHONPATH=$PWD python scripts/designer_screenshot.py OUT.png zh_CN|en forms|fields
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def main(out: str, lang: str, tab: str) -> int:
    home = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = home  # do not touch the real user's settings
    from studio.draft import edits as de
    from studio.workspace.bootstrap import init_workspace
    from widgets.app import build_main_window, make_application
    from widgets.settings import set_language_setting
    from widgets.translation import install_translators

    path = Path(home) / "sample.db"
    init_workspace(path, sample=True).close()
    app = make_application()
    set_language_setting(lang)
    install_translators(app)
    window = build_main_window(str(path), None)
    window.resize(1600, 960)
    window.show()
    pane = window.panes["entities"]

    def spin(cond: Callable[[], bool], seconds: float = 10) -> None:
        end = time.time() + seconds
        while not cond() and time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    spin(lambda: bool(pane.doc.bundle.entities))
    pane.select_entity("customer")
    pane.doc.apply(
        "add",
        lambda b: de.add_field(
            b, "customer", "customs_code", "海关编码", "Customs code", "text",
            required=True, max_length=10,
        ),
    )  # fmt: skip
    spin(lambda: not pane.doc.busy() and pane.findings_panel.model.rowCount() > 0)
    if tab == "forms":
        pane.tabs.setCurrentWidget(pane.forms)
        pane.forms.preview.set_values({"name": "  ", "mobile": "12345", "email": "zhang@"})
        pane.forms.preview.save()
    else:
        editor = pane.fields.editor
        pane.fields.select_field("customs_code")
        editor.regex_edit.setText("^[0-9]{10}$")
        editor.regex_edit.editingFinished.emit()
        spin(lambda: not pane.doc.busy())
        editor.default_edit.setText("12345")
        editor.default_edit.editingFinished.emit()
    pane.findings_panel.table.selectRow(0)
    spin(lambda: False, 0.5)
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        window.screen().grabWindow(window.winId()).save(out)
    else:
        window.grab().save(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
