"""The README's first command: scripts/start.py starts the studio from the locked environment."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _start_module() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location("start_script", ROOT / "scripts/start.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="Debian/Ubuntu only (apt)")
def test_without_root_it_names_the_missing_packages_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = _start_module()
    monkeypatch.setattr(start, "apt_packages", lambda: ["libxcb-cursor0", "libno-such-lib0"])
    monkeypatch.setattr(start.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(start.shutil, "which", lambda name: None if name == "sudo" else "/x")
    with pytest.raises(SystemExit) as stopped:
        start.ensure_system_libraries()
    message = str(stopped.value)
    assert "\n" not in message
    assert "sudo apt-get install -y libno-such-lib0" in message
    assert "libxcb-cursor0" not in message  # installed here: only what is missing is named


def test_the_first_readme_command_runs_the_studio_from_dot_venv() -> None:
    """With .venv at the lock already (scripts/test made it), nothing is installed again."""
    done = subprocess.run(
        [sys.executable, "scripts/start.py", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("CRM Config Studio ")
    assert "installing" not in done.stderr


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split("#")[0].strip() for line in block] == [
        "python3 scripts/start.py",
        "bash scripts/test",
    ]
