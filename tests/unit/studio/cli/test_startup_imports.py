"""The ``studio`` command starts like a command-line tool: it imports what a command needs, when
the command runs (issue 13: ``--version`` under 200 ms, ``check`` under 400 ms, whole process).

Asserted on ``sys.modules`` of a fresh interpreter, not on time: a slow shared machine must not
fail it, and a heavy import creeping back must.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Never needed to print the version or the help (each costs tens to hundreds of ms).
HEAVY = (
    "sqlalchemy",
    "alembic",
    "pydantic",
    "polars",
    "PySide6",
    "httpx",
    "cryptography",
    "keyring",
    "uvicorn",
    "fastapi",
    "xlsxwriter",
    "rich",
    "schema",
)
#: ``studio check`` on a plain SQLite workspace reads it with the standard library and lints
#: (pydantic): no SQLAlchemy or ORM models (``studio.workspace.sqlite_read``), nothing of the
#: change flow's network, keys or migrations.
NOT_FOR_CHECK = (
    "sqlalchemy",
    "schema.models",
    "alembic",
    "httpx",
    "cryptography",
    "keyring",
    "uvicorn",
    "fastapi",
    "PySide6",
)

_DUMP = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print('MODULES=' + json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
)


def _modules(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _DUMP + code],
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


def _loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(p for p in packages if any(m == p or m.startswith(p + ".") for m in modules))


def test_importing_the_cli_loads_no_heavy_module() -> None:
    assert _loaded(_modules("import studio.cli"), HEAVY) == []


def test_version_and_help_load_no_heavy_module() -> None:
    run = "import sys\nsys.argv = ['studio', '{arg}']\nfrom studio.cli import main\nmain()\n"
    assert _loaded(_modules(run.format(arg="--version")), HEAVY) == []
    # typer prints its help with rich; the rest stays out
    assert _loaded(_modules(run.format(arg="--help")), HEAVY) == ["rich"]


def test_check_loads_only_what_linting_the_draft_needs(sample_workspace_path: Path) -> None:
    modules = _modules(
        "import sys\n"
        f"sys.argv = ['studio', 'check', '--workspace', {str(sample_workspace_path)!r}]\n"
        "from studio.cli import main\n"
        "main()\n"
    )
    assert "studio.lint.draft" in modules  # it did run
    assert _loaded(modules, NOT_FOR_CHECK) == []


def test_the_change_flow_names_load_on_first_use() -> None:
    """``studio.changes`` loads its rooms lazily; every name it offers still resolves."""
    import studio.changes
    import studio.changes.history

    for name in studio.changes.__all__:
        assert getattr(studio.changes, name) is not None
    # the function, not the module of the same name
    assert studio.changes.history is sys.modules["studio.changes.history"].history
