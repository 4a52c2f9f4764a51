"""The reference server's HTTP API (FastAPI): ``create_app(settings)``.

Every refusal, including FastAPI's own validation errors and unknown routes, answers
``{"error": {"code", "message"}}`` with a 4xx; a 5xx is always a bug.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from studio import __version__
from studio.bundle.model import Approver
from studio.errors import StudioError
from studio.server import audit_heads, automation, guard, records, releases, strict_json
from studio.server.auth import Caller, authenticate, issue_token
from studio.server.documents import (
    ApproverEntry,
    BatchResult,
    DeletionResult,
    EntityStats,
    ErrorBody,
    FoundRecords,
    RecordAssignmentInfo,
    RecordBatch,
    RecordDeletion,
    RecordLookup,
    RecordPage,
    RejectionDocument,
    ReleaseApplied,
    ReleaseDocument,
    TokenIssued,
    TokenRequest,
)
from studio.server.guard import Guard
from studio.server.handovers import owned_counts
from studio.server.refusals import Refusal, RefusalError, refuse
from studio.server.storage import Release, ServerMeta, make_engine, reader, serialise

log = logging.getLogger("studio.server")

API = "/api/v1"
#: A bundle of 200 entities x 100 fields is ~5 MB; 64 MiB leaves room and bounds memory.
MAX_RELEASE_BYTES = guard.MAX_RELEASE_BYTES
#: Registries, tokens, rejections: a few kilobytes each.
MAX_SMALL_BODY = guard.MAX_SMALL_BODY
#: A push larger than this waits for one of ``LARGE_PUSHES_AT_ONCE`` slots before it is read.
LARGE_PUSH_BYTES = 2**20
LARGE_PUSHES_AT_ONCE = 2
EntityKey = Annotated[str, PathParam(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
IdempotencyKey = Annotated[str | None, Header(max_length=200)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)
}
_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


@dataclass(frozen=True)
class ServerSettings:
    """How to run: where the data lives, the operator's token, the first approver registry."""

    # Not in the printed form: a PostgreSQL URL may hold a password, and the token is a secret.
    database_url: str = field(repr=False)
    token: str = field(repr=False)
    #: Registers the first approver registry on a new server (``studio serve --approvers``).
    approvers: tuple[Approver, ...] | None = None
    #: PostgreSQL: the schema that holds the server's tables (``None``: the default schema).
    db_schema: str | None = None


def load_approvers(data: bytes) -> tuple[Approver, ...]:
    """``[{"user", "role", "key_id", "public_key"}]`` as an approver registry."""
    try:
        return tuple(releases.parse_registry(strict_json.loads(data, what="The file")))
    except RefusalError as exc:
        raise StudioError(
            "The approvers file is not valid: {reason}", reason=exc.refusal.message
        ) from None


def init_registry(engine: Engine, approvers: Sequence[Approver]) -> None:
    """Set the first registry from ``--approvers``.

    Starting again with the same file is fine, also after releases have changed the registry
    since (the file is then "already applied"); another file is refused.
    """
    with Session(engine) as session, session.begin():
        serialise(session, releases.RELEASES_SCOPE)
        current = releases.registry(session)
        wanted = {a.key_id: a for a in approvers}
        digest = releases.registry_digest(approvers)
        if current == wanted:
            if releases.first_registry_digest(session) is None and (
                releases.current_release(session) is None
            ):
                session.merge(ServerMeta(key=releases.FIRST_REGISTRY, value=digest))
            return
        if current and releases.first_registry_digest(session) == digest:
            log.info(
                "--approvers: this registry was applied before; releases have changed it since"
            )
            return
        try:
            releases.bootstrap_registry(session, approvers)
        except RefusalError as exc:
            if exc.refusal.code != "registry_already_set":
                raise StudioError(
                    "The approvers file is not valid: {reason}", reason=exc.refusal.message
                ) from None
            raise StudioError(
                "The server's approver registry is already set and differs from --approvers: "
                "the registry changes only through an approved release."
            ) from None


_bearer = HTTPBearer(auto_error=False, description="The server's bearer token.")


def _caller(
    request: Request,
    _creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """Every endpoint but health and the OpenAPI document needs a valid bearer token (checked by
    ``guard.Guard`` before the body is read; here for an app mounted without it)."""
    known = getattr(request.state, "caller", None)
    if isinstance(known, Caller):
        return known
    settings: ServerSettings = request.app.state.settings
    with Session(reader(request.app.state.engine)) as session, session.begin():
        return authenticate(session, settings.token, request.headers.get("authorization"))


Auth = Annotated[Caller, Depends(_caller)]


def create_app(settings: ServerSettings) -> FastAPI:
    engine = make_engine(settings.database_url, settings.db_schema)
    if settings.approvers is not None:
        init_registry(engine, settings.approvers)

    app = FastAPI(
        # Only the OpenAPI document and the health check answer without a token.
        docs_url=None,
        redoc_url=None,
        title="CRM Config Studio reference server",
        version=__version__,
        description=(
            "Releases of CRM configuration bundles (verified: signatures of registered "
            "approvers, policy, version chain, blocking rules), records and field statistics."
        ),
    )
    app.state.engine = engine
    app.state.settings = settings
    # At most this many large pushes are parsed and verified at once: each holds its body and
    # its parsed bundle (a 55 MB push costs several hundred MB while it is checked).
    large_pushes = asyncio.Semaphore(LARGE_PUSHES_AT_ONCE)

    def check_token(authorization: str | None) -> Caller:
        with Session(reader(engine)) as session, session.begin():
            return authenticate(session, settings.token, authorization)

    app.add_middleware(Guard, authenticate=check_token)

    read_engine = reader(engine)

    @contextmanager
    def unit_of_work(read: bool = False) -> Iterator[Session]:
        bind = read_engine if read else engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    _install_error_handlers(app)
    _document_release_body(app)

    @app.get(f"{API}/health", tags=["server"])
    def health() -> dict[str, str]:
        """Answers without a token: for load balancers and the test fixture."""
        return {"status": "ok"}

    @app.post(
        f"{API}/releases",
        status_code=201,
        response_model=ReleaseApplied,
        responses=_ERRORS,
        tags=["releases"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ReleaseDocument"}}
                },
            }
        },
    )
    async def post_release(
        request: Request,
        _caller: Auth,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """Apply a release: 201; the same document again gets the first answer, applies nothing.

        The body (a ReleaseDocument) is read here rather than by FastAPI: the server keeps the
        exact bytes, and parsing a multi-megabyte bundle once instead of twice halves the cost.
        """
        declared = request.headers.get("content-length", "")
        large = not declared.isdigit() or int(declared) > LARGE_PUSH_BYTES
        async with large_pushes if large else contextlib.nullcontext():
            raw = await _read_body(request, MAX_RELEASE_BYTES)

            def check(body: bytes) -> releases.Checked:
                # Parse, validate, hash and verify in a read-only transaction: no write lock
                # is held while a large push is checked.
                with unit_of_work(read=True) as session:
                    return releases.check_push(session, body, idempotency_key)

            checked = await run_in_threadpool(check, raw)
            del raw

        def apply() -> releases.Answer:
            with unit_of_work() as session:
                return releases.apply_push(session, checked)

        answer = await run_in_threadpool(apply)
        headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
        return JSONResponse(answer.body, status_code=answer.status, headers=headers)

    @app.get(f"{API}/releases", tags=["releases"], responses=_ERRORS)
    def list_releases(_caller: Auth) -> dict[str, list[dict[str, Any]]]:
        """Every release, oldest first: version, author, sha256, time, approvers."""
        with unit_of_work(read=True) as session:
            rows = session.scalars(select(Release).order_by(Release.version))
            return {"releases": [releases.release_summary(r) for r in rows]}

    @app.get(
        f"{API}/releases/current",
        tags=["releases"],
        response_model=None,
        responses={200: {"model": ReleaseDocument}, **_ERRORS},
    )
    def get_current(_caller: Auth) -> Response:
        """The live release document, exactly as it was accepted."""
        with unit_of_work(read=True) as session:
            row = releases.current_release(session)
            if row is None:
                raise refuse(404, "no_release", "The server has no release yet.")
            return _document_response(row)

    @app.get(
        f"{API}/releases/{{version}}",
        tags=["releases"],
        response_model=None,
        responses={200: {"model": ReleaseDocument}, **_ERRORS},
    )
    def get_release(
        version: Annotated[int, PathParam(ge=1, le=2**31 - 1)], _caller: Auth
    ) -> Response:
        """One release document, exactly as accepted, to re-verify offline."""
        with unit_of_work(read=True) as session:
            row = session.get(Release, version)
            if row is None:
                raise refuse(404, "not_found", f"There is no release {version}.")
            return _document_response(row)

    @app.get(f"{API}/approvers", tags=["approvers"], responses=_ERRORS)
    def get_approvers(_caller: Auth) -> dict[str, list[dict[str, str]]]:
        """The approver registry in force."""
        with unit_of_work(read=True) as session:
            return {"approvers": [a.model_dump() for a in releases.registry(session).values()]}

    @app.post(
        f"{API}/approvers/bootstrap",
        status_code=201,
        tags=["approvers"],
        responses=_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/ApproverEntry"},
                        }
                    }
                },
            }
        },
    )
    async def bootstrap(request: Request, who: Auth) -> dict[str, list[dict[str, str]]]:
        """Set the first approver registry: only while the server has no registry and no
        release, and only with the operator's token (an issued token must not choose who
        approves). Of concurrent bootstraps exactly one wins; the others get 409."""
        if not who.operator:
            raise refuse(
                403, "forbidden", "Only the server operator's token can set the approver registry."
            )
        raw = await _read_body(request, MAX_SMALL_BODY)
        approvers = releases.parse_registry(strict_json.loads(raw))

        def work() -> None:
            with unit_of_work() as session:
                releases.bootstrap_registry(session, approvers)

        await run_in_threadpool(work)
        return {"approvers": [a.model_dump() for a in approvers]}

    @app.post(
        f"{API}/rejections",
        status_code=201,
        tags=["releases"],
        responses=_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/RejectionDocument"}
                    }
                },
            }
        },
    )
    async def post_rejection(request: Request, _caller: Auth) -> Response:
        """Keep a signed rejection: no release of that change id and sha256 applies any more,
        even from a pusher who drops the rejection. 201, or 200 for the same one again."""
        raw = await _read_body(request, MAX_SMALL_BODY)
        document = strict_json.loads(raw, what="The rejection")

        def work() -> releases.Answer:
            with unit_of_work() as session:
                return releases.record_rejection(session, document)

        answer = await run_in_threadpool(work)
        return JSONResponse(answer.body, status_code=answer.status)

    @app.post(f"{API}/audit-heads", status_code=201, tags=["audit"], responses=_ERRORS)
    async def post_audit_head(request: Request, _caller: Auth) -> Response:
        """Keep a head of a workspace's audit log (``{"workspace", "seq", "hash"}``), sent after
        each push: 201, or 200 for the same head again; 409 ``audit_head_conflict`` when that
        sequence number was anchored with another hash (the log was rewritten)."""
        raw = await _read_body(request, MAX_SMALL_BODY)
        document = strict_json.loads(raw, what="The audit head")

        def work() -> releases.Answer:
            with unit_of_work() as session:
                return audit_heads.record_head(session, document)

        answer = await run_in_threadpool(work)
        return JSONResponse(answer.body, status_code=answer.status)

    @app.get(f"{API}/audit-heads", tags=["audit"], responses=_ERRORS)
    def get_audit_heads(
        workspace: Annotated[str, Query(pattern=r"^[0-9a-f]{32}$")], _caller: Auth
    ) -> dict[str, list[dict[str, Any]]]:
        """Every head kept for ``workspace``, lowest sequence number first, for ``studio audit
        verify`` to check the workspace's log against."""
        with unit_of_work(read=True) as session:
            return {"heads": audit_heads.list_heads(session, workspace)}

    @app.post(
        f"{API}/tokens",
        status_code=201,
        response_model=TokenIssued,
        tags=["server"],
        responses=_ERRORS,
    )
    def post_token(request_body: TokenRequest, who: Auth) -> TokenIssued:
        """Issue a token (optionally expiring); only the operator's token may."""
        if not who.operator:
            raise refuse(403, "forbidden", "Only the server operator's token can issue tokens.")
        with unit_of_work() as session:
            token, expires_at = issue_token(session, request_body.label, request_body.expires_in)
        return TokenIssued(token=token, expires_at=expires_at.isoformat() if expires_at else None)

    @app.post(
        f"{API}/records/{{entity}}/batch",
        response_model=BatchResult,
        tags=["records"],
        responses=_ERRORS,
    )
    def post_records(
        entity: EntityKey,
        batch: RecordBatch,
        _caller: Auth,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """Upsert records by ``key_field``; with an Idempotency-Key a retry applies nothing."""
        with unit_of_work() as session:
            answer = records.upsert_batch(session, entity, batch, idempotency_key)
        headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
        return JSONResponse(answer.body, status_code=answer.status, headers=headers)

    @app.post(
        f"{API}/records/{{entity}}/lookup",
        response_model=FoundRecords,
        tags=["records"],
        responses=_ERRORS,
    )
    def lookup_records(entity: EntityKey, lookup: RecordLookup, _caller: Auth) -> dict[str, Any]:
        """Records whose ``field`` equals one of ``values`` (at most 1000 values, 5000 records)."""
        with unit_of_work(read=True) as session:
            return records.lookup(session, entity, lookup)

    @app.post(
        f"{API}/records/{{entity}}/delete",
        response_model=DeletionResult,
        tags=["records"],
        responses=_ERRORS,
    )
    def delete_records(
        entity: EntityKey,
        deletion: RecordDeletion,
        _caller: Auth,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """Remove records by key; with an Idempotency-Key a retry gets the first answer."""
        with unit_of_work() as session:
            answer = records.delete_batch(session, entity, deletion, idempotency_key)
        headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
        return JSONResponse(answer.body, status_code=answer.status, headers=headers)

    @app.get(
        f"{API}/records/{{entity}}", response_model=RecordPage, tags=["records"], responses=_ERRORS
    )
    def get_records(
        entity: EntityKey,
        _caller: Auth,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
        limit: Annotated[int, Query(ge=1, le=records.MAX_PAGE)] = 100,
        since: Annotated[datetime | None, Query()] = None,
    ) -> dict[str, Any]:
        """Records in key order, a page at a time (pass ``next_cursor`` back as ``cursor``);
        ``since`` (ISO 8601): only records written at or after it."""
        with unit_of_work(read=True) as session:
            return records.export_page(session, entity, cursor, limit, since)

    @app.get(
        f"{API}/records/{{entity}}/{{key}}/assignment",
        response_model=RecordAssignmentInfo,
        tags=["records"],
        responses=_ERRORS,
    )
    def get_assignment(
        entity: EntityKey,
        key: Annotated[str, PathParam(min_length=1, max_length=500)],
        _caller: Auth,
    ) -> dict[str, Any]:
        """Why this owner: the outcome the live automation rules gave the record when it was
        written, the rule that decided (``null``: the default) and the release version."""
        with unit_of_work(read=True) as session:
            return automation.why(session, entity, key)

    @app.get(
        f"{API}/stats/{{entity}}", response_model=EntityStats, tags=["records"], responses=_ERRORS
    )
    def get_stats(entity: EntityKey, _caller: Auth) -> dict[str, Any]:
        """Record count and per-field non-empty / empty counts and average stored length."""
        with unit_of_work(read=True) as session:
            return records.entity_stats(session, entity)

    # -- issue 14: what a leaver's hand-over would move, for the review before anyone signs
    @app.get(f"{API}/owners/{{entity}}", tags=["records"], responses=_ERRORS)
    def get_owned(
        entity: EntityKey,
        _caller: Auth,
        user: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)],
        field: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)] = "owner",
    ) -> dict[str, Any]:
        """How many records of ``entity`` name ``user`` in the owner field ``field``."""
        with unit_of_work(read=True) as session:
            counts = owned_counts(session, user, {entity: (field,)})
        return {"entity": entity, "user": user, "field": field, "records": counts[entity]}

    return app


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (before all of it is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> Exception:
    return guard.too_large(limit)


def _document_release_body(app: FastAPI) -> None:
    """Put ReleaseDocument (read by hand in ``post_release``) into the OpenAPI components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            doc = ReleaseDocument.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(doc.pop("$defs", {}))
            components["ReleaseDocument"] = doc
            components["ApproverEntry"] = ApproverEntry.model_json_schema()
            components["RejectionDocument"] = RejectionDocument.model_json_schema()
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_response(row: Release) -> Response:
    return Response(row.document.encode("utf-8"), media_type="application/json")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RefusalError)
    async def _refusal(_request: Request, exc: RefusalError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.refusal.status == 401 else None
        return JSONResponse(exc.refusal.body(), status_code=exc.refusal.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Only where and what: pydantic's "input" may echo a header value, such as a token.
        parts = []
        for err in exc.errors()[:3]:
            loc = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{loc}: {err.get('msg', 'invalid')}")
        refusal = Refusal(422, "invalid_request", "The request is invalid: " + "; ".join(parts))
        return JSONResponse(refusal.body(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code if 400 <= exc.status_code < 600 else 400
        code = _STATUS_CODES.get(status, "bad_request" if status < 500 else "internal_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(
            {"error": {"code": code, "message": message}},
            status_code=status,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(ClientDisconnect)
    async def _gone(_request: Request, _exc: ClientDisconnect) -> JSONResponse:
        # The client went away (or was cut off by a time limit) while sending: nobody reads this.
        refusal = Refusal(400, "bad_request", "The client disconnected before the body ended.")
        return JSONResponse(refusal.body(), status_code=400)

    @app.exception_handler(UnicodeError)
    async def _not_unicode(_request: Request, _exc: UnicodeError) -> JSONResponse:
        # A lone surrogate (valid JSON escape, not Unicode) that reached a database driver.
        refusal = Refusal(
            422, "invalid_request", "The request holds text that is not valid Unicode."
        )
        return JSONResponse(refusal.body(), status_code=422)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error", exc_info=exc)
        return JSONResponse(
            {"error": {"code": "internal_error", "message": "The server hit an internal error."}},
            status_code=500,
        )
