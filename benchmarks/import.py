"""Import benchmark (issue 16): the whole dry run against a bare python-calamine read of the same
file, side by side in one run; peak memory; the error workbook of 10,000 rejected rows.

    python benchmarks/import.py [--rows 100000] [--million] [--runs 3]

Workbooks are realistic messy customer data (``tests/helpers/messy_customers.py``, Faker
``zh_CN``, 20 columns) cached under the system's temporary folder. Each measurement runs in a
fresh subprocess (so that peak RSS is its own), alternating bare read and dry run; the table shows
medians. Targets: dry run <= 1.0x the bare read, peak < 400 MB, 1,000,000 rows within 11x the
100,000-row time, the error workbook of 10,000 rejected rows under 4 s.
"""

from __future__ import annotations

import argparse
import json
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
start = time.perf_counter()
if kind == "calamine":
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    n = len(rows) - 1
elif kind == "dry_run":
    from importers.pipeline import dry_run
    from studio.bundle.sample import sample_bundle
    plan = dry_run(__import__("pathlib").Path(path), sample_bundle().entity("customer"))
    report = json.dumps(plan.report("zh_CN"), ensure_ascii=False)
    n = plan.rows_read
elif kind == "errors":
    from importers.error_workbook import write_error_workbook
    from importers.pipeline import dry_run
    from studio.bundle.sample import sample_bundle
    plan = dry_run(__import__("pathlib").Path(path), sample_bundle().entity("customer"))
    start = time.perf_counter()
    n = write_error_workbook(plan, __import__("pathlib").Path(sys.argv[3]), "zh_CN")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": n}))
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


def measure(kind: str, path: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def side_by_side(path: Path, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    bare: list[dict[str, float]] = []
    dry: list[dict[str, float]] = []
    for _ in range(runs):  # alternating, so that a busy moment of the machine hits both
        bare.append(measure("calamine", path))
        dry.append(measure("dry_run", path))

    def med(xs: list[dict[str, float]]) -> dict[str, float]:
        return {k: statistics.median(x[k] for x in xs) for k in xs[0]}

    return med(bare), med(dry)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="also 1,000,000 rows (slow)")
    args = parser.parse_args()
    started = time.perf_counter()
    lines = [
        f"{'measurement':44} {'median':>10} {'peak MB':>9} {'ratio':>7}",
        "-" * 73,
    ]
    path = workbook(args.rows)
    bare, dry = side_by_side(path, args.runs)
    ratio = dry["seconds"] / bare["seconds"]
    lines.append(
        f"{'bare python-calamine read, ' + str(args.rows) + ' rows':44} {bare['seconds']:9.2f}s {bare['peak_mb']:9.0f} {1.0:7.2f}"
    )
    lines.append(
        f"{'dry run (read..report), ' + str(args.rows) + ' rows':44} {dry['seconds']:9.2f}s {dry['peak_mb']:9.0f} {ratio:7.2f}"
    )
    if args.million:
        big = workbook(1_000_000)
        bare_m, dry_m = side_by_side(big, 1)
        lines.append(
            f"{'bare python-calamine read, 1000000 rows':44} {bare_m['seconds']:9.2f}s {bare_m['peak_mb']:9.0f} {bare_m['seconds'] / bare['seconds']:7.2f}"
        )
        lines.append(
            f"{'dry run, 1000000 rows (ratio to 100k dry run)':44} {dry_m['seconds']:9.2f}s {dry_m['peak_mb']:9.0f} {dry_m['seconds'] / dry['seconds']:7.2f}"
        )
    bad = workbook(10_000, rejected=True)
    with tempfile.TemporaryDirectory() as tmp:
        errs = [measure("errors", bad, str(Path(tmp) / "e.xlsx")) for _ in range(args.runs)]
    e = statistics.median(x["seconds"] for x in errs)
    lines.append(f"{'error workbook, 10000 rejected rows':44} {e:9.2f}s {'':>9} {'':>7}")
    print("\n".join(lines))
    print(
        f"(targets: dry run <= 1.00x the bare read, peak < 400 MB, 1M rows <= 11x, errors < 4 s; {time.perf_counter() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
