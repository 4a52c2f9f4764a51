"""CRM records on the reference server: idempotent batch upsert, paged export, field statistics.

Records are JSON objects per entity, identified by the value of a key field the importer chooses
(a mobile number, a credit code...). The statistics are what the designer's and the scanner's
rules need: how many records, and per field how many are empty and how long stored values are.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from studio.bundle.canonical_json import canonical_json
from studio.server import automation
from studio.server.documents import RecordBatch, RecordDeletion, RecordLookup
from studio.server.refusals import refuse
from studio.server.releases import Answer, current_release, document_sha256, release_bundle
from studio.server.storage import IdempotentResponse, StoredRecord, serialise, utcnow
from studio.server.strict_json import check_depth

MAX_PAGE = 1000
#: Records are flat in practice (a value, an address, a list of tags); 32 levels is plenty.
MAX_RECORD_DEPTH = 32


def is_empty(value: Any) -> bool:
    """Empty as a person sees it: missing, null, "" or only whitespace (full-width too)."""
    return value is None or (isinstance(value, str) and not value.strip())


def stored_length(value: Any) -> int:
    """Characters a value takes when stored: the text itself, or its JSON for anything else."""
    if isinstance(value, str):
        return len(value)
    return len(canonical_json(value).decode("utf-8"))


def check_entity(session: Session, entity: str) -> None:
    """Once a configuration is live, records only go to its entities."""
    cur = current_release(session)
    if cur is None:
        return
    if release_bundle(cur).entity(entity) is None:
        raise refuse(404, "unknown_entity", f"Entity {entity} is not in the live configuration.")


def upsert_batch(
    session: Session, entity: str, batch: RecordBatch, idempotency_key: str | None
) -> Answer:
    """Insert or replace records by key; with an Idempotency-Key, a retry gets the first answer."""
    scope = f"records:{entity}"
    # Checked before the write lock is taken, and bounded in depth: a record nested hundreds of
    # levels deep was stored, and then no page holding it could be written out again.
    for index, record in enumerate(batch.records):
        check_depth(record, limit=MAX_RECORD_DEPTH, what=f"Record {index}", code="invalid_record")
        try:
            canonical_json(record)
        except ValueError:  # NaN/Infinity, or a lone surrogate that is not Unicode text
            raise refuse(
                422,
                "invalid_record",
                f"Record {index} holds NaN, Infinity or text that is not valid Unicode.",
            ) from None
    serialise(session, scope)  # two batches inserting one new key: the second updates it
    request_sha = document_sha256({"key_field": batch.key_field, "records": batch.records})
    earlier = _earlier_answer(session, scope, idempotency_key, request_sha)
    if earlier is not None:
        return earlier
    check_entity(session, entity)

    by_key: dict[str, dict[str, Any]] = {}
    index_of: dict[str, int] = {}
    for index, record in enumerate(batch.records):
        key = _record_key(record, batch.key_field, index)
        if key in by_key:
            raise refuse(
                422,
                "duplicate_key",
                f"Record {index} repeats {batch.key_field} = {key!r} of an earlier record in "
                "the batch.",
            )
        by_key[key] = record
        index_of[key] = index

    existing: dict[str, StoredRecord] = {}
    keys = list(by_key)
    for start in range(0, len(keys), 500):  # stay under the databases' bound-parameter limits
        chunk = keys[start : start + 500]
        rows = session.scalars(
            select(StoredRecord).where(StoredRecord.entity == entity, StoredRecord.key.in_(chunk))
        )
        existing.update({r.key: r for r in rows})

    # The live automation rules: validation and stage flow refuse the batch, assignment sets the
    # owners of new records (studio.server.automation).
    assignments = automation.check_and_assign(
        session,
        entity,
        batch.key_field,
        by_key,
        {k: r.payload for k, r in existing.items()},
        index_of,
    )
    session.add_all(assignments)

    inserted = updated = unchanged = 0
    now = utcnow()
    for key, record in by_key.items():
        row = existing.get(key)
        if row is None:
            session.add(StoredRecord(entity=entity, key=key, payload=record, updated_at=now))
            inserted += 1
        elif row.payload == record:
            unchanged += 1
        else:
            row.payload = record
            row.updated_at = now
            updated += 1
    answer = Answer(200, {"inserted": inserted, "updated": updated, "unchanged": unchanged})
    _remember_answer(session, scope, idempotency_key, request_sha, answer)
    return answer


def _earlier_answer(
    session: Session, scope: str, idempotency_key: str | None, request_sha: str
) -> Answer | None:
    """The answer a retry with this Idempotency-Key gets again (``None``: no such key, or none
    given); the key reused for a different request is refused."""
    if idempotency_key is None:
        return None
    stored = session.scalars(
        select(IdempotentResponse).where(
            IdempotentResponse.scope == scope, IdempotentResponse.key == idempotency_key
        )
    ).first()
    if stored is None:
        return None
    if stored.request_sha256 != request_sha:
        raise refuse(
            409,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different batch.",
        )
    return Answer(stored.status, json.loads(stored.body), replayed=True)


def _remember_answer(
    session: Session, scope: str, idempotency_key: str | None, request_sha: str, answer: Answer
) -> None:
    """Keep ``answer`` for the retries that carry this Idempotency-Key, and flush the batch."""
    if idempotency_key is not None:
        session.add(
            IdempotentResponse(
                scope=scope,
                key=idempotency_key,
                request_sha256=request_sha,
                status=answer.status,
                body=json.dumps(answer.body),
            )
        )
    session.flush()


def _record_key(record: dict[str, Any], key_field: str, index: int) -> str:
    value = record.get(key_field)
    if isinstance(value, bool) or not isinstance(value, str | int) or is_empty(value):
        raise refuse(
            422,
            "invalid_record",
            f"Record {index} has no usable {key_field} (a non-empty text or integer is needed).",
        )
    key = str(value).strip()
    if len(key) > 500:
        raise refuse(422, "invalid_record", f"Record {index}: {key_field} is too long.")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in key):
        raise refuse(
            422, "invalid_record", f"Record {index}: {key_field} holds control characters."
        )
    return key


#: At most this many records answer one lookup: a blocking key behind thousands of records is a
#: placeholder (13800000000), not a person.
MAX_LOOKUP = 5000


def lookup(session: Session, entity: str, query: RecordLookup) -> dict[str, Any]:
    """Records of ``entity`` whose ``query.field`` is one of ``query.values``, with their keys.

    Compared as text; the JSON path expression works on SQLite and PostgreSQL alike.
    """
    wanted = sorted({v for v in query.values if v.strip()})
    if not wanted:
        return {"records": []}
    value = StoredRecord.payload[query.field].as_string()
    rows = session.execute(
        select(StoredRecord.key, StoredRecord.payload)
        .where(StoredRecord.entity == entity, value.in_(wanted))
        .order_by(StoredRecord.key)
        .limit(MAX_LOOKUP)
    )
    return {"records": [{"key": key, "record": payload} for key, payload in rows]}


def delete_batch(
    session: Session, entity: str, deletion: RecordDeletion, idempotency_key: str | None
) -> Answer:
    """Remove the records of ``entity`` with these keys; a retry with its key applies nothing."""
    scope = f"records-delete:{entity}"
    serialise(session, scope)
    request_sha = document_sha256({"keys": deletion.keys})
    earlier = _earlier_answer(session, scope, idempotency_key, request_sha)
    if earlier is not None:
        return earlier
    deleted = 0
    keys = sorted(set(deletion.keys))
    for start in range(0, len(keys), 500):
        result = session.execute(
            delete(StoredRecord).where(
                StoredRecord.entity == entity, StoredRecord.key.in_(keys[start : start + 500])
            )
        )
        deleted += int(getattr(result, "rowcount", 0) or 0)
    answer = Answer(200, {"deleted": deleted})
    _remember_answer(session, scope, idempotency_key, request_sha, answer)
    return answer


def export_page(
    session: Session,
    entity: str,
    cursor: str | None,
    limit: int,
    since: datetime | None = None,
) -> dict[str, Any]:
    """Records in key order, ``limit`` at a time; ``next_cursor`` is ``None`` on the last page.

    ``since``: only records written (inserted or changed) at or after it (the replay's window).
    """
    if not 1 <= limit <= MAX_PAGE:
        raise refuse(422, "invalid_request", f"limit must be between 1 and {MAX_PAGE}.")
    query = select(StoredRecord).where(StoredRecord.entity == entity)
    if since is not None:
        when = since if since.tzinfo is not None else since.replace(tzinfo=UTC)
        query = query.where(StoredRecord.updated_at >= when.astimezone(UTC))
    if cursor:
        query = query.where(StoredRecord.key > _decode_cursor(cursor))
    rows = list(session.scalars(query.order_by(StoredRecord.key).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "records": [r.payload for r in rows],
        "next_cursor": _encode_cursor(rows[-1].key) if more else None,
    }


def _encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii")


def _decode_cursor(cursor: str) -> str:
    try:
        raw = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        raise refuse(422, "invalid_cursor", "The cursor is not one this server gave.") from None


def entity_stats(session: Session, entity: str) -> dict[str, Any]:
    """Record count and, per field, non-empty / empty counts and average stored length.

    Fields are those seen in any record plus, once live, those the configuration defines; a field
    missing from a record counts as empty there. The average is over non-empty values.
    """
    fields = set(_configured_fields(session, entity))
    payloads = session.scalars(
        select(StoredRecord.payload)
        .where(StoredRecord.entity == entity)
        .execution_options(yield_per=1000)
    )
    count = 0
    non_empty: dict[str, int] = {}
    total_len: dict[str, int] = {}
    for payload in payloads:
        count += 1
        for name, value in payload.items():
            if not is_empty(value):
                non_empty[name] = non_empty.get(name, 0) + 1
                total_len[name] = total_len.get(name, 0) + stored_length(value)
            fields.add(name)
    return {
        "entity": entity,
        "record_count": count,
        "fields": {
            name: {
                "non_empty": non_empty.get(name, 0),
                "empty": count - non_empty.get(name, 0),
                "avg_length": (
                    round(total_len[name] / non_empty[name], 3) if non_empty.get(name) else 0.0
                ),
            }
            for name in sorted(fields)
        },
    }


def _configured_fields(session: Session, entity: str) -> Iterable[str]:
    cur = current_release(session)
    if cur is None:
        return ()
    configured = release_bundle(cur).entity(entity)
    return [f.key for f in configured.fields] if configured is not None else ()
