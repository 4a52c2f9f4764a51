"""Released keys are stable: a live field gone from the draft is an error with a restore fix."""

from __future__ import annotations

from studio.bundle.model import FieldType
from studio.lint import run_all
from studio.lint.findings import Severity
from studio.lint.fixes import apply_fix

from .builders import findings, replace_entity, sample, update_field


def _without_field(entity_key: str, key: str):  # type: ignore[no-untyped-def]
    bundle = sample()
    entity = bundle.entity(entity_key)
    assert entity is not None
    forms = tuple(
        f.model_copy(
            update={
                "sections": tuple(
                    s.model_copy(
                        update={"placements": tuple(p for p in s.placements if p.field != key)}
                    )
                    for s in f.sections
                )
            }
        )
        for f in entity.forms
    )
    fields = tuple(f for f in entity.fields if f.key != key)
    return replace_entity(bundle, entity.model_copy(update={"fields": fields, "forms": forms}))


def test_a_removed_released_field_and_its_restore_fix() -> None:
    live = sample()
    draft = _without_field("customer", "notes")
    [f] = findings(draft, "released_field_removed", live=live)
    assert (f.severity, f.entity, f.field) == (Severity.error, "customer", "notes")
    assert f.fix is not None and f.fix.action == "restore_field"
    restored = apply_fix(draft, f.fix)
    entity = restored.entity("customer")
    assert entity is not None
    notes = entity.field("notes")
    assert notes is not None and notes.deprecated and notes.hidden and notes.max_length == 2000
    assert not [x for x in run_all(restored, live=live) if x.blocking]
    # Without a live release, removing a never-released field is fine.
    assert findings(draft, "released_field_removed") == []


def test_a_removed_released_entity() -> None:
    live = sample()
    draft = live.model_copy(
        update={
            "entities": tuple(e for e in live.entities if e.key != "contract"),
            "entity_permissions": tuple(
                p for p in live.entity_permissions if p.entity != "contract"
            ),
            "field_permissions": (),
        }
    )
    [f] = findings(draft, "released_entity_removed", live=live)
    assert f.entity == "contract" and f.severity == Severity.error


def test_a_released_field_changing_type() -> None:
    live = sample()
    draft = update_field(live, "customer", "notes", type=FieldType.text)
    [f] = findings(draft, "released_field_type_changed", live=live)
    assert f.severity == Severity.warning and "long_text" in f.message
    assert findings(live, "released_field_type_changed", live=live) == []
