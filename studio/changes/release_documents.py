"""The wire contract's release document of an approved change: the change's header (version,
parent, author and their signature, the counted approvals) and its bundle."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from schema.models import ChangeRequestRow
from studio.changes.view import ChangeView, build_view


def release_document(
    session: Session, change: ChangeRequestRow, view: ChangeView | None = None
) -> dict[str, Any]:
    """The wire contract's release document: bundle + counted approvals of ``change``."""
    doc = release_header(session, change, view)
    doc["bundle"] = json.loads(change.bundle_json)
    return doc


def release_header(
    session: Session, change: ChangeRequestRow, view: ChangeView | None = None
) -> dict[str, Any]:
    """The release document without its bundle (the push splices the stored canonical text in,
    instead of parsing and re-serialising megabytes)."""
    view = view or build_view(session, change)
    header: dict[str, Any] = {
        "change_id": change.id,
        "version": change.target_version,
        "parent_version": change.parent_version,
        "author": change.author,
        "bundle_sha256": change.bundle_sha256,
        "approvals": [
            {
                "user": a.user,
                "role": a.role,
                "decision": a.decision,
                "key_id": a.key_id,
                "signature": a.signature,
            }
            for a in view.approvals
            if a.valid and a.decision == "approve"
        ],
    }
    if view.author_signature is not None:
        header["author_signature"] = {
            "key_id": view.author_signature.key_id,
            "signature": view.author_signature.signature,
        }
    return header
