"""The ``studio`` subcommands, one module each, registered with one line in ``studio.cli``."""
