"""Issue 19: a rollback is always possible and data-safe, through a real ``studio serve``.

v1 is the sample; v2 adds ``customer.tax_no`` and a record gets a value for it; rolling back to
v1 used to be refused ("tax_no is live but missing from the draft"). Now the rollback keeps the
field, deprecated and hidden, and the record keeps its value.
"""

from __future__ import annotations

from studio import changes, i18n
from studio.bundle.model import FieldDef, FieldType, Label
from studio.changes.impact import impact, impact_sentences
from studio.changes.releases import live_bundle, live_version
from studio.client.push import RetryPolicy, push
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, submit_and_approve
from tests.helpers.draft_edits import edit_customer
from tests.helpers.impact import load_customers
from tests.helpers.server import LiveServer

FAST = RetryPolicy(
    attempts=3, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)

TAX_NO = FieldDef(
    key="tax_no",
    type=FieldType.text,
    label=Label(zh_CN="税号", en="Tax number"),
    required=True,
    default="待补充",
    max_length=20,
)


def add_tax_no(customer):  # type: ignore[no-untyped-def]
    return customer.model_copy(update={"fields": (*customer.fields, TAX_NO)})


def _push(ws: Workspace, server: LiveServer, change_id: str) -> int:
    return push(ws, change_id, server_url=server.base_url, token=server.token, retry=FAST).version


def test_rollback_keeps_a_field_added_since_deprecated_hidden_with_its_data(
    ws: Workspace, server: LiveServer
) -> None:
    first = submit_and_approve(ws, "First release")
    assert _push(ws, server, first.id) == 1
    edit_customer(ws, add_tax_no)
    second = submit_and_approve(ws, "Tax number")
    assert _push(ws, server, second.id) == 2
    load_customers(server, [{"mobile": "13800000001", "name": "张三", "tax_no": "91330100MA2"}])

    back = changes.rollback(ws, "lin", 1, "Back to v1", passphrase=PASSPHRASE)
    assert back.rollback_of == 1 and back.target_version == 3
    bundle = changes.change_bundle(ws, back.id)
    customer = bundle.entity("customer")
    assert customer is not None
    tax_no = customer.field("tax_no")
    assert tax_no is not None and tax_no.deprecated and tax_no.hidden
    assert not tax_no.required and tax_no.label == TAX_NO.label
    # everything else is v1's: the field is on no form, and only the retirement is in the diff
    assert all(p.field != "tax_no" for form in customer.forms for p in form.placements())
    (entity,) = back.diff["entities"]
    (changed,) = entity["fields"]["changed"]
    assert changed["key"] == "tax_no"
    assert {c["property"] for c in changed["changes"]} >= {"deprecated", "hidden"}

    # the review says so in plain language, in both languages
    assert impact_sentences(impact(back.diff), back.diff) == [
        "customer.tax_no is retired: deprecated and hidden, no one sees or fills it any more; "
        "the values records hold for it are kept on the server"
    ]
    i18n.set_language("zh_CN")
    (zh,) = impact_sentences(impact(back.diff), back.diff)
    i18n.set_language(None)
    assert "停用" in zh and "保留" in zh

    approve_by(ws, back.id, "zhou", "chen")
    assert _push(ws, server, back.id) == 3
    with ws.session() as s:
        assert live_version(s) == 3
        live = live_bundle(s)
    assert live is not None and live.sha256() == back.bundle_sha256
    with server.client() as c:
        current = c.get("/api/v1/releases/current").json()
        records = c.get("/api/v1/records/customer?limit=10").json()["records"]
    assert current["version"] == 3
    assert [r.get("tax_no") for r in records] == ["91330100MA2"]  # the data is kept


def test_rollback_keeps_an_entity_added_since(ws: Workspace, server: LiveServer) -> None:
    from studio.bundle.model import Entity
    from studio.draft.store import load_draft, replace_draft

    first = submit_and_approve(ws, "First release")
    assert _push(ws, server, first.id) == 1
    with ws.session() as s:
        draft = load_draft(s)
        invoice = Entity(
            key="invoice",
            label=Label(zh_CN="发票", en="Invoice"),
            fields=(TAX_NO.model_copy(update={"required": False, "default": None}),),
        )
        replace_draft(
            s, draft.model_copy(update={"entities": (*draft.entities, invoice)}), user="lin"
        )
    second = submit_and_approve(ws, "Invoices")
    assert _push(ws, server, second.id) == 2

    back = changes.rollback(ws, "lin", 1, "Back to v1", passphrase=PASSPHRASE)
    kept = changes.change_bundle(ws, back.id).entity("invoice")
    assert kept is not None and all(f.deprecated and f.hidden for f in kept.fields)
    approve_by(ws, back.id, "zhou", "chen")
    assert _push(ws, server, back.id) == 3
