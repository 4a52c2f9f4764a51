"""The live scan on real SQLite, PostgreSQL and MariaDB: the notes that an ETL filled with
800-character material descriptions make customer red, and the scan never writes."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from studio.bundle.sample import sample_bundle
from studio.scan.connect import open_readonly
from studio.scan.run import scan_database
from tests.helpers.crm_db import fingerprint, make_crm

from .conftest import CrmDatabase


def test_notes_of_800_characters_make_customer_red(crm_db: CrmDatabase) -> None:
    make_crm(crm_db.owner_url, rows=300, notes_average=800)
    report = scan_database(crm_db.scan_url, sample_bundle(), password=crm_db.password)
    assert report.red == ["customer"]
    [long] = [f for f in report.findings if f.code == "column_too_long"]
    assert (long.entity, long.field) == ("customer", "notes") and long.blocking
    customer = report.scan.table("customer")
    assert customer is not None
    notes = customer.column("notes")
    assert notes is not None and notes.avg_length is not None and notes.p95_length is not None
    assert 700 < notes.avg_length < 900, notes.avg_length  # characters, not UTF-8 bytes
    assert notes.p95_length >= notes.avg_length
    assert customer.column("email").null_ratio == pytest.approx(0.25, abs=0.08)  # type: ignore[union-attr]
    assert customer.column("mobile").distinct_ratio == pytest.approx(1.0, abs=0.05)  # type: ignore[union-attr]
    assert customer.rows is not None and 250 <= customer.rows <= 350
    health = {e.name: e for e in report.entities}
    assert health["customer"].status == "red" and health["customer"].table == "customer"
    assert health["customer"].worst_column == "notes"
    assert health["contact"].status == "green"
    document = report.to_json()
    assert {"name", "fields", "searchable", "status"} <= set(document["entities"][0])
    assert {"severity", "code", "entity", "field", "role", "message", "fix"} <= set(
        document["findings"][0]
    )


def test_the_scan_never_writes(crm_db: CrmDatabase) -> None:
    make_crm(crm_db.owner_url, rows=120)
    before = fingerprint(crm_db.owner_url)
    scan_database(crm_db.scan_url, sample_bundle(), password=crm_db.password)
    assert fingerprint(crm_db.owner_url) == before
    # The scanner's own connection refuses a write, even with the owner's rights.
    conn = open_readonly(crm_db.owner_url)
    try:
        with pytest.raises(DBAPIError) as refused, conn.engine.begin() as c:
            c.execute(text("insert into contact (id, name) values (9999, 'x')"))
        assert "read" in str(refused.value.orig).lower()
    finally:
        conn.engine.dispose()
    assert fingerprint(crm_db.owner_url) == before


def test_index_verdicts_are_safe(crm_db: CrmDatabase) -> None:
    make_crm(crm_db.owner_url, rows=50)
    report = scan_database(crm_db.scan_url, sample_bundle(), password=crm_db.password)
    customer = report.scan.table("customer")
    contact = report.scan.table("contact")
    assert customer is not None and contact is not None
    verdicts = {i.name: i for i in customer.indexes + contact.indexes}
    assert verdicts["ix_customer_company"].verdict == "duplicate"
    assert verdicts["ix_customer_company"].duplicate_of == "ix_customer_company_name"
    # Backing a constraint: never unused, never duplicate, whatever the usage says.
    for idx in customer.indexes + contact.indexes:
        if idx.primary or idx.unique or idx.constraint:
            assert idx.verdict is None, idx
    assert verdicts["ix_contact_customer"].constraint  # it serves the foreign key
    if crm_db.dialect in ("postgresql", "mysql"):  # the test MariaDB keeps performance_schema
        assert report.scan.usage_since is not None
        assert verdicts["ix_customer_company_name"].verdict == "unused"
        [unused] = [f for f in report.findings if f.code == "index_unused"]
        assert "since" in unused.message and report.scan.usage_since[:10] in unused.message
    else:  # no usage statistics: never "unused"
        assert all(i.verdict != "unused" for i in verdicts.values())
        assert report.scan.usage_since is None


def test_binary_and_json_columns(crm_db: CrmDatabase) -> None:
    make_crm(crm_db.owner_url, rows=40)
    report = scan_database(crm_db.scan_url, sample_bundle(), password=crm_db.password)
    customer = report.scan.table("customer")
    assert customer is not None
    photo, extra = customer.column("photo"), customer.column("extra")
    assert photo is not None and extra is not None
    assert photo.kind == "binary" and photo.avg_length == pytest.approx(64)
    assert extra.kind in ("json", "text") and extra.avg_length is not None
    assert not any(f.field in ("photo",) and f.code == "column_too_long" for f in report.findings)


def test_estimated_or_exact_is_said(crm_db: CrmDatabase) -> None:
    make_crm(crm_db.owner_url, rows=60)
    report = scan_database(crm_db.scan_url, sample_bundle(), password=crm_db.password)
    customer = report.scan.table("customer")
    assert customer is not None
    if crm_db.dialect == "postgresql":
        assert customer.method == "planner" and not customer.rows_exact
    else:
        assert customer.method in ("exact", "sample")
    assert report.to_json()["database"]["dialect"] == crm_db.dialect
