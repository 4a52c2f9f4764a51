"""Which column of a workbook goes into which field of the entity: a guess with its confidence.

A header matches a field by the field's key, its zh_CN/en labels, or an alias people write
(``aliases.HEADER_ALIASES``: 手机 / 手机号 / 电话 / Mobile ...), compared after normalising
(full-width to half-width, case, spaces, brackets); else fuzzily (rapidfuzz) when the similarity is
high enough, with a lower confidence for the person to confirm. Each field takes one column: the
most confident. A person corrects the guess in the wizard or with ``--map HEADER=FIELD``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from importers.aliases import HEADER_ALIASES
from importers.errors import ImportRefused
from importers.headers import normalise_header
from studio.bundle.model import Entity
from studio.i18n import name_list

#: Below this fuzzy score (0-100) a header is left unmapped rather than guessed.
FUZZY_FLOOR = 82.0


@dataclass(frozen=True)
class ColumnGuess:
    """One column: the field it goes to (``None``: not imported), how sure, and why."""

    header: str
    field: str | None
    confidence: float
    how: str  # "key", "label", "alias", "fuzzy", "chosen", "none"
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnMap:
    """The mapping of a whole sheet: a guess per header, in sheet order."""

    columns: tuple[ColumnGuess, ...]
    unmapped_required: tuple[str, ...] = field(default=())

    def field_of(self, header: str) -> str | None:
        for c in self.columns:
            if c.header == header:
                return c.field
        return None

    def by_field(self) -> dict[str, str]:
        """``{field key: header}`` of the mapped columns."""
        return {c.field: c.header for c in self.columns if c.field is not None}

    def as_dict(self) -> dict[str, str | None]:
        return {c.header: c.field for c in self.columns}


def known_headers(entity: Entity) -> frozenset[str]:
    """Every normalised title that names a field of ``entity`` (for finding the header row)."""
    names: set[str] = set()
    for fd in entity.fields:
        names |= {normalise_header(x) for x in (fd.key, fd.label.zh_CN, fd.label.en)}
        names |= {normalise_header(a) for a in HEADER_ALIASES.get(fd.key, ())}
    names.discard("")
    return frozenset(names)


def _candidates(entity: Entity) -> dict[str, tuple[str, str]]:
    """``{normalised name: (field key, how)}``; a name two fields share belongs to neither."""
    found: dict[str, tuple[str, str]] = {}
    clashes: set[str] = set()

    def put(name: str, key: str, how: str) -> None:
        n = normalise_header(name)
        if not n:
            return
        if n in found and found[n][0] != key:
            # an exact key/label wins over an alias of another field
            rank = {"key": 0, "label": 0, "alias": 1}
            if rank[how] < rank[found[n][1]]:
                found[n] = (key, how)
            elif rank[how] == rank[found[n][1]]:
                clashes.add(n)
            return
        found.setdefault(n, (key, how))

    for fd in entity.fields:
        if fd.deprecated:
            continue
        put(fd.key, fd.key, "key")
        put(fd.label.zh_CN, fd.key, "label")
        put(fd.label.en, fd.key, "label")
    for fd in entity.fields:
        if fd.deprecated:
            continue
        for alias in HEADER_ALIASES.get(fd.key, ()):
            put(alias, fd.key, "alias")
    for n in clashes:
        found.pop(n, None)
    return found


def guess_mapping(
    headers: Sequence[str],
    entity: Entity,
    *,
    samples: Mapping[str, Sequence[str]] | None = None,
    chosen: Mapping[str, str | None] | None = None,
) -> ColumnMap:
    """The guess for ``headers``; ``chosen`` (``{header: field or None}``) overrides it."""
    from rapidfuzz import fuzz, process

    cands = _candidates(entity)
    names = list(cands)
    guesses: list[tuple[str, str | None, float, str]] = []
    key: str | None
    for header in headers:
        if chosen is not None and header in chosen:
            guesses.append((header, chosen[header], 1.0, "chosen"))
            continue
        n = normalise_header(header)
        if n in cands:
            key, how = cands[n]
            guesses.append((header, key, 1.0 if how != "alias" else 0.95, how))
            continue
        best = process.extractOne(n, names, scorer=fuzz.ratio) if n and names else None
        if best is not None and best[1] >= FUZZY_FLOOR:
            guesses.append((header, cands[best[0]][0], round(best[1] / 100 * 0.9, 2), "fuzzy"))
        else:
            guesses.append((header, None, 0.0, "none"))
    # each field takes one column: the one a person chose (never overruled by a guess: the
    # wizard's correction was lost to an equally sure guess on its left), else the most
    # confident one, then the leftmost
    chose = [(h, key) for h, key, _c, how in guesses if how == "chosen" and key is not None]
    for key in {k for _h, k in chose}:
        twice = [h for h, k in chose if k == key]
        if len(twice) > 1:
            raise ImportRefused(
                "The mapping gives the field {field} to {columns}: a field takes one column.",
                field=key,
                columns=name_list(twice),
            )
    taken: dict[str, int] = {}
    for i, (_h, key, conf, how) in enumerate(guesses):
        if key is None:
            continue
        j = taken.get(key)
        rank = (how == "chosen", conf)
        if j is None or rank > (guesses[j][3] == "chosen", guesses[j][2]):
            taken[key] = i
    columns = []
    for i, (h, key, conf, how) in enumerate(guesses):
        if key is not None and taken.get(key) != i:
            key, conf, how = None, 0.0, "none"
        shown = tuple((samples or {}).get(h, ())[:3])
        columns.append(ColumnGuess(h, key, conf, how, shown))
    mapped = {c.field for c in columns}
    missing = tuple(fd.key for fd in entity.fields if fd.required and fd.key not in mapped)
    return ColumnMap(tuple(columns), missing)
