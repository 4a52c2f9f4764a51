"""The line above the import wizard's results: what the last check found, in the user's language
(rows read and where they go, what is left to a person, required fields with no column, whether
the server was asked, and whether these records were imported before)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from importers.pipeline import Plan
from studio.i18n import language, name_list
from widgets.sentences import counted, joined
from widgets.times import local_time


def check_summary(plan: Plan, earlier: Mapping[str, Any] | None) -> str:
    """What the check of ``plan`` found, as one line; ``earlier``: the journal of the import the
    plan would be, if it ran before (``studio.importing.run.earlier_import``)."""
    cleaned = sum(sum(k.values()) for k in plan.cleaning.values())
    # the counts that make a noun plural said apart: "1 row read", "2 rows read"
    text = QCoreApplication.translate(
        "CheckSummary",
        "{rows}: {imported} to import, {merged} merged into duplicates, "
        "{rejected} rejected; {review}; {cleaned}.",
    ).format(
        rows=counted(
            plan.rows_read,
            QCoreApplication.translate("CheckSummary", "{n} row read"),
            QCoreApplication.translate("CheckSummary", "{n} rows read"),
        ),
        imported=plan.imported,
        merged=plan.merged,
        rejected=plan.rejected,
        review=counted(
            len(plan.review_pairs) + len(plan.existing_review),
            QCoreApplication.translate("CheckSummary", "{n} pair to review"),
            QCoreApplication.translate("CheckSummary", "{n} pairs to review"),
        ),
        cleaned=counted(
            cleaned,
            QCoreApplication.translate("CheckSummary", "{n} value cleaned"),
            QCoreApplication.translate("CheckSummary", "{n} values cleaned"),
        ),
    )
    if plan.mapping.unmapped_required:
        lang = language()
        text = joined(
            text,
            QCoreApplication.translate(
                "CheckSummary", "Required fields with no column: {fields}."
            ).format(
                fields=name_list(_label(plan, key, lang) for key in plan.mapping.unmapped_required)
            ),
        )
    if plan.checked_against is None:
        text = joined(
            text,
            QCoreApplication.translate("CheckSummary", "The server's records were not consulted."),
        )
    return joined(text, imported_before(earlier))


def imported_before(earlier: Mapping[str, Any] | None) -> str:
    """What became of the import these records would be, if it ran before: done (importing again
    writes nothing), stopped half-way (Import resumes it) or reverted; "" if it never ran."""
    earlier = earlier or {}
    said = {
        "done": QCoreApplication.translate(
            "CheckSummary",
            "These records were imported already ({when}, from {source}): importing "
            "them again writes nothing.",
        ),
        "running": QCoreApplication.translate(
            "CheckSummary",
            "An import of these records stopped half-way ({when}): Import resumes it, "
            "writing nothing twice.",
        ),
        "reverted": QCoreApplication.translate(
            "CheckSummary",
            "An import of these records was reverted ({when}): change the workbook or "
            "the mapping to import them again.",
        ),
    }.get(str(earlier.get("state")))
    if said is None:
        return ""
    # in this computer's time zone, as the list of imports below says it (it said UTC: eight
    # hours off in China, beside the list's local time)
    try:
        when = local_time(datetime.fromisoformat(str(earlier.get("at"))), seconds=False)
    except ValueError:
        when = str(earlier.get("at", ""))[:16].replace("T", " ")
    return said.format(when=when, source=earlier.get("source") or "?")


def _label(plan: Plan, key: str, lang: str) -> str:
    """A field as people know it: its label in ``lang`` (its key if the entity has no such field)."""
    fd = plan.entity.field(key)
    return fd.label.text(lang) if fd is not None else key
