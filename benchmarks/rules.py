"""Benchmark: all rules on an entity with 2,000 fields and a form with 500 placements.

Run: ``PYTHONPATH=$PWD python benchmarks/rules.py``. Prints medians; the target (issue 3) is
under 50 ms for all rules.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldPermission,
    FieldType,
    Form,
    Label,
    Option,
    Placement,
    Section,
    Validation,
)
from studio.bundle.sample import sample_bundle
from studio.bundle.values import check_value
from studio.lint import DataStats, run_all

FIELDS = 2_000
PLACEMENTS = 500
RUNS = 30

TYPES = list(FieldType)
OPTIONS = tuple(
    Option(key=f"o{i}", label=Label(zh_CN=f"选项{i}", en=f"Option {i}")) for i in range(8)
)


def _field(i: int) -> FieldDef:
    type_ = TYPES[i % len(TYPES)]
    kw: dict[str, object] = {}
    if type_ in (FieldType.select, FieldType.multi_select):
        kw["options"] = OPTIONS
        kw["default"] = "o1" if type_ == FieldType.select else ["o1", "o2"]
    elif type_ == FieldType.reference:
        kw["reference"] = "user"
    elif type_ in (FieldType.text, FieldType.phone):
        kw["validation"] = Validation(regex=r"^[0-9A-Z]{4,18}$" if i % 2 else r"^1[3-9]\d{9}$")
        kw["max_length"] = 18
        if i % 3 == 0:
            kw["default"] = "13812345678" if type_ == FieldType.phone else "ABCD1234"
    elif type_ in (FieldType.number, FieldType.money):
        kw["validation"] = Validation(min=0, max=1e9)
        kw["default"] = i
    elif type_ == FieldType.email:
        kw["default"] = f"user{i}@example.com"
    return FieldDef(
        key=f"f{i:04d}",
        label=Label(zh_CN=f"字段{i}", en=f"Field {i}"),
        type=type_,
        required=i % 4 == 0,  # 500 required fields, many without a default
        **kw,
    )


def big_bundle() -> Bundle:
    base = sample_bundle()
    fields = tuple(_field(i) for i in range(FIELDS))
    placed = [f.key for f in fields[:PLACEMENTS]]
    form = Form(
        key="create",
        kind="create",
        label=Label(zh_CN="新建", en="New"),
        sections=tuple(
            Section(
                key=f"s{n}",
                label=Label(zh_CN=f"分区{n}", en=f"Section {n}"),
                columns=2,
                placements=tuple(
                    Placement(field=k, column=j % 2, read_only=j % 50 == 0)
                    for j, k in enumerate(placed[n * 50 : (n + 1) * 50])
                ),
            )
            for n in range(PLACEMENTS // 50)
        ),
    )
    big = Entity(key="big", label=Label(zh_CN="大实体", en="Big"), fields=fields, forms=(form,))
    perms = tuple(
        EntityPermission(role=r.key, entity="big", create=r.key != "intern", read=True)
        for r in base.roles
    )
    field_perms = tuple(
        FieldPermission(role="sales", entity="big", field=f.key, access="read")
        for f in fields[::40]
    )
    return Bundle.model_validate(
        base.model_copy(
            update={
                "entities": (*base.entities, big),
                "entity_permissions": (*base.entity_permissions, *perms),
                "field_permissions": (*base.field_permissions, *field_perms),
            }
        ).model_dump()
    )


def live_of(bundle: Bundle) -> Bundle:
    """A live release in which every 8th field was optional and every 100th did not exist yet."""
    big = bundle.entity("big")
    assert big is not None
    fields = tuple(
        f.model_copy(update={"required": False}) if i % 8 == 0 else f
        for i, f in enumerate(big.fields)
        if i % 100 != 1
    )
    placed = {f.key for f in fields}
    forms = tuple(
        form.model_copy(
            update={
                "sections": tuple(
                    s.model_copy(
                        update={"placements": tuple(p for p in s.placements if p.field in placed)}
                    )
                    for s in form.sections
                )
            }
        )
        for form in big.forms
    )
    entities = tuple(
        e.model_copy(update={"fields": fields, "forms": forms}) if e.key == "big" else e
        for e in bundle.entities
    )
    return bundle.model_copy(update={"entities": entities, "field_permissions": ()})


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm caches (compiled regexes), as in a running studio
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    bundle = big_bundle()
    live = live_of(bundle)
    stats = DataStats(
        record_counts={e.key: 10_000 for e in bundle.entities},
        empty_counts={("big", f"f{i:04d}"): i % 7 for i in range(0, FIELDS, 8)},
    )
    findings = run_all(bundle, stats, live)
    big = bundle.entity("big")
    assert big is not None
    sample_fields = big.fields[:200]
    values = [
        "",
        "  ",
        None,
        "13812345678",
        "ABCD1234",
        "42",
        "o1",
        "user@example.com",
        "x" * 10_000,
    ]

    def values_check() -> None:
        for f in sample_fields:
            for v in values:
                check_value(f, v)

    rows = [
        ("run_all, no live release", median_ms(lambda: run_all(bundle))),
        ("run_all, live release + stats", median_ms(lambda: run_all(bundle, stats, live))),
        ("check_value x 1,800 (200 fields x 9 values)", median_ms(values_check)),
    ]
    print(
        f"Bundle: {FIELDS} fields on 'big', a form with {PLACEMENTS} placements, {len(bundle.roles)} roles;"
    )
    print(f"{len(findings)} findings with live + stats. Medians of {RUNS} runs.\n")
    print(f"{'measurement':<48} {'median ms':>10}")
    print("-" * 59)
    for label, ms in rows:
        print(f"{label:<48} {ms:>10.1f}")
    print(
        f"\ntarget: run_all < 50 ms -> {'met' if max(ms for _, ms in rows[:2]) < 50 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
