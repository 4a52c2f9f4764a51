"""Linking an import with the records the server already holds, by blocking keys.

The server is asked for the records that share a mobile or an e-mail with the planned records
(``POST /api/v1/records/{entity}/lookup``, 1000 values a request), never for every record. Each
planned record is judged against those candidates with the same rules as within the file
(``importers.link_judging.judge_pairs``): a sure match merges into the existing record (which keeps what it had
and gains the rows in its history), an unsure one goes to the review list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx

from importers import link_blocking, link_judging
from importers.pipeline import Plan, roles
from importers.records import KEY, frame_of, plan_records
from studio.client.http import RetryPolicy, error_of, is_auth_failure, send_with_retries
from studio.importing.server import ServerLink

LOOKUP_CHUNK = 1000


def lookup(
    server: ServerLink, client: httpx.Client, entity: str, field: str, values: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """``{key: record}`` of the server's records whose ``field`` is one of ``values``."""
    wanted = sorted({v for v in values if v})
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        body = {"field": field, "values": wanted[start : start + LOOKUP_CHUNK]}
        response, _n = send_with_retries(
            client, "POST", f"/api/v1/records/{entity}/lookup", RetryPolicy(), None, json=body
        )
        if is_auth_failure(response):
            raise server.auth_error(response)
        if response.status_code != 200:
            raise server.refused(response, error_of(response))
        for item in response.json().get("records", []):
            found[str(item["key"])] = item["record"]
    return found


def link_existing(
    plan: Plan,
    server: ServerLink,
    *,
    ignore_import: str | None = None,
    not_same: Iterable[tuple[str, str]] = (),
) -> dict[str, dict[str, Any]]:
    """Fill ``plan.existing_merges`` / ``existing_review`` (and ``existing_evidence``, each
    field's agreement of a pair to review); returns the candidates by key.

    Records written by import ``ignore_import`` are left out: a resumed import must not take the
    records it wrote before a crash for duplicates of its own rows. ``not_same``: fingerprint
    pairs a person said are two people (``importers.link.fingerprint``), neither merged nor
    asked again, as within the file.
    """
    role = roles(plan.entity, plan.mapping.by_field())
    records = plan_records(plan, "plan", None)
    mobile, email = role.get("mobile"), role.get("email")
    candidates: dict[str, dict[str, Any]] = {}
    with server.client() as client:
        if mobile:
            candidates.update(
                lookup(
                    server,
                    client,
                    plan.entity.key,
                    mobile,
                    (str(r.get(mobile) or "") for r in records),
                )
            )
        if email:
            candidates.update(
                lookup(
                    server,
                    client,
                    plan.entity.key,
                    email,
                    (str(r.get(email) or "") for r in records),
                )
            )
    if ignore_import is not None:
        candidates = {
            k: v
            for k, v in candidates.items()
            if not (isinstance(v.get("_import"), dict) and v["_import"].get("id") == ignore_import)
        }
    plan.checked_against = server.url
    plan.existing_merges, plan.existing_review, plan.existing_evidence = [], [], []
    if not candidates:
        return candidates
    import polars as pl

    keys = list(candidates)

    def as_features(rows: list[dict[str, Any]]) -> pl.DataFrame:
        frame = frame_of(rows, sorted({f for f in role.values()}))
        return link_blocking.features(
            pl.DataFrame(
                {
                    r: frame[role[r]]
                    if r in role
                    else pl.Series([None] * len(rows), dtype=pl.String)
                    for r in link_blocking.ROLES
                }
            )
        )

    new_feats = as_features(records)
    old_feats = as_features([candidates[k] for k in keys])
    index: dict[tuple[str, str], list[int]] = {}
    for j, (m, e) in enumerate(zip(old_feats["mobile"], old_feats["email"], strict=True)):
        for part, value in (("mobile", m), ("email", e)):
            if value:
                index.setdefault((part, value), []).append(j)
    left: list[int] = []
    right: list[int] = []
    for i, (m, e) in enumerate(zip(new_feats["mobile"], new_feats["email"], strict=True)):
        seen = set(index.get(("mobile", m), [])) | set(index.get(("email", e), []))
        for j in sorted(seen):
            left.append(i)
            right.append(j)
    if not left:
        return candidates
    judged = link_judging.judge_pairs(new_feats[left], old_feats[right])
    apart = {frozenset(p) for p in not_same}
    new_fp = fingerprints(records, role) if apart else []
    old_fp = fingerprints([candidates[k] for k in keys], role) if apart else []
    best: dict[int, tuple[bool, float, int, str, int]] = {}
    for n, (i, j, decision, score) in enumerate(
        zip(left, right, judged["decision"], judged["score"], strict=True)
    ):
        if decision is None or (apart and frozenset((new_fp[i], old_fp[j])) in apart):
            continue
        mark = (decision == "merge", score, -j, decision, n)
        if i not in best or mark > best[i]:
            best[i] = mark
    for i, (_is_merge, score, neg_j, decision, n) in sorted(best.items()):
        rows = records[i]["_import"]["rows"]
        if decision == "merge":
            plan.existing_merges.append((rows, keys[-neg_j], score))
        else:
            plan.existing_review.append((rows[0], keys[-neg_j], score))
            plan.existing_evidence.append({e: judged[e][n] for e in link_judging.EVIDENCE})
    return candidates


def fingerprints(records: list[dict[str, Any]], role: dict[str, str]) -> list[str]:
    """Each record as a "not the same" decision names it (``importers.link.fingerprint``)."""
    from importers.link import fingerprint

    def get(record: dict[str, Any], part: str) -> str | None:
        value = record.get(role[part]) if part in role else None
        return str(value) if value not in (None, "") else None

    return [fingerprint(get(r, "name"), get(r, "mobile"), get(r, "email")) for r in records]


def existing_key(record: dict[str, Any]) -> str:
    return str(record.get(KEY, ""))
