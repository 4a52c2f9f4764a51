"""What an operation changed decides which panes refresh."""

from __future__ import annotations

from studio.op_changes import DECISION, DRAFT, PUSHED, OpChanges


def test_a_pane_refreshes_only_for_the_topics_it_shows() -> None:
    assert DECISION.touches({"requests"}) and not DECISION.touches({"draft", "releases"})
    assert PUSHED.touches({"releases"})
    assert not OpChanges(audit=True).touches({"draft", "requests"})


def test_a_new_workspace_touches_everything() -> None:
    assert OpChanges(workspace=True).touches({"audit"})


def test_merging_keeps_every_topic_and_the_touched_entities() -> None:
    a = OpChanges(draft=True, entities=frozenset({"customer"}))
    b = OpChanges(draft=True, entities=frozenset({"lead"}), audit=True)
    merged = a | b
    assert merged.topics() == {"draft", "audit"}
    assert merged.entities == {"customer", "lead"}
    # one side touched the whole draft: the merge does too
    assert (a | DRAFT).entities == frozenset()
