"""What-if analysis: comparisons, tipping points and sweeps agree with re-checking."""

from datetime import date
from random import Random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, ActivityKind, City, check, examples
from neighborparty.rules import (
    Change,
    Comparison,
    Finding,
    Threshold,
    TippingPoint,
    compare,
    sweep,
    tipping_parameters,
    tipping_points,
)
from neighborparty.rules._run import Results
from neighborparty.rules.whatif import _changes, _failing_counts
from neighborparty.strategies import cities

DAY = date(2020, 10, 26)
EFFECTIVE = date(2000, 1, 1)

# A grid of values to try for every parameter that has tipping points.
GRIDS: dict[str, list[float]] = {
    "formation.standalone_min_full_members": [0, 1, 2, 3, 4, 5, 8],
    "formation.standalone_min_households": [0, 1, 50, 99, 100, 101, 400],
    "branch.min_full_members": [0, 1, 2, 3, 4, 6],
    "branch.max_members": [0, 1, 2, 3, 5, 50],
    "branch.joint_max_compounds": [0, 1, 2, 5],
    "coverage.organization_target": [0.0, 0.25, 0.5, 0.75, 0.9, 1.0],
    "coverage.work_target": [0.0, 0.5, 0.9, 1.0],
    "committee.required_from_full_members": [0, 1, 3, 7],
    "committee.min_size": [1, 2, 3, 4],
    "committee.max_size": [1, 3, 7, 9],
    "secretary.min_standing_years": [0, 1, 2, 5, 30],
    "term.branch_years": [0, 1, 3, 5, 12],
    "term.community_branch_years": [0, 1, 5, 12],
    "service.min_claims": [0, 1, 2, 3],
    "service.max_claims": [0, 1, 2, 3],
    "membership.inactive_months": [1, 3, 6, 12, 200],
    "owners.max_term_years": [0, 1, 3, 5, 10],
    "vote.min_participation": [0.0, 0.5, 2 / 3, 0.8, 1.0],
    "vote.ordinary_majority": [0.0, 0.5, 0.75, 1.0],
    "vote.major_majority": [0.0, 0.5, 0.75, 1.0],
    "vote.property_law_ordinary_share": [0.0, 0.5, 0.75, 1.0],
    "vote.property_law_major_share": [0.0, 0.5, 2 / 3, 1.0],
    "whistle.answer_days": [0, 1, 5, 30, 31, 3000],
    "life.branch_meeting_months": [0, 1, 3, 12, 200],
    "life.committee_meeting_months": [0, 1, 2, 12],
    "life.group_meeting_months": [0, 1, 2, 12],
    "life.theme_day_months": [0, 1, 2, 12],
    "life.lecture_months": [0, 1, 3, 12],
    "life.review_months": [0, 6, 12, 24],
    "life.appraisal_months": [0, 6, 12, 24],
}


def rechecked_failures(city: City, parameter: str, value: float, on: date | None) -> int:
    readers = [r.code for r in DEFAULT_POLICY.rules if parameter in r.parameters]
    policy = DEFAULT_POLICY.with_parameters({parameter: value}, effective=EFFECTIVE)
    return len({f.subject for f in check(city, policy, on=on, select=readers).findings if f.failed})


def test_every_tipping_parameter_has_a_grid() -> None:
    assert set(tipping_parameters()) == set(GRIDS)


@pytest.mark.parametrize("parameter", sorted(GRIDS))
def test_sweep_agrees_with_rechecking_on_the_seed_city(parameter: str) -> None:
    city = examples.seed_city()
    for on in (None, DAY):
        swept = sweep(city, parameter, GRIDS[parameter], on=on)
        assert swept == {v: rechecked_failures(city, parameter, v, on) for v in GRIDS[parameter]}


@settings(max_examples=40)
@given(cities(max_size=3), st.sampled_from(sorted(GRIDS)))
def test_sweep_agrees_with_rechecking_on_generated_cities(city: City, parameter: str) -> None:
    swept = sweep(city, parameter, GRIDS[parameter], on=DAY)
    assert swept == {v: rechecked_failures(city, parameter, v, DAY) for v in GRIDS[parameter]}


_thresholds = st.builds(
    Threshold,
    st.sampled_from([">=", ">", "<=", "<", "never", "always"]),
    st.integers(-2, 8),
)


@given(
    st.lists(st.tuples(st.sampled_from("abcdef"), _thresholds), max_size=12),
    st.lists(st.integers(-3, 9) | st.floats(-3, 9, allow_nan=False), max_size=8),
)
def test_counting_failures_by_bisection_counts_what_each_threshold_says(
    pairs: list[tuple[str, Threshold]], grid: list[float]
) -> None:
    """Fast path = slow truth: each value's count is the subjects with a threshold failing it."""
    points = [TippingPoint(code="X", subject=s, threshold=t) for s, t in pairs]
    naive = {v: len({p.subject for p in points if p.fails(v)}) for v in grid}
    assert _failing_counts(points, grid) == naive


@given(cities(max_size=3))
def test_comparing_a_policy_with_itself_changes_nothing(city: City) -> None:
    assert compare(city, DEFAULT_POLICY, DEFAULT_POLICY).changes == ()


@settings(max_examples=30)
@given(cities(max_size=3), st.sampled_from(sorted(GRIDS)), st.data())
def test_compare_lists_exactly_the_subjects_whose_verdict_changed(
    city: City, parameter: str, data: st.DataObject
) -> None:
    value = data.draw(st.sampled_from(GRIDS[parameter]))
    reform = DEFAULT_POLICY.with_parameters({parameter: value}, effective=EFFECTIVE)
    before = {(f.code, f.subject): f.verdict for f in check(city, on=DAY).findings}
    after = {(f.code, f.subject): f.verdict for f in check(city, reform, on=DAY).findings}
    expected = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    comparison = compare(city, DEFAULT_POLICY, reform, on=DAY)
    assert {(c.code, c.subject) for c in comparison.changes} == expected
    for change in comparison.changes:
        assert change.before is not None
        assert change.after is not None
        assert change.before.verdict is before[(change.code, change.subject)]


def test_compare_reruns_only_the_rules_reading_a_changed_parameter() -> None:
    reform = DEFAULT_POLICY.with_parameters({"whistle.answer_days": 3}, effective=EFFECTIVE)
    comparison = compare(examples.seed_city(), DEFAULT_POLICY, reform)
    assert comparison.rules == ("NP603",)
    assert comparison.changed_parameters == ("whistle.answer_days",)


def test_a_reform_that_takes_effect_later_changes_nothing_before() -> None:
    reform = DEFAULT_POLICY.with_parameters(
        {"branch.min_full_members": 4}, effective=date(2025, 1, 1)
    )
    city = examples.seed_city()
    assert compare(city, DEFAULT_POLICY, reform, on=DAY).changes == ()
    assert [c.subject for c in compare(city, DEFAULT_POLICY, reform).changes] == [
        "br-jinan",
        "br-joint",
    ]


def test_tipping_points_refuse_parameters_without_a_single_threshold() -> None:
    with pytest.raises(ValueError, match="no single tipping point"):
        tipping_points(examples.seed_city(), "owners.committee_min_size")
    with pytest.raises(KeyError, match="did you mean"):
        tipping_points(examples.seed_city(), "branch.min_full_member")


def test_sweeps_and_reforms_refuse_values_a_parameter_cannot_take() -> None:
    with pytest.raises(ValueError, match=r"counts whole years, not 2\.5"):
        sweep(examples.seed_city(), "term.branch_years", [2.5])
    with pytest.raises(ValueError, match="counts whole members"):
        DEFAULT_POLICY.with_parameters({"branch.max_members": 40.5}, effective=EFFECTIVE)
    with pytest.raises(ValueError, match="finite number"):
        DEFAULT_POLICY.with_parameters({"vote.min_participation": -0.1}, effective=EFFECTIVE)


def test_a_subject_failing_two_rules_that_read_the_parameter_counts_once() -> None:
    import attrs

    from neighborparty import Appointment, Role

    city = examples.seed_city()
    members = [
        attrs.evolve(city.get("p-wang"), id=f"p-extra-{k}")  # full members of br-jinan
        for k in range(5)
    ]
    # 8 full members, a secretary only: NP203 fails; a committee of 2 members and the secretary
    # (below 3 when min_size is 4) fails NP204 too at min_size 4.
    posts = [
        Appointment(
            person=f"p-extra-{k}",
            body="br-jinan",
            role=Role.BRANCH_COMMITTEE_MEMBER,
            start=date(2019, 6, 1),
        )
        for k in range(2)
    ]
    edited = city.with_updates(people=members, appointments=posts)
    counted = sweep(edited, "committee.min_size", [4], on=DAY)
    assert counted == {4: rechecked_failures(edited, "committee.min_size", 4, DAY)}


def test_the_comparison_repr_names_what_changed(comparison: Comparison) -> None:
    assert repr(comparison) == (
        "Comparison(changed_parameters=('branch.min_full_members',), rules=('NP103',), changes=2)"
    )


def test_sweep_counts_a_member_failing_by_one_lapse_while_another_is_not_recorded() -> None:
    # Nobody's dues nor assigned work recorded: NP405 judges a member by organisational life
    # alone where it has run out, and is undetermined otherwise; a shorter span fails them.
    city = examples.seed_city()
    city = attrs.evolve(
        city, activities=tuple(a for a in city.activities if a.kind is not ActivityKind.DUES_PAID)
    )
    parameter = "membership.inactive_months"
    swept = sweep(city, parameter, GRIDS[parameter], on=DAY)
    assert swept == {v: rechecked_failures(city, parameter, v, DAY) for v in GRIDS[parameter]}
    assert swept[1] > 0


@settings(max_examples=40)
@given(cities(max_size=3), st.randoms(use_true_random=False), st.data())
def test_changes_read_side_by_side_or_by_subject_are_those_of_every_finding(
    city: City, shuffle: Random, data: st.DataObject
) -> None:
    """Results of one city side by side, or shuffled, with subjects or whole rules left out of
    one side: the changes are those a comparison of every finding by rule and subject gives."""
    parameter = data.draw(st.sampled_from(sorted(GRIDS)))
    reform = DEFAULT_POLICY.with_parameters(
        {parameter: data.draw(st.sampled_from(GRIDS[parameter]))}, effective=EFFECTIVE
    )
    before = check(city, on=DAY).results
    after = list(check(city, reform, on=DAY).results)
    if data.draw(st.booleans(), label="reorder"):
        for i, (r, outcomes) in enumerate(after):
            kept = [o for o in outcomes if data.draw(st.integers(0, 4)) > 0]
            shuffle.shuffle(kept)
            after[i] = (r, tuple(kept))
        if after and data.draw(st.booleans(), label="a rule left out"):
            after.pop(data.draw(st.integers(0, len(after) - 1)))

    one, other = before, tuple(after)
    if data.draw(st.booleans(), label="sides swapped"):  # subjects or rules in "after" only
        one, other = other, one

    def findings(results: Results) -> dict[tuple[str, str], Finding]:
        return {(r.code, o[0]): r.finding(*o) for r, outcomes in results for o in outcomes}

    old, new = findings(one), findings(other)
    expected = [
        Change(code=k[0], subject=k[1], before=old.get(k), after=new.get(k))
        for k in sorted(old.keys() | new.keys())
        if (old[k].verdict if k in old else None) != (new[k].verdict if k in new else None)
    ]
    assert list(_changes(one, other)) == expected
