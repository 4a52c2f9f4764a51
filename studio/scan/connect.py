"""A read-only connection to the CRM database: the scan must never write to it.

Three guards, each on its own enough for the dialect: PostgreSQL sessions start with
``default_transaction_read_only`` and a ``statement_timeout``; MySQL/MariaDB sessions are set
``TRANSACTION READ ONLY`` with ``max_statement_time`` (MariaDB, seconds) or
``max_execution_time`` (MySQL, milliseconds); SQLite files are opened ``mode=ro`` with
``query_only`` and a progress handler that interrupts a statement past its time.

Messages name the database by its URL with the password hidden, and never quote the driver's
text for a refused sign-in (some drivers echo what they were given).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from studio.db_errors import driver_cause, driver_reason
from studio.errors import StudioError
from studio.i18n import Message

SUPPORTED = ("sqlite", "postgresql", "mysql", "mariadb")


class ScanError(StudioError):
    """The scan cannot start or go on: unreachable, refused, unsupported."""


class SignInRefused(ScanError):
    """The database refused the sign-in (no password, or a wrong one): the Health pane asks for
    the password and keeps it in the keyring."""


@dataclass
class Connection:
    engine: Engine
    dialect: str  # sqlite | postgresql | mysql
    url: str  # password hidden
    server_version: str
    mariadb: bool = False


def database_url(text_: str) -> str:
    """The URL of what the admin typed: a URL as it is, the path of an SQLite file (what an
    admin with an SQLite CRM has at hand, ``/srv/crm/crm.db`` or ``C:\\CRM\\crm.db``) as its
    ``sqlite:///`` URL."""
    text_ = text_.strip()
    if "://" in text_ or not text_:
        return text_
    path = Path(text_).expanduser()
    if path.is_file() or path.suffix.lower() in (".db", ".sqlite", ".sqlite3"):
        return f"sqlite:///{path.resolve()}"
    return text_


def redact(url: str) -> str:
    """``url`` with its password hidden; unparseable text is not echoed at all."""
    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unreadable database URL>"


def _scrub(text_: str, url: URL) -> str:
    password = url.password
    return text_.replace(str(password), "***") if password else text_


def parse(url: str) -> URL:
    try:
        parsed = make_url(database_url(url))
    except ArgumentError:
        # Not echoed: what was typed may hold a password.
        raise ScanError(
            "Not a database URL nor the path of an SQLite file (for example /srv/crm/crm.db, "
            "sqlite:///crm.db, postgresql+psycopg://user@host/crm, "
            "mysql+pymysql://user@host/crm)."
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise ScanError(
            "The scan does not support {dialect} databases; it reads SQLite, PostgreSQL and "
            "MySQL/MariaDB.",
            dialect=backend,
        )
    if backend in ("mysql", "mariadb"):
        parsed = parsed.set(drivername="mysql+pymysql")
    elif backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def open_readonly(
    url: str, statement_timeout: float = 30.0, password: str | None = None
) -> Connection:
    """Connect read-only, or raise ``ScanError`` with a message that holds no password.

    ``password`` (from the keyring) is used when the URL has none."""
    parsed = parse(url)
    if password and parsed.password is None:
        parsed = parsed.set(password=password)
    shown = parsed.render_as_string(hide_password=True)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            engine = _sqlite(parsed, statement_timeout)
        elif backend == "postgresql":
            engine = _postgresql(parsed, statement_timeout)
        else:
            engine = _mysql(parsed, statement_timeout)
        with engine.connect() as conn:
            version = str(conn.execute(text(_VERSION_SQL[backend])).scalar())
    except ScanError:
        raise
    except NoSuchModuleError:
        raise ScanError("No driver for {url} is installed.", url=shown) from None
    except DBAPIError as exc:
        raise _connect_error(exc, parsed, shown) from None
    dialect = "mysql" if backend in ("mysql", "mariadb") else backend
    return Connection(engine, dialect, shown, version, mariadb="mariadb" in version.lower())


_VERSION_SQL = {
    "sqlite": "select sqlite_version()",
    "postgresql": "show server_version",
    "mysql": "select version()",
    "mariadb": "select version()",
}


def _connect_error(exc: DBAPIError, url: URL, shown: str) -> ScanError:
    raw = _scrub(str(exc.orig), url).lower()
    cause = driver_cause(exc)
    # the drivers' words for each cause are ``studio.db_errors``' alone (a privilege's "Access
    # denied; you need the SUPER privilege" is not a refused sign-in)
    if cause == Message("the server refused the user name or password"):
        return SignInRefused(
            "{url} refused the sign-in of {user}: check the user and the password in the keyring.",
            url=shown,
            user=url.username or "?",
        )
    if cause == Message("there is no such database on the server"):
        return ScanError("{url}: there is no such database.", url=shown)
    # The cause in words; the driver's English only as a detail after it, without a password.
    reason = driver_reason(exc, url)
    if "read-only" in raw or "readonly" in raw or "unable to open" in raw:
        return ScanError("Cannot open {url}: {reason}", url=shown, reason=reason)
    return ScanError("Cannot reach {url}: {reason}", url=shown, reason=reason)


def _sqlite(url: URL, statement_timeout: float) -> Engine:
    path = url.database or ""
    if not path or path == ":memory:":
        raise ScanError("An SQLite scan needs a file: sqlite:///path/to/crm.db.")
    if not Path(path).is_file():
        raise ScanError("Cannot open {url}: there is no such file.", url=str(url))
    uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"

    def creator() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        return conn

    engine = create_engine("sqlite://", creator=creator)

    # SQLite has no statement timeout: a progress handler interrupts a statement past its time.
    @event.listens_for(engine, "before_cursor_execute")
    def _start(
        conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool
    ) -> None:
        deadline = time.monotonic() + statement_timeout
        raw = conn.connection.dbapi_connection
        raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)

    return engine


def _postgresql(url: URL, statement_timeout: float) -> Engine:
    ms = max(1, int(statement_timeout * 1000))
    options = f"-c default_transaction_read_only=on -c statement_timeout={ms}"
    return create_engine(
        url,
        connect_args={"options": options, "connect_timeout": 10, "application_name": "studio-scan"},
        pool_pre_ping=False,
    )


def _mysql(url: URL, statement_timeout: float) -> Engine:
    engine = create_engine(
        url.update_query_dict({"charset": "utf8mb4"}),
        connect_args={"connect_timeout": 10, "read_timeout": int(statement_timeout) + 30},
    )

    @event.listens_for(engine, "connect")
    def _session(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SET SESSION TRANSACTION READ ONLY")
            cur.execute("SELECT VERSION()")
            version = str(cur.fetchone()[0]).lower()
            if "mariadb" in version:
                cur.execute(f"SET SESSION max_statement_time = {float(statement_timeout):.3f}")
            else:
                cur.execute(f"SET SESSION max_execution_time = {int(statement_timeout * 1000)}")

    return engine


def is_timeout(exc: BaseException) -> bool:
    """Whether a driver error is the statement timeout (or SQLite's interrupt)."""
    raw = str(getattr(exc, "orig", exc)).lower()
    return any(
        s in raw
        for s in (
            "statement timeout",
            "canceling statement",
            "interrupted",
            "max_statement_time",
            "maximum statement execution time",
            "query execution was interrupted",
        )
    )
