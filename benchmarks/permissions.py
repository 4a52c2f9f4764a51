"""Benchmark of the permission matrices (issue 14): 100 roles x 2,000 fields on one entity
(200,000 cells), as the Permissions pane and the core run them.

Measures (medians of ``--rounds``, on the UI thread where the pane runs it):

- open the field matrix and paint its first frame (model, view, first paint);
- scroll top to bottom a page at a time, each page painted (frame times: median and worst);
- bulk-set a role's column (2,000 cells): the draft operation, the model refresh and the repaint;
  side by side with the same column set cell by cell (2,000 single-cell operations);
- the save of that edit into a real SQLite workspace (only the changed rows written);
- the effective access of one user on the entity (the index of the matrix built, and reused);
- the access diff of a change that flips 10,000 cells (5 roles' columns);
- the memory the matrix adds (RSS after open, scroll and bulk edit, minus before opening).

Targets (issue 14): first paint < 300 ms, smooth scrolling, bulk set < 100 ms and its save
< 100 ms, memory growth < 50 MB, effective access < 20 ms, access diff < 200 ms.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python benchmarks/permissions.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROLES, FIELDS = 100, 2000


def big_bundle(roles: int = ROLES, fields: int = FIELDS):  # type: ignore[no-untyped-def]
    """One entity ``big`` of ``fields`` fields (every tenth sensitive, readers named), ``roles``
    roles with one user each, and a cell for every role x field (ordered role by role, as the
    sample and the matrix's saves keep them)."""
    from studio.bundle.access import AccessSection, FieldPolicy
    from studio.bundle.model import (
        Bundle,
        Entity,
        EntityPermission,
        FieldDef,
        FieldPermission,
        FieldType,
        Label,
        Role,
        UserAssignment,
    )
    from studio.draft.trusted import trusted

    role_keys = [f"r{n:03d}" for n in range(roles)]
    field_keys = [f"f{n:04d}" for n in range(fields)]
    entity = Entity(
        key="big",
        label=Label(zh_CN="大实体", en="Big"),
        fields=tuple(
            FieldDef(
                key=k,
                label=Label(zh_CN=f"字段{n}", en=f"Field {n}"),
                type=FieldType.text,
                sensitive=n % 10 == 0,
            )
            for n, k in enumerate(field_keys)
        ),
    )
    levels = ("hidden", "masked", "read", "edit")
    cells = tuple(
        trusted(
            FieldPermission,
            {"role": r, "entity": "big", "field": f, "access": levels[(i + j) % 4]},
        )
        for i, r in enumerate(role_keys)
        for j, f in enumerate(field_keys)
    )
    return Bundle(
        entities=(entity,),
        roles=tuple(Role(key=r, label=Label(zh_CN=f"角色{r}", en=f"Role {r}")) for r in role_keys),
        entity_permissions=tuple(
            EntityPermission(role=r, entity="big", create=True, read=True, update=True)
            for r in role_keys
        ),
        field_permissions=cells,
        users=tuple(
            UserAssignment(user=f"u{r}", display_name=f"User {r}", role=r) for r in role_keys
        ),
        access=AccessSection(
            fields=tuple(
                FieldPolicy(entity="big", field=f, readers=tuple(role_keys[:10]))
                for n, f in enumerate(field_keys)
                if n % 10 == 0
            )
        ),
    )


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from studio.access.cell_ops import SetCells, column
    from studio.access.diff import access_diff
    from studio.access.effective import _INDEX, effective_access
    from studio.draft.document import DraftDocument, write_pending
    from studio.draft.permission_cells import SetFieldPermission
    from studio.draft.save import DraftState, read_draft
    from studio.draft.store import replace_draft
    from studio.workspace.bootstrap import init_workspace
    from widgets.permissions.field_matrix_model import FieldMatrixModel
    from widgets.permissions.matrix_view import FieldMatrixView

    app = QApplication.instance() or QApplication([])
    bundle = big_bundle()
    print(f"bundle: {ROLES} roles x {FIELDS} fields = {len(bundle.field_permissions):,} cells")

    rows: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)

    tmp = Path(tempfile.mkdtemp())
    ws = init_workspace(tmp / "w.db", sample=False)
    with ws.session() as s:
        replace_draft(s, bundle, user="bench")
    frames: list[float] = []

    def one_round(_round: int) -> None:
        gc.collect()
        stored, revision = read_draft(ws)
        doc = DraftDocument(DraftState(stored, revision, None))
        before_mb = rss_mb()

        model = FieldMatrixModel(lambda level: level)
        view = FieldMatrixView()
        view.resize(1400, 900)

        def open_matrix() -> None:
            model.set_source(doc.bundle, "big", "en", None)
            view.setModel(model)
            view.show()
            view.viewport().grab()  # the first frame, painted

        add("open the matrix and paint the first frame", timed(open_matrix))
        model.set_editor(doc.apply)
        bar = view.verticalScrollBar()
        round_frames = []
        value = 0
        while value < bar.maximum():
            value = min(bar.maximum(), value + bar.pageStep())

            def frame(v: int = value) -> None:
                bar.setValue(v)
                view.viewport().grab()

            round_frames.append(timed(frame))
        frames.extend(round_frames)
        add("scroll: frames painted (top to bottom, a page each)", len(round_frames))
        bar.setValue(0)
        role = f"r{_round:03d}"

        def bulk() -> None:
            doc.apply(column(doc.bundle, role, "big", "masked"))
            model.set_source(doc.bundle, "big", "en", None)
            view.viewport().grab()

        add("bulk-set a column (2,000 cells): operation + refresh + repaint", timed(bulk))
        add("memory growth after open, scroll and bulk set (MB)", rss_mb() - before_mb)
        pending = doc.pending("bench")
        done = []
        add(
            "save of that edit (SQLite, changed rows only)",
            timed(lambda p=pending: done.append(write_pending(ws, "bench", p))),
        )
        doc.saved_as(pending, done[0].revision)
        # side by side: the same column cell by cell, 2,000 single-cell operations
        other = f"r{_round + 50:03d}"

        def one_by_one() -> None:
            for f in doc.bundle.entity("big").fields:  # type: ignore[union-attr]
                doc.apply(SetFieldPermission(other, "big", f.key, "masked"))

        add("the same column as 2,000 single-cell operations (no refresh)", timed(one_by_one))
        view.close()
        view.deleteLater()
        app.processEvents()

        _INDEX._cells.clear()
        add(
            "effective access of one user, first (matrix indexed)",
            timed(lambda: effective_access(doc.bundle, "big", user="ur005")),
        )
        add(
            "effective access of one user, again",
            timed(lambda: effective_access(doc.bundle, "big", user="ur006")),
        )
        flipped = (
            SetCells(
                tuple(
                    (f"r{10 + n:03d}", "big", f.key, "edit")
                    for n in range(5)
                    for f in bundle.entity("big").fields  # type: ignore[union-attr]
                )
            )
            .apply(bundle)
            .bundle
        )
        _INDEX._cells.clear()
        add(
            "access diff, 10,000 flipped cells, nothing indexed",
            timed(lambda: access_diff(bundle, flipped)),
        )
        add(
            "access diff, 10,000 flipped cells, as the studio runs it",
            timed(lambda: access_diff(bundle, flipped)),
        )
        changes = access_diff(bundle, flipped)["changes"]
        assert len(changes) > 5000, len(changes)

    for n in range(args.rounds):
        one_round(n)

    ws.close()
    print(f"\n{'measure':<70} {'median':>10}")
    for name, values in rows.items():
        unit = "" if "MB" in name or "frames" in name else " ms"
        print(f"{name:<70} {statistics.median(values):>8.1f}{unit}")
    frames.sort()
    print(f"{'scroll: frame time, median':<70} {statistics.median(frames):>8.1f} ms")
    print(f"{'scroll: frame time, 95th percentile':<70} {frames[int(len(frames) * 0.95)]:>8.1f} ms")
    print(f"{'scroll: frame time, worst':<70} {frames[-1]:>8.1f} ms")
    ratio = statistics.median(
        rows["the same column as 2,000 single-cell operations (no refresh)"]
    ) / statistics.median(rows["bulk-set a column (2,000 cells): operation + refresh + repaint"])
    print(f"{'ratio: cell by cell / one bulk operation':<70} {ratio:>8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
