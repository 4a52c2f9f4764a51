"""Records: bulk upserts and deletions (idempotent), lookups, pages, why a record got its owner,
per-field statistics, and how many records a user owns (the leaver hand-over's review)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response

from studio.server import automation, records
from studio.server.documents import (
    BatchResult,
    DeletionResult,
    EntityStats,
    FoundRecords,
    RecordAssignmentInfo,
    RecordBatch,
    RecordDeletion,
    RecordLookup,
    RecordPage,
)
from studio.server.handovers import owned_counts
from studio.server.releases import Answer
from studio.server.routes.shared import API, ERRORS, Auth, EntityKey, IdempotencyKey, unit_of_work

router = APIRouter(prefix=API, tags=["records"])


def _answer(answer: Answer) -> Response:
    headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
    return JSONResponse(answer.body, status_code=answer.status, headers=headers)


@router.post("/records/{entity}/batch", response_model=BatchResult, responses=ERRORS)
def post_records(
    request: Request,
    entity: EntityKey,
    batch: RecordBatch,
    _caller: Auth,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Upsert records by ``key_field``; with an Idempotency-Key a retry applies nothing."""
    with unit_of_work(request) as session:
        answer = records.upsert_batch(session, entity, batch, idempotency_key)
    return _answer(answer)


@router.post("/records/{entity}/lookup", response_model=FoundRecords, responses=ERRORS)
def lookup_records(
    request: Request, entity: EntityKey, lookup: RecordLookup, _caller: Auth
) -> dict[str, Any]:
    """Records whose ``field`` equals one of ``values`` (at most 1000 values, 5000 records)."""
    with unit_of_work(request, read=True) as session:
        return records.lookup(session, entity, lookup)


@router.post("/records/{entity}/delete", response_model=DeletionResult, responses=ERRORS)
def delete_records(
    request: Request,
    entity: EntityKey,
    deletion: RecordDeletion,
    _caller: Auth,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Remove records by key; with an Idempotency-Key a retry gets the first answer."""
    with unit_of_work(request) as session:
        answer = records.delete_batch(session, entity, deletion, idempotency_key)
    return _answer(answer)


@router.get("/records/{entity}", response_model=RecordPage, responses=ERRORS)
def get_records(
    request: Request,
    entity: EntityKey,
    _caller: Auth,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, Query(ge=1, le=records.MAX_PAGE)] = 100,
    since: Annotated[datetime | None, Query()] = None,
) -> dict[str, Any]:
    """Records in key order, a page at a time (pass ``next_cursor`` back as ``cursor``);
    ``since`` (ISO 8601): only records written at or after it."""
    with unit_of_work(request, read=True) as session:
        return records.export_page(session, entity, cursor, limit, since)


@router.get(
    "/records/{entity}/{key}/assignment", response_model=RecordAssignmentInfo, responses=ERRORS
)
def get_assignment(
    request: Request,
    entity: EntityKey,
    key: Annotated[str, PathParam(min_length=1, max_length=500)],
    _caller: Auth,
) -> dict[str, Any]:
    """Why this owner: the outcome the live automation rules gave the record when it was
    written, the rule that decided (``null``: the default) and the release version."""
    with unit_of_work(request, read=True) as session:
        return automation.why(session, entity, key)


@router.get("/stats/{entity}", response_model=EntityStats, responses=ERRORS)
def get_stats(request: Request, entity: EntityKey, _caller: Auth) -> dict[str, Any]:
    """Record count and per-field non-empty / empty counts and average stored length."""
    with unit_of_work(request, read=True) as session:
        return records.entity_stats(session, entity)


# -- issue 14: what a leaver's hand-over would move, for the review before anyone signs
@router.get("/owners/{entity}", responses=ERRORS)
def get_owned(
    request: Request,
    entity: EntityKey,
    _caller: Auth,
    user: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)],
    field: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)] = "owner",
) -> dict[str, Any]:
    """How many records of ``entity`` name ``user`` in the owner field ``field``."""
    with unit_of_work(request, read=True) as session:
        counts = owned_counts(session, user, {entity: (field,)})
    return {"entity": entity, "user": user, "field": field, "records": counts[entity]}
