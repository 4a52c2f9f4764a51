"""Writing the difference between two drafts as targeted row writes.

``write_difference(session, before, after)`` brings the draft's tables from ``before`` (what they
hold) to ``after``: rows of untouched parts are not read or written. Each ordered list of the
bundle (entities, an entity's fields and forms, a form's sections, a section's placements, roles,
the permission matrices, users) is compared as a sequence: the common head and tail are skipped
(cheap: the bundles share their untouched items), and in the part that differs each item is found
by its natural key (a field by its key, a permission cell by role and field, ...):

- an item still in order whose values changed is an ``UPDATE`` of its row;
- an item that is new, or that moved, gets a position between its neighbours' (``INSERT``, or an
  ``UPDATE`` that keeps the row and so everything that refers to it);
- an item that is gone is a ``DELETE`` (the tables cascade to what hangs off it).

Positions only order rows; they are written with gaps (``GAP``), so that an insert between two
rows rarely moves others (when it must, one ``UPDATE`` shifts the rows after it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from schema.models import (
    EntityPermissionRow,
    EntityRow,
    FieldPermissionRow,
    FieldRow,
    FormPlacementRow,
    FormRow,
    FormSectionRow,
    RoleRow,
    UserRow,
)
from studio.bundle.model import (
    Bundle,
    Entity,
    FieldDef,
    Form,
    Section,
)

#: The distance between the positions of neighbouring rows as ``replace`` writes them.
GAP = 16
#: How many items of two sequences are compared at once while looking for their first difference.
_CHUNK = 2048


@dataclass
class WriteCounts:
    """How many rows a save wrote, per table: what the edit's audit entry records."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, table: str, what: str, n: int = 1) -> None:
        if n:
            self.counts[f"{table}.{what}"] += n

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def common_head(old: Sequence[Any], new: Sequence[Any]) -> int:
    """How many leading items the sequences share (tuples of shared items compare fast)."""
    n = min(len(old), len(new))
    i = 0
    while i + _CHUNK <= n and old[i : i + _CHUNK] == new[i : i + _CHUNK]:
        i += _CHUNK
    while i < n and (old[i] is new[i] or old[i] == new[i]):
        i += 1
    return i


def common_tail(old: Sequence[Any], new: Sequence[Any], head: int) -> int:
    """How many trailing items the sequences share, not counting into the first ``head``."""
    n = min(len(old), len(new)) - head
    lo, ln = len(old), len(new)
    i = 0
    while i + _CHUNK <= n and old[lo - i - _CHUNK : lo - i] == new[ln - i - _CHUNK : ln - i]:
        i += _CHUNK
    while i < n and (old[lo - 1 - i] is new[ln - 1 - i] or old[lo - 1 - i] == new[ln - 1 - i]):
        i += 1
    return i


def _increasing(values: Sequence[int | None]) -> set[int]:
    """The positions of a longest strictly increasing run of ``values`` (``None`` skipped)."""
    tails: list[int] = []  # tails[n]: position whose value ends the best run of length n + 1
    tail_values: list[int] = []
    parent: dict[int, int | None] = {}
    for j, v in enumerate(values):
        if v is None:
            continue
        n = bisect_left(tail_values, v)
        parent[j] = tails[n - 1] if n > 0 else None
        if n == len(tails):
            tails.append(j)
            tail_values.append(v)
        else:
            tails[n] = j
            tail_values[n] = v
    out: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        out.add(at)
        at = parent[at]
    return out


@dataclass
class ListSpec:
    """How one ordered list of the bundle is stored: its table, scope and row columns."""

    name: str
    table: Table
    #: natural key of an item, as the key columns' values (ids resolved)
    key_columns: tuple[str, ...]
    key: Callable[[Any], tuple[Any, ...]]
    values: Callable[[Any], dict[str, Any]]
    #: columns and values every row of this list has (its parent), e.g. ``{"entity_id": 3}``
    scope: dict[str, Any]
    versioned: bool = True


class _ListWriter:
    """Brings one ordered list's rows from ``old`` to ``new`` (see the module docstring)."""

    def __init__(self, session: Session, spec: ListSpec, counts: WriteCounts) -> None:
        self.s, self.spec, self.counts = session, spec, counts
        self.ex = session.connection().execute

    def _where_scope(self) -> Any:
        t = self.spec.table
        return and_(True, *(t.c[c] == v for c, v in self.spec.scope.items()))

    def _where_key(self, key: tuple[Any, ...]) -> Any:
        t = self.spec.table
        return and_(
            self._where_scope(),
            *(t.c[c] == v for c, v in zip(self.spec.key_columns, key, strict=True)),
        )

    def _positions(self, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], int]:
        if not keys:
            return {}
        t, cols = self.spec.table, self.spec.key_columns
        out: dict[tuple[Any, ...], int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            key_expr = tuple_(*(t.c[c] for c in cols)) if len(cols) > 1 else t.c[cols[0]]
            wanted = chunk if len(cols) > 1 else [k[0] for k in chunk]
            rows = self.ex(
                select(*(t.c[c] for c in cols), t.c.position).where(
                    self._where_scope(), key_expr.in_(wanted)
                )
            )
            for *k, pos in rows:
                out[tuple(k)] = pos
        return out

    def write(self, old: Sequence[Any], new: Sequence[Any]) -> list[tuple[Any, Any | None]]:
        """Write the difference; returns ``(new item, old item or None)`` for every new or
        changed item (so that the caller can write what hangs off it)."""
        spec = self.spec
        head = common_head(old, new)
        tail = common_tail(old, new, head)
        old_mid = old[head : len(old) - tail]
        new_mid = new[head : len(new) - tail]
        if not old_mid and not new_mid:
            return []
        old_at: dict[tuple[Any, ...], int] = {}
        for i, x in enumerate(old_mid):
            try:
                old_at[spec.key(x)] = i
            except KeyError:
                # Its role, entity or field is gone, and the tables took its row with them.
                continue
        new_keys = {spec.key(x) for x in new_mid}
        gone = [k for k in old_at if k not in new_keys]
        # Items that keep their relative order (the longest such run) stay where they are; the
        # others are placed between them: one moved field is one row written, not all it passed.
        keys = [spec.key(x) for x in new_mid]
        olds = [old_at.get(k) for k in keys]
        anchored = _increasing(olds)
        plan: list[tuple[str, Any, tuple[Any, ...], Any | None]] = []  # (kind, item, key, old)
        for j, (x, k, found) in enumerate(zip(new_mid, keys, olds, strict=True)):
            if found is None:
                plan.append(("insert", x, k, None))
            elif j in anchored:
                before = old_mid[found]
                plan.append(("keep" if before is x or before == x else "update", x, k, before))
            else:
                plan.append(("move", x, k, old_mid[found]))
        t = spec.table
        if gone:
            self._delete(gone)
        changed: list[tuple[Any, Any | None]] = []
        # Anchors around each run of placed items: the item before the run and the one after.
        placed = [j for j, p in enumerate(plan) if p[0] in ("insert", "move")]
        positions: dict[int, int] = {}
        if placed:
            before_head = spec.key(old[head - 1]) if head > 0 else None
            after_tail = spec.key(old[len(old) - tail]) if tail > 0 else None
            runs: list[list[int]] = []
            for j in placed:
                if runs and runs[-1][-1] == j - 1:
                    runs[-1].append(j)
                else:
                    runs.append([j])
            bounds: list[tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]] = []
            for run in runs:
                lo_key = plan[run[0] - 1][2] if run[0] > 0 else before_head
                hi_key = plan[run[-1] + 1][2] if run[-1] + 1 < len(plan) else after_tail
                bounds.append((lo_key, hi_key))
            need = [k for pair in bounds for k in pair if k is not None]
            known = self._positions(list(dict.fromkeys(need)))
            shifted: list[tuple[int, int]] = []  # (from position, by) applied in order

            def now(pos: int) -> int:
                for start, by in shifted:
                    if pos >= start:
                        pos += by
                return pos

            for run, (lo_key, hi_key) in zip(runs, bounds, strict=True):
                m = len(run)
                low = now(known[lo_key]) if lo_key is not None else None
                high = now(known[hi_key]) if hi_key is not None else None
                if high is None:
                    start = (low if low is not None else -GAP) + GAP
                    slots = [start + GAP * n for n in range(m)]
                elif low is None:
                    slots = [high - GAP * (m - n) for n in range(m)]
                else:
                    if high - low - 1 < m:
                        by = (m + 1) * GAP
                        self.ex(
                            update(t)
                            .where(self._where_scope(), t.c.position >= high)
                            .values(position=t.c.position + by)
                        )
                        self.counts.add(spec.name, "shifted")
                        shifted.append((high, by))
                        high += by
                    slots = [low + (high - low) * (n + 1) // (m + 1) for n in range(m)]
                for j, pos in zip(run, slots, strict=True):
                    positions[j] = pos
        inserts: list[dict[str, Any]] = []
        # Rows whose values changed in place, grouped by the columns that changed: one
        # executemany per group (a bulk edit of 2,000 permission cells is one statement).
        batched: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for j, (kind, x, k, before) in enumerate(plan):
            if kind == "keep":
                continue
            changed.append((x, before))
            if kind == "insert":
                row = {
                    **spec.scope,
                    **dict(zip(spec.key_columns, k, strict=True)),
                    **spec.values(x),
                }
                row["position"] = positions[j]
                if spec.versioned:
                    row["row_version"] = 1
                inserts.append(row)
                continue
            values = spec.values(x) if before != x else {}
            if kind == "update":
                values = {c: v for c, v in values.items() if v != spec.values(before).get(c)}
                if values:
                    batched.setdefault(tuple(sorted(values)), []).append(
                        {
                            **{f"_k_{c}": v for c, v in zip(spec.key_columns, k, strict=True)},
                            **{f"_v_{c}": v for c, v in values.items()},
                        }
                    )
                continue
            else:
                values["position"] = positions[j]
            if not values:
                continue
            if spec.versioned:
                values["row_version"] = t.c.row_version + 1
            self.ex(update(t).where(self._where_key(k)).values(**values))
            self.counts.add(spec.name, "updated")
        for columns, params in batched.items():
            self._update_many(columns, params)
        if inserts:
            self.ex(insert(t), inserts)
            self.counts.add(spec.name, "inserted", len(inserts))
        return changed

    def _update_many(self, columns: tuple[str, ...], params: list[dict[str, Any]]) -> None:
        """``UPDATE`` the rows named in ``params`` (their key and new values) in one
        executemany."""
        t, spec = self.spec.table, self.spec
        where = and_(
            self._where_scope(),
            *(t.c[c] == bindparam(f"_k_{c}", type_=t.c[c].type) for c in spec.key_columns),
        )
        values: dict[str, Any] = {c: bindparam(f"_v_{c}", type_=t.c[c].type) for c in columns}
        if spec.versioned:
            values["row_version"] = t.c.row_version + 1
        self.ex(update(t).where(where).values(**values), params)
        self.counts.add(spec.name, "updated", len(params))

    def _delete(self, keys: list[tuple[Any, ...]]) -> None:
        t, cols = self.spec.table, self.spec.key_columns
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            key_expr = tuple_(*(t.c[c] for c in cols)) if len(cols) > 1 else t.c[cols[0]]
            wanted = chunk if len(cols) > 1 else [k[0] for k in chunk]
            self.ex(delete(t).where(self._where_scope(), key_expr.in_(wanted)))
        self.counts.add(self.spec.name, "deleted", len(keys))


# -- the bundle's lists ------------------------------------------------------------------------


def _labels(item: Any) -> dict[str, Any]:
    return {"label_zh": item.label.zh_CN, "label_en": item.label.en}


def field_values(fd: FieldDef) -> dict[str, Any]:
    """The columns of a field's row (its key and position aside)."""
    return {
        **_labels(fd),
        "type": fd.type.value,
        "required": fd.required,
        "unique": fd.unique,
        "searchable": fd.searchable,
        "sensitive": fd.sensitive,
        "deprecated": fd.deprecated,
        "hidden": fd.hidden,
        "max_length": fd.max_length,
        "default": fd.default,
        "backfill": fd.backfill,
        "options": [o.model_dump(mode="json") for o in fd.options],
        "validation": fd.validation.model_dump(mode="json", exclude_none=True)
        if fd.validation
        else None,
        "reference": fd.reference,
        "address_part": fd.address_part,
    }


class _Ids:
    """Row ids by natural key, read when first needed (after the parents were written)."""

    def __init__(self, session: Session) -> None:
        self.ex = session.connection().execute
        self._entities: dict[str, int] | None = None
        self._roles: dict[str, int] | None = None
        self._fields: dict[str, dict[str, int]] = {}
        self._forms: dict[int, dict[str, int]] = {}
        self._sections: dict[int, dict[str, int]] = {}

    def entity(self, key: str) -> int:
        if self._entities is None:
            self._entities = dict(self.ex(select(EntityRow.key, EntityRow.id)).all())
        return self._entities[key]

    def role(self, key: str) -> int:
        if self._roles is None:
            self._roles = dict(self.ex(select(RoleRow.key, RoleRow.id)).all())
        return self._roles[key]

    def field(self, entity: str, key: str) -> int:
        ids = self._fields.get(entity)
        if ids is None:
            ids = self._fields[entity] = dict(
                self.ex(
                    select(FieldRow.key, FieldRow.id).where(
                        FieldRow.entity_id == self.entity(entity)
                    )
                ).all()
            )
        return ids[key]

    def form(self, entity_id: int, key: str) -> int:
        ids = self._forms.get(entity_id)
        if ids is None:
            ids = self._forms[entity_id] = dict(
                self.ex(select(FormRow.key, FormRow.id).where(FormRow.entity_id == entity_id)).all()
            )
        return ids[key]

    def section(self, form_id: int, key: str) -> int:
        ids = self._sections.get(form_id)
        if ids is None:
            ids = self._sections[form_id] = dict(
                self.ex(
                    select(FormSectionRow.key, FormSectionRow.id).where(
                        FormSectionRow.form_id == form_id
                    )
                ).all()
            )
        return ids[key]


def _key(item: Any) -> tuple[Hashable, ...]:
    return (item.key,)


def write_difference(session: Session, before: Bundle, after: Bundle) -> WriteCounts:
    """Write what differs between ``before`` (what the tables hold) and ``after``.

    The draft row itself (revision, thresholds, policy, rules, approvers) is the caller's:
    ``studio.draft.save`` sets it in the same unit of work.
    """
    counts = WriteCounts()
    ids = _Ids(session)

    def writer(spec: ListSpec) -> _ListWriter:
        return _ListWriter(session, spec, counts)

    if before.entities is not after.entities:
        entity_spec = ListSpec("entities", _table(EntityRow), ("key",), _key, _labels, {})

        # An entity's own row changes with its labels only: compare those, then its lists.
        def heads(b: Bundle) -> list[tuple[str, str, str]]:
            return [(e.key, e.label.zh_CN, e.label.en) for e in b.entities]

        if heads(before) != heads(after):
            shells = writer(entity_spec)
            shells.write([_Head(e) for e in before.entities], [_Head(e) for e in after.entities])
        old_entities = {e.key: e for e in before.entities}
        for ent in after.entities:
            old = old_entities.get(ent.key)
            if old is ent:
                continue
            _write_entity(session, ids, counts, old, ent)
    if before.roles is not after.roles:
        # Roles that go are deleted after the users and permissions that refer to them moved.
        role_spec = ListSpec("roles", _table(RoleRow), ("key",), _key, _labels, {})
        kept = tuple(r for r in before.roles if any(r.key == n.key for n in after.roles))
        added_or_changed = writer(role_spec)
        added_or_changed.write(kept, after.roles)
    if before.users is not after.users:
        user_spec = ListSpec(
            "users",
            _table(UserRow),
            ("name",),
            lambda u: (u.user,),
            lambda u: {
                "display_name": u.display_name,
                "role_id": ids.role(u.role),
                "active": not u.disabled,
            },
            {},
        )
        writer(user_spec).write(before.users, after.users)
    if before.entity_permissions is not after.entity_permissions:
        ep_spec = ListSpec(
            "entity_permissions",
            _table(EntityPermissionRow),
            ("role_id", "entity_id"),
            lambda p: (ids.role(p.role), ids.entity(p.entity)),
            lambda p: {
                "can_create": p.create,
                "can_read": p.read,
                "can_update": p.update,
                "can_delete": p.delete,
                "scopes": dict(p.scopes) if p.scopes is not None else None,
            },
            {},
        )
        writer(ep_spec).write(before.entity_permissions, after.entity_permissions)
    if before.field_permissions is not after.field_permissions:
        fp_spec = ListSpec(
            "field_permissions",
            _table(FieldPermissionRow),
            ("role_id", "field_id"),
            lambda p: (ids.role(p.role), ids.field(p.entity, p.field)),
            lambda p: {"access": p.access},
            {},
        )
        writer(fp_spec).write(before.field_permissions, after.field_permissions)
    if before.roles is not after.roles:
        gone = [r.key for r in before.roles if all(r.key != n.key for n in after.roles)]
        if gone:
            session.connection().execute(delete(_table(RoleRow)).where(RoleRow.key.in_(gone)))
            counts.add("roles", "deleted", len(gone))
    return counts


class _Head:
    """An entity as its own row sees it (key and labels), for the entities list."""

    __slots__ = ("key", "label")

    def __init__(self, entity: Entity) -> None:
        self.key, self.label = entity.key, entity.label

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Head) and (self.key, self.label) == (other.key, other.label)

    __hash__ = None  # type: ignore[assignment]


def _write_entity(
    session: Session, ids: _Ids, counts: WriteCounts, old: Entity | None, new: Entity
) -> None:
    entity_id = ids.entity(new.key)
    if old is None or old.fields is not new.fields:
        spec = ListSpec(
            "fields", _table(FieldRow), ("key",), _key, field_values, {"entity_id": entity_id}
        )
        _ListWriter(session, spec, counts).write(old.fields if old else (), new.fields)
    if old is None or old.forms is not new.forms:
        spec = ListSpec(
            "forms",
            _table(FormRow),
            ("key",),
            _key,
            lambda f: {"kind": f.kind, **_labels(f)},
            {"entity_id": entity_id},
        )
        for form, old_form in _ListWriter(session, spec, counts).write(
            old.forms if old else (), new.forms
        ):
            _write_form(session, ids, counts, entity_id, old_form, form)


def _write_form(
    session: Session,
    ids: _Ids,
    counts: WriteCounts,
    entity_id: int,
    old: Form | None,
    new: Form,
) -> None:
    if old is not None and old.sections == new.sections:
        return
    form_id = ids.form(entity_id, new.key)
    spec = ListSpec(
        "form_sections",
        _table(FormSectionRow),
        ("key",),
        _key,
        lambda s: {**_labels(s), "columns": s.columns},
        {"form_id": form_id},
        versioned=False,
    )
    for section, old_section in _ListWriter(session, spec, counts).write(
        old.sections if old else (), new.sections
    ):
        _write_section(session, ids, counts, form_id, old_section, section)


def _write_section(
    session: Session,
    ids: _Ids,
    counts: WriteCounts,
    form_id: int,
    old: Section | None,
    new: Section,
) -> None:
    if old is not None and old.placements == new.placements:
        return
    spec = ListSpec(
        "form_placements",
        _table(FormPlacementRow),
        ("field_key",),
        lambda p: (p.field,),
        lambda p: {"column": p.column, "read_only": p.read_only},
        {"section_id": ids.section(form_id, new.key)},
        versioned=False,
    )
    _ListWriter(session, spec, counts).write(old.placements if old else (), new.placements)


__all__ = ["GAP", "ListSpec", "WriteCounts", "common_head", "common_tail", "write_difference"]
