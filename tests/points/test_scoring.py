"""Scores: who is scored, tables per member and per branch, rankings, flags, and the
properties of a score (order of records, adding a record, a year and its quarters)."""

from datetime import date
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import Activity, City, synth
from neighborparty.points import (
    EXAMPLE_SCHEME,
    Ledger,
    NotInForceError,
    Period,
    PeriodUnit,
    PointsScheme,
    Rank,
    Score,
    branch_totals,
    explain_score,
    flagged_members,
    ranking,
    score,
    scores,
)
from tests.points import Q3, YEAR, since
from tests.points.strategies import MEMBERS, SEED, cases, events, schemes, total


def test_a_scheme_not_yet_in_force_is_an_error(city: City) -> None:
    with pytest.raises(NotInForceError) as info:
        score(city, "p-chen", Period.year(2019), EXAMPLE_SCHEME)
    assert (info.value.what, info.value.day) == ("base", date(2019, 1, 1))
    assert isinstance(info.value, ValueError)


def test_only_party_members_are_scored(city: City) -> None:
    with pytest.raises(np_.UnknownIdError):
        score(city, "p-zhou", Q3, EXAMPLE_SCHEME)  # a resident, not a member
    with pytest.raises(np_.UnknownIdError):
        explain_score(city, "nobody", Q3, EXAMPLE_SCHEME)
    with pytest.raises(np_.UnknownIdError):
        scores(city, Q3, EXAMPLE_SCHEME, branch="c-jinan")


def test_scores_of_every_member_and_of_one_branch(city: City) -> None:
    table = scores(city, Q3, EXAMPLE_SCHEME)
    assert list(table) == [p.id for p in city.people if p.party is not None]
    assert table["p-huang"].branch is None
    for person, entry in table.items():
        assert entry == score(city, person, Q3, EXAMPLE_SCHEME)
    jinan = scores(city, Q3, EXAMPLE_SCHEME, branch="br-jinan")
    assert jinan == {p: s for p, s in table.items() if s.branch == "br-jinan"}
    assert list(jinan) == ["p-lin", "p-chen", "p-wang", "p-zhao"]


def test_a_member_counts_in_the_branch_the_city_places_them_in(city: City) -> None:
    # p-lin is registered in br-jinan and also managed in br-joint: one of br-joint's members
    # (City.members_of), but of br-jinan's branch (City.branch_of).
    lin = city.get("p-lin")
    assert isinstance(lin, np_.Person)
    assert lin.party is not None
    edited = city.with_updates(
        people=[attrs.evolve(lin, party=attrs.evolve(lin.party, managed_in="br-joint"))]
    )
    assert "p-lin" in [p.id for p in edited.members_of("br-joint")]
    assert list(scores(edited, Q3, EXAMPLE_SCHEME, branch="br-joint")) == ["p-liu", "p-sun", "p-ma"]
    assert "p-lin" in scores(edited, Q3, EXAMPLE_SCHEME, branch="br-jinan")
    assert score(edited, "p-lin", Q3, EXAMPLE_SCHEME).branch == "br-jinan"
    assert explain_score(edited, "p-lin", Q3, EXAMPLE_SCHEME).score.branch == "br-jinan"
    assert branch_totals(scores(edited, Q3, EXAMPLE_SCHEME))["br-joint"].members == 3


def test_an_edited_city_is_scored_as_edited(city: City) -> None:
    # p-huang is registered in the community committee, in no branch; once managed in
    # br-joint, br-joint is the branch. Scoring the city first keeps what it read of that City.
    before = scores(city, Q3, EXAMPLE_SCHEME)
    huang = city.get("p-huang")
    assert isinstance(huang, np_.Person)
    assert huang.party is not None
    edited = city.with_updates(
        people=[attrs.evolve(huang, party=attrs.evolve(huang.party, managed_in="br-joint"))]
    )
    after = scores(edited, Q3, EXAMPLE_SCHEME)
    assert (before["p-huang"].branch, after["p-huang"].branch) == (None, "br-joint")
    assert scores(city, Q3, EXAMPLE_SCHEME) == before
    assert list(scores(edited, Q3, EXAMPLE_SCHEME, branch="br-joint")) == [
        "p-huang",
        "p-liu",
        "p-sun",
        "p-ma",
    ]
    assert branch_totals(after)["br-joint"].members == 4


def test_scores_and_totals_per_branch_group_the_members_by_their_branch() -> None:
    small = synth.city(seed=2, scale=0.01)
    table = scores(small, YEAR, EXAMPLE_SCHEME)
    members = [p.id for p in small.people if p.party is not None]
    grouped: dict[str | None, list[str]] = {}
    for person in members:
        branch = small.branch_of(person)
        grouped.setdefault(None if branch is None else branch.id, []).append(person)
    assert list(table) == members
    assert {p: s.branch for p, s in table.items()} == {
        p: branch for branch, people in grouped.items() for p in people
    }
    assert grouped.get(None), "the city should hold members in no branch"
    for organization in small.organizations:
        if organization.kind.is_branch:
            expected = {p: table[p] for p in grouped.get(organization.id, [])}
            assert scores(small, YEAR, EXAMPLE_SCHEME, branch=organization.id) == expected
    totals = branch_totals(table)
    assert list(totals) == sorted(b for b in grouped if b is not None)
    for branch, summed in totals.items():
        people = grouped[branch]
        assert summed.members == len(people)
        assert summed.total == pytest.approx(sum(table[p].total for p in people))
        assert summed.average == pytest.approx(summed.total / len(people))


def test_branch_totals_and_averages(city: City) -> None:
    totals = branch_totals(scores(city, Q3, EXAMPLE_SCHEME))
    assert list(totals) == ["br-grid-old", "br-jinan", "br-joint"]
    assert totals["br-jinan"] == np_.points.BranchTotal(
        branch="br-jinan", members=4, total=260.0, average=65.0
    )


def test_ranking_shares_places_between_equal_scores() -> None:
    def entry(person: str, total: float) -> Score:
        return Score(
            person=person,
            period=Q3,
            branch=None,
            base=80.0,
            earned=0.0,
            cut=0.0,
            deducted=0.0,
            total=total,
            flag_below=60.0,
        )

    table = {
        p: entry(p, t) for p, t in [("p-d", 70.0), ("p-b", 90.0), ("p-c", 90.0), ("p-a", 85.0)]
    }
    assert ranking(table) == (
        Rank(rank=1, id="p-b", value=90.0),
        Rank(rank=1, id="p-c", value=90.0),
        Rank(rank=3, id="p-a", value=85.0),
        Rank(rank=4, id="p-d", value=70.0),
    )
    assert ranking({}) == ()


def test_flagged_members_are_those_strictly_below_the_threshold(city: City) -> None:
    at_threshold = EXAMPLE_SCHEME.with_rules(flag_below=since(48))
    table = scores(city, YEAR, at_threshold)
    assert [(s.person, s.total) for s in flagged_members(table)] == [
        ("p-liu", 33.0),
        ("p-ma", 33.0),
        ("p-sun", 33.0),
        ("p-wang", 33.0),
        ("p-xu", 33.0),
        ("p-zhao", 33.0),
        ("p-huang", 45.0),
    ]
    assert table["p-lin"].total == 48.0
    assert not table["p-lin"].flagged


def test_the_synthetic_city_scores_as_explained() -> None:
    small = synth.city(seed=2, scale=0.01)
    table = scores(small, YEAR, EXAMPLE_SCHEME)
    assert len(table) == sum(p.party is not None for p in small.people)
    for person, entry in list(table.items())[::7]:
        assert explain_score(small, person, YEAR, EXAMPLE_SCHEME).score == entry
    some_branch = next(s.branch for s in table.values() if s.branch is not None)
    assert scores(small, YEAR, EXAMPLE_SCHEME, branch=some_branch) == {
        p: s for p, s in table.items() if s.branch == some_branch
    }


@given(cases(), st.randoms(use_true_random=False))
def test_the_score_does_not_depend_on_the_order_of_events(
    case: tuple[Ledger, PointsScheme, Period], random: Random
) -> None:
    ledger, scheme, period = case
    shuffled = list(ledger)
    random.shuffle(shuffled)
    again = Ledger(shuffled)
    assert scores(SEED, period, scheme, ledger=again) == scores(SEED, period, scheme, ledger=ledger)
    for person in MEMBERS:
        assert explain_score(SEED, person, period, scheme, ledger=again) == explain_score(
            SEED, person, period, scheme, ledger=ledger
        )


@given(cases(), st.data())
def test_adding_an_event_never_lowers_a_score(
    case: tuple[Ledger, PointsScheme, Period], data: st.DataObject
) -> None:
    before, scheme, period = case
    after = before.appended(data.draw(events(prefix="new", max_size=3, around=period)))
    for person in MEMBERS:
        assert (
            total(after, period, scheme, person).total
            >= total(before, period, scheme, person).total
        )


@given(
    events(max_size=60, around=Period.year(2020)),
    schemes(units=(PeriodUnit.MONTH, PeriodUnit.QUARTER)),
)
def test_with_quarterly_caps_a_year_is_the_sum_of_its_quarters(
    records: list[Activity], scheme: PointsScheme
) -> None:
    ledger = Ledger(records)
    whole = total(ledger, YEAR, scheme)
    parts = [total(ledger, q, scheme) for q in YEAR.quarters()]
    assert whole.earned == round(sum(p.earned for p in parts), 2)
    assert whole.cut == round(sum(p.cut for p in parts), 2)
    assert whole.deducted == round(sum(p.deducted for p in parts), 2)
    assert round(whole.total - whole.base, 2) == round(sum(p.total - p.base for p in parts), 2)


@given(events(max_size=60, around=Period.year(2020)), schemes())
def test_yearly_caps_can_only_lower_a_year_below_its_quarters(
    records: list[Activity], scheme: PointsScheme
) -> None:
    yearly = [r.code for r in scheme.required if r.per is PeriodUnit.YEAR]
    scheme = scheme.without_rules(*yearly)
    ledger = Ledger(records)
    whole = total(ledger, YEAR, scheme)
    parts = [total(ledger, q, scheme) for q in YEAR.quarters()]
    assert whole.earned <= round(sum(p.earned for p in parts), 2)
    assert whole.deducted == round(sum(p.deducted for p in parts), 2)
