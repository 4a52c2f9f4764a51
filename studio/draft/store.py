"""The workspace's draft as a bundle, and a bundle as the workspace's draft.

``load_draft`` and ``replace_draft`` are exact inverses: a bundle written and read back has the same
sha256 (positions keep every order, JSON columns keep typed values). Every write of the draft,
whole or one edit, goes through ``write_draft``: a compare-and-set of the draft's revision, then
row writes of what differs (``studio.draft.rows``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from schema.models import Draft, utcnow
from studio.bundle.model import Bundle, Policy, Thresholds
from studio.bundle.rules import rules_json
from studio.draft.list_writer import WriteCounts
from studio.draft.read import Rows, read_draft
from studio.draft.rows import write_difference
from studio.errors import ConflictError
from studio.gc_pause import gc_paused
from studio.i18n import Message


def get_draft(session: Session) -> Draft:
    """The workspace's one draft row, created on first use."""
    draft = session.scalars(select(Draft).limit(1)).first()
    if draft is None:
        draft = Draft(thresholds=Thresholds().model_dump(), policy=Policy().model_dump(mode="json"))
        session.add(draft)
        session.flush()
    return draft


def load_draft(session: Session) -> Bundle:
    """The draft, as one bundle (``studio.draft.read``, on this unit of work's connection)."""
    get_draft(session)  # the draft's row, made on first use
    session.flush()  # the rows are read on the connection: pending ORM changes first
    return read_draft(session_rows(session))


def session_rows(session: Session) -> Rows:
    """``Rows`` on the session's connection: the driver's plain tuples (for 200,000 rows,
    SQLAlchemy's row objects cost more than reading them)."""
    conn = session.connection()
    dbapi = conn.connection.dbapi_connection

    def rows(sql: str) -> list[tuple[Any, ...]]:
        cursor = dbapi.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    return rows


def draft_revision(session: Session) -> int:
    """The draft's revision as the database holds it now (not an ORM object's cached value)."""
    get_draft(session)
    revision = session.execute(select(Draft.revision).limit(1)).scalar_one()
    return int(revision)


def claim_revision(
    session: Session, bundle: Bundle, *, user: str | None, expected_revision: int | None
) -> int:
    """Move the draft to its next revision if it is still at ``expected_revision`` (any, when
    ``None``), with ``bundle``'s own sections; returns the new revision.

    One compare-and-set ``UPDATE`` of the draft row, made first in the unit of work: on
    PostgreSQL it holds the row until commit, so a second studio saving the same revision waits,
    then finds the revision moved on. Raises ``ConflictError`` (nothing written) then.
    """
    draft = get_draft(session)
    table = Draft.__table__
    assert isinstance(table, Table)
    where = table.c.id == draft.id
    if expected_revision is not None:
        where = where & (table.c.revision == expected_revision)
    done = (
        session.connection()
        .execute(
            update(table)
            .where(where)
            .values(
                revision=table.c.revision + 1,
                updated_by=user,
                updated_at=utcnow(),
                thresholds=bundle.thresholds.model_dump(mode="json"),
                policy=bundle.policy.model_dump(mode="json"),
                rules=rules_json(bundle.rules),
                approvers=[a.model_dump(mode="json") for a in bundle.approvers]
                if bundle.approvers is not None
                else None,
            )
            .returning(table.c.revision)
        )
        .first()
    )
    session.expire(draft)  # its cached revision is the old one
    if done is None:
        now = session.execute(select(Draft.revision, Draft.updated_by).limit(1)).one()
        raise ConflictError(
            "the draft was changed by {user} (revision {revision}, you edited {expected})",
            user=now.updated_by or Message("someone else"),
            revision=now.revision,
            expected=expected_revision,
        )
    return int(done[0])


def write_draft(
    session: Session,
    bundle: Bundle,
    *,
    user: str | None,
    expected_revision: int | None = None,
    base: Bundle | None = None,
) -> tuple[int, WriteCounts]:
    """Make ``bundle`` the draft, writing only the rows that differ; the new revision and what
    was written.

    ``base`` is the bundle the tables hold at ``expected_revision`` (a document's last save);
    without it the stored draft is read first. Raises ``ConflictError`` (see ``claim_revision``).
    """
    revision = claim_revision(session, bundle, user=user, expected_revision=expected_revision)
    if base is None:
        base = load_draft(session)
    with gc_paused():  # ids of thousands of rows read and keyed at once (see load_draft)
        counts = write_difference(session, base, bundle)
    if base.access != bundle.access:
        # Written after the rows it refers to (its users, entities and roles), so that a load
        # in between (``base`` above) reads a sound draft.
        table = Draft.__table__
        assert isinstance(table, Table)
        section = bundle.access
        session.connection().execute(
            update(table).values(
                access=section.model_dump(mode="json") if section is not None else None
            )
        )
        counts.add("draft", "access")
    return revision, counts


def replace_draft(
    session: Session, bundle: Bundle, *, user: str | None, expected_revision: int | None = None
) -> int:
    """Make ``bundle`` the whole draft (config import, rollback, a new workspace); returns the new
    draft revision.

    The same path as an edit's save (``write_draft``): the rows that already hold what ``bundle``
    says are left alone. With ``expected_revision``, refuses (``ConflictError``) when someone else
    saved the draft since the caller read it, instead of overwriting their work.
    """
    return write_draft(session, bundle, user=user, expected_revision=expected_revision)[0]
