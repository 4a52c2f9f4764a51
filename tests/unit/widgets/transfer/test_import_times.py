"""The check's "imported already (when, ...)" is in this computer's time zone, as the list of
imports says it: it said the journal's UTC, eight hours off for an admin in China."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from widgets.transfer.summary import imported_before


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_imported_already_is_said_in_local_time(shanghai: None) -> None:
    said = imported_before({"state": "done", "at": "2026-12-01T18:30:00+00:00", "source": "a.xlsx"})
    assert "2026-12-02 02:30" in said and "18:30" not in said, said
