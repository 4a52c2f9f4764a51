"""Fixtures shared by every test: an isolated home, sample workspaces, a real PostgreSQL server."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio import i18n

# The real reference server (`live_server`) and signed release documents for tests.
pytest_plugins = ["tests.helpers.server", "tests.helpers.logfail", "tests.helpers.mariadb"]


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own data/config folders, so nothing touches the real user's studio."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("STUDIO_LANG", "en")
    # Push asks before it sends; the tests that click Push answer for themselves or skip it.
    monkeypatch.setenv("STUDIO_ASK_BEFORE_PUSH", "0")
    monkeypatch.delenv("STUDIO_WORKSPACE", raising=False)
    monkeypatch.delenv("STUDIO_USER", raising=False)
    i18n.set_language(None)
    from studio.audit import log as audit

    audit.forget_sign_ins()  # a GUI test's sign-ins are not the next test's
    return home


@pytest.fixture(autouse=True)
def cycles_collected_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A GUI test collects reference cycles as the studio does, on the GUI thread only
    (``widgets.collector``); the next test starts with Python's automatic collector."""
    if "qtbot" in request.fixturenames:
        from widgets.collector import collect_on_this_thread

        collect_on_this_thread(request.getfixturevalue("qapp"))
    yield
    if "widgets.collector" in sys.modules:
        from PySide6.QtWidgets import QApplication

        from widgets.collector import Collector

        app = QApplication.instance()
        for collector in app.findChildren(Collector) if app is not None else []:
            collector.stop()
            collector.setParent(None)
            collector.deleteLater()


@pytest.fixture
def sample_workspace_path(tmp_path: Path) -> Path:
    """A freshly initialised SQLite workspace with the sample configuration."""
    from studio.workspace.bootstrap import init_workspace

    path = tmp_path / "sample.db"
    init_workspace(path, sample=True).close()
    return path


# -- PostgreSQL: a throw-away server, started once per test session ---------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server on loopback; yields its base URL (without a database).

    The tests need it: when PostgreSQL is not installed this fails loudly instead of skipping,
    because a skipped test would hide the missing dependency (.ci/run installs it).
    """
    from tests.helpers.postgres import pg_bindir, throwaway_postgres

    bindir = pg_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL server binaries not found: install Debian's 'postgresql' "
            "package (.ci/run does)"
        )
    with throwaway_postgres(bindir) as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = pg_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{pg_server}/{name}"
    finally:
        with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
