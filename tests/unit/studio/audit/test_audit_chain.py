"""The audit chain: appends never fork, verify reports every break, decisions carry signatures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select, update

from schema.models import AuditRow
from studio import changes
from studio.audit import log as audit
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import PASSPHRASE, edit_draft, make_demo_keys


def _append_concurrently(target: str, writers: int = 4, each: int = 15) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        ws = open_workspace(target)
        try:
            for i in range(each):
                with ws.session() as s:
                    audit.append(s, f"user{n}", "export", f"file-{n}-{i}.xlsx")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            ws.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors


def _assert_one_unforked_chain(ws: Workspace, expected: int) -> None:
    with ws.session() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.seq)).all()
        report = audit.verify(s)
    assert report.intact, report.breaks
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert len(rows) == expected + 1  # and the sample's own "init" entry
    assert len({r.prev_hash for r in rows}) == len(rows)  # no two share a predecessor


def test_concurrent_appends_on_sqlite_never_fork_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    init_workspace(path, sample=True).close()
    _append_concurrently(str(path))
    ws = open_workspace(str(path))
    try:
        _assert_one_unforked_chain(ws, 4 * 15)
    finally:
        ws.close()


def test_concurrent_appends_on_postgresql_never_fork_the_chain(pg_url: str) -> None:
    init_workspace(pg_url, sample=True).close()
    _append_concurrently(pg_url)
    ws = open_workspace(pg_url)
    try:
        _assert_one_unforked_chain(ws, 4 * 15)
    finally:
        ws.close()


@pytest.fixture
def log_with_breaks(tmp_path: Path) -> Workspace:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    with ws.session() as s:
        for i in range(6):
            audit.append(s, "lin", "export", f"f{i}.xlsx")
    yield ws
    ws.close()


def test_verify_reports_every_break_not_only_the_first(log_with_breaks: Workspace) -> None:
    ws = log_with_breaks
    with ws.session() as s:
        ids = [r.id for r in s.scalars(select(AuditRow).order_by(AuditRow.seq))]
        s.execute(update(AuditRow).where(AuditRow.id == ids[1]).values(subject="other.xlsx"))
        s.execute(update(AuditRow).where(AuditRow.id == ids[4]).values(actor="zhao"))
    with ws.session() as s:
        report = audit.verify(s)
    assert [b.entry for b in report.breaks] == [ids[1], ids[4]]
    assert report.broken_at == ids[1] and report.entries == 7  # six and the "init"


@pytest.mark.parametrize("tampering", ["edited", "deleted", "swapped", "inserted"])
def test_each_clumsy_edit_the_review_saw_detected_stays_detected(
    log_with_breaks: Workspace, tampering: str
) -> None:
    """Issue 20's "detected today", kept: one entry edited, one deleted in the middle, two
    swapped, one inserted without a valid hash; each is a break, and the entries after it are
    still judged (no break hides another)."""
    ws = log_with_breaks
    with ws.session() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.seq)).all()
        third, fourth = rows[2], rows[3]
        if tampering == "edited":
            third.subject = "forged.xlsx"
        elif tampering == "deleted":
            s.delete(third)
        elif tampering == "swapped":
            third.seq, fourth.seq = -1, -2
            s.flush()
            third.seq, fourth.seq = 4, 3
        else:
            for row in rows[:1:-1]:  # make room at position 3, from the end
                row.seq += 1
                s.flush()
            s.add(
                AuditRow(
                    seq=3,
                    at=third.at,
                    actor="lin",
                    action="approve",
                    subject="c1",
                    details={},
                    prev_hash=rows[1].hash,
                    hash="f" * 64,
                )
            )
    with ws.session() as s:
        report = audit.verify(s)
    assert not report.intact
    assert report.entries == (6 if tampering == "deleted" else 8 if tampering == "inserted" else 7)
    # The break is at the third position (or the entry that now follows the deleted one) ...
    with ws.session() as s:
        order = [r.id for r in s.scalars(select(AuditRow).order_by(AuditRow.seq))]
    assert report.broken_at == order[2]
    # ... and an edit further on is still reported beside it.
    with ws.session() as s:
        s.execute(update(AuditRow).where(AuditRow.id == order[-1]).values(actor="zhao"))
    with ws.session() as s:
        assert audit.verify(s).breaks[-1].entry == order[-1]


def _recompute_chain(ws: Workspace) -> None:
    """What an attacker with write access does after editing: re-hash every entry."""
    with ws.session() as s:
        prev = audit.GENESIS
        for row in s.scalars(select(AuditRow).order_by(AuditRow.seq)):
            row.prev_hash = prev
            row.hash = audit._entry_hash(
                prev, audit._stamp(row), row.actor, row.action, row.subject, row.details
            )
            prev = row.hash


@pytest.fixture
def rejected_change(tmp_path: Path) -> tuple[Workspace, str]:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    make_demo_keys(ws)
    edit_draft(ws)
    view = changes.submit(ws, "lin", "Company required", "")
    changes.reject(ws, view.id, "zhou", PASSPHRASE, "Not before the audit")
    yield ws, view.id
    ws.close()


def test_a_decision_carries_its_signature_and_verifies(
    rejected_change: tuple[Workspace, str],
) -> None:
    ws, _change_id = rejected_change
    with ws.session() as s:
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "reject")).one()
        assert entry.details["signature"] and entry.details["version"] == 1
        assert audit.verify(s).intact


def test_a_rejection_rewritten_into_an_approval_fails_even_with_the_chain_recomputed(
    rejected_change: tuple[Workspace, str],
) -> None:
    ws, _change_id = rejected_change
    with ws.session() as s:
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "reject")).one()
        entry.action = "approve"
        entry_id = entry.id
    _recompute_chain(ws)
    with ws.session() as s:
        report = audit.verify(s)
    assert [(b.entry, b.reason) for b in report.breaks] == [(entry_id, "signature")]


def test_a_correctly_chained_forged_approval_fails(rejected_change: tuple[Workspace, str]) -> None:
    ws, change_id = rejected_change
    with ws.session() as s:
        real = s.scalars(select(AuditRow).where(AuditRow.action == "reject")).one()
        forged = audit.append(
            s,
            "chen",
            "approve",
            change_id,
            {**real.details, "signature": real.details["signature"]},  # someone else's signature
        )
        forged_id = forged.id
    with ws.session() as s:
        report = audit.verify(s)
    assert [(b.entry, b.reason) for b in report.breaks] == [(forged_id, "signature")]


def test_audit_verify_names_every_entry_it_cannot_vouch_for(
    rejected_change: tuple[Workspace, str],
) -> None:
    import subprocess
    import sys

    ws, _change_id = rejected_change
    with ws.session() as s:
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "reject")).one()
        entry.action = "approve"
        first = s.scalars(select(AuditRow).order_by(AuditRow.seq)).first()
        assert first is not None
        first.actor = "admin"
        first_id, entry_id = first.id, entry.id
    target = ws.target
    ws.close()
    done = subprocess.run(
        [sys.executable, "-m", "studio", "audit", "verify", "--workspace", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0] == (
        f"The audit log is broken at entry {first_id}: it was altered or an entry was removed."
    )
    assert f"Entry {first_id} was altered, inserted or follows a removed entry." in lines[2]
    assert any(f"Entry {entry_id} " in line for line in lines[2:])
