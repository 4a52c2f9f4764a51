"""Import benchmark (issue 16): the whole dry run against a bare python-calamine read of the same
file, side by side in one run; peak memory; the error workbook of 10,000 rejected rows.

    python benchmarks/import.py [--rows 100000] [--million] [--runs 3] [--before TREE]

Workbooks are realistic messy customer data (``tests/helpers/messy_customers.py``, Faker
``zh_CN``, 20 columns) cached under the system's temporary folder. Each measurement runs in a
fresh subprocess (so that peak RSS is its own), alternating bare read and dry run; the table shows
medians of the wall time, of the CPU time, and the time with the process's imports (and, for the
dry run, building the configuration) counted too. The work is timed after the imports: a module
is imported once per process (the GUI pays it at start), the read and the dry run every time.
``--before TREE`` adds the dry run of another source tree (e.g. ``git archive`` of the commit
before a change) to the same alternation. Targets: dry run <= 1.0x the bare read, peak < 400 MB,
1,000,000 rows within 11x the 100,000-row time, the error workbook of 10,000 rejected rows under
4 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "studio-import-bench"

_CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
cold = time.perf_counter()
if kind == "calamine":
    from python_calamine import CalamineWorkbook
    start, cpu = time.perf_counter(), time.process_time()
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    n = len(rows) - 1
elif kind == "dry_run":
    from importers.pipeline import dry_run
    from studio.bundle.sample import sample_bundle
    customer = sample_bundle().entity("customer")
    start, cpu = time.perf_counter(), time.process_time()
    plan = dry_run(__import__("pathlib").Path(path), customer)
    report = json.dumps(plan.report("zh_CN"), ensure_ascii=False)
    n = plan.rows_read
elif kind == "errors":
    from importers.error_workbook import write_error_workbook
    from importers.pipeline import dry_run
    from studio.bundle.sample import sample_bundle
    plan = dry_run(__import__("pathlib").Path(path), sample_bundle().entity("customer"))
    start, cpu = time.perf_counter(), time.process_time()
    n = write_error_workbook(plan, __import__("pathlib").Path(sys.argv[3]), "zh_CN")
end = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": end - start, "cpu": time.process_time() - cpu,
                  "cold": end - cold, "peak_mb": peak, "rows": n}))
"""


def workbook(rows: int, *, rejected: bool = False) -> Path:
    """A cached messy workbook of about ``rows`` data rows (``rejected``: every row refused)."""
    CACHE.mkdir(exist_ok=True)
    name = f"customers-{rows}{'-rejected' if rejected else ''}.xlsx"
    path = CACHE / name
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT))
    from tests.helpers.messy_customers import generate
    from tests.helpers.workbooks import write_xlsx

    people = max(int(rows / 1.45), 1)  # about 1.5 rows a person: enough for ``rows``
    messy = generate(people, seed=5)
    data = messy.rows[: rows + 1]
    if rejected:
        data = [data[0], *([r[0], "12345", *r[2:]] for r in data[1:])]
    print(f"(writing {path.name}: {len(data) - 1} rows)", flush=True)
    write_xlsx(path.with_suffix(".tmp.xlsx"), data, big=rows > 200_000)
    path.with_suffix(".tmp.xlsx").rename(path)
    return path


def measure(kind: str, path: Path, *extra: str, tree: Path = ROOT) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path), *extra],
        capture_output=True,
        text=True,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _median(xs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(x[k] for x in xs) for k in xs[0]}


def side_by_side(
    path: Path, runs: int, before: Path | None = None
) -> tuple[dict[str, float], dict[str, float], dict[str, float] | None]:
    bare: list[dict[str, float]] = []
    dry: list[dict[str, float]] = []
    old: list[dict[str, float]] = []
    for _ in range(runs):  # alternating, so that a busy moment of the machine hits all
        bare.append(measure("calamine", path))
        dry.append(measure("dry_run", path))
        if before is not None:
            old.append(measure("dry_run", path, tree=before))
    return _median(bare), _median(dry), (_median(old) if old else None)


def _line(label: str, m: dict[str, float], base: dict[str, float]) -> str:
    return (
        f"{label:46} {m['seconds']:8.2f}s {m['cpu']:8.2f}s {m['cold']:8.2f}s "
        f"{m['peak_mb']:8.0f} {m['seconds'] / base['seconds']:6.2f} {m['cpu'] / base['cpu']:6.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="also 1,000,000 rows (slow)")
    parser.add_argument("--before", type=Path, help="also the dry run of this source tree")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
    lines = [
        f"{'measurement':46} {'wall':>9} {'cpu':>9} {'+imports':>9} {'peak MB':>8} "
        f"{'ratio':>6} {'cpu r.':>6}",
        "-" * 100,
    ]
    path = workbook(args.rows)
    bare, dry, old = side_by_side(path, args.runs, args.before)
    lines.append(_line(f"bare python-calamine read, {args.rows} rows", bare, bare))
    lines.append(_line(f"dry run (read..report), {args.rows} rows", dry, bare))
    if old is not None:
        lines.append(_line(f"dry run of {args.before.name}, {args.rows} rows", old, bare))
    if args.million:
        big = workbook(1_000_000)
        bare_m, dry_m, _ = side_by_side(big, 1)
        lines.append(_line("bare python-calamine read, 1000000 rows", bare_m, bare))
        lines.append(_line("dry run, 1000000 rows (ratio: to 100k dry run)", dry_m, dry))
    bad = workbook(10_000, rejected=True)
    with tempfile.TemporaryDirectory() as tmp:
        errs = [measure("errors", bad, str(Path(tmp) / "e.xlsx")) for _ in range(args.runs)]
    e = _median(errs)
    lines.append(
        f"{'error workbook, 10000 rejected rows':46} {e['seconds']:8.2f}s {e['cpu']:8.2f}s"
    )
    print("\n".join(lines))
    print(
        f"(targets: dry run <= 1.00x the bare read, peak < 400 MB, 1M rows <= 11x, errors < 4 s; "
        f"{time.perf_counter() - started:.0f} s; load average after: {os.getloadavg()[0]:.1f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
