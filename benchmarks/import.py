"""Import benchmark (issue 16): the whole dry run against a bare python-calamine read of the same
file, side by side in one run; peak memory; the error workbook of 10,000 rejected rows.

    python benchmarks/import.py [--rows 100000] [--million] [--runs 3] [--before TREE] [--filled]

Workbooks are realistic messy customer data (``tests/helpers/messy_customers.py``, Faker
``zh_CN``, 20 columns) cached under the system's temporary folder. Each measurement runs in a
fresh subprocess (so that peak RSS is its own), alternating bare read and dry run; the table shows
medians of the wall time, of the CPU time, and the time with the process's imports (and, for the
dry run, building the configuration) counted too. The work is timed after the imports: a module
is imported once per process (the GUI pays it at start), the read and the dry run every time.
``--before TREE`` adds the dry run of another source tree (e.g. ``git archive`` of the commit
before a change) to the same alternation; ``--filled`` a second pair of rows on the same
workbook with its other columns filled (the headline stays the generator's own workbook). Targets: dry run <= 1.0x the bare read, peak < 400 MB,
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


def workbook(rows: int, *, rejected: bool = False, filled: bool = False) -> Path:
    """A cached messy workbook of about ``rows`` data rows (``rejected``: every row refused;
    ``filled``: the same rows with every cell outside name, mobile, e-mail and company filled,
    like DESIGN.md's 19 MB workbook)."""
    CACHE.mkdir(exist_ok=True)
    name = f"customers-{rows}{'-rejected' if rejected else ''}{'-filled' if filled else ''}.xlsx"
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
    if filled:
        data = [data[0], *_filled(data[1:])]
    print(f"(writing {path.name}: {len(data) - 1} rows)", flush=True)
    write_xlsx(path.with_suffix(".tmp.xlsx"), data, big=rows > 200_000)
    path.with_suffix(".tmp.xlsx").rename(path)
    return path


def _filled(rows: list[list[object]]) -> list[list[object]]:
    """Every empty cell outside the linkage's identity columns (name, mobile, e-mail, company:
    their gaps are part of the known truth) filled with a value its field accepts; one valid
    credit code per company."""
    import random

    from stdnum.cn import uscc

    rnd = random.Random(17)
    codes: dict[object, str] = {}

    def code(company: object) -> str:
        if company not in codes:
            body = f"91{rnd.randrange(110000, 659999)}{rnd.randrange(10**8, 10**9)}"
            codes[company] = body + uscc.calc_check_digit(body)
        return codes[company]

    fills = {
        8: lambda r: rnd.choice(["5000", "1.2万", "¥30,000", "80000元"]),
        10: lambda r: rnd.choice(["老客户", "需回访", "VIP", "展会名片"]),
        11: lambda r: rnd.choice(["经理", "总监", "采购", "职员"]),
        12: lambda r: rnd.choice(["wang", "li", "zhou"]),
        13: lambda r: code(r[3]),
        14: lambda r: rnd.choice(["西湖区", "朝阳区", "浦东新区", "南山区", "天河区"]),
        15: lambda r: f"0571-{rnd.randrange(2 * 10**7, 9 * 10**7)}",
        16: lambda r: f"wxid_{rnd.randrange(10**9, 10**10)}",
        17: lambda r: str(rnd.randrange(10**7, 10**10)),
        18: lambda r: f"幸福路{rnd.randrange(1, 999)}号",
        19: lambda r: (
            f"19{rnd.randrange(60, 99)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
        ),
    }
    out = []
    for r in rows:
        row = list(r)
        for c, fill in fills.items():
            if row[c] is None:
                row[c] = fill(row)
        out.append(row)
    return out


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
    parser.add_argument(
        "--filled", action="store_true", help="also a workbook with the other columns filled"
    )
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
    if args.filled:
        full = workbook(args.rows, filled=True)
        bare_f, dry_f, _ = side_by_side(full, args.runs)
        lines.append(_line(f"bare read, {args.rows} rows, all columns filled", bare_f, bare_f))
        lines.append(_line(f"dry run, {args.rows} rows, all columns filled", dry_f, bare_f))
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
