"""The leaver hand-over on a real `studio serve`: the release that carries it reassigns the
leaver's records (the owner field, nothing else), once, however often it is pushed or carried."""

from __future__ import annotations

from studio.access.leaver import hand_over
from studio.bundle.model import Bundle, Label, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.server import LiveServer, release_document


def _batch(server: LiveServer, entity: str, key_field: str, records: list[dict]) -> None:
    with server.client() as c:
        answer = c.post(
            f"/api/v1/records/{entity}/batch", json={"key_field": key_field, "records": records}
        )
        assert answer.status_code == 200, answer.text


def _records(server: LiveServer, entity: str) -> dict[str, dict]:
    with server.client() as c:
        page = c.get(f"/api/v1/records/{entity}", params={"limit": 1000}).json()
    return {str(r.get("mobile") or r.get("name")): r for r in page["records"]}


def test_the_hand_over_reassigns_owners_once_and_nothing_else(live_server: LiveServer) -> None:
    live = sample_bundle()
    assert live_server.push(release_document(live, 1)).status_code == 201
    customers = [
        {"mobile": "13800000001", "name": "张三", "owner": "wu", "created_by": "wu"},
        {"mobile": "13800000002", "name": "李四", "owner": "lin", "created_by": "wu"},
        {"mobile": "13800000003", "name": "王五", "owner": "wu", "notes": "年底续约"},
    ]
    deals = [
        {"name": "deal-1", "owner": "wu", "stage": "proposal", "amount": 120000},
        {"name": "deal-2", "owner": "chen", "stage": "new"},
    ]
    _batch(live_server, "customer", "mobile", customers)
    _batch(live_server, "opportunity", "name", deals)

    handed = hand_over(live, "wu", "zhou", handover_id="wu-leaves-1")
    v2 = release_document(handed, 2)
    first = live_server.push(v2)
    assert first.status_code == 201, first.text
    again = live_server.push(v2)  # a retry: the first answer, nothing applied again
    assert again.status_code == 201 and again.json() == first.json()

    after = _records(live_server, "customer")
    assert after["13800000001"] == {**customers[0], "owner": "zhou"}  # creator kept
    assert after["13800000002"] == customers[1]
    assert after["13800000003"] == {**customers[2], "owner": "zhou"}
    deals_after = _records(live_server, "opportunity")
    assert deals_after["deal-1"] == {**deals[0], "owner": "zhou"}  # the stage stays
    assert deals_after["deal-2"] == deals[1]

    # A later release still carries the hand-over (a release is a whole configuration): it is
    # not applied again, so a record given to wu since (say, restored history) stays as it is.
    _batch(live_server, "customer", "mobile", [{"mobile": "13800000009", "owner": "wu"}])
    v3 = Bundle.model_validate(
        {
            **handed.model_dump(),
            "roles": [
                *handed.model_dump()["roles"],
                Role(key="auditor", label=Label(zh_CN="审计", en="Auditor")).model_dump(),
            ],
        }
    )
    assert live_server.push(release_document(v3, 3)).status_code == 201
    assert _records(live_server, "customer")["13800000009"]["owner"] == "wu"
    assert _records(live_server, "customer")["13800000002"]["owner"] == "lin"


def test_change_show_counts_what_the_hand_over_would_move(
    live_server: LiveServer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.e2e.test_cli import studio

    _batch(
        live_server,
        "customer",
        "mobile",
        [
            {"mobile": "13800000001", "name": "张三", "owner": "wu"},
            {"mobile": "13800000002", "name": "李四", "owner": "wu"},
            {"mobile": "13800000003", "name": "王五", "owner": "lin"},
        ],
    )
    _batch(live_server, "contract", "number", [{"number": "HT-1", "owner": "wu"}])
    ws = str(tmp_path / "w.db")
    assert studio("init", "--sample", "--workspace", ws).returncode == 0
    env = {
        "STUDIO_USER": "lin",
        "STUDIO_SERVER_URL": live_server.base_url,
        "STUDIO_SERVER_TOKEN": live_server.token,
    }
    done = studio(
        "leaver", "-w", ws, "--user", "wu", "--to", "zhou", "--title", "Wu leaves", env=env
    )
    assert done.returncode == 0, done.stderr
    change_id = done.stdout.strip().splitlines()[-1]
    shown = studio("change", "show", change_id, "-w", ws, "--format", "json", env=env)
    assert shown.returncode == 0, shown.stderr
    [handover] = json.loads(shown.stdout)["handovers"]["handovers"]
    assert (handover["user"], handover["to"]) == ("wu", "zhou")
    assert handover["records"] == {"customer": 2, "lead": 0, "opportunity": 0, "contract": 1}
    text = studio("change", "show", change_id, "-w", ws, env=env)
    line = next(x for x in text.stdout.splitlines() if "Hand-over wu -> zhou" in x)
    assert "records that change owner:" in line
    assert "customer 2" in line and "contract 1" in line and "lead 0" in line
