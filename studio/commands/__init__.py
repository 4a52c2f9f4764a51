"""Subcommands of ``studio``, one module each, registered in ``studio.cli`` with one line."""
