"""The list of change requests as far as it can be read (``studio change list``, issue 20).

Opening a workspace checks a bounded set of stored texts (``studio.workspace.integrity.WALK``):
an older change's bundle is read, and found damaged, only when the list reads it. One unreadable
change must not hide the others: the list reads every change it can, names the damaged ones
with what can still be read of them (their id, title, author, version: short columns that
rarely share a bundle's damage), and the workspace becomes the damaged workspace it is,
read-only, with the backup to restore (``Workspace.mark_damaged``). Callers that need every
change (the Changes pane) keep ``list_changes``, which then refuses with that message.

Cost: a healthy list reads every change once, as it always did; only when that fails are the
changes' texts read once more as bytes to find which rows are damaged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from schema.models import ChangeRequestRow, PublicKeyRow
from studio.changes.draft_edited import DraftEdited, draft_edited_since, edited_since
from studio.changes.flow import _derived, read_every_change
from studio.changes.view import PENDING_STATES, ChangeView, build_view, role_names
from studio.errors import WorkspaceError
from studio.i18n import Message
from studio.workspace import integrity
from studio.workspace.connection import Workspace

#: What is read as bytes to find a damaged change: every text and JSON column of a change and
#: of its approvals (the list reads both); the approvals are named by their change.
_CHANGE_TEXTS = ("title", "reason", "author", "state", "bundle_json", "bundle_sha256", "created_at")
_CHANGE_JSONS = ("diff", "findings")
_APPROVAL_TEXTS = (
    "user_name",
    "role",
    "decision",
    "bundle_sha256",
    "key_id",
    "signature",
    "comment",
    "created_at",
)


@dataclass(frozen=True)
class DamagedChange:
    """A change request whose stored text cannot be read: what can still be read of it."""

    id: str
    title: str
    author: str
    target_version: int | None
    #: Which text cannot be read (``integrity.unreadable_rows``).
    reason: Message

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "target_version": self.target_version,
            "reason": str(self.reason),
        }


@dataclass(frozen=True)
class ChangeList:
    """Every change request, newest first: a ``ChangeView`` for each one that reads, a
    ``DamagedChange`` for each one that does not."""

    entries: tuple[ChangeView | DamagedChange, ...]

    @property
    def views(self) -> list[ChangeView]:
        return [e for e in self.entries if isinstance(e, ChangeView)]

    @property
    def damaged(self) -> list[DamagedChange]:
        return [e for e in self.entries if isinstance(e, DamagedChange)]


def read_change_list(ws: Workspace) -> ChangeList:
    """Every change request of ``ws`` that can be read, and the damaged ones named as such.

    A change found damaged turns ``ws`` read-only (``Workspace.damaged`` says why and which
    backup to restore). Any other failure (a damaged page under the table, a damaged live
    release an open change is reviewed against) is raised as ``list_changes`` raises it.
    """
    damaged_before = ws.damaged
    try:
        return ChangeList(tuple(read_every_change(ws)))
    except (WorkspaceError, json.JSONDecodeError):
        # (a JSON column that does not parse is damage too: ``studio.workspace.integrity``)
        damaged = _damaged_changes(ws)
        if not damaged:
            raise
    if damaged_before is None:
        ws.mark_damaged(damaged[0].reason)
    return ChangeList(_readable_and_damaged(ws, damaged))


def _damaged_changes(ws: Workspace) -> list[DamagedChange]:
    """The changes whose texts (or whose approvals' texts) cannot be read, newest first, with
    what can be read of them. Only an SQLite file holds such texts: a PostgreSQL server
    guarantees valid UTF-8 and JSON."""
    if not ws.is_sqlite:
        return []
    with ws.session() as s:
        conn = s.connection().connection.driver_connection
        assert conn is not None
        reasons: dict[str, Message] = {}
        for table, name, texts, jsons in (
            ("change_requests", "id", _CHANGE_TEXTS, _CHANGE_JSONS),
            ("approvals", "change_id", _APPROVAL_TEXTS, ()),
        ):
            for row, why in integrity.unreadable_rows(conn, table, name, texts, jsons):
                reasons.setdefault(row, why)
        if not reasons:
            return []
        factory = conn.text_factory
        conn.text_factory = bytes  # the short columns as stored; damaged bytes shown replaced
        try:
            rows = conn.execute(
                "SELECT id, title, author, target_version FROM change_requests "
                "ORDER BY created_at DESC"
            ).fetchall()
        finally:
            conn.text_factory = factory
    found = []
    for raw_id, title, author, version in rows:
        change_id = _text(raw_id)
        if change_id in reasons:
            found.append(
                DamagedChange(
                    id=change_id,
                    title=_text(title),
                    author=_text(author),
                    target_version=version if isinstance(version, int) else None,
                    reason=reasons[change_id],
                )
            )
    return found


def _readable_and_damaged(
    ws: Workspace, damaged: list[DamagedChange]
) -> tuple[ChangeView | DamagedChange, ...]:
    """``list_changes`` without the ``damaged`` rows, with them in their place (newest first)."""
    bad = {d.id: d for d in damaged}
    with ws.session() as s:
        keys = {k.key_id: k for k in s.scalars(select(PublicKeyRow))}
        order = list(
            s.scalars(select(ChangeRequestRow.id).order_by(ChangeRequestRow.created_at.desc()))
        )
        rows = s.scalars(select(ChangeRequestRow).where(ChangeRequestRow.id.not_in(bad))).all()
        names = role_names(s)
        views = {r.id: _derived(s, r, build_view(s, r, keys=keys, names=names)) for r in rows}
    return tuple(views[i] if i in views else bad[i] for i in order if i in views or i in bad)


def draft_edited(ws: Workspace, listed: ChangeList) -> DraftEdited | None:
    """Whether the draft differs from the open change (``studio.changes.draft_edited``);
    ``None`` too when the open change is one of the damaged (nothing to compare with)."""
    if not listed.damaged:
        return draft_edited_since(ws)
    views = listed.views
    if not any(v.state in PENDING_STATES for v in views):
        return None
    from studio.draft.store import load_draft

    with ws.session() as s:
        return edited_since(load_draft(s).sha256(), views)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)
