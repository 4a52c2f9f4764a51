"""Two studios on one PostgreSQL workspace: a conflicting draft edit is refused, never lost."""

from __future__ import annotations

import threading

import pytest

from studio.bundle.model import Bundle
from studio.draft.save import read_draft, save_draft
from studio.errors import ConflictError
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace


def _with_label(bundle: Bundle, en: str) -> Bundle:
    customer = bundle.entity("customer")
    assert customer is not None
    fields = tuple(
        f.model_copy(update={"label": f.label.model_copy(update={"en": en})})
        if f.key == "notes"
        else f
        for f in customer.fields
    )
    new = customer.model_copy(update={"fields": fields})
    return bundle.model_copy(
        update={"entities": tuple(new if e.key == "customer" else e for e in bundle.entities)}
    )


def _notes_label(bundle: Bundle) -> str:
    customer = bundle.entity("customer")
    assert customer is not None
    field = customer.field("notes")
    assert field is not None
    return field.label.en


def test_second_editor_of_the_same_revision_gets_a_conflict(pg_url: str) -> None:
    init_workspace(pg_url, sample=True).close()
    a, b = open_workspace(pg_url), open_workspace(pg_url)
    try:
        bundle_a, rev_a = read_draft(a)
        bundle_b, rev_b = read_draft(b)
        assert rev_a == rev_b
        save_draft(a, _with_label(bundle_a, "Remarks by lin"), user="lin", expected_revision=rev_a)
        with pytest.raises(ConflictError):
            save_draft(
                b, _with_label(bundle_b, "Notes by chen"), user="chen", expected_revision=rev_b
            )
        current, _rev = read_draft(b)
        assert _notes_label(current) == "Remarks by lin"
    finally:
        a.close()
        b.close()


def test_simultaneous_saves_one_wins_the_other_conflicts(pg_url: str) -> None:
    init_workspace(pg_url, sample=True).close()
    a, b = open_workspace(pg_url), open_workspace(pg_url)
    try:
        for round_ in range(3):
            bundle, rev = read_draft(a)
            barrier = threading.Barrier(2)
            outcomes: dict[str, str] = {}

            def save(
                ws: Workspace,
                who: str,
                label: str,
                bundle: Bundle = bundle,
                rev: int = rev,
                barrier: threading.Barrier = barrier,
                outcomes: dict[str, str] = outcomes,
            ) -> None:
                barrier.wait()
                try:
                    save_draft(ws, _with_label(bundle, label), user=who, expected_revision=rev)
                    outcomes[who] = "saved"
                except ConflictError:
                    outcomes[who] = "conflict"

            threads = [
                threading.Thread(target=save, args=(a, "lin", f"lin {round_}")),
                threading.Thread(target=save, args=(b, "chen", f"chen {round_}")),
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
            winner = next(w for w, o in outcomes.items() if o == "saved")
            assert _notes_label(read_draft(b)[0]) == f"{winner} {round_}"
    finally:
        a.close()
        b.close()
