"""Opening, creating and migrating a workspace (an SQLite file or a PostgreSQL URL).

Every failure a user can cause (not a workspace, a newer studio's workspace, a server that does not
answer, a read-only folder) becomes a ``WorkspaceError`` with a message for people, and leaves the
file as it was: we check before we write, and back an SQLite file up before migrating it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from schema import migrate
from schema.models import Base, WorkspaceMeta
from studio import __version__
from studio.db_errors import driver_reason
from studio.errors import WorkspaceDamaged, WorkspaceError
from studio.i18n import Message
from studio.workspace import integrity

# Re-exported: every caller has always found them here.
from studio.workspace.target import (  # noqa: F401
    ENV_WORKSPACE,
    SQLITE_MAGIC,
    default_workspace_path,
    is_url,
    resolve_target,
)


def display_name(target: str) -> str:
    """How to name a workspace to a person: never with a password in it."""
    if is_url(target):
        try:
            return make_url(target).render_as_string(hide_password=True)
        except ArgumentError:
            return "<invalid URL>"
    return str(Path(target).expanduser())


@dataclass
class Workspace:
    """An open, migrated workspace. Use ``session()`` for one unit of work."""

    target: str
    engine: Engine
    backup: Path | None = None
    #: Why the file is damaged (then it is open read-only, and every write is refused with it).
    damaged: Message | None = None
    #: Called (from whichever thread read it) when a text turns out damaged after the open:
    #: the window shows its banner and locks its panes then, not at the next open.
    on_damaged: list[Callable[[], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def name(self) -> str:
        with self.session() as s:
            meta = s.get(WorkspaceMeta, "name")
        if meta is not None:
            return meta.value
        return Path(self.target).stem if not is_url(self.target) else display_name(self.target)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed if the block succeeds, rolled back if it raises.

        A write the database refuses because the workspace is read-only becomes the clear
        "read-only" message for every command, not an unexpected error.
        """
        try:
            with self._sessions() as s, s.begin():
                yield s
        except OperationalError as exc:
            if self.damaged is not None:
                raise WorkspaceError(self.damaged) from None
            if "Could not decode to UTF-8" in str(exc.orig):
                # A text damaged since the workspace was opened and checked: from now on it is
                # the damaged workspace it is, read-only, with the backup to restore.
                damage = damage_message(self.target, str(exc.orig).split(" with ")[0])
                self._become_damaged(damage)
                raise WorkspaceError(damage) from None
            if "readonly" in str(exc.orig) or "read-only" in str(exc.orig):
                raise WorkspaceError(
                    "Cannot write to {where}: the folder or file is read-only.",
                    where=display_name(self.target),
                ) from None
            raise
        except DatabaseError:
            # A damaged page read: the one message, with the backup to restore.
            if self.damaged is not None:
                raise WorkspaceError(self.damaged) from None
            raise

    def mark_damaged(self, reason: Message | str) -> None:
        """A stored text found unreadable by a reader that went on reading around it (``studio
        change list``): from now on this is the damaged workspace it is, read-only, its damage
        saying ``reason`` and the backup to restore. Only for damage found since the open: when
        the session has just found the same text (in SQLite's own words), ``reason`` names it
        better; damage found by the open's check is left as that check said it."""
        damage = damage_message(self.target, reason)
        if self.damaged is None:
            self._become_damaged(damage)
        else:
            self.damaged = damage

    def _become_damaged(self, damage: Message) -> None:
        self.damaged = damage
        self.engine.dispose()
        self.engine = _read_only_engine(self.target)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        for listener in self.on_damaged:
            listener()

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    return engine


def _check_sqlite_file(path: Path, where: str) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise WorkspaceError(
            "Cannot read {where}: {reason}", where=where, reason=exc.strerror or exc
        ) from None
    if head != SQLITE_MAGIC:
        raise WorkspaceError(
            "{where} is not a CRM Config Studio workspace (it is not an SQLite database).",
            where=where,
        )


def _damage(path: Path, where: str) -> Message | None:
    """Why the file is damaged (``studio.workspace.integrity``: SQLite's quick check, a missing
    table, a stored text that cannot be read), naming the newest backup to restore, or ``None``
    when it is whole. Read-only: the file is not touched."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            reason = integrity.sqlite_damage(conn, Base.metadata.tables)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        reason = str(exc)
    return damage_message(where, reason) if reason is not None else None


def damage_message(target: str, reason: Message | str) -> Message:
    """ "The workspace … is damaged (reason)", with what to restore: the newest backup beside an
    SQLite file, or the database's own backup for a workspace in a database server."""
    where = display_name(target)
    if is_url(target):
        return Message(
            "The workspace {where} is damaged ({reason}); nothing was written to it. Restore "
            "the database from its last backup.",
            where=where,
            reason=reason,
        )
    path = Path(target).expanduser()
    backups = sorted(path.parent.glob(f"{path.name}.bak-*"))
    if backups:
        return Message(
            "The workspace {where} is damaged ({reason}); nothing was written to it. "
            "Restore it from the backup at {backup}.",
            where=where,
            reason=reason,
            backup=backups[-1],
        )
    return Message(
        "The workspace {where} is damaged ({reason}); nothing was written to it. Restore it "
        "from your last copy of the file.",
        where=where,
        reason=reason,
    )


def _read_only_engine(target: str) -> Engine:
    """An engine that cannot write: SQLite's ``mode=ro``, or PostgreSQL sessions whose
    transactions are read-only (a write is refused by the server itself)."""
    if not is_url(target):
        return create_engine(f"sqlite:///file:{Path(target).expanduser()}?mode=ro&uri=true")
    from studio.workspace.team import with_keyring_password

    url = make_url(with_keyring_password(target))
    return create_engine(
        url,
        connect_args={"connect_timeout": 5, "options": "-c default_transaction_read_only=on"},
        pool_pre_ping=True,
    )


def _open_damaged(path: Path, where: str, damage: Message) -> Workspace:
    """A damaged file opened read-only (``mode=ro``): what can still be read is, every write is
    refused with ``damage`` (``Workspace.session``), and SQLite itself writes nothing to it."""
    engine = _read_only_engine(str(path))
    try:
        if _check_revision(engine, where) != migrate.head_revision():
            raise WorkspaceError(damage)  # an older workspace would need a migration: a write
    except WorkspaceError:
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, SQLAlchemyError):
        engine.dispose()
        raise WorkspaceError(damage) from None
    return Workspace(target=where, engine=engine, damaged=damage)


def _check_revision(engine: Engine, where: str) -> str | None:
    """The workspace's migration revision; refuses foreign databases and newer studios."""
    tables = set(inspect(engine).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables or "workspace_meta" not in tables:
        raise WorkspaceError(
            "{where} is an SQLite database, but not a CRM Config Studio workspace.", where=where
        )
    revision = migrate.current_revision(engine)
    if revision is not None and revision not in migrate.known_revisions():
        raise WorkspaceError(
            "{where} was made by a newer version of CRM Config Studio (schema {revision}). "
            "Please update the studio.",
            where=where,
            revision=revision,
        )
    return revision


def _backup(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    shutil.copy2(path, backup)
    return backup


def beside(path: Path, purpose: str) -> Path:
    """A work file next to ``path`` (same folder, so a rename into place is atomic)."""
    return path.with_name(f".{path.name}.{purpose}-{os.getpid()}")


def _upgrade_beside(path: Path) -> None:
    """Migrate a copy and rename it into place: a crash at any statement leaves the old file.

    SQLite runs each DDL statement of a migration in its own transaction, so migrating the file
    itself could be cut anywhere and leave a workspace that no version can open.
    """
    work = beside(path, "upgrade")
    try:
        shutil.copy2(path, work)
        engine = _sqlite_engine(work)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        os.replace(work, path)
    finally:
        work.unlink(missing_ok=True)


def _open_sqlite(path: Path, create: bool, damaged_read_only: bool = False) -> Workspace:
    where = str(path)
    if path.exists():
        if path.is_dir():
            raise WorkspaceError(
                "{where} is not a CRM Config Studio workspace (it is not an SQLite database).",
                where=where,
            )
        if path.stat().st_size == 0:
            # An empty file is not a workspace (a failed copy, a download cut short): opening it
            # as a new empty workspace would hide that, and "intact (0 entries)" would follow.
            raise WorkspaceError(
                "{where} is empty (0 bytes): it is not a CRM Config Studio workspace. "
                "Restore it from a backup, or delete it to start a new workspace.",
                where=where,
            )
        _check_sqlite_file(path, where)
        damage = _damage(path, where)
        if damage is not None:
            if damaged_read_only:
                return _open_damaged(path, where, damage)
            raise WorkspaceDamaged(damage)
    elif not create:
        raise WorkspaceError("Workspace not found: {where}", where=where)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise WorkspaceError(
                "Cannot write to {where}: the folder or file is read-only.", where=where
            ) from None
        if not os.access(path.parent, os.W_OK):
            raise WorkspaceError(
                "Cannot write to {where}: the folder or file is read-only.", where=where
            )
    engine = _sqlite_engine(path)
    try:
        revision = _check_revision(engine, where) if path.exists() else None
        backup = None
        if revision != migrate.head_revision():
            if path.exists() and (
                not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
            ):
                raise WorkspaceError(
                    "Cannot write to {where}: the folder or file is read-only.", where=where
                )
            if revision is not None:
                backup = _backup(path)
                engine.dispose()
                _upgrade_beside(path)
                engine = _sqlite_engine(path)
            else:
                migrate.upgrade(engine)
        return Workspace(target=where, engine=engine, backup=backup)
    except WorkspaceError:
        engine.dispose()
        raise
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise WorkspaceError(
            "Could not open {where}: {reason}", where=where, reason=driver_reason(exc)
        ) from None
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        if "readonly" in str(reason) or "read-only" in str(reason):
            raise WorkspaceError(
                "Cannot write to {where}: the folder or file is read-only.", where=where
            ) from None
        raise WorkspaceError(
            "Could not open {where}: {reason}", where=where, reason=driver_reason(exc)
        ) from None


def _open_url(target: str, damaged_read_only: bool = False) -> Workspace:
    where = display_name(target)
    try:
        url: URL = make_url(target)
    except ArgumentError:
        raise WorkspaceError(  # not echoed: what was typed may hold a password
            "Could not open {where}: {reason}",
            where=where,
            reason=Message("it is not a database URL"),
        ) from None
    if url.drivername.startswith("sqlite"):
        return _open_sqlite(
            Path(url.database or ""), create=True, damaged_read_only=damaged_read_only
        )
    connect_args: dict[str, object] = {}
    if url.drivername.startswith("postgresql"):
        connect_args["connect_timeout"] = 5
        from studio.workspace.team import with_keyring_password

        url = make_url(with_keyring_password(target))
    try:
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise WorkspaceError(
            "Could not open {where}: {reason}", where=where, reason=driver_reason(exc)
        ) from None
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        # Why, in words (refused, timeout, sign-in, no such database), the driver's first line
        # only as a detail, without a password; the rest of SQLAlchemy's text repeats the URL.
        raise WorkspaceError(
            "The database server at {where} does not answer: {reason}",
            where=where,
            reason=driver_reason(exc, url),
        ) from None
    try:
        if _check_revision(engine, where) != migrate.head_revision():
            migrate.upgrade(engine)
        # (A database server guarantees valid UTF-8 and JSON itself: what is left to check is
        # that the schema is whole, in one catalogue query.)
        problem = integrity.missing_table(Base.metadata.tables, inspect(engine).get_table_names())
    except WorkspaceError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise WorkspaceError(
            "Could not open {where}: {reason}", where=where, reason=getattr(exc, "orig", exc)
        ) from None
    if problem is not None:
        engine.dispose()
        damage = damage_message(target, problem)
        if not damaged_read_only:
            raise WorkspaceDamaged(damage)
        return Workspace(target=target, engine=_read_only_engine(target), damaged=damage)
    return Workspace(target=target, engine=engine)


def open_workspace(
    target: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    damaged_read_only: bool = False,
) -> Workspace:
    """Open (and migrate) a workspace; with ``create``, make an empty one where none exists.

    A damaged workspace (``studio.workspace.integrity``) is refused with what to restore, or, with
    ``damaged_read_only``, opened read-only: ``Workspace.damaged`` says why, what can still be
    read is, and every write is refused with that message.
    """
    resolved = resolve_target(target)
    if is_url(resolved):
        return _open_url(resolved, damaged_read_only=damaged_read_only)
    return _open_sqlite(
        Path(resolved).expanduser(), create=create, damaged_read_only=damaged_read_only
    )


def is_initialised(ws: Workspace) -> bool:
    with ws.session() as s:
        return s.get(WorkspaceMeta, "created_with") is not None


def mark_initialised(ws: Workspace, name: str) -> None:
    with ws.session() as s:
        s.merge(WorkspaceMeta(key="name", value=name))
        s.merge(WorkspaceMeta(key="created_with", value=__version__))
