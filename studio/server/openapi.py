"""The server's OpenAPI document: FastAPI's own, plus the bodies read by hand (a release
document, a registry, a rejection), which FastAPI cannot see."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from studio.server.documents import ApproverEntry, RejectionDocument, ReleaseDocument


def document_hand_read_bodies(app: FastAPI) -> None:
    """Put ReleaseDocument (read by hand in ``post_release``) and the other hand-read bodies
    into the OpenAPI components."""

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
