"""The layers of DESIGN.md hold: only widgets/ (and the GUI entry) import Qt; the reference server
never imports client-side code; the core starts without Qt at all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "shiboken6", "pyqtgraph", "widgets")
CLIENT_SIDE = (
    "studio.client",
    "studio.cli",
    "studio.changes",
    "studio.draft",
    "studio.workspace",
    "studio.audit",
    "studio.gui",
)


def imports_of(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def core_modules() -> list[Path]:
    return sorted(
        p for pkg in ("studio", "importers", "schema") for p in (ROOT / pkg).rglob("*.py")
    )


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_gui_entry_of_the_core_imports_qt(path: Path) -> None:
    allowed = ("widgets",) if path == ROOT / "studio" / "gui.py" else ()
    bad = [n for n in imports_of(path) if _under(n, QT) and not _under(n, allowed)]
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_reference_server_never_imports_client_code() -> None:
    bad = {
        str(p.relative_to(ROOT)): [n for n in imports_of(p) if _under(n, CLIENT_SIDE)]
        for p in (ROOT / "studio" / "server").rglob("*.py")
    }
    assert not {k: v for k, v in bad.items() if v}


def test_importing_the_cli_and_the_server_loads_no_qt() -> None:
    code = (
        "import sys, studio.cli, studio.server.app\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'widgets')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
