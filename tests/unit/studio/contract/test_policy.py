"""The two-person rule as the studio evaluates it before a push."""

from __future__ import annotations

from studio.bundle.model import Policy
from studio.contract.policy import Vote, evaluate

DEFAULT = Policy()


def test_business_lead_and_it_admin_meet_the_default_policy() -> None:
    status = evaluate(
        DEFAULT,
        [Vote("zhou", "business_lead", "approve"), Vote("chen", "it_admin", "approve")],
        "lin",
    )
    assert status.met and status.approvers == ("zhou", "chen")


def test_one_approval_is_not_enough() -> None:
    status = evaluate(DEFAULT, [Vote("zhou", "business_lead", "approve")], "lin")
    assert not status.met
    assert status.approvals_needed == 1 and status.missing_roles == ("it_admin",)
    assert any("1 more approval" in r for r in status.reasons)


def test_the_same_person_counts_once_and_the_author_never() -> None:
    votes = [
        Vote("zhou", "business_lead", "approve"),
        Vote("zhou", "business_lead", "approve"),
        Vote("lin", "it_admin", "approve"),
    ]
    status = evaluate(DEFAULT, votes, "lin")
    assert not status.met and status.approvers == ("zhou",)


def test_two_approvals_of_one_role_miss_the_other_role() -> None:
    votes = [Vote("chen", "it_admin", "approve"), Vote("lin", "it_admin", "approve")]
    status = evaluate(DEFAULT, votes, "wu")
    assert not status.met and status.missing_roles == ("business_lead",)


def test_a_rejection_blocks_and_a_stricter_policy_counts() -> None:
    votes = [
        Vote("zhou", "business_lead", "approve"),
        Vote("chen", "it_admin", "approve"),
        Vote("wu", "sales", "reject"),
    ]
    assert evaluate(DEFAULT, votes, "lin").rejected
    strict = Policy(min_approvals=3, required_roles=("business_lead", "it_admin", "finance"))
    status = evaluate(strict, votes[:2], "lin")
    assert status.missing_roles == ("finance",) and status.approvals_needed == 1
