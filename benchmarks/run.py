"""Run every benchmark, one after the other, and print their tables.

    python benchmarks/run.py [names...]      # e.g. python benchmarks/run.py startup rules

Each benchmark is a script of its own (``benchmarks/<name>.py``) that prints a table of medians;
they run one at a time so they do not compete for the machine's two cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALL = (
    "startup",
    "rules",
    "designer",
    "change_flow",
    "server_verify",
    "draft",
    "scan",
    "import",
    "automation",
    "permissions",
    "workspace_open",
)


def main(argv: list[str]) -> int:
    names = argv or list(ALL)
    unknown = [n for n in names if n not in ALL]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(ALL)}")
        return 2
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "QT_QPA_PLATFORM": "offscreen"}
    failed = 0
    for name in names:
        print(f"\n=== {name} " + "=" * (70 - len(name)), flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / f"{name}.py")], env=env)
        failed += result.returncode != 0
        print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
