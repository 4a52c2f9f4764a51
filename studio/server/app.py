"""The reference server's HTTP API (FastAPI): ``create_app(settings)``.

The routes live in ``studio.server.routes``, one module per resource; this module builds the
app around them: the database engines, the token check before any body is read, the error
answers (``studio.server.error_handlers``) and the OpenAPI document.
"""

from __future__ import annotations

from fastapi import FastAPI

from studio import __version__
from studio.server.auth import Caller, authenticate
from studio.server.error_handlers import install_error_handlers
from studio.server.guard import Guard
from studio.server.openapi import document_hand_read_bodies
from studio.server.routes import approvers, audit_heads, records, releases, server
from studio.server.settings import ServerSettings, init_registry, load_approvers
from studio.server.storage import make_engine, reader

__all__ = ["ServerSettings", "create_app", "init_registry", "load_approvers"]


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
    app.state.read_engine = reader(engine)
    app.state.settings = settings
    app.state.large_pushes = releases.large_push_slots()

    def check_token(authorization: str | None) -> Caller:
        from sqlalchemy.orm import Session

        with Session(app.state.read_engine) as session, session.begin():
            return authenticate(session, settings.token, authorization)

    app.add_middleware(Guard, authenticate=check_token)
    install_error_handlers(app)
    document_hand_read_bodies(app)
    for router in (
        server.health_router,
        releases.router,
        approvers.router,
        audit_heads.router,
        server.router,
        records.router,
    ):
        app.include_router(router)
    return app
