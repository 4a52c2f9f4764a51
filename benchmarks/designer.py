"""Designer benchmark: an entity with 2,000 fields and a form with 500 placements.

Measures (medians of several runs, offscreen):
- draft load: reading the whole draft, its revision and the live bundle from the workspace;
- designer ready: building the Entities & Forms pane over the loaded draft, selecting the big
  entity and painting it (target < 300 ms);
- rules: ``run_all`` on the draft (target < 50 ms);
- one edit: a property change on the big entity, through the undo stack, until the table shows it;
- scroll: scrolling the field table through all 2,000 rows, painting each screenful;
- form tab + preview: showing the form designer with its 500-placement canvas and live preview.

Run: ``PYTHONPATH=$PWD python benchmarks/designer.py``
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from studio.bundle.model import (
    Bundle,
    Entity,
    FieldDef,
    FieldType,
    Form,
    Label,
    Option,
    Placement,
    Section,
    Validation,
)
from studio.bundle.sample import sample_bundle
from studio.draft import edits as de
from studio.draft.save import load_state
from studio.draft.store import replace_draft
from studio.lint import run_all
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane

FIELDS = 2000
PLACEMENTS = 500
RUNS = 7

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


def big_bundle() -> Bundle:
    fields = []
    for i in range(FIELDS):
        t = _TYPES[i % len(_TYPES)]
        kw: dict[str, object] = {}
        if t == FieldType.select:
            kw["options"] = tuple(
                Option(key=f"o{j}", label=Label(zh_CN=f"选项{j}", en=f"Option {j}"))
                for j in range(5)
            )
        if t == FieldType.text:
            kw["max_length"] = 100
            kw["validation"] = Validation(regex=r"^[A-Z0-9]*$")
        if t == FieldType.number:
            kw["validation"] = Validation(min=0, max=1000)
        fields.append(
            FieldDef(
                key=f"f{i:04d}",
                label=Label(zh_CN=f"字段{i}", en=f"Field {i}"),
                type=t,
                required=i % 7 == 0,
                default=None,
                searchable=i % 50 == 0,
                **kw,  # type: ignore[arg-type]
            )
        )
    sections = tuple(
        Section(
            key=f"s{s}",
            label=Label(zh_CN=f"分区{s}", en=f"Section {s}"),
            columns=2,
            placements=tuple(
                Placement(field=f"f{i:04d}", column=i % 2) for i in range(s * 100, (s + 1) * 100)
            ),
        )
        for s in range(PLACEMENTS // 100)
    )
    big = Entity(
        key="big",
        label=Label(zh_CN="大实体", en="Big entity"),
        fields=tuple(fields),
        forms=(Form(key="create", kind="create", label=Label(zh_CN="新建", en="Create"),
                    sections=sections),),
    )  # fmt: skip
    sample = sample_bundle()
    return sample.model_copy(update={"entities": (*sample.entities, big)})


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("XDG_CONFIG_HOME", str(tmp / "config"))
    path = tmp / "bench.db"
    init_workspace(path, sample=True).close()
    ws = open_workspace(path)
    bundle = big_bundle()
    with ws.session() as s:
        replace_draft(s, bundle, user="lin")
    state = load_state(ws)
    results: dict[str, list[float]] = {}

    results["draft load (workspace -> bundle)"] = timed(lambda: load_state(ws), 5)

    # Designer ready: the pane over the loaded draft, the big entity selected and painted.
    def ready() -> None:
        # A studio of its own each time (the context owns the one draft document, and panes
        # left over from the last run would still listen to it). The draft read itself runs off
        # the UI thread (measured above); hand it over as the finished background load does.
        fresh = StudioContext(ws, "lin")
        fresh.document.set_state(state)
        pane = EntitiesPane(fresh)
        pane.resize(1400, 900)
        pane.show()
        pane.select_entity("big")
        pane.findings_panel.set_findings(run_all(pane.doc.bundle, None, pane.doc.live))
        app.processEvents()
        pane.repaint()
        ready.pane = pane  # type: ignore[attr-defined]

    ready_times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        ready()
        ready_times.append((time.perf_counter() - t0) * 1000)
        pane = ready.pane  # type: ignore[attr-defined]
        pane.close()
        pane.deleteLater()
        app.processEvents()
    results["designer ready (build pane, select entity, paint)"] = ready_times

    results["rules: run_all on the draft"] = timed(lambda: run_all(bundle, None, None))

    ready()
    pane = ready.pane  # type: ignore[attr-defined]
    table = pane.fields.table
    model = pane.fields.model
    assert model.rowCount() == FIELDS

    def scroll() -> None:
        page = max(1, table.viewport().height() // table.rowHeight(0))
        for row in range(0, FIELDS, page):
            table.scrollTo(model.index(row, 0))
            table.viewport().repaint()
        table.scrollToTop()

    results["scroll field table through 2,000 rows (all pages painted)"] = timed(scroll, 5)
    pages = FIELDS // max(1, table.viewport().height() // table.rowHeight(0))

    counter = iter(range(10_000))

    def edit() -> None:
        n = next(counter)
        pane.fields.edit_field("f0001", {"label_en": f"Field one {n}"})
        app.processEvents()
        table.viewport().repaint()

    results["one edit (core edit + undo push + table refresh)"] = timed(edit)
    results["rules after that edit (findings refresh)"] = timed(pane.refresh_findings)

    def drain() -> None:
        """Let the background saves of the edits above finish (they compete for the GIL)."""
        deadline = time.time() + 60
        while pane.doc.busy() and time.time() < deadline:
            app.processEvents()
            time.sleep(0.01)

    drain()

    def form_tab() -> None:
        pane.tabs.setCurrentWidget(pane.fields)
        app.processEvents()
        pane.forms._stale = True  # as after an edit made in the fields tab
        t0 = time.perf_counter()
        pane.tabs.setCurrentWidget(pane.forms)  # shows the palette and canvas synchronously
        pane.repaint()
        form_tab.times.append((time.perf_counter() - t0) * 1000)  # type: ignore[attr-defined]
        while preview._queue:  # the preview completes in later event-loop turns
            app.processEvents()

    preview = pane.forms.preview
    form_tab.times = []  # type: ignore[attr-defined]
    for _ in range(3):
        form_tab()
    results["form tab shown (palette, 500-placement canvas, painted)"] = form_tab.times  # type: ignore[attr-defined]

    # The preview's 500 inputs are built in batches between event-loop turns: the whole build,
    # and the longest the UI thread is held by one batch.
    stalls: list[float] = []
    original_batch = preview._build_batch

    def timed_batch(size: int = 40) -> None:
        t0 = time.perf_counter()
        original_batch(size)
        stalls.append((time.perf_counter() - t0) * 1000)

    preview._build_batch = timed_batch  # type: ignore[method-assign]
    preview._build_timer.timeout.disconnect()
    preview._build_timer.timeout.connect(timed_batch)
    full = []
    for _ in range(3):
        preview._built_for = None
        t0 = time.perf_counter()
        preview.rebuild()
        while preview._queue or preview.scroll.widget() is not preview._body:
            app.processEvents()
        full.append((time.perf_counter() - t0) * 1000)
    results["preview: all 500 inputs built (in batches)"] = full
    results["preview: longest single batch (UI thread held)"] = [max(stalls)]
    results["preview: Save, check_value on 500 inputs"] = timed(preview.save, 3)

    drain()
    print(f"\nDesigner benchmark: {FIELDS} fields, {PLACEMENTS} placements (medians, ms)\n")
    width = max(len(k) for k in results)
    print(f"{'measure':<{width}}  {'median':>8}  {'min':>8}  {'max':>8}  runs")
    for name, values in results.items():
        print(
            f"{name:<{width}}  {statistics.median(values):8.1f}  {min(values):8.1f}  "
            f"{max(values):8.1f}  {len(values)}"
        )
    print(f"\n(scroll = {pages} screenfuls; targets: ready < 300 ms, rules < 50 ms)")
    _ = de  # the edits under test live in studio.draft.edits
    pane.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
