"""Loading the UI's translations: ours (resources/translations) and Qt's own dialogs'."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studio import i18n
from widgets.settings import language_setting

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def effective_language() -> str:
    """View › Language if it names a language, else ``STUDIO_LANG`` (as for the command line),
    else the system's: ``zh_CN`` or ``en``."""
    chosen = language_setting()
    if chosen != "system":
        return chosen
    env = os.environ.get("STUDIO_LANG", "")
    if env:
        return "zh_CN" if env.lower().startswith("zh") else "en"
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QApplication) -> str:
    """Install translators for the chosen language; the core's messages follow it too."""
    lang = effective_language()
    i18n.set_language(lang)
    if lang == "en":
        return lang
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"studio_{lang}.qm")):
        app.installTranslator(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    return lang
