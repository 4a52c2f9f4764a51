"""Install the studio from the lock into .venv and start it on the embedded default workspace.

Usage: python3 scripts/start.py [studio arguments...]      (Windows: py scripts\\start.py)

On Debian/Ubuntu it first installs the system libraries Qt's window needs (requirements/apt-gui.txt)
when some are missing and it may (root, or sudo without a password prompt); otherwise it says in
one line which packages to install. Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from venv_setup import ROOT, ensure


def apt_packages() -> list[str]:
    lines = (ROOT / "requirements" / "apt-gui.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def missing_apt_packages(packages: list[str]) -> list[str]:
    missing = []
    for pkg in packages:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        )
        if "ok installed" not in probe.stdout:
            missing.append(pkg)
    return missing


def ensure_system_libraries() -> None:
    """Linux with apt: install what Qt's window lacks, or say what to install and stop."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return
    missing = missing_apt_packages(apt_packages())
    if not missing:
        return
    if os.geteuid() == 0:
        sudo: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0:
        sudo = ["sudo", "-n"]
    else:
        sys.exit(
            "The studio's window needs system packages: "
            f"sudo apt-get install -y {' '.join(missing)}  (then run this command again)"
        )
    print(f"== installing system packages: {' '.join(missing)}", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    ensure_system_libraries()
    python = ensure(dev=False)
    return subprocess.call([str(python), "-m", "studio", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
