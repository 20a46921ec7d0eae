"""Minimal fixes: every fix returned makes its finding pass without a new error-level failure."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from neighborparty import Appointment, City, Role, Severity, check, examples
from neighborparty.errors import InvalidArgumentError
from neighborparty.rules import Report
from neighborparty.rules.fixes import NO_FIX, Costs, Edits, Fix, Fixes, covered_rules
from neighborparty.rules.fixes._edits import four_haves_ok, standing_ok
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


_UNCHANGEABLE = ("home", "cadre_level", "four_haves")
_UNCHANGEABLE_MEMBERSHIP = ("standing", "category", "joined", "full_since", "identity_shown")


def assert_edits_are_lawful(report: Report, fix: Fix) -> None:
    """A fix edits nothing a branch cannot change and uses the city's own people: no compound,
    building, vote or household is edited, nobody new appears, nobody moves house or changes
    standing; a new secretary is a full member of the branch with the standing and, where
    assessed, the four haves; a member transferred lives in a compound the branch covers."""
    city = report.city
    edited = fix.apply(city)
    assert set(fix.edits.updates) <= {"people", "organizations", "appointments"}, fix.explain()
    assert not fix.edits.without
    values = report.policy.values(report.on)
    for person in fix.edits.updates.get("people", ()):
        before = city.get(person.id)
        for field in _UNCHANGEABLE:
            assert getattr(person, field) == getattr(before, field), (field, fix.explain())
        assert person.party is not None
        for field in _UNCHANGEABLE_MEMBERSHIP:
            assert getattr(person.party, field) == getattr(before.party, field), field
        if person.party.registered_in != before.party.registered_in:
            home = edited.compound_of(person.home)
            covering = {b.id for b in edited.branches_covering(home)} if home else set()
            assert person.party.registered_in in covering, fix.explain()
    for post in fix.edits.updates.get("appointments", ()):
        assert post.person in city
        if post.role is Role.SECRETARY and post.end is None:
            person = edited.get(post.person)
            assert person.party is not None
            assert person.party.registered_in == post.body, fix.explain()
            assert standing_ok(person, values, report.day), fix.explain()
            assert four_haves_ok(person), fix.explain()


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
            assert_edits_are_lawful(report, fix)
            found += 1
    return found


def test_the_rules_asked_for_are_covered() -> None:
    assert set(REQUIRED) <= set(covered_rules())


def test_the_seed_city() -> None:
    report = check(examples.seed_city())
    assert _every_fix(report) >= 4


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


def _seed_report() -> Report:
    return check(examples.seed_city())


def test_a_passing_or_foreign_finding_is_refused() -> None:
    report = _seed_report()
    passing = next(f for f in report.findings if not f.failed)
    with pytest.raises(InvalidArgumentError, match="does not fail"):
        report.fixes(passing)
    other = check(examples.seed_city(), on=date(2030, 1, 1))
    foreign = next(f for f in other.failures() if f not in report.findings)
    with pytest.raises(InvalidArgumentError, match="not one of this report's"):
        report.fixes(foreign)
    with pytest.raises(InvalidArgumentError, match="limit"):
        report.fixes(report.failures()[0], limit=0)
    with pytest.raises(InvalidArgumentError, match="Costs"):
        report.fixes(report.failures()[0], costs={"appoint": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "1", True])
def test_a_bad_cost_is_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match=r"Costs\.transfer"):
        Costs(transfer=bad)  # type: ignore[arg-type]


def test_the_cost_model_ranks_the_fixes() -> None:
    report = _seed_report()
    finding = report.findings_for("p-huang")[0]
    default = report.fixes(finding)
    assert [s.kind for f in default for s in f.steps] == ["record", "transfer"]
    dearer = report.fixes(finding, costs=Costs(record=5))
    assert [s.kind for f in dearer for s in f.steps] == ["transfer", "record"]
    assert [f.cost for f in dearer] == [2.0, 5.0]
    assert len(report.fixes(finding, limit=1)) == 1


def test_a_rule_with_no_fix_says_why_in_both_languages() -> None:
    report = _seed_report()
    finding = next(f for f in report.failures() if f.code == "NP405")
    answer = report.fixes(finding)
    assert answer == ()
    assert answer.reason == NO_FIX["NP405"][0]
    assert answer.explain("zh").endswith(NO_FIX["NP405"][1])
    assert answer.to_dict()["fixes"] == []
    unknown = report.fixes(next(f for f in report.failures() if f.code == "NP604"))
    assert "knows no edit" in (unknown.reason or "")


def _seed_without_secretary() -> City:
    city = examples.seed_city()
    posts = [
        a for a in city.appointments if not (a.body == "br-jinan" and a.role is Role.SECRETARY)
    ]
    return attrs.evolve(city, appointments=posts)


def test_a_missing_secretary_is_appointed_from_the_branch() -> None:
    city = _seed_without_secretary()
    report = check(city)
    finding = next(f for f in report.findings_for("br-jinan") if f.code == "NP201")
    answer = report.fixes(finding)
    assert answer
    for fix in answer:
        (post,) = fix.edits.updates["appointments"]
        assert isinstance(post, Appointment)
        assert post.role is Role.SECRETARY
        person = city.get(post.person)
        assert person.party is not None  # type: ignore[attr-defined]
        assert person.party.registered_in == "br-jinan"  # type: ignore[attr-defined]
        assert person.party.is_full  # type: ignore[attr-defined]
        assert_fix_holds(report, fix)
    assert "任命" in answer[0].explain("zh")


def test_edits_are_data_that_round_trip_through_the_city() -> None:
    report = _seed_report()
    fix = report.fixes(report.findings_for("b-west-1")[0])[0]
    doc = fix.to_dict()
    assert doc["edits"]["updates"]["appointments"][0]["role"] == "building_head"
    assert fix.apply(report.city) == report.city.with_updates(**fix.edits.updates)
    assert not Edits()
    with pytest.raises(InvalidArgumentError, match="no collection 'nonsense'"):
        Edits(updates={"nonsense": ()})


FIXABLE = (
    "NP101",
    "NP102",
    "NP104",
    "NP108",
    "NP201",
    "NP203",
    "NP204",
    "NP205",
    "NP206",
    "NP301",
    "NP401",
    "NP402",
    "NP501",
)


def _fixed(city: City, code: str) -> bool:
    report = check(city)
    return any(report.fixes(f) for f in report.failures() if f.code == code)


@pytest.mark.parametrize("code", FIXABLE)
def test_the_generated_breakage_of_a_fixable_rule_has_a_fix(code: str) -> None:
    """The property above is not vacuous: cities breaking these rules do get fixes."""
    from hypothesis import find

    city = find(
        cities(max_size=2, breaking=code),
        lambda c: _fixed(c, code),
        settings=settings(max_examples=30, database=None, phases=[Phase.generate]),
    )
    report = check(city)
    for finding in report.failures():
        if finding.code == code:
            for fix in report.fixes(finding):
                assert_fix_holds(report, fix)
