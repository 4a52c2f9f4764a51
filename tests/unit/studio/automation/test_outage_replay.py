"""The night-time outage of issue 18, caught before anyone approves it.

The lead routing "province + city" was changed to "province + district". Most leads carry no
district, so 87 % of them matched nothing and piled up unowned. Replayed over last month's leads
(a real SQLite file of the CRM), the change must show exactly that: most leads now fall to the
default queue, above the block share, with a readable diff line saying what changed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from studio.automation.replay import replay_change
from studio.automation.sources import parse_window, records_from_database
from studio.bundle.diff import diff_bundles, render_text
from studio.i18n import set_language
from studio.lint import run_all
from studio.lint.findings import has_errors
from tests.helpers.rules import NOW, make_leads, region_rules, with_rules, write_leads_db


@pytest.fixture
def leads_db(tmp_path: Path) -> Path:
    return write_leads_db(tmp_path / "crm.db", make_leads(10_000), old=500)


def test_district_instead_of_city_sends_most_leads_to_the_default(leads_db: Path) -> None:
    live = with_rules(lead=region_rules("city"))
    proposed = with_rules(lead=region_rules("district"))
    assert not has_errors(run_all(proposed, live=live))

    since = NOW - parse_window("30d")
    leads = records_from_database(f"sqlite:///{leads_db}", "lead", since=since)
    assert len(leads) == 10_000  # the 500 older leads are outside the window

    replay = replay_change(live, proposed, {"lead": leads}, now=NOW)
    result = replay.to_json()

    assert result["replayed"] == 10_000
    share = result["share_to_default_or_no_owner"]
    assert 0.85 <= share <= 0.89
    assert result["to_default"] == round(share * 10_000)
    assert result["to_no_owner"] == 0
    assert result["changed_outcome"] == result["to_default"]
    before, after = result["by_outcome"]["queue:unassigned"]
    assert before == 0 and after == result["to_default"]
    assert sum(b for b, _a in result["by_outcome"].values()) == 10_000
    assert sum(a for _b, a in result["by_outcome"].values()) == 10_000
    assert replay.level == "block"
    sample = result["entities"]["lead"]["samples"][0]
    assert sample["after"] == "queue:unassigned" and sample["record"]["district"] is None


def test_the_diff_says_which_condition_changed() -> None:
    live = with_rules(lead=region_rules("city"))
    proposed = with_rules(lead=region_rules("district"))
    set_language("en")
    text = render_text(diff_bundles(live, proposed))
    assert "Rule 'East China' of Lead: condition city not empty -> district not empty" in text
    set_language("zh_CN")
    text = render_text(diff_bundles(live, proposed))
    assert "线索的规则“华东”：条件 city 不为空 -> district 不为空" in text


def test_an_unchanged_routing_replays_as_no_change(leads_db: Path) -> None:
    live = with_rules(lead=region_rules("city"))
    proposed = with_rules(
        lead=region_rules("city", replay={"warn_share": 0.01, "block_share": 0.1})
    )
    leads = records_from_database(f"sqlite:///{leads_db}", "lead", since=NOW - timedelta(days=30))
    result = replay_change(live, proposed, {"lead": leads}, now=NOW).to_json()
    assert result["changed_outcome"] == 0
    assert result["share_to_default_or_no_owner"] == 0
    assert result["level"] == "ok"
