"""What a change changes: the live bundle against the draft (or a change request's bundle).

``diff_bundles`` is a pure function returning plain JSON-serialisable data, stored with every
change request and shown by the CLI and the Changes / Review panes. ``render_text`` turns it into
lines a person reads, in the studio's language.

Speed matters (the Changes pane re-diffs on every edit): frozen pydantic models compare by value,
so unchanged entities and fields are skipped with one ``==`` and only the changed ones are dumped.
"""

from __future__ import annotations

from typing import Any

from studio.access.diff import access_diff, render_access_diff
from studio.bundle.access import AccessSection
from studio.bundle.label_text import label_change_texts
from studio.bundle.model import Bundle, Entity, FieldDef, Form
from studio.bundle.rules_diff import render_rules, rules_diff
from studio.i18n import Message, language, name_list, tr
from studio.i18n.bundle import access_name, operation_name, status_name, type_name

Json = dict[str, Any]

_CRUD = ("create", "read", "update", "delete")


def _changes(before: Json, after: Json, skip: tuple[str, ...] = ()) -> list[Json]:
    """``[{"property", "before", "after"}]`` for every top-level key that differs."""
    out = []
    for prop in sorted(set(before) | set(after)):
        if prop in skip:
            continue
        b, a = before.get(prop), after.get(prop)
        if b != a:
            out.append({"property": prop, "before": b, "after": a})
    return out


def _dump(model: Any) -> Json:
    data: Json = model.model_dump(mode="json", exclude_none=True)
    return data


def _field_dump(fd: FieldDef) -> Json:
    """A field's properties with its validation's parts side by side ("validation.regex",
    "validation.hint"...): a change of the hint alone, or of one of its languages, then reads as
    what it is, not as one opaque "validation" value whose shown language did not change."""
    data = _dump(fd)
    for part, value in data.pop("validation", {}).items():
        data[f"validation.{part}"] = value
    return data


def _field_diff(live: Entity | None, draft: Entity | None) -> Json:
    before = {f.key: f for f in live.fields} if live else {}
    after = {f.key: f for f in draft.fields} if draft else {}
    added = [_dump(f) for k, f in after.items() if k not in before]
    removed = [_dump(f) for k, f in before.items() if k not in after]
    changed = []
    for key, fd in after.items():
        old: FieldDef | None = before.get(key)
        if old is not None and old != fd:
            changes = _changes(_field_dump(old), _field_dump(fd), skip=("key",))
            changed.append({"key": key, "changes": changes})
    order_changed = (
        live is not None
        and draft is not None
        and [k for k in before if k in after] != [k for k in after if k in before]
    )
    return {"added": added, "removed": removed, "changed": changed, "reordered": order_changed}


def _form_diff(live: Entity | None, draft: Entity | None) -> list[Json]:
    before: dict[str, Form] = {f.key: f for f in live.forms} if live else {}
    after: dict[str, Form] = {f.key: f for f in draft.forms} if draft else {}
    out: list[Json] = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        status = "added" if b is None else "removed" if a is None else "changed"
        entry: Json = {"key": key, "status": status}
        if b is not None and a is not None:
            placed_b = {p.field for p in b.placements()}
            placed_a = {p.field for p in a.placements()}
            entry["fields_placed"] = sorted(placed_a - placed_b)
            entry["fields_unplaced"] = sorted(placed_b - placed_a)
            entry["changes"] = _changes(_dump(b), _dump(a), skip=("key",))
        out.append(entry)
    return out


def _entity_diff(key: str, live: Entity | None, draft: Entity | None) -> Json:
    status = "added" if live is None else "removed" if draft is None else "changed"
    shown = draft or live
    assert shown is not None
    entry: Json = {
        "key": key,
        "status": status,
        "label": shown.label.model_dump(),
        "label_change": None,
        "fields": _field_diff(live, draft),
        "forms": _form_diff(live, draft),
    }
    if live is not None and draft is not None and live.label != draft.label:
        entry["label_change"] = {
            "before": live.label.model_dump(),
            "after": draft.label.model_dump(),
        }
    return entry


def _entity_permission_diff(live: Bundle, draft: Bundle) -> list[Json]:
    before = {(p.role, p.entity): p for p in live.entity_permissions}
    after = {(p.role, p.entity): p for p in draft.entity_permissions}
    out = []
    for role, entity in sorted(set(before) | set(after)):
        b, a = before.get((role, entity)), after.get((role, entity))
        if b == a:
            continue
        for op in _CRUD:
            was = bool(getattr(b, op)) if b else False
            now = bool(getattr(a, op)) if a else False
            if was != now:
                out.append({"role": role, "entity": entity, "op": op, "before": was, "after": now})
    return out


def _field_permission_diff(live: Bundle, draft: Bundle) -> list[Json]:
    before = {(p.role, p.entity, p.field): p.access for p in live.field_permissions}
    after = {(p.role, p.entity, p.field): p.access for p in draft.field_permissions}
    return [
        {"role": r, "entity": e, "field": f, "before": before.get(k), "after": after.get(k)}
        for k in sorted(set(before) | set(after))
        for r, e, f in (k,)
        if before.get(k) != after.get(k)
    ]


def _keyed_diff(before: dict[str, Json], after: dict[str, Json]) -> Json:
    return {
        "added": [after[k] for k in sorted(after.keys() - before.keys())],
        "removed": [before[k] for k in sorted(before.keys() - after.keys())],
        "changed": [
            {"key": k, "changes": _changes(before[k], after[k])}
            for k in sorted(before.keys() & after.keys())
            if before[k] != after[k]
        ],
    }


def diff_bundles(live: Bundle | None, draft: Bundle) -> Json:
    """Everything that differs between ``live`` (``None``: nothing is live yet) and ``draft``.

    The result is plain JSON data: ``entities`` (per entity: fields added / removed / changed with
    before -> after per property, forms changed), ``entity_permissions`` (role x entity x CRUD
    cells), ``field_permissions``, ``roles``, ``users``, ``thresholds``, ``policy``, ``approvers``,
    ``rules_changed`` and a ``summary`` of counts; ``empty`` tells whether anything changed.
    """
    base = live if live is not None else Bundle()
    live_entities = {e.key: e for e in base.entities}
    draft_entities = {e.key: e for e in draft.entities}
    entities = []
    for key in [*live_entities, *(k for k in draft_entities if k not in live_entities)]:
        b, a = live_entities.get(key), draft_entities.get(key)
        if b == a:
            continue
        entities.append(_entity_diff(key, b, a))
    roles = _keyed_diff(
        {r.key: _dump(r) for r in base.roles}, {r.key: _dump(r) for r in draft.roles}
    )
    users = _keyed_diff(
        {u.user: _dump(u) for u in base.users}, {u.user: _dump(u) for u in draft.users}
    )
    approvers = _keyed_diff(
        {a.key_id: _dump(a) for a in base.approvers or ()},
        {a.key_id: _dump(a) for a in draft.approvers or ()},
    )
    result: Json = {
        "entities": entities,
        "entity_permissions": _entity_permission_diff(base, draft),
        "field_permissions": _field_permission_diff(base, draft),
        "roles": roles,
        "users": users,
        "thresholds": _changes(_dump(base.thresholds), _dump(draft.thresholds)),
        "policy": _changes(_dump(base.policy), _dump(draft.policy)),
        "approvers": approvers,
        "rules_changed": base.rules != draft.rules,
        # Automation rules, rule by rule (studio.bundle.rules_diff).
        "rules": rules_diff(
            base.rules,
            draft.rules,
            {e.key: e.label.model_dump() for e in (*base.entities, *draft.entities)},
        ),
    }
    # -- issue 14: the access diff (per role and user, in plain language) and the access section
    result["access"] = access_diff(live, draft) if live is not None else None
    result["access_section"] = _changes(
        _dump(base.access or AccessSection()), _dump(draft.access or AccessSection())
    )
    # -- end of issue 14
    result["summary"] = _summary(result)
    result["empty"] = not any(result["summary"].values())
    return result


def _summary(d: Json) -> dict[str, int]:
    ents = d["entities"]
    return {
        "entities_added": sum(e["status"] == "added" for e in ents),
        "entities_removed": sum(e["status"] == "removed" for e in ents),
        "entities_changed": sum(e["status"] == "changed" for e in ents),
        "fields_added": sum(len(e["fields"]["added"]) for e in ents),
        "fields_removed": sum(len(e["fields"]["removed"]) for e in ents),
        "fields_changed": sum(len(e["fields"]["changed"]) for e in ents),
        "forms_changed": sum(len(e["forms"]) for e in ents),
        "permission_cells_changed": len(d["entity_permissions"]) + len(d["field_permissions"]),
        "roles_changed": sum(len(v) for v in d["roles"].values()),
        "users_changed": sum(len(v) for v in d["users"].values()),
        "thresholds_changed": len(d["thresholds"]),
        "policy_changed": len(d["policy"]),
        "approvers_changed": sum(len(v) for v in d["approvers"].values()),
        "rules_changed": int(bool(d["rules_changed"])),
        "access_changed": len((d.get("access") or {}).get("changes", ()))
        + len(d.get("access_section", ())),
    }


# -- text -----------------------------------------------------------------------------------


def _v(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and set(value) == {"zh_CN", "en"}:
        return str(value[language()])  # a label holds exactly the languages the studio speaks
    return str(value)


def _label(label: Json | None, key: str) -> str:
    if not label:
        return key
    return f"{_v(label)} ({key})"


def _pair(before: Any, after: Any) -> tuple[str, str]:
    """Both sides of a change; a label change shows every language that changed."""
    return label_change_texts(before, after) or (_v(before), _v(after))


def render_text(diff: Json) -> str:
    """The diff as lines a person reads (zh_CN or en, following ``studio.i18n``)."""
    if diff.get("empty"):
        return tr("No changes against the live version.")
    lines: list[str] = []
    # What lifts a freeze or lowers the bar for approval is read first, before the edits it lets in.
    for section, title in (
        ("thresholds", Message("Thresholds:")),
        ("policy", Message("Approval policy:")),
    ):
        if diff[section]:
            lines.append(str(title))
            for c in diff[section]:
                lines.append(f"    {c['property']}: {_v(c['before'])} -> {_v(c['after'])}")
    for e in diff["entities"]:
        name = _label(e["label"], e["key"])
        if e["status"] == "added":
            lines.append(tr("+ entity {name}", name=name))
        elif e["status"] == "removed":
            lines.append(tr("- entity {name}", name=name))
        else:
            lines.append(tr("~ entity {name}", name=name))
        if e.get("label_change"):
            lc = e["label_change"]
            before, after = _pair(lc["before"], lc["after"])
            lines.append(tr("    label: {before} -> {after}", before=before, after=after))
        fields = e["fields"]
        for f in fields["added"]:
            lines.append(
                tr(
                    "    + field {name} [{type}]",
                    name=_label(f.get("label"), f["key"]),
                    type=type_name(f["type"]),
                )
            )
        for f in fields["removed"]:
            lines.append(tr("    - field {name}", name=_label(f.get("label"), f["key"])))
        for f in fields["changed"]:
            lines.append(tr("    ~ field {key}", key=f["key"]))
            for c in f["changes"]:
                before, after = _pair(c["before"], c["after"])
                if c["property"] == "type":
                    before, after = type_name(str(c["before"])), type_name(str(c["after"]))
                lines.append(f"        {c['property']}: {before} -> {after}")
        if fields.get("reordered"):
            lines.append(tr("    field order changed"))
        for form in e["forms"]:
            lines.append(
                tr("    form {key}: {status}", key=form["key"], status=status_name(form["status"]))
            )
            if form.get("fields_placed"):
                lines.append(
                    tr("        placed: {fields}", fields=name_list(form["fields_placed"]))
                )
            if form.get("fields_unplaced"):
                lines.append(
                    tr(
                        "        removed from form: {fields}",
                        fields=name_list(form["fields_unplaced"]),
                    )
                )
    if diff["entity_permissions"] or diff["field_permissions"]:
        lines.append(tr("Permissions:"))
        for p in diff["entity_permissions"]:
            lines.append(
                f"    {p['role']} × {p['entity']} {operation_name(p['op'])}: "
                f"{_yes(p['before'])} -> {_yes(p['after'])}"
            )
        for p in diff["field_permissions"]:
            lines.append(
                f"    {p['role']} × {p['entity']}.{p['field']}: "
                f"{access_name(p['before'])} -> {access_name(p['after'])}"
            )
    for section, title in (
        ("roles", Message("Roles:")),
        ("users", Message("Users:")),
        ("approvers", Message("Approvers:")),
    ):
        part = diff[section]
        if not any(part.values()):
            continue
        lines.append(str(title))
        for item in part["added"]:
            lines.append(f"    + {_describe(item)}")
        for item in part["removed"]:
            lines.append(f"    - {_describe(item)}")
        for item in part["changed"]:
            changes = "; ".join(
                "{}: {} -> {}".format(c["property"], *_pair(c["before"], c["after"]))
                for c in item["changes"]
            )
            lines.append(f"    ~ {item['key']}: {changes}")
    if diff["rules_changed"]:
        # A diff stored before rules were compared rule by rule has only the flag.
        lines.extend(render_rules(diff.get("rules") or []) or [tr("Automation rules changed.")])
    # -- issue 14
    access = diff.get("access")
    if access and (access["changes"] or access["users"]):
        lines.append(tr("Access gained and lost:"))
        lines.extend(render_access_diff(access))
    for c in diff.get("access_section", ()):
        lines.append(f"    access.{c['property']}: {_v(c['before'])} -> {_v(c['after'])}")
    return "\n".join(lines)


def _yes(value: bool) -> str:
    return tr("yes") if value else tr("no")


def _describe(item: Json) -> str:
    if "user" in item and "key_id" in item:
        return f"{item['user']} ({item['role']}, {item['key_id']})"
    if "user" in item:
        return f"{item['user']} ({item.get('role', '')})"
    return _label(item.get("label"), str(item.get("key", "")))
