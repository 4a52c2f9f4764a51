"""The province/city/district picker of an address condition: a menu of the divisions in force
(``studio.automation.divisions``), cascading as deep as the field's part — a province field
offers provinces, a city field the cities of each province, a district field the districts of each
city. Menus are filled when first opened, so a row on an address field costs nothing until the
person looks (the table holds some 3,000 divisions)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from studio.automation import divisions

# Address parts the picker knows how to offer.
PARTS = ("province", "city", "district")


def address_menu(parent: QWidget, part: str, pick: Callable[[str], None]) -> QMenu:
    """A menu whose leaves call ``pick(name)`` with a division of ``part``."""
    menu = QMenu(parent)
    menu.setObjectName("address_picker")

    def fill_provinces() -> None:
        if menu.actions():
            return
        for province in divisions.province_names():
            if part == "province":
                _leaf(menu, province, pick)
            else:
                sub = menu.addMenu(province)
                sub.aboutToShow.connect(lambda sub=sub, p=province: fill_cities(sub, p))

    def fill_cities(sub: QMenu, province: str) -> None:
        if sub.actions():
            return
        for city in divisions.city_names(province):
            if part == "city":
                _leaf(sub, city, pick)
            else:
                inner = sub.addMenu(city)
                inner.aboutToShow.connect(
                    lambda inner=inner, c=city: fill_districts(inner, province, c)
                )

    def fill_districts(sub: QMenu, province: str, city: str) -> None:
        if sub.actions():
            return
        for district in divisions.district_names(province, city):
            _leaf(sub, district, pick)

    menu.aboutToShow.connect(fill_provinces)
    return menu


def _leaf(menu: QMenu, name: str, pick: Callable[[str], None]) -> None:
    action = QAction(name, menu)
    action.triggered.connect(lambda _=False, n=name: pick(n))
    menu.addAction(action)
