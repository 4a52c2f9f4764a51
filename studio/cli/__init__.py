"""The ``studio`` command. Every command and command group is registered here, in one place.

Errors the user can cause print one clear line and exit 1; tracebacks are for bugs only.
"""

from __future__ import annotations

import logging
import sys

import typer
import typer.main

from studio.cli import (
    access,
    audit,
    change,
    check,
    config,
    importing,
    init,
    keys,
    rules,
    scan,
    serve,
    transfer,
)
from studio.cli.app import app
from studio.cli.help import localize_help
from studio.i18n import language, tr
from studio.logs import setup_logging

app.command("init")(init.init)
app.add_typer(config.app, name="config")
app.command("check")(check.check)
app.command("scan")(scan.scan)
app.command("import")(importing.import_)
app.command("export")(transfer.export)
app.command("template")(transfer.template)
app.command("health")(transfer.health)
app.command("serve")(serve.serve)
app.add_typer(keys.app, name="keys")
app.add_typer(change.app, name="change")
app.add_typer(audit.app, name="audit")
app.add_typer(rules.app, name="rules")
app.command("access")(access.access)
app.command("leaver")(access.leaver)

__all__ = ["app", "main"]


def main() -> None:
    log_file = setup_logging()
    try:
        command = typer.main.get_command(app)
        localize_help(command, language())
        command()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # a bug: the traceback goes to the log file, a short line to the user
        logging.getLogger("studio").exception("unexpected error")
        typer.echo(tr("Unexpected error; the details are in {where}.", where=log_file), err=True)
        sys.exit(2)
