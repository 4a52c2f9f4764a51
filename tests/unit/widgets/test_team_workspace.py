"""A team workspace on PostgreSQL opened from host, port, database and user, its password kept in
the real OS keyring and never in the URL, the workspace's name, a setting or an error."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from studio.changes.keystore import store_workspace_password
from studio.errors import WorkspaceError
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace
from studio.workspace.team import team_url, without_password

PASSWORD = "Lin-团队-密码-2026"


@pytest.fixture
def password_role(pg_server: str) -> Iterator[tuple[str, int, str, str]]:
    """A database owned by a role that must give its password (scram), on the test server."""
    base = make_url(pg_server)
    role, db = f"team_{uuid.uuid4().hex[:8]}", f"t_{uuid.uuid4().hex[:12]}"
    admin = f"postgresql://postgres@{base.host}:{base.port}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'CREATE DATABASE "{db}" OWNER {role}')
        hba = conn.execute("show hba_file").fetchone()[0]  # type: ignore[index]
        with open(hba, encoding="utf-8") as f:
            rules = f.read()
        with open(hba, "w", encoding="utf-8") as f:
            f.write(f"host all {role} 127.0.0.1/32 scram-sha-256\n{rules}")
        conn.execute("select pg_reload_conf()")
    try:
        yield str(base.host), int(base.port or 5432), db, role
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            with open(hba, "w", encoding="utf-8") as f:
                f.write(rules)
            conn.execute("select pg_reload_conf()")
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def test_the_password_comes_from_the_keyring_and_goes_nowhere_else(
    password_role: tuple[str, int, str, str],
) -> None:
    host, port, db, user = password_role
    url = team_url(host, port, db, user)
    assert url == f"postgresql+psycopg://{user}@{host}:{port}/{db}"
    # no password anywhere yet: the server refuses, and the message names no secret
    with pytest.raises(WorkspaceError) as refused:
        init_workspace(url, sample=True)
    assert "password" in str(refused.value).lower() and PASSWORD not in str(refused.value)

    store_workspace_password(url, PASSWORD)
    ws = init_workspace(url, sample=True)
    ws.close()
    ws = open_workspace(url)
    try:
        assert ws.target == url and PASSWORD not in ws.name
        with ws.session() as s:
            assert s.connection().exec_driver_sql("select current_user").scalar() == user
    finally:
        ws.close()


def test_the_parts_are_checked_and_quoted() -> None:
    assert team_url("db.example.cn", "5433", "crm", "lin@corp") == (
        "postgresql+psycopg://lin%40corp@db.example.cn:5433/crm"
    )
    for host, port, db, user in (("", 5432, "crm", "lin"), ("h", "x", "crm", "lin"),
                                 ("h", 70000, "crm", "lin"), ("h", 5432, " ", "lin"),
                                 ("h", 5432, "crm", "")):  # fmt: skip
        with pytest.raises(WorkspaceError):
            team_url(host, port, db, user)
    assert without_password("postgresql+psycopg://lin:s3cret@h:5432/crm") == (
        "postgresql+psycopg://lin@h:5432/crm"
    )


def test_the_dialog_opens_the_team_workspace_and_keeps_the_password_in_the_keyring(
    qtbot: object, password_role: tuple[str, int, str, str], tmp_path: object
) -> None:
    from studio.changes.keystore import workspace_password
    from widgets.team_workspace_dialog import TeamWorkspaceDialog

    host, port, db, user = password_role
    dialog = TeamWorkspaceDialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.user.setText(user)
    assert not dialog.try_accept()  # no database named: said in the dialog, nothing kept
    assert dialog.error.text() == "Enter the database name."
    dialog.database.setText(db)
    dialog.password.setText(PASSWORD)
    assert dialog.try_accept()
    assert dialog.url == f"postgresql+psycopg://{user}@{host}:{port}/{db}"
    assert PASSWORD not in dialog.url and dialog.password.text() == ""
    assert workspace_password(dialog.url) == PASSWORD
    ws = init_workspace(dialog.url, sample=True)
    ws.close()
