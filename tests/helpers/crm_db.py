"""A CRM's own database, as a scan finds it: a ``customer`` table whose ``notes`` were filled by a
night-time ETL with material descriptions (800 characters on average), and a ``contact`` table.

Written with the owner's connection (never the scanner's), on SQLite, PostgreSQL or MariaDB.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.types import JSON

NOW = datetime(2026, 11, 30, 12, 0, 0)


def crm_metadata() -> tuple[MetaData, Table, Table]:
    md = MetaData()
    customer = Table(
        "customer",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False),
        Column("mobile", String(20), unique=True),
        Column("email", String(100)),
        Column("company", String(200)),
        Column("source", String(50)),
        Column("notes", Text),
        Column("photo", LargeBinary),
        Column("extra", JSON),
        Column("updated_at", DateTime),
        Index("ix_customer_company", "company"),
        Index("ix_customer_company_name", "company", "name"),
    )
    contact = Table(
        "contact",
        md,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customer.id")),
        Column("name", String(100)),
        Index("ix_contact_customer", "customer_id"),
    )
    return md, customer, contact


def notes_text(rng: random.Random, average: int) -> str:
    """A material description of about ``average`` characters, half Chinese."""
    n = max(1, int(rng.gauss(average, average / 10)))
    unit = "铸铁床身 HT300，主轴功率 15kW；"
    return (unit * (n // len(unit) + 1))[:n]


def make_crm(url: str, rows: int = 300, notes_average: int = 800, seed: int = 7) -> None:
    engine = create_engine(url)
    md, customer, contact = crm_metadata()
    md.create_all(engine)
    rng = random.Random(seed)
    customers = [
        {
            "id": i + 1,
            "name": f"客户{i}",
            "mobile": f"138{i:08d}",
            "email": f"c{i}@example.cn" if i % 4 else None,
            "company": f"公司{i % 50}",
            "source": rng.choice(["展会", "官网", "转介绍"]),
            "notes": notes_text(rng, notes_average),
            "photo": bytes(rng.getrandbits(8) for _ in range(64)),
            "extra": {"level": i % 3, "tags": ["a", "b"]},
            # a third untouched for a year: cold
            "updated_at": NOW - timedelta(days=400 if i % 3 == 0 else i % 30),
        }
        for i in range(rows)
    ]
    with engine.begin() as conn:
        conn.execute(insert(customer), customers)
        conn.execute(
            insert(contact),
            [{"id": i + 1, "customer_id": i % rows + 1, "name": f"联系人{i}"} for i in range(rows)],
        )
        if engine.dialect.name == "postgresql":
            conn.execute(text("analyze"))
    engine.dispose()


def fingerprint(url: str) -> str:
    """A digest of every table's schema and rows: equal before and after a scan that wrote
    nothing."""
    engine = create_engine(url)
    digest = hashlib.sha256()
    try:
        insp = inspect(engine)
        md = MetaData()
        md.reflect(engine)
        with engine.connect() as conn:
            for name in sorted(insp.get_table_names()):
                digest.update(repr(insp.get_columns(name)).encode())
                digest.update(
                    repr(sorted(i["name"] or "" for i in insp.get_indexes(name))).encode()
                )
                table = md.tables[name]
                for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                    digest.update(repr(tuple(row)).encode())
    finally:
        engine.dispose()
    return digest.hexdigest()
