"""Automation rules for tests: the sample's lead routing by region, and a CRM database of last
month's leads (a real SQLite file) in which most leads carry no district, as real ones do.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from studio.bundle.model import Bundle
from studio.bundle.rules import EntityRules
from studio.bundle.sample import sample_bundle

NOW = datetime(2026, 12, 1, 5, 0, 0)

REGIONS = {
    "east": ("East China", "华东", ["上海市", "江苏省", "浙江省"]),
    "north": ("North China", "华北", ["北京市", "天津市", "河北省"]),
    "south": ("South China", "华南", ["广东省", "福建省"]),
}
CITIES = {
    "上海市": ["上海市"],
    "江苏省": ["南京市", "苏州市", "无锡市"],
    "浙江省": ["杭州市", "宁波市"],
    "北京市": ["北京市"],
    "天津市": ["天津市"],
    "河北省": ["石家庄市", "保定市"],
    "广东省": ["广州市", "深圳市"],
    "福建省": ["福州市", "厦门市"],
}
DISTRICTS = ["浦东新区", "鼓楼区", "西湖区", "海淀区", "天河区", "思明区"]


def region_rules(place_field: str = "city", **extra: Any) -> dict[str, Any]:
    """The lead routing of the outage: one rule per region, "province + ``place_field``"."""
    return {
        "assignment": {
            "rules": [
                {
                    "key": f"{team}_china",
                    "label": {"zh_CN": zh, "en": en},
                    "enabled": True,
                    "when": {
                        "all": [
                            {"field": "province", "op": "in", "value": provinces},
                            {"field": place_field, "op": "not_empty"},
                        ]
                    },
                    "assign": {"kind": "team", "target": team},
                }
                for team, (en, zh, provinces) in REGIONS.items()
            ],
            "default": {"kind": "queue", "target": "unassigned"},
        },
        **extra,
    }


def with_rules(bundle: Bundle | None = None, **per_entity: dict[str, Any] | None) -> Bundle:
    """``bundle`` (default: the sample) with the given entities' rules replaced."""
    base = bundle or sample_bundle()
    rules = dict(base.rules or {})
    for entity, value in per_entity.items():
        if value is None:
            rules.pop(entity, None)
        else:
            rules[entity] = EntityRules.model_validate(value)
    return base.model_copy(update={"rules": rules or None})


def make_leads(
    count: int, *, no_district_share: float = 0.87, seed: int = 18, now: datetime = NOW
) -> list[dict[str, Any]]:
    """``count`` leads of the last 30 days, every one with province and city, and a district on
    only ``1 - no_district_share`` of them (most web forms ask for no district)."""
    rng = random.Random(seed)
    provinces = [p for _en, _zh, ps in REGIONS.values() for p in ps]
    with_district = round(count * (1 - no_district_share))
    leads = []
    for i in range(count):
        province = rng.choice(provinces)
        leads.append(
            {
                "id": i + 1,
                "name": f"线索{i + 1:05d}",
                "mobile": f"139{i:08d}",
                "province": province,
                "city": rng.choice(CITIES[province]),
                "district": rng.choice(DISTRICTS) if i < with_district else None,
                "source": rng.choice(["website", "exhibition", "ads", "referral"]),
                "status": "new",
                "created_at": (now - timedelta(minutes=rng.randrange(30 * 24 * 60))).isoformat(
                    sep=" "
                ),
            }
        )
    rng.shuffle(leads)
    return leads


def write_leads_db(path: Path, leads: list[dict[str, Any]], *, old: int = 0) -> Path:
    """A CRM's own SQLite database with a ``lead`` table holding ``leads``, plus ``old`` leads
    from before the replay's window."""
    conn = sqlite3.connect(path)
    conn.execute(
        "create table lead (id integer primary key, name text, mobile text, province text, "
        "city text, district text, source text, status text, created_at timestamp)"
    )
    rows = [
        (
            r["id"],
            r["name"],
            r["mobile"],
            r["province"],
            r["city"],
            r["district"],
            r["source"],
            r["status"],
            r["created_at"],
        )
        for r in leads
    ]
    start = max((r["id"] for r in leads), default=0)
    for i in range(old):
        rows.append(
            (
                start + i + 1,
                f"旧线索{i}",
                None,
                "上海市",
                None,
                None,
                "website",
                "new",
                (NOW - timedelta(days=90 + i % 30)).isoformat(sep=" "),
            )
        )
    conn.executemany("insert into lead values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    return path
