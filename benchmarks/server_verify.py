"""Server-side verification of a large push: 200 entities x 100 fields, 20 roles, 2 approvals.

Times (medians over several runs):
- the pure check ``studio.server.verify.check_release`` (document + bundle validation, sha256,
  signatures, policy, rules),
- a full ``POST /api/v1/releases`` to a real ``studio serve`` on loopback (client JSON encoding,
  HTTP, verification, storing in SQLite, commit).
Target (issue 7): server-side verification under 200 ms.

Run: ``PYTHONPATH=$PWD python benchmarks/server_verify.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.bundle.canonical_json import canonical_json
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldPermission,
    FieldType,
    Label,
    Role,
    Thresholds,
    UserAssignment,
)
from studio.contract import signing
from studio.gc_pause import gc_paused
from studio.lint import run_all
from studio.server.verify import ServerState, check_release, verify_release
from tests.helpers.server import DEMO_APPROVERS, release_document, run_server

TYPES = [t for t in FieldType if t not in (FieldType.select, FieldType.multi_select)]


def big_bundle(entities: int = 200, fields: int = 100, roles: int = 20, variant: int = 0) -> Bundle:
    role_keys = ["business_lead", "it_admin", *(f"role_{i}" for i in range(roles - 2))]
    ents = []
    for e in range(entities):
        fds = []
        for f in range(fields):
            type_ = TYPES[f % len(TYPES)]
            fds.append(
                FieldDef(
                    key=f"field_{f}",
                    label=Label(zh_CN=f"字段{f}", en=f"Field {f}"),
                    type=type_,
                    required=f < 3,
                    default="" if f < 3 else None,
                    searchable=f < 5,
                    sensitive=f % 37 == 0,
                    max_length=200 if type_ == FieldType.text else None,
                    reference="user" if type_ == FieldType.reference else None,
                )
            )
        ents.append(
            Entity(
                key=f"entity_{e}",
                label=Label(zh_CN=f"实体{e}", en=f"Entity {e}"),
                fields=tuple(fds),
            )
        )
    perms = [
        EntityPermission(role=r, entity=f"entity_{e}", create=True, read=True, update=i < 5)
        for i, r in enumerate(role_keys)
        for e in range(entities)
    ]
    field_perms = [
        FieldPermission(role=r, entity=f"entity_{e}", field=f"field_{f}", access="hidden")
        for r in role_keys[2:6]
        for e in range(entities)
        for f in (5, 37, 74)
    ]
    users = [
        UserAssignment(user=f"user_{i}", display_name=f"用户{i}", role=role_keys[i % roles])
        for i in range(40)
    ]
    return Bundle(
        entities=tuple(ents),
        roles=tuple(Role(key=r, label=Label(zh_CN=r, en=r)) for r in role_keys),
        entity_permissions=tuple(perms),
        field_permissions=tuple(field_perms),
        users=tuple(users),
        thresholds=Thresholds(max_fields_per_entity=120, max_avg_length=500 + variant),
    )


def medians(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is less swayed by a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
        del result  # freed after the clock stops: a server keeps what it parsed (see below)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = args.runs

    bundle = big_bundle()
    doc = release_document(bundle, 1)
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    # What the server has in hand: the parsed JSON body.
    parsed = json.loads(body)
    state = ServerState(None, None, {a.key_id: a.as_approver() for a in DEMO_APPROVERS})
    assert verify_release(parsed, doc["bundle_sha256"], state) is None

    validated = Bundle.model_validate(parsed["bundle"])
    sha = doc["bundle_sha256"]
    approvals = parsed["approvals"]
    by_id = {a.key_id: a for a in DEMO_APPROVERS}
    rows: list[tuple[str, float, float | None]] = []

    def row(name: str, fn: Callable[[], object]) -> None:
        # The steps are timed as verify runs them: with the cyclic GC paused. Its deferred work
        # is timed on its own row below.
        with gc_paused():
            rows.append((name, *medians(fn, runs)))

    def check_then_collect() -> object:
        # What a server pays after the check: the collector's first pass over the ~150,000
        # objects of the bundle it keeps as the live one.
        result = check_release(parsed, sha, state)
        gc.collect(0)
        return result

    row("  parse JSON body (json.loads)", lambda: json.loads(body))
    row("  Bundle.model_validate", lambda: Bundle.model_validate(parsed["bundle"]))
    row("  Bundle.sha256 (model_dump + canonical JSON)", validated.sha256)
    row("  sha256 of the bundle as sent (canonical JSON)", lambda: canonical_json(parsed["bundle"]))
    row(
        "  2 Ed25519 signature checks",
        lambda: [
            signing.verify(
                by_id[a["key_id"]].public_key, a["signature"], doc["change_id"], sha, 1, "approve"
            )
            for a in approvals
        ],
    )
    row("  rules.run_all", lambda: run_all(validated, None, None))
    row(
        "check_release (what a push runs: the whole check)",
        lambda: check_release(parsed, sha, state),
    )
    rows.append(
        (
            "check_release, then the collector's first pass over it",
            *medians(check_then_collect, runs),
        )
    )
    # verify_release drops the parsed bundle: freeing 20,000 field models takes ~50 ms more.
    row(
        "verify_release (the whole check, then freeing the bundle)",
        lambda: verify_release(parsed, sha, state),
    )
    # Version 2 over a live version 1: the rules also compare with the live bundle.
    live = big_bundle(variant=-1)
    live_state = ServerState(1, live, state.registry)
    doc2 = json.loads(json.dumps(release_document(bundle, 2)))
    assert verify_release(doc2, sha, live_state) is None
    row("  rules.run_all with a live release", lambda: run_all(validated, None, live))
    row("check_release over a live release", lambda: check_release(doc2, sha, live_state))

    # Full pushes on loopback: each run a new version of a slightly different bundle.
    # Bodies are encoded before timing: the studio splices the stored canonical bundle text in.
    docs = [release_document(big_bundle(variant=v), v) for v in range(1, runs + 1)]
    bodies = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in docs]
    post_times = []
    with run_server() as server, server.client(timeout=120) as client:
        for d, data in zip(docs, bodies, strict=True):
            headers = {"Idempotency-Key": d["bundle_sha256"], "Content-Type": "application/json"}
            start = time.perf_counter()
            r = client.post("/api/v1/releases", content=data, headers=headers)
            post_times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 201, r.text
        replay_times = []
        last = docs[-1]
        headers = {"Idempotency-Key": last["bundle_sha256"], "Content-Type": "application/json"}
        for _ in range(runs):
            start = time.perf_counter()
            r = client.post("/api/v1/releases", content=bodies[-1], headers=headers)
            replay_times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 201
    rows.append(
        ("POST /api/v1/releases on loopback (applied)", statistics.median(post_times), None)
    )
    rows.append(
        ("POST again, same document (idempotent replay)", statistics.median(replay_times), None)
    )

    print(
        f"bundle: {len(bundle.entities)} entities x {len(bundle.entities[0].fields)} fields, "
        f"{len(bundle.roles)} roles, {len(bundle.entity_permissions)} entity permissions, "
        f"{len(bundle.field_permissions)} field permissions; "
        f"request body {len(body) / 1e6:.2f} MB; 2 approvals; medians of {runs} runs"
    )
    width = max(len(name) for name, _, _ in rows)
    print(f"{'step'.ljust(width)}  wall ms   CPU ms")
    for name, wall, cpu in rows:
        cpu_text = f"{cpu:8.1f}" if cpu is not None else "       -"
        print(f"{name.ljust(width)}  {wall:7.1f} {cpu_text}")


if __name__ == "__main__":
    main()
