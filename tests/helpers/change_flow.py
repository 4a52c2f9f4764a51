"""Shared steps of the change-flow tests: demo keys, an edit of the draft, approvals."""

from __future__ import annotations

from studio import changes
from studio.bundle.model import Bundle
from studio.changes import ChangeView, keys
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace

PASSPHRASE = "correct horse battery"
APPROVERS = ("lin", "zhou", "chen")


def make_demo_keys(ws: Workspace, users: tuple[str, ...] = APPROVERS) -> dict[str, str]:
    """A real key pair (in the real keyring) for each user; ``user -> key_id``."""
    return {u: keys.create_key(ws, u, PASSPHRASE).key_id for u in users}


def edit_draft(ws: Workspace, change: str = "require_company", user: str = "lin") -> Bundle:
    """A typical edit: make ``customer.company`` required with a backfill (or rename a label)."""
    with ws.session() as s:
        bundle = load_draft(s)
        customer = bundle.entity("customer")
        assert customer is not None
        fields = []
        for f in customer.fields:
            if change == "require_company" and f.key == "company":
                f = f.model_copy(update={"required": True, "backfill": "未知 unknown"})
            if change == "rename_notes" and f.key == "notes":
                f = f.model_copy(
                    update={"label": f.label.model_copy(update={"en": "Remarks", "zh_CN": "说明"})}
                )
            fields.append(f)
        new_customer = customer.model_copy(update={"fields": tuple(fields)})
        entities = tuple(new_customer if e.key == "customer" else e for e in bundle.entities)
        new = bundle.model_copy(update={"entities": entities})
        replace_draft(s, new, user=user)
        return new


def approve_by(ws: Workspace, change_id: str, *users: str) -> ChangeView:
    view = None
    for u in users:
        view = changes.approve(ws, change_id, u, PASSPHRASE)
    assert view is not None
    return view


class RegistryEntry:
    """A workspace key as ``tests.helpers.server.run_server`` registers approvers."""

    def __init__(self, entry: dict[str, str]) -> None:
        self.entry = entry
        self.user = entry["user"]

    def registry_entry(self) -> dict[str, str]:
        return self.entry


def registry_of(ws: Workspace, users: tuple[str, ...] = APPROVERS) -> list[RegistryEntry]:
    """The workspace's active keys of ``users``, for a server's first approver registry."""
    return [RegistryEntry(e) for e in keys.approvers_registry(ws) if e["user"] in users]


def submit_and_approve(ws: Workspace, title: str, *approvers: str) -> ChangeView:
    view = changes.submit(ws, "lin", title, passphrase=PASSPHRASE)
    return approve_by(ws, view.id, *(approvers or ("zhou", "chen")))
