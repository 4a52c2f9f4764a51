"""Edits of the sample draft that the GUI tests make: a label, an unplaced required field."""

from __future__ import annotations

from studio.bundle.model import FieldDef, FieldType, Label
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace


def edit_customer(ws: Workspace, edit) -> None:  # type: ignore[no-untyped-def]
    """Replace the draft's customer entity with ``edit(customer)``."""
    with ws.session() as s:
        bundle = load_draft(s)
        customer = bundle.entity("customer")
        assert customer is not None
        new = edit(customer)
        entities = tuple(new if e.key == "customer" else e for e in bundle.entities)
        replace_draft(s, bundle.model_copy(update={"entities": entities}), user="lin")


def rename_name_label(customer):  # type: ignore[no-untyped-def]
    fields = tuple(
        f.model_copy(update={"label": f.label.model_copy(update={"en": "Client name"})})
        if f.key == "name"
        else f
        for f in customer.fields
    )
    return customer.model_copy(update={"fields": fields})


def add_unplaced_required_field(customer):  # type: ignore[no-untyped-def]
    customs = FieldDef(
        key="customs_code",
        type=FieldType.text,
        label=Label(zh_CN="海关编码", en="Customs code"),
        required=True,
        max_length=10,
    )
    return customer.model_copy(update={"fields": (*customer.fields, customs)})
