"""The reviewer's impact numbers (``studio.changes.impact.impact``) as sentences in the UI language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def impact_lines(effects: dict[str, Any], diff: dict[str, Any] | None = None) -> list[str]:
    """One sentence per newly required field and one for the roles that lose access.

    Fields of entities the change adds are left out (given ``diff``) unless the server counted
    records that lack them: on a first release every required field would otherwise be listed,
    yet records imported before it are exactly the ones a required field can break.
    """
    new_entities = {e["key"] for e in (diff or {}).get("entities", []) if e["status"] == "added"}
    lines: list[str] = []
    lost = effects.get("roles_losing_access", [])
    if lost:
        cells = ", ".join(f"{r['role']} × {r['entity']}: {r['what']}" for r in lost)
        roles = sorted({r["role"] for r in lost})
        lines.append(
            QCoreApplication.translate("Impact", "%1 role(s) lose access (%2).")
            .replace("%1", str(len(roles)))
            .replace("%2", cells)
        )
    for r in effects.get("required_fields", []):
        violating = r.get("records_violating")
        if r["entity"] in new_entities and not violating:
            continue
        name = f"{r['entity']}.{r['field']}"
        if r.get("has_fill"):
            text = QCoreApplication.translate(
                "Impact",
                "%1 becomes required; existing records get its backfill (or default) value.",
            )
        elif violating is None:
            text = QCoreApplication.translate(
                "Impact", "%1 becomes required; how many records lack it is not known here."
            )
        elif violating == 0:
            text = QCoreApplication.translate(
                "Impact", "%1 becomes required; every record on the server has a value."
            )
        else:
            text = QCoreApplication.translate(
                "Impact",
                "%1 becomes required: %2 record(s) on the server have no value and could "
                "no longer be saved.",
            ).replace("%2", str(violating))
        lines.append(text.replace("%1", name))
    return lines
