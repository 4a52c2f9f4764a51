"""``studio --help`` in the studio's language: the commands' and options' texts from the
``cli_help`` catalogue, and the few words Typer itself prints around them."""

from __future__ import annotations

from typing import Any

from studio.i18n import N_, render

#: Typer's own words (constants of ``typer.rich_utils``) as catalogue keys.
TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}


def help_texts(command: Any) -> list[str]:
    """Every help text of ``command`` and its subcommands, options and arguments."""
    found: list[str] = []
    for text in (command.help, getattr(command, "short_help", None)):
        if text:
            found.append(text)
    for param in command.params:
        if getattr(param, "help", None):
            found.append(param.help)
    for sub in getattr(command, "commands", {}).values():
        found.extend(help_texts(sub))
    return found


def localize_help(command: Any, lang: str) -> None:
    """Put ``lang``'s text in place of each English help text of ``command``'s tree."""
    if lang == "en":
        return
    from typer import rich_utils

    for name, key in TYPER_WORDS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, render(key, lang, {}))
    _localize(command, lang)


def _localize(command: Any, lang: str) -> None:
    if command.help:
        command.help = render(command.help, lang, {})
    if getattr(command, "short_help", None):
        command.short_help = render(command.short_help, lang, {})
    for param in command.params:
        if getattr(param, "help", None):
            param.help = render(param.help, lang, {})
    _localize_help_option(command, lang)
    for sub in getattr(command, "commands", {}).values():
        _localize(sub, lang)


def _localize_help_option(command: Any, lang: str) -> None:
    # The --help option is made by the command on first use, with its English text: translate
    # it as it is made.
    make = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None and option.help:
            option.help = render(option.help, lang, {})
        return option

    command.get_help_option = get_help_option
