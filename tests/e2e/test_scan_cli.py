"""``studio scan`` as an admin runs it against the CRM's database (issue 15), on each dialect."""

from __future__ import annotations

import json
from pathlib import Path

import keyring

from studio.scan.connect import redact
from studio.scan.service import KEYRING_SERVICE
from tests.helpers.crm_db import make_crm
from tests.helpers.mariadb import SCAN_PASSWORD, MariaDBDatabase

from .test_cli import studio


def _names_the_column(result_stdout: str) -> None:
    assert "customer.notes" in result_stdout and "column_too_long" in result_stdout
    assert "Red (frozen): customer" in result_stdout


def test_scan_sqlite_exits_1_naming_the_column(sample_workspace_path: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=200, notes_average=800)
    result = studio("scan", "-w", str(sample_workspace_path), "--db", url)
    assert result.returncode == 1, result.stdout + result.stderr
    _names_the_column(result.stdout)
    as_json = studio("scan", "-w", str(sample_workspace_path), "--db", url, "--format", "json")
    assert as_json.returncode == 1
    document = json.loads(as_json.stdout)
    customer = next(e for e in document["entities"] if e["name"] == "customer")
    assert customer["status"] == "red" and customer["fields"] >= 14 and customer["searchable"] >= 1
    [long] = [f for f in document["findings"] if f["code"] == "column_too_long"]
    assert (long["entity"], long["field"], long["severity"]) == ("customer", "notes", "error")


def test_healthy_database_exits_0(sample_workspace_path: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=50, notes_average=40)
    result = studio("scan", "-w", str(sample_workspace_path), "--db", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "green" in result.stdout


def test_scan_postgresql_exits_1_naming_the_column(
    sample_workspace_path: Path, pg_url: str
) -> None:
    make_crm(pg_url, rows=300, notes_average=800)
    result = studio("scan", "-w", str(sample_workspace_path), "--db", pg_url)
    assert result.returncode == 1, result.stdout + result.stderr
    _names_the_column(result.stdout)


def test_scan_mariadb_with_the_password_from_the_keyring(
    sample_workspace_path: Path, mariadb_db: MariaDBDatabase
) -> None:
    make_crm(
        f"mysql+pymysql://root@localhost/{mariadb_db.name}?unix_socket={mariadb_db.server.socket}",
        rows=300,
        notes_average=800,
    )
    keyring.set_password(KEYRING_SERVICE, redact(mariadb_db.scan_url), SCAN_PASSWORD)
    try:
        result = studio("scan", "-w", str(sample_workspace_path), "--db", mariadb_db.scan_url)
    finally:
        keyring.delete_password(KEYRING_SERVICE, redact(mariadb_db.scan_url))
    assert result.returncode == 1, result.stdout + result.stderr
    _names_the_column(result.stdout)
    assert SCAN_PASSWORD not in result.stdout + result.stderr


def test_wrong_password_is_one_line_without_the_password(
    sample_workspace_path: Path, mariadb_db: MariaDBDatabase, isolated_home: Path
) -> None:
    url = mariadb_db.scan_url.replace("@", ":Not-The-Pw-9931@")
    result = studio("scan", "-w", str(sample_workspace_path), "--db", url)
    assert result.returncode == 1
    assert "refused the sign-in" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Not-The-Pw-9931" not in result.stdout + result.stderr
    for log in isolated_home.rglob("*.log"):
        assert "Not-The-Pw-9931" not in log.read_text(errors="replace")


def test_a_password_asked_for_is_kept_only_once_the_database_accepted_it(
    sample_workspace_path: Path, mariadb_db: MariaDBDatabase
) -> None:
    """The CLI had no way to give the scan its password: a database with one could be scanned
    only after someone put it in the keyring by other means."""
    make_crm(
        f"mysql+pymysql://root@localhost/{mariadb_db.name}?unix_socket={mariadb_db.server.socket}",
        rows=300,
        notes_average=800,
    )
    url, shown = mariadb_db.scan_url, redact(mariadb_db.scan_url)
    ws = str(sample_workspace_path)
    try:
        refused = studio("scan", "-w", ws, "--db", url)
        assert refused.returncode == 1
        assert "refused the sign-in" in refused.stderr and "--ask-password" in refused.stderr
        # A wrong password is refused and not kept: the next scan is not signed in with it.
        wrong = studio("scan", "-w", ws, "--db", url, "--ask-password", input="Wrong-pw-4410\n")
        assert wrong.returncode == 1 and "with the password given" in wrong.stderr
        assert "Wrong-pw-4410" not in wrong.stdout + wrong.stderr
        assert keyring.get_password(KEYRING_SERVICE, shown) is None
        # The right one scans, and is kept in the keyring (never in the workspace).
        right = studio("scan", "-w", ws, "--db", url, "--ask-password", input=SCAN_PASSWORD + "\n")
        assert right.returncode == 1, right.stdout + right.stderr
        _names_the_column(right.stdout)
        assert SCAN_PASSWORD not in right.stdout + right.stderr
        assert keyring.get_password(KEYRING_SERVICE, shown) == SCAN_PASSWORD
        for stored in sample_workspace_path.parent.glob(sample_workspace_path.name + "*"):
            assert SCAN_PASSWORD.encode() not in stored.read_bytes()
        again = studio("scan", "-w", ws, "--db", url)
        assert again.returncode == 1, again.stderr
        _names_the_column(again.stdout)
    finally:
        if keyring.get_password(KEYRING_SERVICE, shown) is not None:
            keyring.delete_password(KEYRING_SERVICE, shown)


def test_a_keyring_that_cannot_keep_the_password_does_not_cost_the_scan(
    sample_workspace_path: Path, mariadb_db: MariaDBDatabase
) -> None:
    """A headless server without a Secret Service: the scan signed in and ran, and was then
    thrown away (exit 1, no report, nothing kept) because the password could not be kept."""
    make_crm(
        f"mysql+pymysql://root@localhost/{mariadb_db.name}?unix_socket={mariadb_db.server.socket}",
        rows=300,
        notes_average=800,
    )
    result = studio(
        "scan",
        "-w",
        str(sample_workspace_path),
        "--db",
        mariadb_db.scan_url,
        "--ask-password",
        input=SCAN_PASSWORD + "\n",
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert result.returncode == 1, result.stdout + result.stderr  # red, as the database is
    _names_the_column(result.stdout)
    assert "could not be kept in the keyring (" in result.stdout
    assert "asked for again at the next scan" in result.stdout
    assert SCAN_PASSWORD not in result.stdout + result.stderr


def test_ask_password_with_nothing_given_is_one_line(
    sample_workspace_path: Path, mariadb_db: MariaDBDatabase
) -> None:
    result = studio(
        "scan",
        "-w",
        str(sample_workspace_path),
        "--db",
        mariadb_db.scan_url,
        "--ask-password",
        input="",
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "No password was given."


def test_unsupported_dialect_is_one_line(sample_workspace_path: Path) -> None:
    result = studio("scan", "-w", str(sample_workspace_path), "--db", "mssql+pyodbc://u:p@h/db")
    assert result.returncode == 1
    assert "does not support mssql" in result.stderr
