"""Policies: reforms take effect from their day on, and a policy travels to other processes."""

from __future__ import annotations

import pickle
from datetime import date

from neighborparty import DEFAULT_POLICY, check
from tests.rules._helpers import FAIL, ON, PASS, east_with, finding, seed, verdict


def test_a_reform_of_np102_applies_from_its_day_on_and_not_before() -> None:
    reform = DEFAULT_POLICY.with_parameters(
        {"formation.standalone_min_full_members": 5}, effective=date(2025, 1, 1)
    )
    four = east_with(4, 130)
    assert verdict(four, "NP102", "c-east", on=date(2024, 12, 31), policy=reform) is FAIL
    after = finding(four, "NP102", "c-east", on=date(2025, 1, 1), policy=reform)
    assert (after.verdict, after.evidence["min_full_members"]) == (PASS, 5)
    assert verdict(four, "NP102", "c-east", on=None, policy=reform) is PASS
    assert verdict(four, "NP102", "c-east", on=date(2025, 1, 1)) is FAIL
    assert verdict(east_with(5, 130), "NP102", "c-east", on=date(2025, 1, 1), policy=reform) is FAIL


def test_a_stricter_branch_minimum_fails_the_seeds_three_member_branches() -> None:
    stricter = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4}, effective=ON)
    report = check(seed(), stricter, on=ON, select=["NP103"])
    assert {f.subject for f in report.failures()} == {"br-jinan", "br-joint", "br-grid-old"}


def test_policies_pickle_for_process_pools() -> None:
    """Rules did not pickle (they hold the functions that judge), so neither did a policy, and
    a check could not be spread over a process pool. A rule pickles as its code."""
    again = pickle.loads(pickle.dumps(DEFAULT_POLICY))
    assert again == DEFAULT_POLICY
    assert [r.code for r in again.rules] == [r.code for r in DEFAULT_POLICY.rules]
