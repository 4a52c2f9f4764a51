"""The studio's per-user settings (window geometry, language), in one ini file."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from studio import APP_NAME


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini"


def settings() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


LANGUAGE_KEY = "ui/language"  # "system", "zh_CN" or "en"


def language_setting() -> str:
    value = settings().value(LANGUAGE_KEY, "system")
    return value if value in ("system", "zh_CN", "en") else "system"


def set_language_setting(value: str) -> None:
    s = settings()
    s.setValue(LANGUAGE_KEY, value)
    s.sync()
