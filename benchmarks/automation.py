"""Benchmark: automation rules (issue 18).

Run: ``PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python benchmarks/automation.py [--records N]``.

- The impact replay of 100,000 lead records through 50 routing rules, live and proposed
  (``studio.automation.replay.replay_change``), against a bare polars scan of the same records
  (``polars.from_dicts`` plus the distinct values of the fields the rules read), measured side by
  side, alternating, medians of ``RUNS``. Targets: under 2 s, and within 3x of the polars scan.
- The same replay evaluated one record at a time (what the server does per record), for scale.
- The condition builder on an entity with 500 fields: the slowest of each kind of interaction
  (choose an entity, add a row, change a row's field, change its operator) on the UI thread.
  Target: under 100 ms each.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import polars as pl

from studio.automation.evaluate import Evaluator
from studio.automation.replay import replay_change
from studio.bundle.model import Entity, FieldDef, FieldType, Label
from tests.helpers.rules import CITIES, make_leads, with_rules

RUNS = 5
SOURCES = ["website", "exhibition", "ads", "referral"]


def fifty_rules(place: str) -> dict[str, Any]:
    """50 routing rules: per city of the sample's provinces and source, then by province."""
    rules: list[dict[str, Any]] = []
    cities = [(p, c) for p, cs in CITIES.items() for c in cs]
    for i in range(50):
        province, city = cities[i % len(cities)]
        source = SOURCES[i % len(SOURCES)]
        rules.append(
            {
                "key": f"r{i:02d}",
                "when": {
                    "all": [
                        {"field": "province", "op": "eq", "value": province},
                        {"field": "city", "op": "in", "value": [city]},
                        {"field": "source", "op": "eq", "value": source},
                        {"field": place, "op": "not_empty"},
                    ]
                },
                "assign": {"kind": "team", "target": f"t{i % 9}"},
            }
        )
    return {"assignment": {"rules": rules, "default": {"kind": "queue", "target": "unassigned"}}}


def median_ms(fn: Callable[[], object]) -> float:
    return statistics.median(_timed(fn) for _ in range(RUNS))


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def replay_table(n: int) -> None:
    records = make_leads(n)
    live = with_rules(lead=fifty_rules("city"))
    proposed = with_rules(lead=fifty_rules("district"))
    fields = ["province", "city", "district", "source"]

    def polars_scan() -> object:
        frame = pl.from_dicts(records, infer_schema_length=None)
        return frame.select(pl.col(f).n_unique() for f in fields)

    def replay() -> object:
        return replay_change(live, proposed, {"lead": records})

    scan_times, replay_times = [], []
    for _ in range(RUNS):  # side by side: the machine's load hits both alike
        scan_times.append(_timed(polars_scan))
        replay_times.append(_timed(replay))
    scan_ms, replay_ms = statistics.median(scan_times), statistics.median(replay_times)
    result = replay().to_json()

    old = Evaluator((live.rules or {})["lead"])
    new = Evaluator((proposed.rules or {})["lead"])

    def per_record() -> object:
        return [(old.assign(r).name(), new.assign(r).name()) for r in records]

    per_record_ms = statistics.median(_timed(per_record) for _ in range(3))
    print(f"Replay of {n:,} records through 50 rules, live and proposed (median of {RUNS})")
    print(f"{'':40} {'ms':>10} {'ratio':>8}")
    print(f"{'polars scan (from_dicts + distinct)':40} {scan_ms:10.0f} {1.0:8.2f}")
    print(f"{'replay (studio.automation)':40} {replay_ms:10.0f} {replay_ms / scan_ms:8.2f}")
    print(
        f"{'one record at a time (server path)':40} {per_record_ms:10.0f} "
        f"{per_record_ms / scan_ms:8.2f}"
    )
    print(
        f"targets: replay < 2000 ms ({'met' if replay_ms < 2000 else 'MISSED'}), "
        f"ratio < 3 ({'met' if replay_ms / scan_ms < 3 else 'MISSED'}); "
        f"share to default: {result['share_to_default_or_no_owner']:.3f}"
    )


def builder_table(fields: int) -> None:
    from PySide6.QtWidgets import QApplication

    from widgets.automation.condition_builder import ConditionBuilder

    app = QApplication.instance() or QApplication([])
    assert app is not None
    types = [FieldType.text, FieldType.number, FieldType.select, FieldType.date, FieldType.address]
    entity = Entity(
        key="wide",
        label=Label(zh_CN="宽实体", en="Wide"),
        fields=tuple(
            FieldDef(
                key=f"f{i:03d}",
                label=Label(zh_CN=f"字段{i}", en=f"Field {i}"),
                type=types[i % len(types)],
                options=(),
            )
            for i in range(fields)
        ),
    )
    builder = ConditionBuilder()
    builder.show()
    worst: dict[str, float] = {}

    def measure(name: str, fn: Callable[[], object]) -> None:
        ms = _timed(fn)
        app.processEvents()
        worst[name] = max(worst.get(name, 0.0), ms)

    for _ in range(RUNS):
        measure("choose the entity (500 fields)", lambda: builder.set_entity(entity))
        for _row in range(5):
            measure("add a condition row", builder.add_row)
        row = builder.rows[-1]
        for i in (1, 250, 499):
            measure("change a row's field", lambda i=i, row=row: row.field.setCurrentIndex(i))
            measure("change a row's operator", lambda row=row: row.op.setCurrentIndex(1))
        for _group in range(3):
            measure("add a nested group", builder.top.add_group)
    # The address picker: its first opening reads the divisions table (once per session).
    from importers import divisions

    divisions.tree.cache_clear()
    place = entity.model_copy(
        update={
            "fields": (
                FieldDef(
                    key="district",
                    label=Label(zh_CN="区", en="District"),
                    type=FieldType.address,
                    address_part="district",
                ),
                *entity.fields,
            )
        }
    )
    builder.set_entity(place)
    row = builder.add_row({"field": "district", "op": "in", "value": ["西湖区"]})

    def open_picker(path: tuple[str, ...]) -> None:
        menu = row.options.menu()
        for name in path:
            menu.aboutToShow.emit()
            found = next(a for a in menu.actions() if a.text() == name).menu()
            assert found is not None
            menu = found
        menu.aboutToShow.emit()

    measure("open the address picker (first time)", lambda: open_picker(()))
    measure("open a province's cities", lambda: open_picker(("浙江省",)))
    measure("open a city's districts", lambda: open_picker(("浙江省", "杭州市")))
    print(f"\nCondition builder, entity with {fields} fields (slowest of {RUNS} rounds)")
    print(f"{'interaction':40} {'ms':>10}")
    for name, ms in worst.items():
        print(f"{name:40} {ms:10.1f}")
    print(f"target: each under 100 ms ({'met' if max(worst.values()) < 100 else 'MISSED'})")
    builder.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--fields", type=int, default=500)
    args = parser.parse_args()
    replay_table(args.records)
    builder_table(args.fields)


if __name__ == "__main__":
    main()
