"""Make the project's virtual environment (.venv) and install it from the lock file, nothing else.

Usage: python3 scripts/venv_setup.py [--dev]     prints the path of the environment's Python

The lock files (requirements/*.lock) pin every package, direct and transitive, with hashes, for
Linux, Windows and macOS on Python 3.11+; pip installs exactly them (--require-hashes), then the
studio itself without resolving anything (--no-deps, --no-build-isolation: the build back-end is in
the lock too). A second run with an unchanged lock installs nothing. Re-locking on purpose is
scripts/upgrade-deps. Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / "installed-lock.sha256"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _pip(python: Path, *args: str) -> None:
    cmd = [str(python), "-m", "pip", "--disable-pip-version-check", "-q", "install", *args]
    subprocess.run(cmd, cwd=ROOT, check=True)


def ensure(dev: bool) -> Path:
    """Create .venv when missing and bring it to the lock; returns the environment's Python."""
    if sys.version_info < (3, 11):  # noqa: UP036  (this script runs under any python3 first)
        sys.exit(f"CRM Config Studio needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    lock = ROOT / "requirements" / ("dev.lock" if dev else "app.lock")
    python = venv_python()
    if not python.exists():
        print(f"== creating the virtual environment {VENV}", file=sys.stderr)
        try:
            import ensurepip  # noqa: F401  (Debian's python3 leaves it to the python3-venv package)
        except ImportError:
            sys.exit(
                "This Python cannot make virtual environments: "
                "sudo apt-get install -y python3-venv  (then run this command again)"
            )
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = _stamp(lock)
    have = STAMP.read_text().split() if STAMP.exists() else []
    # dev.lock is a superset of app.lock, so an environment made for the tests also runs the app.
    if wanted in have or (not dev and _dev_stamp() in have):
        return python
    print(f"== installing from {lock.relative_to(ROOT)}", file=sys.stderr)
    _pip(python, "--require-hashes", "-r", str(lock))
    _pip(python, "--no-deps", "--no-build-isolation", "-e", str(ROOT))
    STAMP.write_text(f"{wanted}\n")
    return python


def _stamp(lock: Path) -> str:
    """What the environment was installed from: the lock and the project's own requirements
    (an edit elsewhere in pyproject.toml, a lint setting, installs nothing)."""
    import json
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {k: project.get(k) for k in ("dependencies", "optional-dependencies", "scripts")}
    return hashlib.sha256(lock.read_bytes() + json.dumps(wanted).encode()).hexdigest()


def _dev_stamp() -> str:
    return _stamp(ROOT / "requirements" / "dev.lock")


if __name__ == "__main__":
    print(ensure(dev="--dev" in sys.argv[1:]))
