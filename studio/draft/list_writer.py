"""Bringing one ordered list's rows from one sequence to another with the fewest row writes.

The generic half of ``studio.draft.rows``: two sequences are compared (their common head and tail
skipped, cheaply, since two drafts share their untouched items), and in the part that differs
each item is found by its natural key. An item still in order whose values changed is an
``UPDATE``; one that is new or moved gets a position between its neighbours' (``INSERT``, or an
``UPDATE`` that keeps the row and what refers to it); one that is gone is a ``DELETE``. Positions
are written with gaps (``GAP``) so that an insert rarely moves other rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

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


def table_of(model: Any) -> Table:
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


class ListWriter:
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
