"""The divisions the address picker offers: those in force, named as records hold them."""

from __future__ import annotations

from studio.automation.divisions import (
    city_names,
    current_name,
    district_names,
    province_names,
    provinces,
)


def test_the_names_in_force_are_read_from_the_codes_history() -> None:
    assert current_name("[1983-]上城区") == "上城区"
    assert current_name("[1983-2021]下城区") is None  # merged away in 2021
    assert current_name("[1997-1997]万县区,[1998-]万州区") == "万州区"
    assert current_name("东城区") == "东城区"


def test_provinces_cities_and_districts() -> None:
    names = province_names()
    assert len(names) == 34 and names[:2] == ["北京市", "天津市"]
    assert "香港特别行政区" in names  # the simplified name of the province's own entry
    assert city_names("浙江省")[:2] == ["杭州市", "宁波市"]
    hangzhou = district_names("浙江省", "杭州市")
    assert "西湖区" in hangzhou and "下城区" not in hangzhou and "市辖区" not in hangzhou
    assert {"矿区", "郊区"} <= set(district_names("山西省", "阳泉市"))  # real districts' names
    # A municipality is its own city, as the records hold it (city: 上海市).
    assert city_names("上海市") == ["上海市"] and "浦东新区" in district_names("上海市", "上海市")
    # County-level cities a province governs directly are cities of their own.
    assert {"仙桃市", "天门市"} <= set(city_names("湖北省"))
    assert city_names("火星") == [] and district_names("浙江省", "火星市") == []
    assert sum(len(c.children) for p in provinces() for c in p.children) > 2_500
