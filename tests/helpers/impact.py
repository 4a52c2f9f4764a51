"""The reviewer's impact numbers against a real server: records on it and a change that breaks some.

- ``CUSTOMERS``: three customers; two have no ``company`` (one lacks the key, one is blank).
- ``load_customers(server)``: upsert them through the records batch endpoint.
- ``require_company(ws)``: the draft makes ``customer.company`` required with no default or
  backfill; submitted as a first release (nothing live, so the rules cannot know about the
  server's records and let it through; the review is where the numbers show).
"""

from __future__ import annotations

from typing import Any

from studio import changes
from studio.changes import ChangeView
from studio.client.local_server import LocalServer
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace
from tests.helpers.server import LiveServer

CUSTOMERS: list[dict[str, Any]] = [
    {"mobile": "13800000001", "name": "张三", "company": "杭州云栖科技有限公司"},
    {"mobile": "13800000002", "name": "李四"},
    {"mobile": "13800000003", "name": "王五", "company": "  "},
]
LACKING_COMPANY = 2


def load_customers(
    server: LiveServer | LocalServer, records: list[dict[str, Any]] | None = None
) -> None:
    with server.client() as c:
        answer = c.post(
            "/api/v1/records/customer/batch",
            json={"key_field": "mobile", "records": records or CUSTOMERS},
        )
    assert answer.status_code == 200, answer.text


def require_company(ws: Workspace, user: str = "lin") -> None:
    with ws.session() as s:
        bundle = load_draft(s)
        customer = bundle.entity("customer")
        assert customer is not None
        fields = tuple(
            f.model_copy(update={"required": True, "default": None, "backfill": None})
            if f.key == "company"
            else f
            for f in customer.fields
        )
        new = customer.model_copy(update={"fields": fields})
        entities = tuple(new if e.key == "customer" else e for e in bundle.entities)
        replace_draft(s, bundle.model_copy(update={"entities": entities}), user=user)


def submit_required_company(ws: Workspace) -> ChangeView:
    require_company(ws)
    return changes.submit(ws, "lin", "Company required", "every customer needs its company")
