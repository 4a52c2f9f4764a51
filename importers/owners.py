"""Owners as the CRM knows them. A sheet names a record's owner as people do: 吴磊, Wu Lei, or the
user key itself (wu); the record stores the user key (the owner field refers to the
configuration's users). A name that is one user's is written as that user's key, counted as a
change; a name that is no user's (someone who never had an account, a typo) or that fits two
users is left as written and counted as a finding; so is an owner who has left (a disabled user:
their records still need a hand-over). Nothing is refused for it: the rows are imported, and
the admin sees how many and why."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

import polars as pl

from importers.names import is_hanzi, name_key
from studio.bundle.model import Entity, FieldDef, FieldType, UserAssignment

#: A name written as its user's key (``Plan.cleaning``).
MATCHED = "owner_matched"
#: Left as written (``Plan.checks``): no user has that key or name, or two users have the name.
UNKNOWN = "owner_unknown"
#: A user who has left (disabled): their records need a new owner.
LEFT = "owner_left"


def is_owner(fd: FieldDef) -> bool:
    """A field that names a user (the owner, the person in charge)."""
    return fd.type == FieldType.reference and fd.reference == "user"


def owner_fields(entity: Entity, mapped: Sequence[str]) -> list[str]:
    return [k for k in mapped if (fd := entity.field(k)) is not None and is_owner(fd)]


def match_owners(
    values: pl.Series, users: Sequence[UserAssignment]
) -> tuple[pl.Series, Counter[str], Counter[str]]:
    """``values`` with each name that is one user's written as that user's key; the changes
    (``MATCHED``) and the findings (``UNKNOWN``, ``LEFT``), counted per row. Python runs once
    per distinct value (a column of owners holds a few dozen)."""
    by_key = {_folded(u.user): u for u in users}
    by_name: dict[str, set[str]] = {}
    for u in users:
        written = u.display_name.strip()
        # the display name whole (吴磊 Wu Lei), each script of it, and its key (lei wu)
        for name in {_folded(written), *(_folded(p) for p in _scripts(written))}:
            by_name.setdefault(name, set()).add(u.user)
        key = name_key(written)
        if key:
            by_name.setdefault("key:" + key, set()).add(u.user)
    found: dict[str, str | None] = {}
    for value in values.drop_nulls().unique().to_list():
        folded = _folded(value)
        if not folded:
            continue
        hit = by_key.get(folded)
        if hit is not None:
            found[value] = hit.user
            continue
        # written as a name: by its text or its key (李娜 and Li Na are one name: two users
        # called so are two candidates, and the owner is not guessed)
        named = by_name.get(folded, set()) | by_name.get("key:" + name_key(value), set())
        found[value] = next(iter(named)) if len(named) == 1 else None
    frame = pl.DataFrame({"v": values}).with_columns(
        pl.col("v")
        .replace_strict(list(found), list(found.values()), default=None, return_dtype=pl.String)
        .alias("k")
    )
    matched = frame.select(
        (pl.col("k").is_not_null() & (pl.col("k") != pl.col("v"))).sum().alias("changed"),
        (pl.col("v").is_not_null() & pl.col("k").is_null()).sum().alias("unknown"),
        pl.col("k")
        .is_in([u.user for u in users if u.disabled])
        .fill_null(False)
        .sum()
        .alias("left"),
    ).row(0, named=True)
    out = frame.select(pl.coalesce("k", "v").alias(values.name)).to_series()
    changes: Counter[str] = Counter({MATCHED: int(matched["changed"])})
    checks: Counter[str] = Counter({UNKNOWN: int(matched["unknown"]), LEFT: int(matched["left"])})
    return out, +changes, +checks


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _scripts(name: str) -> list[str]:
    """吴磊 Wu Lei as 吴磊 and Wu Lei: the hanzi and the rest, where a name has both."""
    hanzi = "".join(c for c in name if is_hanzi(c))
    if not hanzi or hanzi == name.replace(" ", ""):
        return []
    rest = " ".join("".join(c if c not in hanzi else " " for c in name).split())
    return [hanzi, rest] if rest else [hanzi]
