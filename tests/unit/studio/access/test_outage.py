"""Issue 14's outages as `studio check` and the draft see them: a sales role that can delete
customers, interns reading contract amounts, a leaver who keeps access. Each passed before."""

from __future__ import annotations

from pathlib import Path

from studio.access.edits import set_cell, set_scopes
from studio.access.effective import effective_access
from studio.access.leaver import HandOver
from studio.bundle.sample import sample_bundle
from studio.draft.document import DraftDocument
from studio.draft.save import read_draft
from studio.lint import run_all
from studio.lint.findings import has_errors
from studio.workspace.bootstrap import init_workspace


def codes(bundle, live=None) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in run_all(bundle, None, live) if f.blocking}


def test_the_sample_passes_with_no_errors() -> None:
    assert not has_errors(run_all(sample_bundle()))


def test_sales_deleting_customers_is_an_error_with_archive_as_the_fix() -> None:
    from studio.lint.fixes import apply_fix

    b = set_scopes(sample_bundle(), "sales", "customer", {"read": "all", "delete": "own"})
    finding = next(f for f in run_all(b) if f.code == "protected_delete")
    assert (finding.role, finding.entity) == ("sales", "customer")
    fixed = apply_fix(b, finding.fix)  # type: ignore[arg-type]
    assert "protected_delete" not in codes(fixed)
    assert effective_access(fixed, "customer", role="sales").action("archive").scope == "own"
    assert effective_access(fixed, "customer", role="sales").action("delete").scope is None


def test_interns_reading_contract_amounts_is_an_error_and_masking_fixes_it() -> None:
    from studio.lint.fixes import apply_fix

    b = set_cell(sample_bundle(), "intern", "contract", "contract_amount", "read")
    finding = next(f for f in run_all(b) if f.code == "sensitive_field_exposed")
    assert (finding.role, finding.field) == ("intern", "contract_amount")
    fixed = apply_fix(b, finding.fix)  # type: ignore[arg-type]
    assert not has_errors(run_all(fixed))
    seen = effective_access(fixed, "contract", user="zhao").field("contract_amount")
    assert seen.access == "masked"


def test_a_leaver_handed_over_in_the_draft_keeps_no_access(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        doc = DraftDocument.load(ws)
        doc.apply(HandOver("wu", "zhou", handover_id="wu-leaves"))
        doc.save(ws, "lin", "hand over")
        bundle, _ = read_draft(ws)  # as the tables hold it
        wu = next(u for u in bundle.users if u.user == "wu")
        assert wu.disabled
        access = effective_access(bundle, "customer", user="wu")
        assert all(a.scope is None for a in access.actions)
        assert {f.access for f in access.fields} == {"hidden"}
        assert bundle.access is not None and bundle.access.handovers[0].to == "zhou"
        assert (
            bundle.access.teams[0].leader == "zhou" and "wu" not in bundle.access.teams[0].members
        )
        assert bundle == doc.bundle and bundle.sha256() == doc.bundle.sha256()
        doc.undo()
        doc.save(ws, "lin", "undo")
        assert read_draft(ws)[0] == sample_bundle()
    finally:
        ws.close()


def test_assignment_rules_naming_the_leaver_go_to_the_successor() -> None:
    from studio.access.leaver import hand_over
    from studio.bundle.model import Bundle

    rules = {
        "lead": {
            "assignment": {
                "rules": [
                    {
                        "key": "east_china",
                        "label": {"zh_CN": "华东", "en": "East China"},
                        "enabled": True,
                        "when": {"all": [{"field": "province", "op": "eq", "value": "上海市"}]},
                        "assign": {"kind": "user", "target": "wu"},
                    }
                ],
                "default": {"kind": "user", "target": "wu"},
            }
        }
    }
    bundle = Bundle.model_validate({**sample_bundle().model_dump(), "rules": rules})
    handed = hand_over(bundle, "wu", "zhou", handover_id="wu-2")
    dumped = handed.model_dump(mode="json", exclude_none=True)["rules"]["lead"]["assignment"]
    assert dumped["rules"][0]["assign"] == {"kind": "user", "target": "zhou"}
    assert dumped["default"] == {"kind": "user", "target": "zhou"}
