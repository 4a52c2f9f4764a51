"""Records on the reference server: idempotent batch upsert, paged export, field statistics."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from studio.bundle.model import Bundle, Label, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.server import LiveServer, release_document, run_server

CUSTOMERS = [
    {"mobile": "13800000001", "name": "张三", "notes": "老客户，年底续约"},
    {"mobile": "13800000002", "name": "李四", "notes": "   "},
    {"mobile": "13800000003", "name": "王五", "notes": "\u3000"},  # a full-width space only
    {"mobile": "13800000004", "name": "Zhao Liu", "notes": None},
    {"mobile": "13800000005", "name": "", "notes": "VIP"},
]


def _with_role(key: str) -> Bundle:
    b = sample_bundle()
    return b.model_copy(update={"roles": (*b.roles, Role(key=key, label=Label(zh_CN=key, en=key)))})


def _batch(server: LiveServer, entity: str, records: list[dict], key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    with server.client() as c:
        return c.post(
            f"/api/v1/records/{entity}/batch",
            json={"key_field": "mobile", "records": records},
            headers=headers,
        )


def test_batch_upsert_is_idempotent_and_updates_by_key(live_server: LiveServer) -> None:
    key = uuid.uuid4().hex
    first = _batch(live_server, "customer", CUSTOMERS, key)
    assert first.status_code == 200, first.text
    assert first.json() == {"inserted": 5, "updated": 0, "unchanged": 0}
    again = _batch(live_server, "customer", CUSTOMERS, key)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    # the same key with another batch is refused
    other = _batch(live_server, "customer", CUSTOMERS[:1], key)
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_key_reused"
    # without the key, the same batch is still harmless: nothing changes
    assert _batch(live_server, "customer", CUSTOMERS).json() == {
        "inserted": 0,
        "updated": 0,
        "unchanged": 5,
    }
    changed = [{**CUSTOMERS[0], "name": "张三丰"}, {"mobile": "13800000009", "name": "新客户"}]
    assert _batch(live_server, "customer", changed, uuid.uuid4().hex).json() == {
        "inserted": 1,
        "updated": 1,
        "unchanged": 0,
    }
    with live_server.client() as c:
        names = {r["name"] for r in c.get("/api/v1/records/customer?limit=100").json()["records"]}
    assert "张三丰" in names and "张三" not in names and len(names) == 6


def test_a_bad_batch_is_refused_whole(live_server: LiveServer) -> None:
    bad = [*CUSTOMERS[:2], {"name": "没有手机号"}]
    r = _batch(live_server, "customer", bad)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_record"
    assert "Record 2" in r.json()["error"]["message"]
    dupes = [CUSTOMERS[0], {**CUSTOMERS[0], "name": "重复"}]
    r = _batch(live_server, "customer", dupes)
    assert r.status_code == 422 and r.json()["error"]["code"] == "duplicate_key"
    with live_server.client() as c:
        assert c.get("/api/v1/stats/customer").json()["record_count"] == 0


def test_paged_export_returns_every_record_once(live_server: LiveServer) -> None:
    records = [{"mobile": f"139{i:08d}", "name": f"客户{i}"} for i in range(250)]
    assert _batch(live_server, "customer", records).status_code == 200
    seen: list[str] = []
    cursor = None
    pages = 0
    with live_server.client() as c:
        while True:
            params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
            page = c.get("/api/v1/records/customer", params=params).json()
            seen += [r["mobile"] for r in page["records"]]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        bad = c.get("/api/v1/records/customer", params={"cursor": "%%%"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_cursor"
        too_many = c.get("/api/v1/records/customer", params={"limit": 100000})
        assert too_many.status_code == 422
    assert pages == 3
    assert seen == sorted(r["mobile"] for r in records)


def test_stats_count_empties_with_chinese_text_and_whitespace(live_server: LiveServer) -> None:
    assert _batch(live_server, "customer", CUSTOMERS).status_code == 200
    with live_server.client() as c:
        stats = c.get("/api/v1/stats/customer").json()
    assert stats["entity"] == "customer" and stats["record_count"] == 5
    notes = stats["fields"]["notes"]
    # "   ", a full-width space and null are empty; two notes are real
    assert (notes["non_empty"], notes["empty"]) == (2, 3)
    assert notes["avg_length"] == pytest.approx((len("老客户，年底续约") + 3) / 2)
    name = stats["fields"]["name"]
    assert (name["non_empty"], name["empty"]) == (4, 1)
    assert name["avg_length"] == pytest.approx((2 + 2 + 2 + 8) / 4)
    assert stats["fields"]["mobile"] == {"non_empty": 5, "empty": 0, "avg_length": 11.0}


def test_once_live_records_go_only_to_configured_entities(live_server: LiveServer) -> None:
    assert live_server.push(release_document(sample_bundle(), 1)).status_code == 201
    r = _batch(live_server, "spaceship", CUSTOMERS)
    assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_entity"
    assert _batch(live_server, "customer", CUSTOMERS).status_code == 200
    with live_server.client() as c:
        stats = c.get("/api/v1/stats/customer").json()
    # fields of the live configuration that no record holds are reported as all empty
    assert stats["fields"]["credit_code"] == {"non_empty": 0, "empty": 5, "avg_length": 0.0}


def test_a_server_on_postgresql(pg_url: str, tmp_path) -> None:
    """The same server on PostgreSQL: releases, idempotency, refusals, records."""
    with run_server(data_dir=tmp_path / "server", database_url=pg_url) as server:
        doc = release_document(sample_bundle(), 1)
        assert server.push(doc).status_code == 201
        assert server.push(doc).json()["version"] == 1
        v2 = [release_document(_with_role(f"r{i}"), 2) for i in range(3)]
        bad = server.push(release_document(_with_role("x"), 3, parent_version=2))
        assert bad.status_code == 409 and bad.json()["error"]["code"] == "version_conflict"
        # concurrent pushes of one version: the unique version settles it, one wins
        with ThreadPoolExecutor(len(v2)) as pool:
            statuses = sorted(r.status_code for r in pool.map(server.push, v2))
        assert statuses == [201, 409, 409]
        assert _batch(server, "customer", CUSTOMERS, "k1").json()["inserted"] == 5
        assert _batch(server, "customer", CUSTOMERS, "k1").json()["inserted"] == 5
        with server.client() as c:
            assert c.get("/api/v1/releases/1").json() == doc
            assert c.get("/api/v1/releases/current").json() in v2
            assert c.get("/api/v1/stats/customer").json()["fields"]["notes"]["empty"] == 3
            assert len(c.get("/api/v1/releases").json()["releases"]) == 2
    assert not (tmp_path / "server" / "server.db").exists()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_retries_get_the_first_answer(
    backend: str, tmp_path, request: pytest.FixtureRequest
) -> None:
    """A client retrying while its first attempt is still running: applied once, no conflict;
    and batches racing to insert the same new records never end in a server error."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    with run_server(data_dir=tmp_path / "server", database_url=url) as server:
        doc = release_document(sample_bundle(), 1)
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: server.push(doc), range(4)))
        assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
        assert len({a.text for a in answers}) == 1
        records = [{"mobile": f"137{i:08d}", "name": f"客户{i}"} for i in range(200)]
        with ThreadPoolExecutor(4) as pool:
            batches = list(pool.map(lambda _: _batch(server, "customer", records), range(4)))
        assert [b.status_code for b in batches] == [200] * 4, [b.text for b in batches]
        assert sum(b.json()["inserted"] for b in batches) == 200
        with server.client() as c:
            assert len(c.get("/api/v1/releases").json()["releases"]) == 1
            assert c.get("/api/v1/stats/customer").json()["record_count"] == 200


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_json_the_databases_cannot_hold_is_refused_not_a_crash(
    backend: str, tmp_path, request: pytest.FixtureRequest
) -> None:
    """NaN, lone surrogates and NUL are valid JSON escapes but no database text: 422, never 500."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    bodies = [
        b'{"key_field":"mobile","records":[{"mobile":"1","x":NaN}]}',
        b'{"key_field":"mobile","records":[{"mobile":"1","x":"\\ud800"}]}',
        b'{"key_field":"mobile","records":[{"mobile":"1\\u0000"}]}',
    ]
    with run_server(data_dir=tmp_path / "server", database_url=url) as server:
        with server.client() as c:
            json_headers = {"Content-Type": "application/json"}
            for body in bodies:
                r = c.post("/api/v1/records/customer/batch", content=body, headers=json_headers)
                assert r.status_code == 422, (body, r.text)
                assert r.json()["error"]["code"] == "invalid_record"
            doc = release_document(sample_bundle(), 1, change_id="chg\x00nul")
            r = c.post(
                "/api/v1/releases", json=doc, headers={"Idempotency-Key": doc["bundle_sha256"]}
            )
            assert r.status_code == 422 and r.json()["error"]["code"] == "schema_invalid"
            doc = {**release_document(sample_bundle(), 1), "change_id": "chg-\ud800"}
            body = json.dumps(doc).encode()  # ensure_ascii: the surrogate travels as an escape
            r = c.post(
                "/api/v1/releases",
                content=body,
                headers={"Idempotency-Key": doc["bundle_sha256"], **json_headers},
            )
            assert r.status_code == 422, r.text
            r = c.post("/api/v1/tokens", content=b'{"label":"\\ud800"}', headers=json_headers)
            assert r.status_code in (201, 422), r.text
            assert c.get("/api/v1/stats/customer").json()["record_count"] == 0
        log = (server.data_dir / "server.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
