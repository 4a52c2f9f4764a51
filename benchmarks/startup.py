"""Start-up of the CLI and the GUI, whole process, side by side with what they stand on.

    python benchmarks/startup.py [--runs 9]

Each round runs, one after the other (so a noisy shared machine slows all of them alike):

- bare ``python -c pass`` (the interpreter's own start),
- ``studio --version`` and ``studio check`` on the sample workspace (the console script, whole
  process, until it exits),
- a bare PySide6 ``QMainWindow`` shown and reporting its first processed events, and
- the studio's window (``python -m studio``) shown the same way, on the sample workspace.

The windows run offscreen and say when they are shown (``studio-shown-at=``, a zero timer
after ``show()``). Medians, with ratios to the bare references. Targets (issue 13):
``--version`` < 200 ms, ``check`` < 400 ms, the studio's window within 3x of the bare one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: print(f"studio-shown-at={time.time():.6f}", file=sys.stderr))
QTimer.singleShot(50, app.quit)
app.exec()
"""


def _studio_command() -> list[str]:
    """The installed console script (what people type), else ``python -m studio``."""
    script = Path(sys.executable).with_name("studio.exe" if os.name == "nt" else "studio")
    return [str(script)] if script.exists() else [sys.executable, "-m", "studio"]


#: CPU seconds (user + system) of each whole-process run, by measure: steadier than wall time
#: on a shared machine, where a run may wait for a core.
CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _whole(cmd: list[str], env: dict[str, str], name: str = "") -> float:
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=False, timeout=120)
    wall = time.perf_counter() - start
    CPU.setdefault(name, []).append(_children_cpu() - cpu)
    return wall


def _shown_after(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=True)
    line = next(x for x in result.stderr.splitlines() if x.startswith("studio-shown-at="))
    return float(line.split("=", 1)[1]) - start


def _row(name: str, values: list[float], reference: list[float] | None) -> str:
    median = statistics.median(values)
    ratio = f"{median / statistics.median(reference):>8.1f}x" if reference else f"{'':>9}"
    return (
        f"{name:<40}{median * 1000:>9.0f}{min(values) * 1000:>9.0f}"
        f"{max(values) * 1000:>9.0f}{ratio}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    studio = _studio_command()
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
            "STUDIO_LANG": "en",
        }
        env.pop("STUDIO_SERVER_URL", None)
        workspace = root / "sample.db"
        subprocess.run(
            [*studio, "init", "--sample", "--workspace", str(workspace)],
            env=env,
            check=True,
            capture_output=True,
        )
        commands = {
            "bare": lambda: _whole([sys.executable, "-c", "pass"], env, "bare"),
            "version": lambda: _whole([*studio, "--version"], env, "version"),
            "check": lambda: _whole(
                [*studio, "check", "--workspace", str(workspace)], env, "check"
            ),
            "bare_window": lambda: _shown_after([sys.executable, "-c", BARE_WINDOW], env),
            "gui": lambda: _shown_after(
                [sys.executable, "-m", "studio", "--workspace", str(workspace)], env
            ),
        }
        for run in commands.values():  # warm the OS file cache once, as a second start would
            run()
        CPU.clear()
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, run in commands.items():
                times[name].append(run())
    print(f"{'measure (ms)':<40}{'median':>9}{'min':>9}{'max':>9}{'ratio':>9}")
    print(_row("bare `python -c pass`", times["bare"], None))
    print(_row("`studio --version` (vs bare python)", times["version"], times["bare"]))
    print(_row("`studio check`, sample (vs bare python)", times["check"], times["bare"]))
    print(_row("bare PySide6 QMainWindow shown", times["bare_window"], None))
    print(_row("studio window shown (vs bare window)", times["gui"], times["bare_window"]))
    for name, label in (("bare", "bare"), ("version", "--version"), ("check", "check")):
        print(f"{'CPU time, ' + label:<40}{statistics.median(CPU[name]) * 1000:>9.0f}")
    print(
        f"runs: {args.runs}, command: {' '.join(Path(c).name for c in studio)}, "
        f"platform: {sys.platform}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, "
        f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
