"""The reference server's tables (its own declarative Base, apart from the workspace's schema/).

SQLite file by default, PostgreSQL by URL. The unique ``version`` primary key of ``releases`` is
what makes two concurrent pushes of the same version end with exactly one winner.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import CreateSchema


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Release(Base):
    """An accepted push; ``document`` is the request body exactly as it was accepted."""

    __tablename__ = "releases"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(64))
    bundle_sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: sha256 of the document's canonical JSON: tells a retry from another push of the bundle.
    document_sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)
    approvers: Mapped[list[str]] = mapped_column(JSON)
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdempotentResponse(Base):
    """The first answer given to a request with an Idempotency-Key, to give again on a retry."""

    __tablename__ = "idempotent_responses"
    __table_args__ = (UniqueConstraint("scope", "key", "request_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: ``releases`` or ``records:<entity>``.
    scope: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200))
    request_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    #: For releases: the version the request created.
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RegisteredApprover(Base):
    """The approver registry in force (set once, then replaced by releases carrying one)."""

    __tablename__ = "approvers"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    user: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(44))


class StoredRejection(Base):
    """A signed rejection sent by a reviewer: no release of this change id and sha256 applies."""

    __tablename__ = "rejections"

    change_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditHead(Base):
    """A signed head (sequence number and hash) of a workspace's audit log, as a push left it.

    Kept for good: a workspace whose log was truncated or rewritten no longer holds the entry
    the server was given at that sequence number, and ``studio audit verify`` says so. Heads are
    signed by the pusher (issue 20); the unsigned heads of earlier servers (table
    ``audit_heads``) are not read: anyone with the token could have left them.
    """

    __tablename__ = "signed_audit_heads"
    __table_args__ = (UniqueConstraint("workspace", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The workspace's anchor id (one per workspace, shared by the studios of a team workspace).
    workspace: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    #: The release whose push the head follows, and who signed it with which key.
    version: Mapped[int] = mapped_column(Integer)
    user: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ServerMeta(Base):
    """Facts about the server itself, such as the digest of the first approver registry."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StoredRecord(Base):
    """One CRM record: its key (the value of the batch's key field) and its JSON payload."""

    __tablename__ = "records"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(500), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RoundRobin(Base):
    """The next turn of a team's round-robin assignment, per entity (moved in the batch's
    transaction, so concurrent batches never hand out the same turn)."""

    __tablename__ = "round_robin"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), primary_key=True)
    turn: Mapped[int] = mapped_column(Integer, default=0)


class RecordAssignment(Base):
    """Why a record has its owner: the outcome, the rule that decided (``None``: the default)
    and the release whose rules decided (``GET records/{entity}/{key}/assignment``)."""

    __tablename__ = "record_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(String(500), index=True)
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    outcome: Mapped[str] = mapped_column(String(140))
    rule: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiToken(Base):
    """A bearer token issued by the server; only its sha256 is kept."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


READ_ONLY = "studio_read_only"


def make_engine(url: str, db_schema: str | None = None) -> Engine:
    """An engine with the server's tables created.

    ``db_schema`` (PostgreSQL) puts them in a schema of their own, so that the server can share
    a database with a workspace, whose tables have some of the same names.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _serialise_sqlite_writers(engine)
    else:
        # A database that does not answer is an error to show, not a hang.
        connect_args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        if db_schema is not None:
            engine = engine.execution_options(schema_translate_map={None: db_schema})
            _create_in_schema(engine, db_schema)
            return engine
    Base.metadata.create_all(engine)
    return engine


def _create_in_schema(engine: Engine, db_schema: str) -> None:
    """Create the schema if missing, then the tables, one server at a time.

    Several studios on one workspace start their servers together: without the lock, concurrent
    ``CREATE SCHEMA IF NOT EXISTS`` and ``CREATE TABLE`` collide on PostgreSQL's catalogue. The
    schema is only created when missing, because PostgreSQL checks the CREATE right on the
    database first, which a role given a ready-made schema by its DBA does not have.
    """
    with engine.begin() as conn:
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:id)"), {"id": _lock_id(f"schema:{db_schema}")}
        )
        if not inspect(conn).has_schema(db_schema):
            conn.execute(CreateSchema(db_schema))
        Base.metadata.create_all(conn)


def _serialise_sqlite_writers(engine: Engine) -> None:
    """Make every SQLite transaction ``BEGIN IMMEDIATE``.

    pysqlite's default deferred transactions let two pushes read the same state and then fail
    with "database is locked" on upgrade; taking the write lock up front makes the second one
    wait, see the first one's release and get a clean 409.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Reads (``reader(engine)``) need no write lock: in WAL mode they never block a push.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def reader(engine: Engine) -> Engine:
    """The same engine for transactions that only read."""
    return engine.execution_options(**{READ_ONLY: True})


def as_utc(value: datetime) -> datetime:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def serialise(session: Any, name: str) -> None:
    """Make transactions that touch ``name`` run one after another.

    SQLite already does (every transaction takes the write lock up front). On PostgreSQL a
    transaction-level advisory lock does the same, so that a client's retry racing its own first
    attempt waits and then gets the first answer, rather than a conflict.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _lock_id(name)})


def _lock_id(name: str) -> int:
    """A PostgreSQL advisory lock key (signed 64 bits) for ``name``."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
