"""The studio's log file: where tracebacks of bugs go (never to the user's face).

Secrets never reach it: passphrases and tokens are not passed to loggers, and workspace URLs are
logged through ``workspace.display_name`` (password hidden).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from studio import APP_NAME


def log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "studio.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the studio's logs to a rotating file (idempotent); returns the file's path."""
    path = log_path()
    root = logging.getLogger()
    if any(getattr(h, "_studio", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:  # a read-only home must not stop the studio; fall back to stderr
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._studio = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
