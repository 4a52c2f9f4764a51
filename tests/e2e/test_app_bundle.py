"""studio.spec builds a one-folder app that starts: headless commands and the GUI (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(1200)  # PyInstaller takes minutes on a loaded 2-core machine
def test_pyinstaller_one_folder_app_starts(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "studio.spec"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )
    exe = tmp_path / "dist" / "studio" / ("studio.exe" if os.name == "nt" else "studio")
    assert exe.exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDIO_LANG": "zh_CN"}
    env.pop("PYTHONPATH", None)  # the app must carry everything it needs

    version = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert version.returncode == 0 and "CRM Config Studio" in version.stdout

    ws = tmp_path / "w.db"
    init = subprocess.run(
        [str(exe), "init", "--sample", "--workspace", str(ws)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert init.returncode == 0, init.stderr  # migrations ship inside the app
    assert "示例" in init.stdout  # so do the Chinese messages

    gui = subprocess.run(
        [str(exe), "--workspace", str(ws)],
        capture_output=True,
        text=True,
        env={**env, "STUDIO_QUIT_AFTER_MS": "300"},
        timeout=60,
    )
    assert gui.returncode == 0, gui.stderr
    assert "studio-shown-at=" in gui.stderr
