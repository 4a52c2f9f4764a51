"""What makes a workspace *damaged*, as opposed to *tampered with* (issue 20).

Damaged is what the studio cannot read: a file SQLite's quick check finds broken, a table of
the workspace's schema missing (a partial restore, a dropped table), a stored text that is not
UTF-8 or a JSON column that does not parse (a disk or copy error inside a long text: SQLite's
quick check walks the pages, not what they hold). A damaged workspace is refused, or opened
read-only with "restore from the backup at …", and no write reaches it.

Tampered is what reads fine but does not match the hashes the studio keeps: an edited audit
entry, a change's bundle that no longer hashes to its sha256 (or is no longer JSON), a release
copy rewritten. Those are not damage: they are reported where they matter, with what was
altered (``studio audit verify``, a change shown "altered" and refused at push, a release copy
refused as the live baseline), and the workspace stays usable so that the evidence stays
visible and the rest of the work goes on.

Cost: the quick check reads every page already; the readability walk (``WALK``) reads a bounded
set of the long texts once more, as bytes (bundles are decoded, not parsed). On PostgreSQL the
server itself guarantees valid UTF-8 and JSON, so only the tables are checked (one catalogue
query, ``studio.workspace.connection``). Figures in docs/benchmarks.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from schema import migrate
from studio.i18n import Message


def missing_table(expected: Collection[str], present: Collection[str]) -> Message | None:
    """Why a workspace at this studio's schema (``expected`` tables) holding only ``present``
    is damaged (``None``: none is missing)."""
    missing = sorted(set(expected) - set(present))
    if missing:
        return Message("table {table} is missing", table=missing[0])
    return None


def sqlite_damage(conn: sqlite3.Connection, expected: Collection[str]) -> Message | str | None:
    """Why the SQLite workspace behind ``conn`` (read-only) is damaged, ``None`` when it is not;
    ``expected``: the tables of this studio's schema.

    SQLite's own verdict is its English text (``str``); the studio's checks are messages.
    Only a workspace at this studio's schema is judged beyond the quick check: anything else is
    refused as not a workspace (or migrated first), not called damaged.
    """
    try:
        verdict = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if verdict != ["ok"]:
            return str(verdict[0])
        tables = {
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"alembic_version", "workspace_meta"} <= tables:
            return None
        revisions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
        if revisions != [migrate.head_revision()]:
            # An older (or newer) schema: its tables and columns are not this studio's, and
            # opening it migrates a copy (or refuses it). It is judged at head, on the next open.
            return None
        return missing_table(expected, tables) or unreadable(conn, tables)
    except sqlite3.DatabaseError as exc:  # a page that cannot be read at all
        return str(exc)


#: What the walk reads: (table, the row's name for people, text columns, JSON columns, which rows).
#: Only texts long enough to spill onto SQLite's overflow pages, whose content the quick check
#: does not look at, and the rows the studio's flows read next: every change still in play and
#: the newest one (what people look at next), the live release and the one before it (every
#: review's baseline), the whole audit log (small rows; ``audit verify`` reads them all). Older
#: texts are checked when they are read (``Workspace.session`` turns an undecodable text into this
#: same damage): a full walk of every bundle ever kept would cost seconds on a large workspace.
WALK: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        "change_requests",
        "id",
        ("bundle_json",),
        ("diff", "findings"),
        "WHERE state NOT IN ('pushed', 'superseded', 'rejected') OR rowid IN "
        "(SELECT rowid FROM change_requests ORDER BY rowid DESC LIMIT 1)",
    ),
    (
        "releases",
        "version",
        ("bundle_json",),
        ("document",),
        "WHERE version >= (SELECT max(version) - 1 FROM releases)",
    ),
    ("audit_log", "seq", (), ("details",), ""),
)


def unreadable(conn: sqlite3.Connection, tables: Collection[str]) -> Message | None:
    """The first text of ``WALK`` (in the ``tables`` the file has) that is not UTF-8, or JSON
    value that does not parse; ``None`` when all read. Standard library only: ``studio check``'s
    plain reader runs it too."""
    for table, name, texts, jsons, where in WALK:
        if table not in tables:
            continue  # (missing_table says so first)
        found = unreadable_rows(conn, table, name, texts, jsons, where, first=True)
        if found:
            return found[0][1]
    return None


def unreadable_rows(
    conn: sqlite3.Connection,
    table: str,
    name: str,
    texts: Collection[str],
    jsons: Collection[str],
    where: str = "",
    *,
    first: bool = False,
) -> list[tuple[str, Message]]:
    """The rows of ``table`` (those ``where`` selects) holding a text column of ``texts`` that is
    not UTF-8 or a column of ``jsons`` that does not parse: each row's ``name`` column and why it
    cannot be read, in the table's order; only the first one with ``first``. Reads the stored
    bytes; the connection's text factory is as it was afterwards."""
    found: list[tuple[str, Message]] = []
    factory = conn.text_factory
    conn.text_factory = bytes  # read what is stored, and decode it here
    try:
        columns = (*texts, *jsons)
        # JSON validity asked of SQLite (``json_valid``: 10x faster than parsing here); it
        # takes any bytes for text, so every value is decoded here as well.
        valid = ", ".join(f"{c} IS NULL OR json_valid({c})" for c in jsons) or "1"
        for row_name, *values in conn.execute(
            f"SELECT {name}, {', '.join(columns)}, {valid} FROM {table} {where}"
        ):
            unreadable = next(
                (c for c, v in zip(columns, values, strict=False) if not _text(v)), None
            )
            if unreadable is None and not all(values[len(columns) :]):
                unreadable = next(
                    c for c, ok in zip(jsons, values[len(columns) :], strict=True) if not ok
                )
            if unreadable is not None:
                found.append(
                    (
                        _name(row_name),
                        Message(
                            "{column} of {table} {row} cannot be read (not the text the "
                            "studio wrote)",
                            column=unreadable,
                            table=table,
                            row=_name(row_name),
                        ),
                    )
                )
                if first:
                    break
    finally:
        conn.text_factory = factory
    return found


def _text(value: object) -> bool:
    """Whether a stored value reads as the studio's text (or is no text at all)."""
    if value is None or isinstance(value, int | float):
        return True
    if not isinstance(value, bytes):
        return False
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _name(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
