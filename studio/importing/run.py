"""The real import: the plan a dry run showed, written to the server's records API in idempotent
batches, journalled so that it can be resumed and reverted, and recorded in the audit log.

- The import's id is the sha256 of what it writes (entity and records): running the same import
  again after a crash or a lost connection is a resume. Every batch carries the Idempotency-Key
  ``import-<id>-<n>``: a batch the server already applied answers with its first answer and
  applies nothing, so no row is written twice and none is missed.
- Before an existing record is updated (a merge into it), its snapshot goes into the journal.
- ``revert_import`` removes the records the import created and puts the snapshots back.

The journal lives in the workspace (``workspace_meta``), so that a shared workspace knows every
import and any of its studios can revert one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from importers.errors import ImportRefused
from importers.pipeline import Plan
from importers.records import KEY, merge_into, plan_records
from schema.models import WorkspaceMeta
from studio.audit.log import append
from studio.bundle.canonical_json import canonical_json
from studio.client.http import RetryPolicy, error_of, is_auth_failure, send_with_retries
from studio.importing.server import ServerLink
from studio.progress import NoProgress, Progress, check
from studio.workspace.connection import Workspace

BATCH = 500
#: Keys per delete request of a revert.
REVERT_BATCH = 5000
_JOURNAL = "import."


@dataclass(frozen=True)
class ImportOutcome:
    import_id: str
    created: int
    updated: int
    batches: int
    resumed: bool


@dataclass(frozen=True)
class RevertOutcome:
    removed: int
    restored: int


def _meta_get(ws: Workspace, key: str) -> Any:
    with ws.session() as s:
        row = s.get(WorkspaceMeta, key)
        return None if row is None else json.loads(row.value)


def _meta_put(ws: Workspace, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with ws.session() as s:
        row = s.get(WorkspaceMeta, key)
        if row is None:
            s.add(WorkspaceMeta(key=key, value=text))
        else:
            row.value = text


def _key_field(record: dict[str, Any], key: str) -> str:
    """A field of ``record`` holding its server key (records keyed by another tool's choice)."""
    for name, value in record.items():
        if (
            isinstance(value, str | int)
            and not isinstance(value, bool)
            and str(value).strip() == key
        ):
            return name
    return KEY


def _post(
    server: ServerLink, client: Any, path: str, body: dict[str, Any], idem: str
) -> dict[str, Any]:
    response, _n = send_with_retries(
        client, "POST", path, RetryPolicy(), None, json=body, headers={"Idempotency-Key": idem}
    )
    if is_auth_failure(response):
        raise server.auth_error(response)
    if response.status_code != 200:
        raise server.refused(response, error_of(response))
    result: dict[str, Any] = response.json()
    return result


def import_id_of(plan: Plan, user: str | None) -> str:
    """The id of importing ``plan`` as ``user``: the sha256 of what it writes, so that running
    the same import again is a resume of it."""
    draft = plan_records(plan, "x", user)
    body = canonical_json({"entity": plan.entity.key, "records": draft})
    return hashlib.sha256(body).hexdigest()[:16]


def run_import(
    ws: Workspace,
    plan: Plan,
    server: ServerLink,
    *,
    user: str | None,
    source: str = "",
    progress: Progress | None = None,
    batch_size: int = BATCH,
) -> ImportOutcome:
    """Write ``plan`` to ``server``; resumes a journalled import of the same records."""
    from studio.importing.decisions import not_same_pairs
    from studio.importing.existing import link_existing

    progress = progress or NoProgress()
    entity = plan.entity.key
    import_id = import_id_of(plan, user)
    # asked again even when the dry run asked: the snapshots must be of the records as they are;
    # records this import already wrote (before a crash) are not duplicates of its own rows
    # with the person's "not the same" decisions, as the check that showed the counts had them
    candidates = link_existing(
        plan, server, ignore_import=import_id, not_same=not_same_pairs(ws, entity)
    )
    records = plan_records(plan, import_id, user)
    into = {rows[0]: key for rows, key, _s in plan.existing_merges}
    new = [r for r in records if r["_import"]["rows"][0] not in into]
    updates: dict[str, dict[str, Any]] = {}
    for r in records:
        key = into.get(r["_import"]["rows"][0])
        if key is not None and key in candidates:
            base = updates.get(key, candidates[key])
            updates[key] = merge_into(base, r)

    journal_key = _JOURNAL + import_id
    journal = _meta_get(ws, journal_key)
    resumed = journal is not None
    if journal is None:
        journal = {
            "entity": entity,
            "user": user,
            "source": source,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "created": [r[KEY] for r in new],
            "updated": sorted(updates),
            "state": "running",
        }
        _meta_put(ws, journal_key + ".snap", {k: candidates[k] for k in updates})
        _meta_put(ws, journal_key, journal)
    elif journal.get("state") == "reverted":
        raise ImportRefused(
            "Import {id} was reverted; change the workbook or the mapping to import it again.",
            id=import_id,
        )

    batches: list[tuple[str, dict[str, Any]]] = []
    for start in range(0, len(new), batch_size):
        batches.append(("create", {"key_field": KEY, "records": new[start : start + batch_size]}))
    for key, payload in sorted(updates.items()):
        field = _key_field(candidates[key], key)
        record = dict(payload)
        if field == KEY:
            record[KEY] = key
        batches.append(("update", {"key_field": field, "records": [record]}))
    created = updated = 0
    with server.client() as client:
        for n, (kind, body) in enumerate(batches):
            check(progress, "cancelled")
            progress.update(n / max(len(batches), 1), kind)
            answer = _post(
                server, client, f"/api/v1/records/{entity}/batch", body, f"import-{import_id}-{n}"
            )
            created += int(answer.get("inserted", 0))
            updated += int(answer.get("updated", 0))
            _meta_put(ws, journal_key + ".done", n + 1)
    journal["state"] = "done"
    _meta_put(ws, journal_key, journal)
    with ws.session() as s:
        append(
            s,
            user or "",
            "import",
            f"{entity}:{import_id}",
            {
                "rows_read": plan.rows_read,
                "imported": plan.imported,
                "merged": plan.merged,
                "rejected": plan.rejected,
                "source": source,
                "server": server.url,
            },
        )
    progress.update(1.0, "done")
    return ImportOutcome(import_id, len(new), len(updates), len(batches), resumed)


def revert_import(
    ws: Workspace,
    import_id: str,
    server: ServerLink,
    *,
    user: str | None,
    progress: Progress | None = None,
) -> RevertOutcome:
    """Remove what import ``import_id`` created and restore what it updated.

    ``progress`` hears each request (steps ``remove``, ``restore``, ``done``); a cancel stops
    between two requests, the import still listed as not reverted: reverting it again finishes
    (removing a removed record and restoring a restored one change nothing)."""
    progress = progress or NoProgress()
    journal_key = _JOURNAL + import_id
    journal = _meta_get(ws, journal_key)
    if not isinstance(journal, dict) or "entity" not in journal:
        raise ImportRefused("There is no import {id} in this workspace.", id=import_id)
    if journal.get("state") == "reverted":
        raise ImportRefused("Import {id} is already reverted.", id=import_id)
    entity = journal["entity"]
    snapshots: dict[str, dict[str, Any]] = _meta_get(ws, journal_key + ".snap") or {}
    created: list[str] = journal["created"]
    removed = 0
    deletes = range(0, len(created), REVERT_BATCH)
    total = max(len(deletes) + len(snapshots), 1)
    with server.client() as client:
        for n, start in enumerate(deletes):
            check(progress, "cancelled")
            progress.update(n / total, "remove")
            answer = _post(
                server,
                client,
                f"/api/v1/records/{entity}/delete",
                {"keys": created[start : start + REVERT_BATCH]},
                f"revert-{import_id}-{n}",
            )
            removed += int(answer.get("deleted", 0))
        for n, (key, payload) in enumerate(sorted(snapshots.items())):
            check(progress, "cancelled")
            progress.update((len(deletes) + n) / total, "restore")
            field = _key_field(payload, key)
            record = dict(payload)
            if field == KEY:
                record[KEY] = key
            _post(
                server,
                client,
                f"/api/v1/records/{entity}/batch",
                {"key_field": field, "records": [record]},
                f"revert-{import_id}-restore-{n}",
            )
    journal["state"] = "reverted"
    _meta_put(ws, journal_key, journal)
    with ws.session() as s:
        append(
            s,
            user or "",
            "import_revert",
            f"{entity}:{import_id}",
            {"removed": removed, "restored": len(snapshots)},
        )
    progress.update(1.0, "done")
    return RevertOutcome(removed, len(snapshots))


def earlier_import(ws: Workspace, import_id: str) -> dict[str, Any] | None:
    """The journal of import ``import_id`` if it ran before: its ``state`` (``running``: it
    stopped half-way; ``done``; ``reverted``), ``at``, ``source``, ``created``, ``updated``."""
    journal = _meta_get(ws, _JOURNAL + import_id)
    return journal if isinstance(journal, dict) and "entity" in journal else None


def imports(ws: Workspace) -> list[dict[str, Any]]:
    """Every journalled import, newest first (for the GUI's list and its Revert button)."""
    from sqlalchemy import select

    with ws.session() as s:
        rows = s.scalars(select(WorkspaceMeta).where(WorkspaceMeta.key.like(_JOURNAL + "%"))).all()
        found = []
        for row in rows:
            rest = row.key[len(_JOURNAL) :]
            if "." in rest or rest.startswith("not_same"):
                continue
            data = json.loads(row.value)
            if isinstance(data, dict) and "entity" in data:
                found.append(
                    {
                        "id": rest,
                        **{k: data[k] for k in ("entity", "user", "at", "state", "source")},
                        "created": len(data["created"]),
                        "updated": len(data["updated"]),
                    }
                )
    return sorted(found, key=lambda d: d["at"], reverse=True)
