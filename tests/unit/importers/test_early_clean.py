"""Cleaning that starts while a large sheet is still being read (``importers.early_clean``): the
plan is the one the whole read and the whole cleaning give, and where the first part cannot
speak for the whole sheet the early work is dropped, never used."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from importers import early_clean, read_parts
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.messy_customers import generate
from tests.helpers.workbooks import accounting_holds, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


@pytest.fixture
def early_used(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Tiny parts; the list gets, per dry run, whether its early cleaning was used."""
    monkeypatch.setattr(read_parts, "MIN_SHEET_BYTES", 0)
    monkeypatch.setattr(read_parts, "MAX_PART_BYTES", 20_000)
    monkeypatch.setattr(read_parts, "CHUNK_BYTES", 5_000)
    used: list[bool] = []
    results = early_clean.EarlyCleaning.results

    def spying(self: early_clean.EarlyCleaning, *args: Any) -> Any:
        found = results(self, *args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(early_clean.EarlyCleaning, "results", spying)
    yield used


def _report(path: Path, **kwargs: Any) -> str:
    plan = dry_run(path, CUSTOMER, **kwargs)
    report = plan.report("zh_CN")
    assert accounting_holds(report)
    report["landlines"] = sorted(plan.landlines.items())
    report["evidence"] = plan.review_evidence
    return json.dumps(report, ensure_ascii=False, sort_keys=True)


def _whole_report(path: Path, **kwargs: Any) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(read_parts, "read_in_parts", lambda *a, **k: None)
        return _report(path, **kwargs)


def test_parts_cleaned_while_the_sheet_is_read_give_the_same_plan(
    tmp_path: Path, early_used: list[bool]
) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", generate(400, seed=8, harder=True).rows)
    assert _report(path) == _whole_report(path)
    assert early_used == [True, False]  # the second run read the sheet whole


def test_a_mapping_chosen_or_saved_is_the_one_the_early_cleaning_follows(
    tmp_path: Path, early_used: list[bool]
) -> None:
    rows = generate(300, seed=9).rows
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    header = [str(h) for h in rows[0]]
    # the third column (the e-mail) left out by the person
    chosen: dict[str, str | None] = {header[2]: None}
    assert _report(path, chosen=chosen) == _whole_report(path, chosen=chosen)
    asked: list[tuple[str, ...]] = []

    def saved(headers: tuple[str, ...]) -> dict[str, str | None]:
        asked.append(headers)
        return chosen

    assert _report(path, saved=saved) == _whole_report(path, saved=saved)
    assert early_used[0] and early_used[2]
    assert set(asked) == {tuple(header)}


def test_a_column_only_later_parts_fill_drops_the_early_work(
    tmp_path: Path, early_used: list[bool]
) -> None:
    """A column without a header that only rows far down fill gets its letter as its name: the
    first part cannot know it, so its early work is not used; the plan is still the whole's."""
    rows: list[list[Any]] = [list(r) for r in generate(300, seed=10).rows]
    width = len(rows[0])
    rows[0] = [*rows[0], None]
    for i, row in enumerate(rows[1:], start=1):
        row.extend([None] * (width + 1 - len(row)))
        if i > len(rows) - 20:
            row[width] = f"late {i}"
    path = write_xlsx(tmp_path / "late.xlsx", rows)
    assert _report(path) == _whole_report(path)
    assert early_used[0] is False


def test_a_header_row_below_the_first_part_drops_the_early_work(
    tmp_path: Path, early_used: list[bool]
) -> None:
    rows = generate(300, seed=11).rows
    filler: list[list[Any]] = [[f"说明 {i}"] for i in range(400)]
    path = write_xlsx(tmp_path / "deep.xlsx", [*filler, *rows])
    assert _report(path, header_row=401) == _whole_report(path, header_row=401)
    assert early_used[0] is False
