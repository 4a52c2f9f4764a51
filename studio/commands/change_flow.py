"""Registers the change flow's sub-apps (``keys``, ``change``, ``audit``) on the ``studio`` app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    # Imported here: these modules import ``studio.cli`` for the shared options.
    from studio.commands import audit_cmd, change, keys

    app.add_typer(keys.app, name="keys")
    app.add_typer(change.app, name="change")
    app.add_typer(audit_cmd.app, name="audit")
