"""scripts/pane_screenshots.py --help prints its usage (it once took "--help" as its output
folder and wrote screenshots into it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_help_prints_the_usage_and_writes_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pane_screenshots.py"), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "usage: pane_screenshots.py" in done.stdout and "OUT_DIR" in done.stdout
    assert list(tmp_path.iterdir()) == []  # no "--help" folder, no screenshots
