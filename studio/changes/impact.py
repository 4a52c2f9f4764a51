"""What a change would do to people and data, for the reviewer (Review dialog, ``change show``).

From a change's diff alone: which roles lose an operation or a field, and which fields become
required. With the server's per-field statistics (``studio.client.stats``): how many existing
records would violate each newly required field that has no default or backfill — the case of
the customs-code field that stopped every "save customer" for 2.5 hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.i18n import tr
from studio.i18n.bundle import operation_name

Json = dict[str, Any]

_VISIBLE = {"read", "edit"}


def required_fields(diff: Json) -> list[Json]:
    """Fields that become required: ``{"entity", "field", "has_fill"}`` (default or backfill)."""
    out: list[Json] = []
    for e in diff.get("entities", []):
        if e["status"] == "removed":
            continue
        for f in e["fields"]["added"]:
            if f.get("required"):
                out.append(
                    {
                        "entity": e["key"],
                        "field": f["key"],
                        "has_fill": f.get("default") is not None or f.get("backfill") is not None,
                        "new_field": True,
                    }
                )
        for f in e["fields"]["changed"]:
            props = {c["property"]: c for c in f["changes"]}
            req = props.get("required")
            if req is not None and req["after"] and not req["before"]:
                fill = any(
                    props.get(p, {}).get("after") is not None for p in ("default", "backfill")
                )
                out.append(
                    {"entity": e["key"], "field": f["key"], "has_fill": fill, "new_field": False}
                )
    return out


def retired_fields(diff: Json) -> list[Json]:
    """Fields that become deprecated (a rollback keeps fields released since this way):
    ``{"entity", "field", "hidden"}``. Their data stays on the server."""
    out: list[Json] = []
    for e in diff.get("entities", []):
        if e["status"] == "removed":
            continue
        for f in e["fields"]["changed"]:
            props = {c["property"]: c for c in f["changes"]}
            dep = props.get("deprecated")
            if dep is not None and dep["after"] and not dep["before"]:
                hidden = props.get("hidden")
                out.append(
                    {
                        "entity": e["key"],
                        "field": f["key"],
                        "hidden": bool(hidden and hidden["after"]),
                    }
                )
    return out


def roles_losing_access(diff: Json) -> list[Json]:
    """Permission cells taken away: ``{"role", "entity", "what"}`` (an operation or a field)."""
    out: list[Json] = []
    for p in diff.get("entity_permissions", []):
        if p["before"] and not p["after"]:
            out.append({"role": p["role"], "entity": p["entity"], "what": p["op"]})
    for p in diff.get("field_permissions", []):
        before, after = p["before"], p["after"]
        if before in _VISIBLE and after not in _VISIBLE:
            out.append({"role": p["role"], "entity": p["entity"], "what": f"field {p['field']}"})
        elif before == "edit" and after == "read":
            out.append(
                {"role": p["role"], "entity": p["entity"], "what": f"edit field {p['field']}"}
            )
    return out


def impact(diff: Json, stats: Mapping[str, Json] | None = None) -> Json:
    """The reviewer's impact numbers; ``stats`` maps entity -> the server's ``/stats`` answer.

    ``records_violating`` is ``None`` where unknown (no statistics) and 0 when a default or
    backfill fills the existing records.
    """
    required = []
    for item in required_fields(diff):
        entity_stats = (stats or {}).get(item["entity"])
        violating: int | None = None
        if item["has_fill"]:
            violating = 0
        elif entity_stats is not None:
            field = entity_stats.get("fields", {}).get(item["field"])
            if field is not None:
                violating = int(field.get("empty", 0))
            else:  # a field no record holds yet: every record lacks it
                violating = int(entity_stats.get("record_count", 0))
        required.append({**item, "records_violating": violating})
    return {
        "required_fields": required,
        "roles_losing_access": roles_losing_access(diff),
        "retired_fields": retired_fields(diff),
    }


def impact_sentences(
    effects: Json, diff: Json | None = None, problem: str | None = None
) -> list[str]:
    """``impact``'s numbers as sentences in the user's language: what ``studio change show``
    prints and what the Review dialog and the Changes pane display, one rule for both.

    One sentence per newly required field, then ``problem`` (why the server's counts are
    unknown) when there is a required field it concerns, then one per permission taken away,
    then one per field retired (deprecated), saying its data is kept.
    Fields of entities the change adds are left out (given ``diff``) unless the server counted
    records that lack them: on a first release every required field would otherwise be listed
    as "unknown", yet records imported before it are exactly the ones a required field breaks.
    """
    new_entities = {e["key"] for e in (diff or {}).get("entities", []) if e["status"] == "added"}
    lines: list[str] = []
    required = effects.get("required_fields", [])
    for r in required:
        if r["entity"] in new_entities and not r.get("records_violating"):
            continue
        lines.append(
            tr(
                "becomes required: {entity}.{field} ({note})",
                entity=r["entity"],
                field=r["field"],
                note=_violating_note(r),
            )
        )
    if problem and required:
        lines.append(problem)
    for r in effects.get("roles_losing_access", []):
        lines.append(
            tr(
                "{role} loses {what} on {entity}",
                role=r["role"],
                # an operation ("delete") is a message of its own; "field notes" is a name
                what=operation_name(r["what"]),
                entity=r["entity"],
            )
        )
    for r in effects.get("retired_fields", []):
        lines.append(
            tr(
                "{entity}.{field} is retired: deprecated and hidden, no one sees or fills it any "
                "more; the values records hold for it are kept on the server",
                entity=r["entity"],
                field=r["field"],
            )
            if r.get("hidden")
            else tr(
                "{entity}.{field} is retired (deprecated); the values records hold for it are "
                "kept on the server",
                entity=r["entity"],
                field=r["field"],
            )
        )
    return lines


def _violating_note(required: Json) -> str:
    """What a newly required field does to the server's existing records."""
    violating = required.get("records_violating")
    if required.get("has_fill"):
        return tr("filled by default/backfill")
    if violating is None:
        return tr("how many records lack a value is unknown")
    if violating == 0:
        return tr("every record on the server has a value")
    return tr(
        "{n} records on the server have no value and could no longer be saved",
        n=violating,
    )
