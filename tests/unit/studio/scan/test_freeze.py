"""The freeze: while customer is red (its notes average 800 characters), no field is added to it
and none made searchable; submit refuses; an approved threshold change lifts it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from schema.models import ReleaseRow
from studio.bundle.model import Bundle, EntityThresholds, Thresholds
from studio.bundle.sample import sample_bundle
from studio.changes.flow import ChangeRefused, submit
from studio.draft.store import replace_draft
from studio.lint.draft import check_draft
from studio.scan.service import run_scan
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.crm_db import NOW, make_crm
from tests.unit.studio.lint.builders import add_field, field, update_field


def _release(ws: Workspace, bundle: Bundle, version: int) -> None:
    with ws.session() as s:
        s.add(
            ReleaseRow(
                version=version,
                change_id=str(uuid.uuid4()),
                author="lin",
                bundle_json=bundle.canonical_json().decode("utf-8"),
                bundle_sha256=bundle.sha256(),
                document={},
            )
        )


def _draft(ws: Workspace, bundle: Bundle) -> list[str]:
    with ws.session() as s:
        replace_draft(s, bundle, user="lin")
    with ws.session() as s:
        return [
            f"{f.code}:{f.entity}.{f.field}" for f in check_draft(s) if f.code == "entity_frozen"
        ]


@pytest.fixture
def red_customer(sample_workspace_path: Path, tmp_path: Path) -> Workspace:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=100, notes_average=800)
    ws = open_workspace(str(sample_workspace_path))
    _release(ws, sample_bundle(), 1)
    report = run_scan(str(sample_workspace_path), url, now=NOW)
    assert report.red == ["customer"]
    return ws


def test_adding_a_field_to_a_red_entity_is_refused(red_customer: Workspace) -> None:
    ws = red_customer
    try:
        added = add_field(sample_bundle(), field("device_param_01", "text"), forms=())
        assert _draft(ws, added) == ["entity_frozen:customer.device_param_01"]
        with ws.session() as s:
            [frozen] = [f for f in check_draft(s) if f.code == "entity_frozen"]
        assert "is red (column_too_long) and frozen" in frozen.message
        assert "raise its threshold (thresholds.entities.customer)" in frozen.message
        with pytest.raises(ChangeRefused) as refused:
            submit(ws, "lin", "Device parameters")
        assert "frozen" in str(refused.value)
        # Another entity is not frozen.
        other = add_field(sample_bundle(), field("qq_number", "text"), entity="contact", forms=())
        assert _draft(ws, other) == []
    finally:
        ws.close()


def test_making_a_field_searchable_is_refused(red_customer: Workspace) -> None:
    ws = red_customer
    try:
        searchable = update_field(sample_bundle(), "customer", "notes", searchable=True)
        assert _draft(ws, searchable) == ["entity_frozen:customer.notes"]
        # Turning search off, or other edits, are fine.
        plain = update_field(sample_bundle(), "customer", "company", searchable=False)
        assert _draft(ws, plain) == []
    finally:
        ws.close()


def test_an_approved_threshold_change_lifts_the_freeze(red_customer: Workspace) -> None:
    ws = red_customer
    try:
        raised = sample_bundle().model_copy(
            update={
                "thresholds": Thresholds(
                    entities={"customer": EntityThresholds(max_avg_length=1000)}
                )
            }
        )
        raised = Bundle.model_validate(raised.model_dump())
        # Raised only in the draft: still frozen (the draft cannot lift its own freeze).
        assert _draft(ws, add_field(raised, field("device_param_01", "text"), forms=())) != []
        # Approved and live: lifted.
        _release(ws, raised, 2)
        assert _draft(ws, add_field(raised, field("device_param_01", "text"), forms=())) == []
    finally:
        ws.close()


def test_the_designer_refuses_and_says_why(red_customer: Workspace, qtbot: object) -> None:
    from studio.draft import edits as de
    from widgets.context import StudioContext
    from widgets.entities.document import DesignerDocument

    ws = red_customer
    try:
        doc = DesignerDocument(StudioContext(ws, "lin"))
        doc.load()
        assert doc.frozen == {"customer": ["column_too_long"]}
        refused = doc.apply(
            "add",
            lambda b: de.add_field(b, "customer", "device_param_01", "设备参数", "Param", "text"),
        )
        assert refused is not None and "customer is red (column_too_long)" in str(refused)
        assert "thresholds.entities.customer" in str(refused)
        assert doc.bundle.entity("customer").field("device_param_01") is None  # type: ignore[union-attr]
        searchable = doc.apply(
            "search", lambda b: de.update_field(b, "customer", "notes", {"searchable": True})
        )
        assert searchable is not None and "made searchable" in str(searchable)
        # Other edits, and other entities, go through.
        assert (
            doc.apply(
                "label", lambda b: de.update_field(b, "customer", "notes", {"label_en": "Remarks"})
            )
            is None
        )
        assert (
            doc.apply("add", lambda b: de.add_field(b, "contact", "qq_number", "QQ", "QQ", "text"))
            is None
        )
    finally:
        ws.close()


def test_a_change_that_would_cross_mysql_row_size_is_refused_at_submit(
    sample_workspace_path: Path, mariadb_db: object
) -> None:
    """espocrm#447 / mautic#6875: the ALTER that adds one more VARCHAR fails on a full row."""
    from tests.helpers.mariadb import SCAN_PASSWORD, MariaDBDatabase

    assert isinstance(mariadb_db, MariaDBDatabase)
    wide = ", ".join(f"c{i} varchar(255)" for i in range(62))
    mariadb_db.execute(
        f"create table customer (id int primary key, name varchar(100), notes text, {wide}) "
        "character set utf8mb4 row_format=dynamic"
    )
    ws = open_workspace(str(sample_workspace_path))
    try:
        _release(ws, sample_bundle(), 1)
        import keyring

        from studio.scan.connect import redact
        from studio.scan.service import KEYRING_SERVICE, scan_in_workspace

        keyring.set_password(KEYRING_SERVICE, redact(mariadb_db.scan_url), SCAN_PASSWORD)
        try:
            report = scan_in_workspace(ws, mariadb_db.scan_url, now=NOW)
        finally:
            keyring.delete_password(KEYRING_SERVICE, redact(mariadb_db.scan_url))
        customer = next(e for e in report.entities if e.name == "customer")
        [row] = [lim for lim in customer.limits if lim["limit"] == "row_bytes"]
        assert 0 < row["left"] < 1022 * 3
        bundle = sample_bundle()
        for i in range(3):
            bundle = add_field(bundle, field(f"param_{i}", "text"), forms=())
        with ws.session() as s:
            replace_draft(s, bundle, user="lin")
        with ws.session() as s:
            [budget] = [f for f in check_draft(s) if f.code == "db_limit_budget"]
        assert budget.entity == "customer" and "the ALTER would fail" in budget.message
        with pytest.raises(ChangeRefused):
            submit(ws, "lin", "Three more parameters")
        # As long text (a 12-byte pointer each) they fit.
        fitting = sample_bundle()
        for i in range(3):
            fitting = add_field(fitting, field(f"param_{i}", "long_text"), forms=())
        with ws.session() as s:
            replace_draft(s, fitting, user="lin")
        with ws.session() as s:
            assert [f for f in check_draft(s) if f.code == "db_limit_budget"] == []
    finally:
        ws.close()
