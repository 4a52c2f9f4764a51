"""China's administrative divisions in force — province -> city -> district — for the condition
builder's address picker (a rule on ``province``, ``city`` or ``district`` names them as people
write them: 浙江省, 杭州市, 西湖区).

Read from python-stdnum's table of GB/T 2260 division codes (``stdnum/cn/loc.dat``, which the
lock already carries for resident-ID checks), so no second copy of the gazetteer is kept here.
Each line there is a code with its names over time (``[1983-2021]下城区``); only divisions whose
last name has no end year are in force. Municipalities (北京市, 上海市...) are their own city, as
the sample's records hold them (``city: 上海市``); the county-level cities a province governs
directly (济源市, 仙桃市...) are cities without districts.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: ``[1983-]name``, ``[1983-2021]name``, ``[-2010]name`` or a bare name.
_NAME = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")
#: Prefecture-level entries that are no city (a municipality's "districts" and "counties", an
#: old forest district); at county level only "市辖区" is a placeholder (矿区 and 郊区 are real
#: districts of 阳泉市, 佳木斯市 and 铜陵市).
_NOT_CITIES = frozenset({"市辖区", "县", "郊区", "矿区", "林区"})
_NOT_DISTRICTS = frozenset({"市辖区"})
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_DIRECT = "直辖县级"


@dataclass(frozen=True)
class Division:
    """A named division and the divisions under it, in code order."""

    name: str
    children: tuple[Division, ...] = ()

    def child(self, name: str) -> Division | None:
        return next((c for c in self.children if c.name == name), None)


def current_name(history: str) -> str | None:
    """The name in force from a loc.dat entry (``[1997-1997]万县区,[1998-]万州区`` -> 万州区),
    or ``None`` when every name has an end year (the division is gone)."""
    if "[" not in history:
        return history.strip() or None
    for part in reversed(history.split(",")):
        m = _NAME.match(part.strip())
        if m is not None and not m.group(2):
            return m.group(3).strip()
    return None


def _table_text() -> str:
    # Found without importing stdnum (its import costs ~70 ms, on the UI thread here).
    spec = importlib.util.find_spec("stdnum")
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = Path(folder) / "cn" / "loc.dat"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return (resources.files("stdnum") / "cn" / "loc.dat").read_text(encoding="utf-8")


def _split(line: str) -> tuple[str, str]:
    """``  0106 county="[1983-]西湖区"`` -> ``("0106", "[1983-]西湖区")``."""
    code, _sep, rest = line.lstrip().partition(" ")
    return code, rest.partition('="')[2].rstrip().removesuffix('"')


@lru_cache(maxsize=1)
def _sections() -> dict[str, tuple[str, ...]]:
    """Province name in force -> the lines of its cities and districts, in code order. Only the
    province lines are read here (the picker's first menu); a province's own lines are read when
    its cities are first asked for (``_province_division``), so no step reads the whole table."""
    text = _table_text()
    out: dict[str, tuple[str, ...]] = {}
    name: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        if not line or line[0] == "#" or '="' not in line:
            continue
        if line[0] != " ":  # ``33 province="浙江省"``
            if name is not None:
                out[name] = tuple(lines)
            name, lines = current_name(_split(line)[1]), []
        elif line.lstrip().startswith("0000 "):
            # The province's own entry has the simplified, current name (香港特别行政区).
            name = current_name(_split(line)[1]) or name
        else:
            lines.append(line)
    if name is not None:
        out[name] = tuple(lines)
    return out


@lru_cache(maxsize=64)
def _province_division(name: str) -> Division | None:
    lines = _sections().get(name)
    if lines is None:
        return None
    prefectures: dict[str, tuple[str | None, list[str]]] = {}
    for line in lines:
        code, value = _split(line)
        here = current_name(value)
        prefecture, county = code[:2], code[2:]
        entry = prefectures.setdefault(prefecture, (None, []))
        if county == "00":
            prefectures[prefecture] = (here, entry[1])
        elif here is not None and here not in _NOT_DISTRICTS:
            entry[1].append(here)
    return _province(name, prefectures)


def provinces() -> tuple[Division, ...]:
    """Every province-level division in force, with its cities and their districts."""
    return tuple(d for n in _sections() if (d := _province_division(n)) is not None)


def _province(name: str, prefectures: dict[str, tuple[str | None, list[str]]]) -> Division:
    cities: list[Division] = []
    if name in _MUNICIPALITIES:
        districts = [d for _code, (_n, ds) in sorted(prefectures.items()) for d in ds]
        return Division(name, (Division(name, tuple(Division(d) for d in districts)),))
    for _code, (city, districts) in sorted(prefectures.items()):
        if city is None:
            continue
        if _DIRECT in city:  # 省直辖县级行政区划: each county-level city stands alone
            cities.extend(Division(d) for d in districts)
        elif city not in _NOT_CITIES:
            cities.append(Division(city, tuple(Division(d) for d in districts)))
    # The table keeps a few stale entries without an end year (随州市 under both its old and its
    # new code): one entry per name, the first.
    unique = {c.name: c for c in reversed(cities)}
    return Division(name, tuple(c for c in cities if unique[c.name] is c))


def province_names() -> list[str]:
    return list(_sections())


def city_names(province: str) -> list[str]:
    found = _province_division(province)
    return [c.name for c in found.children] if found is not None else []


def district_names(province: str, city: str) -> list[str]:
    found = _province_division(province)
    town = found.child(city) if found is not None else None
    return [d.name for d in town.children] if town is not None else []
