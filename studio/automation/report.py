"""The replay's numbers as sentences a person reads: the review, the Changes pane and
``studio rules replay`` say the same thing."""

from __future__ import annotations

from typing import Any

from studio.bundle.rules_diff import outcome_text
from studio.i18n import tr


def outcome_label(name: str) -> str:
    """An outcome as people read it ("no owner", "queue unassigned", "队列 unassigned"), from the
    evaluator's name of it (``none``, ``queue:unassigned``: the replay's data keeps those)."""
    if name == "none":
        return outcome_text(None)
    kind, _, target = name.partition(":")
    return outcome_text({"kind": kind, "target": target}) if target else name


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def headline(document: dict[str, Any]) -> str:
    """One sentence: the share falling to the default or to no owner, and what it means."""
    share = float(document.get("share_to_default_or_no_owner", 0.0))
    fallen = int(document.get("to_default", 0)) + int(document.get("to_no_owner", 0))
    replayed = int(document.get("replayed", 0))
    level = document.get("level", "ok")
    if level == "block":
        return tr(
            "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or "
            "to no owner — above the block share; submit needs an acknowledgement.",
            fallen=fallen,
            replayed=replayed,
            share=_pct(share),
        )
    if level == "warn":
        return tr(
            "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or "
            "to no owner — above the warning share.",
            fallen=fallen,
            replayed=replayed,
            share=_pct(share),
        )
    return tr(
        "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or to "
        "no owner.",
        fallen=fallen,
        replayed=replayed,
        share=_pct(share),
    )


def replay_lines(document: dict[str, Any]) -> list[str]:
    """The headline, then per entity its numbers and its outcomes before -> after."""
    lines = [headline(document)]
    if document.get("source"):
        lines.append(tr("Records from {source}.", source=document["source"]))
    for entity, e in sorted((document.get("entities") or {}).items()):
        lines.append(
            tr(
                "{entity}: {replayed} replayed, {changed} change outcome, {to_default} to the "
                "default, {to_no_owner} to no owner ({share}; warning above {warn}, refused "
                "above {block}).",
                entity=entity,
                replayed=e["replayed"],
                changed=e["changed_outcome"],
                to_default=e["to_default"],
                to_no_owner=e["to_no_owner"],
                share=_pct(e["share_to_default_or_no_owner"]),
                warn=_pct(e["warn_share"]),
                block=_pct(e["block_share"]),
            )
        )
        for outcome, (before, after) in e["by_outcome"].items():
            if before != after:
                lines.append(f"    {outcome_label(outcome)}: {before} -> {after}")
        if e["rejected_by_validation"]:
            lines.append(
                "    "
                + tr(
                    "{n} records would be refused by the new validation rules.",
                    n=e["rejected_by_validation"],
                )
            )
        if e["stranded"]:
            lines.append(
                "    "
                + tr(
                    "{n} open records are stranded by the new stage flow.",
                    n=e["stranded"],
                )
            )
        if e.get("over_dwell"):
            lines.append(
                "    "
                + tr(
                    "{n} records are over their stage's dwell time.",
                    n=e["over_dwell"],
                )
            )
    return lines
