"""The impact replay at submit: a rules change is not submitted blind.

``replay_evidence`` decides, for a change whose automation rules differ from the live ones, what
the replay (``studio.automation.replay``, run by the caller over the server's recent records or a
workbook) allows: above the proposed rules' ``block_share`` of records falling to the default or
to no owner, submit is refused unless the author acknowledges it with a reason; a replay that could
not run refuses submit too unless acknowledged ("it never passes silently"). What is kept goes into
the change's record (its ``diff["replay"]``, and the submit's audit entry) and is the first thing
the reviewers read (``review_lines``).
"""

from __future__ import annotations

from typing import Any

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
    kept = {k: v for k, v in document.items() if k != "entities"}
    kept["entities"] = {
        entity: {**e, "samples": e.get("samples", [])[:KEPT_SAMPLES]}
        for entity, e in (document.get("entities") or {}).items()
    }
    return {**kept, "ran": True, "acknowledgement": acknowledgement}


def review_lines(view: Any) -> list[str]:
    """What a reviewer reads first about a rules change: the replay's headline (or that it could
    not run), then the author's acknowledgement. Empty for a change without rule changes."""
    evidence = (getattr(view, "diff", None) or {}).get("replay")
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
