"""The lock files decide what is installed: they must cover pyproject.toml and agree with it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def pins(lock: str) -> dict[str, set[Version]]:
    """Every pinned package of a lock file (a package may be pinned per Python version)."""
    found: dict[str, set[Version]] = {}
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{match.group(1)} in {lock} has no hash"
            found.setdefault(canonicalize_name(match.group(1)), set()).add(Version(match.group(2)))
    return found


def requirements(*, extras: bool) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    if extras:
        for extra in project.get("optional-dependencies", {}).values():
            reqs.extend(extra)
    build = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    reqs.extend(line for line in build if line.strip() and not line.startswith("#"))
    return [Requirement(r) for r in reqs]


@pytest.mark.parametrize(("lock", "extras"), [("app.lock", False), ("dev.lock", True)])
def test_lock_pins_every_requirement_of_pyproject_within_its_range(lock: str, extras: bool) -> None:
    pinned = pins(lock)
    problems = []
    for req in requirements(extras=extras):
        versions = pinned.get(canonicalize_name(req.name))
        if not versions:
            problems.append(f"{req} is not in {lock}")
        elif not any(req.specifier.contains(v, prereleases=True) for v in versions):
            problems.append(f"{req} but {lock} pins {sorted(map(str, versions))}")
    assert not problems, "pyproject.toml and the lock disagree; run scripts/upgrade-deps:\n" + (
        "\n".join(problems)
    )


def test_the_app_lock_installs_the_same_versions_as_the_dev_lock() -> None:
    app, dev = pins("app.lock"), pins("dev.lock")
    assert set(app) <= set(dev)
    assert {name: app[name] for name in app} == {name: dev[name] for name in app}
