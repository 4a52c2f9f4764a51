"""Released keys are stable: the CRM stores data under them, and integrations read them.

A field (or entity) of the live release that is gone from the draft would orphan its data; the
designer refuses such renames, and this rule catches a bundle edited elsewhere (an imported JSON
file, a script). Deprecating or hiding is the way to retire a field.
"""

from __future__ import annotations

from studio.bundle.model import Bundle
from studio.i18n import tr
from studio.lint import DataStats, rule
from studio.lint.common import name
from studio.lint.findings import Finding, Fix, Severity


@rule
def released_keys_are_stable(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    if live is None:
        return []
    findings: list[Finding] = []
    for live_entity in live.entities:
        entity = bundle.entity(live_entity.key)
        if entity is None:
            findings.append(
                Finding(
                    Severity.error,
                    "released_entity_removed",
                    tr(
                        "Entity {entity} is live but missing from the draft: its records would be "
                        "orphaned. Released keys are stable; restore it.",
                        entity=name(live_entity),
                    ),
                    entity=live_entity.key,
                )
            )
            continue
        current = {f.key: f for f in entity.fields}
        for before in live_entity.fields:
            fd = current.get(before.key)
            if fd is None:
                findings.append(
                    Finding(
                        Severity.error,
                        "released_field_removed",
                        tr(
                            "Field {field} is live but missing from the draft (removed or "
                            "renamed): its data would be orphaned. Released keys are stable; "
                            "deprecate or hide the field instead.",
                            field=name(before),
                        ),
                        entity=entity.key,
                        field=before.key,
                        fix=Fix(
                            "restore_field",
                            tr("Restore {field} as deprecated and hidden", field=name(before)),
                            {
                                "entity": entity.key,
                                "field": before.key,
                                "definition": before.model_dump(mode="json"),
                            },
                        ),
                    )
                )
            elif fd.type != before.type:
                findings.append(
                    Finding(
                        Severity.warning,
                        "released_field_type_changed",
                        tr(
                            "Field {field} changes type from {before} to {after}: values stored "
                            "in the CRM may no longer fit it.",
                            field=name(fd),
                            before=before.type.value,
                            after=fd.type.value,
                        ),
                        entity=entity.key,
                        field=fd.key,
                    )
                )
    return findings
