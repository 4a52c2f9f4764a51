"""CRM Config Studio: the Qt-free core (bundle, workspace, rules, change flow, CLI)."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "CRM Config Studio"
