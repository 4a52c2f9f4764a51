"""What a change does to people and data, as far as the studio knows: the review's impact numbers.

From the stored diff alone: which roles lose an entity operation or a field, and which fields
become required. With ``DataStats`` (record counts per field, e.g. from the server's statistics)
it also says how many existing records would violate a newly required field without a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.i18n import tr
from studio.rules import DataStats

_ACCESS_RANK = {None: 0, "none": 0, "hidden": 0, "read": 1, "write": 2, "edit": 2}


@dataclass(frozen=True)
class RequiredField:
    entity: str
    field: str
    has_default: bool
    #: Records with an empty value that a save would now refuse; ``None`` when unknown.
    violating: int | None


@dataclass(frozen=True)
class Impact:
    #: ``(role, entity, op)`` cells that go from allowed to refused.
    lost_operations: tuple[tuple[str, str, str], ...]
    #: ``(role, entity, field, before, after)`` field access that narrows.
    lost_fields: tuple[tuple[str, str, str, str | None, str | None], ...]
    newly_required: tuple[RequiredField, ...]

    @property
    def roles_losing_access(self) -> tuple[str, ...]:
        roles = [r for r, _e, _o in self.lost_operations] + [r for r, *_ in self.lost_fields]
        return tuple(sorted(set(roles)))

    def lines(self) -> list[str]:
        """The impact as sentences for people (empty when nothing is known to be affected)."""
        out: list[str] = []
        if self.roles_losing_access:
            out.append(
                tr(
                    "{count} role(s) lose access: {roles}.",
                    count=len(self.roles_losing_access),
                    roles=", ".join(self.roles_losing_access),
                )
            )
        for r in self.newly_required:
            if r.has_default:
                out.append(
                    tr(
                        "{entity}.{field} becomes required (with a default for old records).",
                        entity=r.entity,
                        field=r.field,
                    )
                )
            elif r.violating is None:
                out.append(
                    tr(
                        "{entity}.{field} becomes required; records without a value are not "
                        "known here.",
                        entity=r.entity,
                        field=r.field,
                    )
                )
            else:
                out.append(
                    tr(
                        "{entity}.{field} becomes required: {count} record(s) have no value and "
                        "could not be saved.",
                        entity=r.entity,
                        field=r.field,
                        count=r.violating,
                    )
                )
        return out


def _rank(access: Any) -> int:
    return _ACCESS_RANK.get(access, 1)


def _required(diff: dict[str, Any], stats: DataStats | None) -> list[RequiredField]:
    out = []
    for entity in diff.get("entities", []):
        key = entity["key"]
        fields = entity.get("fields", {})
        candidates: list[tuple[str, dict[str, Any]]] = []
        for added in fields.get("added", []):
            if added.get("required") and entity.get("status") != "added":
                candidates.append((added["key"], added))
        for changed in fields.get("changed", []):
            props = {c["property"]: c for c in changed["changes"]}
            req = props.get("required")
            if req and req["after"] and not req["before"]:
                after = {p: c["after"] for p, c in props.items()}
                candidates.append((changed["key"], after))
        for field_key, data in candidates:
            has_default = data.get("default") is not None or data.get("backfill") is not None
            violating = None
            if stats is not None and (key, field_key) in stats.empty_counts:
                violating = stats.empty_counts[(key, field_key)]
            elif (
                stats is not None
                and entity.get("status") != "added"
                and any(a["key"] == field_key for a in fields.get("added", []))
            ):
                # A new field is empty on every existing record.
                violating = stats.record_counts.get(key)
            out.append(RequiredField(key, field_key, has_default, violating))
    return out


def impact_of(diff: dict[str, Any], stats: DataStats | None = None) -> Impact:
    """The impact of a change from its diff (``studio.diff.diff_bundles``) and optional stats."""
    lost_ops = tuple(
        (p["role"], p["entity"], p["op"])
        for p in diff.get("entity_permissions", [])
        if p["before"] and not p["after"]
    )
    lost_fields = tuple(
        (p["role"], p["entity"], p["field"], p["before"], p["after"])
        for p in diff.get("field_permissions", [])
        if _rank(p["after"]) < _rank(p["before"])
    )
    return Impact(lost_ops, lost_fields, tuple(_required(diff, stats)))
