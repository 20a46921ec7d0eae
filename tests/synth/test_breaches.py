"""The policy breaches a synthetic city plants, each near its share."""

from datetime import timedelta

import pytest

from neighborparty import (
    DEFAULT_POLICY,
    City,
    CompoundKind,
    ElectionLead,
    Formation,
    MemberCategory,
    OwnersCommittee,
    Person,
    Role,
    StationKind,
    check,
    synth,
)
from neighborparty.synth.breaches import INACTIVE_MEMBER_SHARE

REF = synth.reference_date(2020)


def threshold(name: str) -> int:
    """A whole-number parameter of the default policy in force on the reference day: the
    breaches are planted on either side of it."""
    return int(DEFAULT_POLICY.value(name, REF))


STANDALONE_HOUSEHOLDS = threshold("formation.standalone_min_households")
STANDALONE_FULL_MEMBERS = threshold("formation.standalone_min_full_members")
BRANCH_MIN_FULL_MEMBERS = threshold("branch.min_full_members")
WHISTLE_ANSWER_DAYS = threshold("whistle.answer_days")


def person(city: City, id: str) -> Person:
    found = city.get(id)
    assert isinstance(found, Person)
    return found


def full_registered_living_in(city: City, compound: str, branch: str) -> int:
    return sum(
        1
        for p in city.residents(compound, members_only=True)
        if p.party is not None and p.party.is_full and p.party.registered_in == branch
    )


def test_eligible_managed_compounds_sit_in_joint_branches(xiamen: City) -> None:
    """NP102: enough registered full members and households, yet no standalone branch."""
    eligible = breaches = 0
    for compound in xiamen.compounds:
        if compound.kind is not CompoundKind.MANAGED or compound.households < STANDALONE_HOUSEHOLDS:
            continue
        branches = xiamen.branches_covering(compound.id)
        if (
            sum(full_registered_living_in(xiamen, compound.id, b.id) for b in branches)
            < STANDALONE_FULL_MEMBERS
        ):
            continue
        eligible += 1
        breaches += not any(b.formation is Formation.STANDALONE for b in branches)
    assert breaches / eligible == pytest.approx(synth.JOINT_ELIGIBLE_SHARE, abs=0.02)


def test_some_branches_have_fewer_full_members_than_they_need_or_no_secretary(xiamen: City) -> None:
    branches = [o for o in xiamen.organizations if o.kind.is_branch]
    thin = [
        b
        for b in branches
        if sum(1 for p in xiamen.members_registered_in(b.id) if p.party and p.party.is_full)
        < BRANCH_MIN_FULL_MEMBERS
    ]
    assert len(thin) / len(branches) >= synth.THIN_BRANCH_SHARE  # NP103
    vacant = [
        b
        for b in branches
        if not any(a.role is Role.SECRETARY for a in xiamen.appointments_in(b.id, on=REF))
    ]
    assert len(vacant) / len(branches) == pytest.approx(synth.VACANT_SECRETARY_SHARE, abs=0.015)


def test_some_secretaries_are_neither_assessed_nor_dispatched(xiamen: City) -> None:
    """NP202: no four-haves assessment met in full, and not sent by the community."""
    resident = [
        a
        for a in xiamen.appointments
        if a.role is Role.SECRETARY
        and a.in_force(REF)
        and not a.dispatched
        and xiamen.collection_of(a.body) == "organizations"
        and xiamen.get(a.body).kind.is_branch  # type: ignore[union-attr]
    ]
    unassessed = [
        a for a in resident if (fh := person(xiamen, a.person).four_haves) is None or not fh.all_met
    ]
    assert len(unassessed) / len(resident) == pytest.approx(
        synth.UNASSESSED_SECRETARY_SHARE, abs=0.03
    )
    assert any(a.dispatched for a in xiamen.appointments if a.role is Role.SECRETARY)


def test_some_owners_committees_are_out_of_term_or_not_led_by_the_branch(xiamen: City) -> None:
    current: dict[str, OwnersCommittee] = {}
    for oc in xiamen.committees:
        if oc.compound not in current or current[oc.compound].term_start < oc.term_start:
            current[oc.compound] = oc
    committees = list(current.values())
    out_of_term = [oc for oc in committees if oc.term_end is not None and oc.term_end < REF]
    assert len(out_of_term) / len(committees) == pytest.approx(
        synth.OUT_OF_TERM_COMMITTEE_SHARE, abs=0.03
    )  # NP502
    # A committee out of term still sits: its posts are in force.
    assert all(xiamen.appointments_in(oc.id, on=REF) for oc in out_of_term)
    not_led = [oc for oc in committees if oc.election_led_by is not ElectionLead.COMPOUND_BRANCH]
    assert len(not_led) / len(committees) == pytest.approx(
        synth.ELECTION_NOT_LED_SHARE, abs=0.05
    )  # NP503


def test_some_major_votes_were_not_deliberated_first(xiamen: City) -> None:
    """NP504: a major matter decided without the branch deliberating it first."""
    deliberated = {d.vote for d in xiamen.deliberations}
    major = [v for v in xiamen.votes if v.matter.is_major and xiamen.branches_covering(v.compound)]
    undeliberated = [v for v in major if v.id not in deliberated]
    assert len(undeliberated) / len(major) == pytest.approx(
        synth.UNDELIBERATED_MAJOR_VOTE_SHARE, abs=0.05
    )


def test_some_whistles_wait_more_than_30_days(xiamen: City) -> None:
    """NP603."""
    late = [
        w
        for w in xiamen.whistles
        if w.answered_on is None and w.raised_on < REF - timedelta(days=WHISTLE_ANSWER_DAYS)
    ]
    assert len(late) / len(xiamen.whistles) == pytest.approx(
        synth.UNANSWERED_WHISTLE_SHARE, abs=0.02
    )


def test_most_compounds_have_no_station_and_some_members_did_not_report(xiamen: City) -> None:
    with_station = {s.place for s in xiamen.stations if s.kind is StationKind.COMPOUND_STATION}
    assert 0.5 < 1 - len(with_station) / len(xiamen.compounds) < 0.75  # NP604
    in_service = [
        p.party
        for p in xiamen.people
        if p.party is not None and p.party.category is MemberCategory.IN_SERVICE
    ]
    unreported = sum(1 for m in in_service if m.reported_to is None)
    assert unreported / len(in_service) == pytest.approx(
        synth.UNREPORTED_IN_SERVICE_SHARE, abs=0.02
    )  # NP402


def test_compounds_no_branch_covers_are_still_reached_by_a_dispatched_staffer(
    xiamen: City,
) -> None:
    """NP101 fails for them, yet work coverage stays at 100 %."""
    branchless = [c for c in xiamen.compounds if not xiamen.branches_covering(c.id)]
    assert branchless
    for compound in branchless:
        posts = xiamen.appointments_in(compound.id, on=REF)
        assert any(a.role is Role.COMPOUND_SECRETARY and a.dispatched for a in posts)


def test_some_members_have_had_no_organisational_life_for_six_months(xiamen: City) -> None:
    """The city records only its month's activities, and each member's latest organisational
    life: NP405 fails the share planted, and judges every member."""
    counts = check(xiamen, on=REF, select=["NP405"]).counts()["NP405"]
    members = sum(p.party is not None for p in xiamen.people)
    assert counts == {"pass": members - counts["fail"], "fail": counts["fail"], "undetermined": 0}
    assert counts["fail"] / members == pytest.approx(INACTIVE_MEMBER_SHARE, abs=0.005)
