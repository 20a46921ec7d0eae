"""Minimal fixes: every fix returned makes its finding pass without a new error-level failure."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborparty import (
    Severity,
    check,
    examples,
)
from neighborparty.rules import Report
from neighborparty.rules.fixes import NO_FIX, Fix, Fixes, covered_rules
from neighborparty.strategies import cities

REQUIRED = (
    *(f"NP10{i}" for i in range(1, 9)),
    *(f"NP20{i}" for i in range(1, 7)),
    "NP301",
    "NP401",
    "NP402",
    "NP501",
    "NP503",
    "NP601",
)
BREAKABLE = (
    "NP101",
    "NP102",
    "NP103",
    "NP105",
    "NP106",
    "NP107",
    "NP108",
    "NP201",
    "NP202",
    "NP203",
    "NP204",
    "NP205",
    "NP206",
    "NP301",
    "NP401",
    "NP402",
    "NP501",
    "NP503",
    "NP505",
    "NP601",
)


def _failing_errors(report: Report) -> set[tuple[str, str]]:
    return {(f.code, f.subject) for f in report.failures(severity=Severity.ERROR)}


def assert_fix_holds(report: Report, fix: Fix) -> None:
    """The truth, by a full check of the edited city: the finding passes and no error-level
    finding fails that did not fail before."""
    edited = fix.apply(report.city)
    again = check(edited, report.policy, on=report.on, select=report.select)
    assert again.day == report.day
    mine = [f for f in again.findings_for(fix.subject) if f.code == fix.code]
    assert [f.verdict.value for f in mine] == ["pass"], fix.explain()
    assert _failing_errors(again) <= _failing_errors(report), fix.explain()


def _every_fix(report: Report) -> int:
    found = 0
    for finding in report.failures():
        answer = report.fixes(finding)
        assert isinstance(answer, Fixes)
        if not answer:
            assert answer.reason
            assert answer.reason_zh
        costs = [f.cost for f in answer]
        assert costs == sorted(costs)
        for fix in answer:
            assert (fix.code, fix.subject) == (finding.code, finding.subject)
            assert_fix_holds(report, fix)
            found += 1
    return found


def test_the_rules_asked_for_are_covered() -> None:
    assert set(REQUIRED) <= set(covered_rules())


def test_the_seed_city() -> None:
    report = check(examples.seed_city())
    assert _every_fix(report) >= 4


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_fix_of_a_generated_city_holds(data: st.DataObject) -> None:
    code = data.draw(st.sampled_from((None, *BREAKABLE)))
    city = data.draw(cities(max_size=2, breaking=code))
    _every_fix(check(city))


@pytest.mark.parametrize("code", BREAKABLE)
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_fix_of_a_city_breaking_one_rule_holds(code: str, data: st.DataObject) -> None:
    city = data.draw(cities(max_size=2, breaking=code))
    report = check(city)
    _every_fix(report)
    if code in NO_FIX:
        for finding in report.failures():
            if finding.code == code:
                answer = report.fixes(finding)
                assert not answer
                assert answer.reason == NO_FIX[code][0]
