"""The change flow in the workspace: submit, approve, reject, roll back, list.

Its steps live in their own modules: ``submission`` (submit, roll back), ``decisions`` (approve,
reject), ``release_documents`` (what a push sends); this one lists and shows changes, the diff
and findings of an open change derived when asked (``_derived``), and names every step for the
callers that have always found them here.

Every function is one unit of work on the workspace, safe to call off the UI thread, and appends
to the hash-chained audit log. Refusals raise ``ChangeRefused`` (a ``StudioError``) with a message
for people; nothing is written when a call is refused.

A submitted change is frozen: editing the draft afterwards never alters it, and it stays pushable
once approved (``studio.changes.draft_edited`` says why and how the studio tells people). Editing
the stored change itself makes it ``altered`` (``studio.changes.view``): nobody can decide on it
or push it any more.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ChangeRequestRow, PublicKeyRow
from studio.bundle.model import Bundle, parse_bundle
from studio.changes.decisions import approve, check_can_decide, reject
from studio.changes.find import ChangeRefused, find_change
from studio.changes.release_documents import release_document, release_header
from studio.changes.submission import MAX_TITLE, Passphrase, rollback, submit
from studio.changes.view import OPEN, ChangeView, build_view, role_names
from studio.errors import WorkspaceError
from studio.workspace.connection import Workspace

# The flow's steps live in their own modules (submission, decisions, release_documents); callers have
# always found them here.
__all__ = [
    "MAX_TITLE",
    "ChangeRefused",
    "Passphrase",
    "_find",
    "approve",
    "change_bundle",
    "check_can_decide",
    "get_change",
    "list_changes",
    "reject",
    "release_document",
    "release_header",
    "rollback",
    "submit",
]

_find = find_change


def _derived(session: Session, row: ChangeRequestRow, view: ChangeView) -> ChangeView:
    """``view`` with the diff and findings of a change that can still be decided derived now,
    from its bundle and the verified live release, instead of the copies stored at submit
    (anyone with write access could have rewritten those; issue 20). Only an open change is
    derived (submitting supersedes the others, so there is at most one): the stored copies of
    a decided or live change are history, not something anyone is about to sign."""
    if row.state != OPEN:
        return view
    from studio.changes.review import derive_review

    review = derive_review(session, row, view=view)
    return replace(view, diff=review.diff or {}, findings=review.findings)


def get_change(ws: Workspace, change_id: str) -> ChangeView:
    with ws.session() as s:
        row = find_change(s, change_id)
        return _derived(s, row, build_view(s, row))


def list_changes(ws: Workspace) -> list[ChangeView]:
    """Every change request, newest first.

    A change whose stored text cannot be read turns ``ws`` into the damaged workspace it is
    (read-only) and raises ``WorkspaceError`` saying which text and which backup to restore;
    ``studio.changes.change_list.read_change_list`` lists the others around it.
    """
    from studio.changes.change_list import read_change_list

    listed = read_change_list(ws)
    if listed.damaged:
        assert ws.damaged is not None  # (read_change_list made it so)
        raise WorkspaceError(ws.damaged)
    return listed.views


def read_every_change(ws: Workspace) -> list[ChangeView]:
    """Every change request, newest first, in one unit of work; raises on the first text that
    cannot be read (``list_changes`` says which)."""
    with ws.session() as s:
        keys = {k.key_id: k for k in s.scalars(select(PublicKeyRow))}
        rows = s.scalars(
            select(ChangeRequestRow).order_by(ChangeRequestRow.created_at.desc())
        ).all()
        names = role_names(s)
        return [_derived(s, r, build_view(s, r, keys=keys, names=names)) for r in rows]


def change_bundle(ws: Workspace, change_id: str) -> Bundle:
    with ws.session() as s:
        return parse_bundle(find_change(s, change_id).bundle_json)
