"""Scans kept in the workspace; drift between them (the ETL writing into customer.notes); cold
data; the self-check list; the xlsx and PDF reports."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from studio.bundle.sample import sample_bundle
from studio.scan import store
from studio.scan.drift import drift
from studio.scan.export import write_report
from studio.scan.mapping import Mapping
from studio.scan.model import ColumnStats, DatabaseScan, TableStats
from studio.scan.run import scan_database
from studio.scan.selfcheck import normal_mobile
from studio.scan.service import run_scan
from studio.workspace.connection import open_workspace
from tests.helpers.crm_db import NOW, make_crm

FIRST = datetime(2026, 11, 20, 9, 0, 0)


def _etl_writes_material_descriptions(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("update customer set notes = :n"), {"n": "物料描述：" + "铸铁床身HT300 " * 68}
        )
    engine.dispose()


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_notes_length_jump_between_two_scans(
    dialect: str, sample_workspace_path: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'crm.db'}"
        if dialect == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    make_crm(url, rows=200, notes_average=38)
    first = run_scan(str(sample_workspace_path), url, now=FIRST)
    assert first.red == [] and first.drift is None
    _etl_writes_material_descriptions(url)
    second = run_scan(str(sample_workspace_path), url, now=NOW)
    [jump] = [f for f in second.findings if f.code == "length_jump"]
    assert jump.entity == "customer" and jump.field == "notes"
    assert "Average length of customer.notes went from 3" in jump.message
    assert "since 2026-11-20: another system may be writing into it" in jump.message
    assert second.drift is not None and second.drift["schema"] == []
    assert [f["code"] for f in second.drift["statistics"]] == ["length_jump"]
    assert second.red == ["customer"]  # and over the 500 line too
    ws = open_workspace(str(sample_workspace_path))
    try:
        with ws.session() as s:
            kept = store.history(s)
            assert [r.at.date().isoformat() for r in kept] == ["2026-11-20", "2026-11-30"]
            assert "://" in kept[0].database and kept[1].entities[0]["name"] == "customer"
    finally:
        ws.close()


def _scan(tables: list[TableStats]) -> DatabaseScan:
    return DatabaseScan("mysql", "10.11", "mysql+pymysql://u@h/crm", tables=tables)


def test_schema_drift_is_apart_and_collation_does_not_alarm() -> None:
    before = _scan(
        [TableStats("customer", columns=[
            ColumnStats("name", "varchar(100) COLLATE utf8mb4_general_ci", "text", avg_length=6),
            ColumnStats("fax", "varchar(20)", "text"),
            ColumnStats("budget", "int", "other"),
        ])]
    )  # fmt: skip
    after = _scan(
        [TableStats("customer", columns=[
            ColumnStats("name", "varchar(100) COLLATE utf8mb4_unicode_ci", "text", avg_length=7),
            ColumnStats("budget", "bigint", "other"),
            ColumnStats("wechat", "varchar(50)", "text"),
        ])]
    )  # fmt: skip
    schema, statistics = drift(before, FIRST, after, Mapping(tables={"customer": "customer"}))
    messages = sorted(f.message for f in schema)
    assert messages == [
        "Column customer.budget changed type from int to bigint since 2026-11-20.",
        "Column customer.fax is gone since 2026-11-20.",
        "Column customer.wechat is new since 2026-11-20.",
    ]
    assert statistics == []


def test_cold_data_share(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=300, notes_average=40)
    report = scan_database(url, sample_bundle(), now=NOW)
    customer = report.scan.table("customer")
    assert customer is not None and customer.cold_share == pytest.approx(1 / 3, abs=0.01)
    [cold] = [f for f in report.findings if f.code == "cold_data"]
    assert cold.entity == "customer" and "33 % of customer's rows" in cold.message
    assert "index only the hot rows" in cold.message
    assert report.mapping.updated_at == {"customer": "updated_at"}
    shorter = scan_database(url, sample_bundle(), now=NOW, cold_days=10)
    assert shorter.scan.table("customer").cold_share > 0.6  # type: ignore[union-attr]


def test_self_check_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=100, notes_average=40)
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        # The same people again, in other formats: 12 of 112 are duplicates (10.7 %).
        for i in range(12):
            conn.execute(
                "insert into customer (id, name, mobile) values (?, ?, ?)",
                (1000 + i, f"客户{i}", f"+86 138 {i:08d}"),
            )
        conn.execute(
            "create table opportunity (id integer primary key, stage text, stage_changed_at timestamp)"
        )
        rows = [
            (i, "proposal" if i % 2 else "won", f"2026-{(i % 11) + 1:02d}-01 00:00:00")
            for i in range(40)
        ]
        conn.executemany("insert into opportunity values (?, ?, ?)", rows)
    report = scan_database(url, sample_bundle(), now=NOW)
    items = {i.key: i for i in report.self_check}
    assert items["duplicate_mobile"].status == "fail" and items[
        "duplicate_mobile"
    ].value.startswith("10.7 %")
    assert items["stale_opportunities"].status == "fail"  # proposals waiting for months
    assert items["delete_customer"].status == "pass" and items["delete_customer"].value == "none"
    assert items["searchable_per_table"].status == "pass"
    assert items["length_red_line"].status == "pass"
    assert all(
        i.status in ("pass", "warn", "fail", "unknown") and i.label and i.line
        for i in report.self_check
    )
    assert normal_mobile("+86 138-0013-8000") == normal_mobile("13800138000") == "13800138000"


def test_xlsx_report(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=100, notes_average=800)
    report = scan_database(url, sample_bundle(), now=NOW)
    out = tmp_path / "report.xlsx"
    write_report(report, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["Self-check", "Entities", "Findings", "Columns"]
    entities = list(wb["Entities"].iter_rows(values_only=True))
    assert any(r[0] == "Customer (customer)" and r[1] == "RED" for r in entities)
    findings = list(wb["Findings"].iter_rows(values_only=True))
    assert any(r[3] == "column_too_long" and r[2] == "notes" for r in findings)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="never: scripts/test installs poppler-utils"
)
def test_pdf_report_embeds_the_chinese_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=100, notes_average=800)
    report = scan_database(url, sample_bundle(), now=NOW)
    out = tmp_path / "report.pdf"
    write_report(report, out)
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "CID" in fonts and " yes " in fonts.splitlines()[2]  # embedded (a subset)
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(out), str(png)], check=True
    )
    [page] = list(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 10_000
    if (keep := Path("/tmp/scan-report-page.png")).parent.exists():
        shutil.copy(page, keep)  # for a person to look at
    text_ = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "字段索引健康报告" in text_ and "客户" in text_
