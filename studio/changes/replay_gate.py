"""The impact replay at submit: a rules change is not submitted blind.

``replay_evidence`` decides, for a change whose automation rules differ from the live ones, what
the replay (``studio.automation.replay``, run by the caller over the server's recent records or a
workbook) allows: above the proposed rules' ``block_share`` of records falling to the default or
to no owner, submit is refused unless the author acknowledges it with a reason; a replay that could
not run refuses submit too unless acknowledged ("it never passes silently"). What is kept goes into
the change's record (the submit's audit entry, and its ``diff["replay"]``).

What the reviewers read first (``review_lines``) is not that record: the stored diff is a cache
anyone with write access to the workspace could rewrite (issue 20). The review replays the exact
bundle under signature against the verified live version when it is shown
(``studio.client.review``) and hands the figures to ``reviewed_evidence``; only the author's
acknowledgement, which nothing can derive, is read back, from the submit's audit entry
(``acknowledgement_of``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import AuditRow
from studio.automation.replay import changed_entities
from studio.automation.report import headline
from studio.bundle.model import Bundle
from studio.errors import StudioError
from studio.i18n import tr

#: Samples kept with the change (the full list stays with the person who ran the replay).
KEPT_SAMPLES = 5
MAX_ACKNOWLEDGEMENT = 2000


class ReplayRefused(StudioError):
    """Submit is refused because of the replay (or its absence); the message says what to do."""


def _document(replay: Any) -> dict[str, Any] | None:
    if replay is None:
        return None
    doc = replay.to_json() if hasattr(replay, "to_json") else dict(replay)
    return doc if isinstance(doc, dict) else None


def replay_evidence(
    live: Bundle | None,
    bundle: Bundle,
    replay: Any,
    *,
    problem: str | None = None,
    acknowledgement: str = "",
) -> dict[str, Any] | None:
    """What the change keeps of its replay; ``None`` when its rules do not change.

    ``replay``: a ``ReplayRun`` (or its JSON), ``None`` when it could not run (``problem`` says
    why). Raises ``ReplayRefused`` when the numbers (or their absence) need an acknowledgement
    that was not given.
    """
    if not changed_entities(live, bundle):
        return None
    acknowledgement = acknowledgement.strip()[:MAX_ACKNOWLEDGEMENT]
    document = _document(replay)
    if document is None:
        if not acknowledgement:
            raise ReplayRefused(
                "The impact replay of this rules change could not run ({reason}): nobody would "
                "see what it does to real records. Run it again, or acknowledge with a reason "
                "to submit without it.",
                reason=problem or tr("no replay was run"),
            )
        return {"ran": False, "problem": problem or "", "acknowledgement": acknowledgement}
    if document.get("level") == "block" and not acknowledgement:
        raise ReplayRefused(
            "{headline} Acknowledge with a reason to submit anyway; the reviewers will read it "
            "first.",
            headline=headline(document),
        )
    return _kept(document, acknowledgement)


def _kept(document: dict[str, Any], acknowledgement: str) -> dict[str, Any]:
    kept = {k: v for k, v in document.items() if k != "entities"}
    kept["entities"] = {
        entity: {**e, "samples": e.get("samples", [])[:KEPT_SAMPLES]}
        for entity, e in (document.get("entities") or {}).items()
    }
    return {**kept, "ran": True, "acknowledgement": acknowledgement}


def reviewed_evidence(
    replay: Any, *, problem: str | None = None, acknowledgement: str = ""
) -> dict[str, Any]:
    """The replay as a reviewer sees it, run now: ``replay`` (a ``ReplayRun`` or its JSON), or
    ``None`` with ``problem`` saying why it could not run; never refuses (the reviewer decides)."""
    document = _document(replay)
    acknowledgement = acknowledgement.strip()[:MAX_ACKNOWLEDGEMENT]
    if document is None:
        return {"ran": False, "problem": problem or "", "acknowledgement": acknowledgement}
    return _kept(document, acknowledgement)


def acknowledgement_of(session: Session, change_id: str) -> str:
    """What the author acknowledged about the replay when submitting ``change_id``, as the
    submit's audit entry (hash-chained, append-only) records it; ``""`` when nothing was."""
    details = session.scalars(
        select(AuditRow.details)
        .where(AuditRow.action == "submit", AuditRow.subject == change_id)
        .order_by(AuditRow.seq.desc())
        .limit(1)
    ).first()
    replay = (details or {}).get("replay") if isinstance(details, dict) else None
    text = replay.get("acknowledgement") if isinstance(replay, dict) else None
    return text if isinstance(text, str) else ""


def review_lines(evidence: dict[str, Any] | None) -> list[str]:
    """What a reviewer reads first about a rules change: the replay's headline (or that it could
    not run), then the author's acknowledgement. Empty for a change without rule changes.

    ``evidence``: ``reviewed_evidence`` of the replay run for the review (``ChangeReview.replay``),
    or ``replay_evidence`` at submit."""
    if not evidence:
        return []
    if not evidence.get("ran"):
        lines = [
            tr(
                "The impact replay could not run ({reason}): nobody has seen what these rules do "
                "to real records.",
                reason=evidence.get("problem") or tr("no replay was run"),
            )
        ]
    else:
        lines = [headline(evidence)]
    if evidence.get("acknowledgement"):
        lines.append(tr("The author acknowledged: {reason}", reason=evidence["acknowledgement"]))
    return lines
