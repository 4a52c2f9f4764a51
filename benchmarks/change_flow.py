"""Benchmark of the change flow on a large configuration: 200 entities x 100 fields, 20 roles.

Measures (medians): the diff against the live bundle, one Ed25519 signature and its check, the
server's verification of a release document (in-process, as ``studio serve`` runs it), freezing a
submit (lint + diff + sha256), and the whole push to a real ``studio serve`` on loopback (release
document, HTTP, server verification and storage, local live version).

Targets (issue 7): diff < 100 ms, server-side verification < 200 ms, whole push < 1 s.

    PYTHONPATH=$PWD python benchmarks/change_flow.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schema.models import ApprovalRow, ChangeRequestRow, PublicKeyRow
from studio import changes
from studio.audit import log as audit
from studio.bundle.diff import diff_bundles
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldType,
    Label,
    Role,
    Thresholds,
    UserAssignment,
)
from studio.client.push import push
from studio.client.review import review_change
from studio.contract import signing
from studio.draft.store import replace_draft
from studio.server.verify import ServerState, check_release
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.server import DEMO_APPROVERS, demo_approver, run_server

ENTITIES, FIELDS, ROLES = 200, 100, 20


def big_bundle(variant: int = 0) -> Bundle:
    """The large configuration; ``variant`` makes field ``f{variant}`` required on every 10th
    entity and gives role r1 delete on them (a realistic, reviewable change)."""
    entities = tuple(
        Entity(
            key=f"e{i:03d}",
            label=Label(zh_CN=f"实体{i}", en=f"Entity {i}"),
            fields=tuple(
                FieldDef(
                    key=f"f{j:03d}",
                    label=Label(zh_CN=f"字段{j}", en=f"Field {j}"),
                    type=FieldType.text,
                    max_length=200,
                    required=bool(variant) and i % 10 == 0 and j == variant,
                    backfill="-" if variant and i % 10 == 0 and j == variant else None,
                )
                for j in range(FIELDS)
            ),
        )
        for i in range(ENTITIES)
    )
    roles = (
        Role(key="it_admin", label=Label(zh_CN="IT 管理员", en="IT admin")),
        Role(key="business_lead", label=Label(zh_CN="业务负责人", en="Business lead")),
        *(
            Role(key=f"r{k}", label=Label(zh_CN=f"角色{k}", en=f"Role {k}"))
            for k in range(ROLES - 2)
        ),
    )
    perms = tuple(
        EntityPermission(
            role=r.key,
            entity=e.key,
            read=True,
            update=r.key != "r0",
            delete=bool(variant) and r.key == "r1" and int(e.key[1:]) % 10 == 0,
        )
        for r in roles
        for e in entities
    )
    users = tuple(
        UserAssignment(user=a.user, display_name=a.user, role=a.role) for a in DEMO_APPROVERS
    )
    return Bundle(
        entities=entities,
        roles=roles,
        entity_permissions=perms,
        users=users,
        thresholds=Thresholds(
            max_fields_per_entity=FIELDS, searchable_warning=FIELDS, searchable_limit=FIELDS
        ),
        approvers=tuple(a.as_approver() for a in DEMO_APPROVERS),
    )


def timed(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def approve_with_demo_keys(ws: Workspace, change_id: str) -> None:
    """What ``changes.approve`` does (and the author's signature over the submission), with the
    server helpers' demo keys instead of the keyring (so the benchmark runs on machines without a
    Secret Service)."""
    with ws.session() as s:
        change = s.get(ChangeRequestRow, change_id)
        assert change is not None
        for user, decision in (("lin", "submit"), ("zhou", "approve"), ("chen", "approve")):
            a = demo_approver(user)
            change.approvals.append(
                ApprovalRow(
                    user_name=user,
                    role=a.role,
                    decision=decision,
                    bundle_sha256=change.bundle_sha256,
                    key_id=a.key_id,
                    signature=signing.sign(
                        a.private_key,
                        change.id,
                        change.bundle_sha256,
                        change.target_version,
                        decision,
                    ),
                )
            )
            if decision != "submit":  # the decision in the audit log, as ``changes.approve``
                audit.append(s, user, decision, change.id, {"key_id": a.key_id})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    rows: list[tuple[str, float, float]] = []

    live, draft = big_bundle(0), big_bundle(1)
    rows.append(("diff live -> draft", timed(lambda: diff_bundles(live, draft), rounds), 0.100))
    sha = draft.sha256()
    key = demo_approver("zhou").private_key
    rows.append(
        (
            "sign one decision",
            timed(lambda: signing.sign(key, "c", sha, 2, "approve"), rounds * 20),
            0.0,
        )
    )
    sig = signing.sign(key, "c", sha, 2, "approve")
    pub = demo_approver("zhou").public_key
    rows.append(
        (
            "verify one signature",
            timed(lambda: signing.verify(pub, sig, "c", sha, 2, "approve"), rounds * 20),
            0.0,
        )
    )
    rows.append(("sha256 of the bundle", timed(draft.sha256, rounds), 0.0))

    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(Path(tmp) / "bench.db", sample=False)
        with ws.session() as s:
            for a in DEMO_APPROVERS:
                s.add(PublicKeyRow(key_id=a.key_id, user_name=a.user, public_key=a.public_key))
            replace_draft(s, live, user="lin")
        with run_server(data_dir=Path(tmp) / "server") as server:
            first = changes.submit(ws, "lin", "baseline")
            approve_with_demo_keys(ws, first.id)
            push(ws, first.id, server_url=server.base_url, token=server.token)

            state = ServerState(
                current_version=1,
                current_bundle=live,
                registry={a.key_id: a.as_approver() for a in DEMO_APPROVERS},
            )
            submits, pushes, verifies = [], [], []
            reviews: list[float] = []
            lists: list[float] = []
            for n in range(rounds):
                with ws.session() as s:
                    replace_draft(s, big_bundle(n + 1 if n % 2 == 0 else 0), user="lin")
                start = time.perf_counter()
                view = changes.submit(ws, "lin", f"round {n}")
                submits.append(time.perf_counter() - start)
                # What a reviewer sees, derived at review time (issue 20): the change's bundle
                # against the live release, verified against its sha256 and the server's.
                start = time.perf_counter()
                review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
                reviews.append(time.perf_counter() - start)
                assert review.can_approve, review.problems
                start = time.perf_counter()
                changes.list_changes(ws)
                lists.append(time.perf_counter() - start)
                approve_with_demo_keys(ws, view.id)
                if n == 0:
                    with ws.session() as s:
                        row = s.get(ChangeRequestRow, view.id)
                        assert row is not None
                        doc = changes.release_document(s, row)
                    for _ in range(rounds):
                        start = time.perf_counter()
                        result = check_release(doc, doc["bundle_sha256"], state)
                        verifies.append(time.perf_counter() - start)
                        assert not hasattr(result, "code"), result
                        # Freed outside the clock: a server keeps the bundle it verified.
                        del result
                start = time.perf_counter()
                push(ws, view.id, server_url=server.base_url, token=server.token)
                pushes.append(time.perf_counter() - start)
                state = ServerState(
                    current_version=view.target_version,
                    current_bundle=changes.change_bundle(ws, view.id),
                    registry=state.registry,
                )
        ws.close()
    rows.append(("server verification (in-process)", statistics.median(verifies), 0.200))
    rows.append(("submit (lint + diff + sha256)", statistics.median(submits), 0.0))
    rows.append(("whole push on loopback", statistics.median(pushes), 1.0))
    rows.append(("review derived, server-verified", statistics.median(reviews), 0.0))
    rows.append(("list changes (open one derived)", statistics.median(lists), 0.0))

    print(f"change flow, {ENTITIES} entities x {FIELDS} fields, {ROLES} roles, {rounds} rounds")
    print(f"{'step':<36}{'median ms':>12}{'target ms':>12}")
    for name, value, target in rows:
        print(f"{name:<36}{value * 1000:>12.2f}{(f'{target * 1000:.0f}' if target else '-'):>12}")


if __name__ == "__main__":
    main()
