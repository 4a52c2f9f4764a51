"""The colours of the Changes pane's status lines and messages (one place, so they match)."""

from __future__ import annotations

ERROR_STYLE = "color: #b3261e; font-weight: 600;"
OK_STYLE = "color: #1b7f3b;"
NOTE_STYLE = "color: #555555;"
WARN_STYLE = "color: #8a5a00;"
