"""GUI start-up: from process start to the main window shown, on the sample workspace.

    python benchmarks/startup.py [--runs 7]

Runs the real `python -m studio` offscreen; the window reports when it is shown and quits.
Also times `python -c pass` side by side (the interpreter's own start) to give a ratio that
survives a noisy shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _shown_after(env: dict[str, str], workspace: Path) -> float:
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "studio", "--workspace", str(workspace)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("studio-shown-at="))
    return float(line.split("=", 1)[1]) - start


def _bare_python(env: dict[str, str]) -> float:
    start = time.time()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.time() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        runtime = root / "runtime"
        runtime.mkdir(mode=0o700)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_DATA_HOME": str(root / "data"),
            "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_RUNTIME_DIR": str(runtime),
            "STUDIO_QUIT_AFTER_MS": "50",
        }
        workspace = root / "sample.db"
        subprocess.run(
            [sys.executable, "-m", "studio", "init", "--sample", "--workspace", str(workspace)],
            env=env,
            check=True,
            capture_output=True,
        )
        _shown_after(env, workspace)  # warm the OS file cache once, as a second start would
        gui, bare = [], []
        for _ in range(args.runs):
            gui.append(_shown_after(env, workspace))
            bare.append(_bare_python(env))
    g, b = statistics.median(gui), statistics.median(bare)
    print(f"{'measure':<44}{'median':>10}{'min':>10}{'max':>10}")
    print(f"{'GUI shown on sample workspace (s)':<44}{g:>10.3f}{min(gui):>10.3f}{max(gui):>10.3f}")
    print(f"{'bare `python -c pass` (s)':<44}{b:>10.3f}{min(bare):>10.3f}{max(bare):>10.3f}")
    print(f"{'ratio GUI / bare interpreter':<44}{g / b:>10.1f}")
    print(f"runs: {args.runs}, platform: {sys.platform}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
