"""Condition groups no record can satisfy (conditions on one field that exclude each other): a
routing rule that never matches, a validation no record can pass."""

from __future__ import annotations

from studio.bundle.rules import Condition, Group


def contradicts(group: Group | None) -> bool:
    """Whether an ``all`` group can hold for no record at all (conditions on one field that
    exclude each other). Only plain cases: a group that looks satisfiable may still not be."""
    if group is None or group.all is None:
        return False
    by_field: dict[str, list[Condition]] = {}
    for m in group.all:
        if isinstance(m, Condition):
            by_field.setdefault(m.field, []).append(m)
        elif contradicts(m) or (m.any is not None and len(m.any) == 0):
            return True
    for conds in by_field.values():
        ops = {c.op for c in conds}
        if "empty" in ops and ops - {"empty", "ne", "not_in"}:
            return True
        equal = {repr(c.value) for c in conds if c.op == "eq"}
        if len(equal) > 1:
            return True
        low, high = float("-inf"), float("inf")
        for c in conds:
            v = c.value
            if c.op in ("gt", "gte") and isinstance(v, int | float) and not isinstance(v, bool):
                low = max(low, v + (1e-12 if c.op == "gt" else 0))
            elif c.op in ("lt", "lte") and isinstance(v, int | float) and not isinstance(v, bool):
                high = min(high, v - (1e-12 if c.op == "lt" else 0))
            elif c.op == "between" and isinstance(v, tuple):
                a, b = v
                if all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b)):
                    low, high = max(low, float(a)), min(high, float(b))
                elif isinstance(a, str) and isinstance(b, str) and a > b:
                    return True
        if low > high:
            return True
    return False
