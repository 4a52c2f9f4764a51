"""The History pane's data: every confirmed release with author, approvers, time and diff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import defer

from schema.models import ChangeRequestRow, ReleaseRow
from studio.bundle.diff import diff_bundles
from studio.changes.releases import release_bundle
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class ReleaseView:
    version: int
    change_id: str
    title: str
    author: str
    approvers: tuple[str, ...]
    applied_at: datetime
    bundle_sha256: str
    #: The release this one went back to, for rollbacks.
    rollback_of: int | None


def history(ws: Workspace) -> list[ReleaseView]:
    """Every release this workspace saw confirmed, newest first."""
    with ws.session() as s:
        rows = s.scalars(
            select(ReleaseRow)
            .options(defer(ReleaseRow.bundle_json))
            .order_by(ReleaseRow.version.desc())
        ).all()
        changes = {
            c.id: c
            for c in s.scalars(
                select(ChangeRequestRow)
                .options(defer(ChangeRequestRow.bundle_json), defer(ChangeRequestRow.diff))
                .where(ChangeRequestRow.id.in_([r.change_id for r in rows]))
            )
        }
        out = []
        for r in rows:
            change = changes.get(r.change_id)
            approvals: list[Any] = list(r.document.get("approvals", []) or [])  # type: ignore[call-overload]
            out.append(
                ReleaseView(
                    version=r.version,
                    change_id=r.change_id,
                    title=change.title if change is not None else "",
                    author=r.author,
                    approvers=tuple(str(a.get("user")) for a in approvals),
                    applied_at=r.applied_at,
                    bundle_sha256=r.bundle_sha256,
                    rollback_of=change.rollback_of if change is not None else None,
                )
            )
        return out


def release_diff(ws: Workspace, version: int) -> dict[str, Any]:
    """What release ``version`` changed against the release before it."""
    with ws.session() as s:
        after = release_bundle(s, version)
        if after is None:
            raise KeyError(version)
        before = release_bundle(s, version - 1) if version > 1 else None
    return diff_bundles(before, after)
