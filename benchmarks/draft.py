"""Draft benchmark (issue 13): the draft as one document, at the size of a permission matrix.

The sample configuration plus 100 entities x 100 fields and 20 roles (200,000 field
permissions), in an SQLite file and in PostgreSQL (a throw-away server, as the tests start one).
Medians of several runs:

- one cell edit in memory (``DraftDocument.apply(SetFieldPermission)``; target < 5 ms);
- saving it (the targeted row writes and the audit entry; target < 50 ms), and the same one-cell
  save on the bare sample, measured alternately, side by side: their ratio (target < 3x);
- ``load_draft`` (target < 500 ms);
- the sha256 of the whole draft (reported; the studio computes it off the UI thread, where needed:
  submit, export).

Run: ``PYTHONPATH=$PWD python benchmarks/draft.py [sqlite|postgresql]``
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.bundle.model import (
    Bundle,
    EntityPermission,
    FieldDef,
    FieldPermission,
    FieldType,
    Form,
    Label,
    Option,
    Placement,
    Role,
    Section,
    Validation,
)
from studio.bundle.sample import sample_bundle
from studio.draft.document import DraftDocument
from studio.draft.edit_base import rebuild
from studio.draft.permission_cells import SetFieldPermission
from studio.draft.store import load_draft, replace_draft
from studio.workspace.bootstrap import init_workspace
from tests.helpers.postgres import pg_bindir, throwaway_postgres

ENTITIES, FIELDS, ROLES = 100, 100, 20
RUNS = 11
_TYPES = [
    FieldType.text,
    FieldType.number,
    FieldType.select,
    FieldType.date,
    FieldType.money,
    FieldType.long_text,
    FieldType.boolean,
    FieldType.phone,
    FieldType.email,
    FieldType.address,
]
ACCESS = ("hidden", "read", "edit")


def _field(i: int) -> FieldDef:
    t = _TYPES[i % len(_TYPES)]
    kw: dict[str, object] = {}
    if t == FieldType.select:
        kw["options"] = tuple(
            Option(key=f"o{j}", label=Label(zh_CN=f"选项{j}", en=f"Option {j}")) for j in range(5)
        )
        kw["default"] = "o1"
    if t == FieldType.text:
        kw["max_length"] = 100
        kw["validation"] = Validation(regex=r"^[A-Z0-9]*$")
    if t == FieldType.number:
        kw["validation"] = Validation(min=0, max=1000)
        kw["default"] = 5
    return FieldDef(
        key=f"f{i:03d}",
        label=Label(zh_CN=f"字段{i}", en=f"Field {i}"),
        type=t,
        required=i % 7 == 0,
        searchable=i % 50 == 0,
        **kw,  # type: ignore[arg-type]
    )


def big_bundle() -> Bundle:
    """The sample plus 100 entities x 100 fields, 20 roles, a cell for every role and field."""
    sample = sample_bundle()
    roles = (
        *sample.roles,
        *(
            Role(key=f"role_{i:02d}", label=Label(zh_CN=f"角色{i}", en=f"Role {i}"))
            for i in range(len(sample.roles), ROLES)
        ),
    )
    fields = tuple(_field(i) for i in range(FIELDS))
    section = Section(
        key="main",
        label=Label(zh_CN="基本信息", en="Main"),
        columns=2,
        placements=tuple(Placement(field=f"f{i:03d}", column=i % 2) for i in range(0, FIELDS, 2)),
    )
    form = Form(key="create", kind="create", label=Label(zh_CN="新建", en="Create"),
                sections=(section,))  # fmt: skip
    entities = tuple(
        sample.entities[0].model_copy(
            update={
                "key": f"e{e:03d}",
                "label": Label(zh_CN=f"实体{e}", en=f"Entity {e}"),
                "fields": fields,
                "forms": (form,),
            }
        )
        for e in range(ENTITIES)
    )
    field_permissions = (
        *sample.field_permissions,
        *(
            FieldPermission(role=r.key, entity=en.key, field=f.key, access=ACCESS[(ri + fi) % 3])
            for en in entities
            for fi, f in enumerate(en.fields)
            for ri, r in enumerate(roles)
        ),
    )
    entity_permissions = (
        *sample.entity_permissions,
        *(
            EntityPermission(role=r.key, entity=en.key, read=True, update=ri % 2 == 0)
            for en in entities
            for ri, r in enumerate(roles)
        ),
    )
    return Bundle.model_validate(
        {
            **dict(sample),
            "entities": (*sample.entities, *entities),
            "roles": roles,
            "field_permissions": field_permissions,
            "entity_permissions": entity_permissions,
        }
    )


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


@contextmanager
def postgresql() -> Iterator[str]:
    """A throw-away PostgreSQL server on loopback (as tests/conftest.py starts one)."""
    bindir = pg_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (Debian package 'postgresql')")
    with throwaway_postgres(bindir) as url:
        yield url


def _create_db(server: str, name: str) -> str:
    import psycopg

    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def measure(backend: str, big_target: str, bare_target: str, big: Bundle) -> dict[str, float]:
    big_ws = init_workspace(big_target, sample=True)
    bare_ws = init_workspace(bare_target, sample=True)
    t0 = time.perf_counter()
    with big_ws.session() as s:
        replace_draft(s, big, user="lin")
    setup = time.perf_counter() - t0
    print(f"  [{backend}] the big draft written whole in {setup:.1f} s", flush=True)

    def load() -> None:
        with big_ws.session() as s:
            load_draft(s)

    results: dict[str, float] = {}
    results["load_draft"] = median_ms(timed(load, 5))
    big_doc = DraftDocument.load(big_ws)
    bare_doc = DraftDocument.load(bare_ws)
    counter = iter(range(1_000_000))

    def edit(doc: DraftDocument, entity: str, field: str) -> None:
        doc.apply(SetFieldPermission("sales", entity, field, ACCESS[next(counter) % 3]))

    results["one cell edit in memory"] = median_ms(timed(lambda: edit(big_doc, "e050", "f050"), 31))

    def revalidated() -> None:  # the edit as it was made before: the whole bundle validated again
        cells = big_doc.bundle.field_permissions
        rebuild(big_doc.bundle, "access", field_permissions=(*cells[:-1], cells[-1]))

    results["reference: the same edit validating the whole bundle"] = median_ms(
        timed(revalidated, 5)
    )
    big_saves: list[float] = []
    bare_saves: list[float] = []
    for _ in range(RUNS):
        for doc, ws, target, saves in (
            (big_doc, big_ws, ("e050", "f050"), big_saves),
            (bare_doc, bare_ws, ("customer", "mobile"), bare_saves),
        ):
            edit(doc, *target)
            t0 = time.perf_counter()
            doc.save(ws, "lin", "set field permission")
            saves.append(time.perf_counter() - t0)
    results["save of that cell (big)"] = median_ms(big_saves)
    results["save of one cell (bare sample)"] = median_ms(bare_saves)
    results["ratio big / bare"] = (
        results["save of that cell (big)"] / results["save of one cell (bare sample)"]
    )
    bundle = big_doc.bundle
    results["sha256 of the whole draft (off the UI thread)"] = median_ms(timed(bundle.sha256, 5))
    with big_ws.session() as s:
        assert load_draft(s).sha256() == bundle.sha256(), "saved draft differs from the document"
    for ws in (big_ws, bare_ws):
        ws.close()
    return results


TARGETS = {
    "load_draft": "< 500 ms",
    "one cell edit in memory": "< 5 ms",
    "reference: the same edit validating the whole bundle": "(before)",
    "save of that cell (big)": "< 50 ms",
    "save of one cell (bare sample)": "",
    "ratio big / bare": "< 3x",
    "sha256 of the whole draft (off the UI thread)": "reported",
}


def main(argv: list[str]) -> int:
    backends = argv or ["sqlite", "postgresql"]
    big = big_bundle()
    print(
        f"draft: sample + {ENTITIES} entities x {FIELDS} fields, {len(big.roles)} roles, "
        f"{len(big.field_permissions):,} field permissions",
        flush=True,
    )
    table: dict[str, dict[str, float]] = {}
    for backend in backends:
        if backend == "sqlite":
            tmp = Path(tempfile.mkdtemp(prefix="bench-draft-"))
            try:
                table[backend] = measure(backend, str(tmp / "big.db"), str(tmp / "bare.db"), big)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        else:
            with postgresql() as server:
                table[backend] = measure(
                    backend, _create_db(server, "big"), _create_db(server, "bare"), big
                )
    print()
    header = f"{'median':50} " + " ".join(f"{b:>12}" for b in backends) + "  target"
    print(header)
    print("-" * len(header))
    for name, target in TARGETS.items():
        cells = " ".join(
            f"{table[b][name]:>11.2f}x"
            if name.startswith("ratio")
            else f"{table[b][name]:>9.1f} ms"
            for b in backends
        )
        print(f"{name:50} {cells}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
