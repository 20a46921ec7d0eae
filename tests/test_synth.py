"""Synthetic cities: determinism, calibration to the published figures, planted breaches."""

import math
import random
from collections import Counter
from datetime import timedelta

import pytest

from neighborparty import (
    City,
    CompoundKind,
    ElectionLead,
    Formation,
    MemberCategory,
    OrgKind,
    OwnersCommittee,
    Person,
    Role,
    StationKind,
    examples,
    from_dict,
    synth,
    to_dict,
)

REF = synth.reference_date(2020)
SIX_DISTRICTS = {"思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区"}


@pytest.fixture(scope="module")
def xiamen() -> City:
    """The 2020 city at scale 1, built once for the module."""
    return synth.city(seed=1, scale=1)


@pytest.fixture(scope="module")
def small() -> City:
    return synth.city(seed=1, scale=0.02)


def person(city: City, id: str) -> Person:
    found = city.get(id)
    assert isinstance(found, Person)
    return found


def failures(figures: tuple[synth.Figure, ...], tolerance: float) -> list[str]:
    return [
        f"{f.name}: {f.value} vs {f.expected} ({f.source})"
        for f in figures
        if not f.within(tolerance)
    ]


# --------------------------------------------------------------------------- determinism


def test_the_same_arguments_give_an_equal_city(small: City) -> None:
    assert synth.city(seed=1, scale=0.02) == small


def test_different_seeds_give_different_cities(small: City) -> None:
    other = synth.city(seed=2, scale=0.02)
    assert other != small
    assert [c.households for c in other.compounds] != [c.households for c in small.compounds]


def test_the_global_random_state_is_left_alone() -> None:
    random.seed(12345)
    before = random.getstate()
    synth.city(seed=7, scale=0.01)
    assert random.getstate() == before


# --------------------------------------------------------------------------- shape and scale


def test_scale_one_hundredth_gives_about_four_communities() -> None:
    city = synth.city(seed=3, scale=0.01)
    assert len(city.communities) == 4
    assert {d.name for d in city.districts} <= SIX_DISTRICTS
    per_community = Counter(c.community for c in city.compounds)
    assert all(5 <= n <= 15 for n in per_community.values())


def test_scale_one_has_the_size_of_the_seeds_xiamen(xiamen: City) -> None:
    assert {d.name for d in xiamen.districts} == SIX_DISTRICTS
    assert len(xiamen.communities) == 374
    assert 2_900 <= len(xiamen.compounds) <= 3_100
    assert 36_000 <= len(xiamen.buildings) <= 46_000
    assert 260_000 <= len(xiamen.people) <= 330_000
    members = sum(1 for p in xiamen.people if p.party is not None)
    assert 0.07 <= members / len(xiamen.people) <= 0.12
    assert set(Counter(c.kind for c in xiamen.compounds)) == set(CompoundKind)
    per_community = Counter(c.community for c in xiamen.compounds)
    assert min(per_community.values()) >= 5
    assert max(per_community.values()) <= 15


def test_branches_are_formed_standalone_first_and_joint_as_supplement(xiamen: City) -> None:
    branches = [o for o in xiamen.organizations if o.kind is OrgKind.COMPOUND_BRANCH]
    formations = Counter(o.formation for o in branches)
    assert formations[Formation.STANDALONE] > formations[Formation.JOINT] > 0
    for branch in branches:
        compounds = [xiamen.get(c) for c in branch.covers]
        communities = {c.community for c in compounds}  # type: ignore[union-attr]
        assert len(communities) == 1
        if branch.formation is Formation.JOINT:
            assert 2 <= len(compounds) <= 5
        else:
            assert len(compounds) == 1


def test_old_quarters_have_lanes_and_lane_groups(xiamen: City) -> None:
    old = [c for c in xiamen.compounds if c.kind is CompoundKind.OLD_QUARTER]
    lanes_of = Counter(lane.compound for lane in xiamen.lanes)
    assert all(lanes_of[c.id] >= 2 for c in old)
    assert not {b.compound for b in xiamen.buildings} & {c.id for c in old}
    assert any(o.kind is OrgKind.LANE_GROUP for o in xiamen.organizations)


def test_non_registered_members_are_registered_in_a_unit_and_mostly_managed_here(
    xiamen: City,
) -> None:
    kinds = {o.id: o.kind for o in xiamen.organizations}
    elsewhere = [
        p.party
        for p in xiamen.people
        if p.party is not None and kinds[p.party.registered_in] is OrgKind.UNIT_ORGANIZATION
    ]
    managed = sum(1 for m in elsewhere if m.managed_in is not None)
    assert 0.85 <= managed / len(elsewhere) < 1.0


def test_a_tenth_of_xiamen_scales_the_figures() -> None:
    city = synth.city(seed=1, scale=0.1)
    assert len(city.communities) == 37
    assert failures(synth.calibration(city, scale=0.1), 0.1) == []


# --------------------------------------------------------------------------- calibration


def test_the_2020_city_matches_every_seed_figure_within_5_percent(xiamen: City) -> None:
    figures = synth.calibration(xiamen, year=2020)
    assert [f.name for f in figures] == [
        "communities",
        "compound_branches",
        "organisation_coverage",
        "work_coverage",
        "division_cadres",
        "compound_stations",
        "secretary_chairs",
        "member_chairs",
        "committee_members",
        "municipal_units_reported",
        "co_building_units",
    ]
    assert failures(figures, 0.05) == []
    assert {f.source for f in figures} <= {
        "[intro]",
        "[建强-2]",
        "[建强-3]",
        "[打造-1]",
        "[健全-1]",
        "[健全-3]",
    }


def test_the_2024_city_matches_every_report_figure_within_5_percent() -> None:
    city = synth.city(seed=1, scale=1, year=2024)
    figures = synth.calibration(city, year=2024)
    assert {f.name for f in figures} == {
        "compounds",
        "managed_compounds",
        "owners_committees",
        "compound_branches",
        "secretary_chairs",
        "committee_members",
        "red_committees",
        "companies_with_organisation",
    }
    assert {f.source for f in figures} == {"厦住建综函〔2024〕66号"}
    assert failures(figures, 0.05) == []


def test_calibration_reads_any_city_by_its_entities() -> None:
    figures = {f.name: f.value for f in synth.calibration(examples.seed_city(), scale=0.01)}
    assert figures == {
        "communities": 2,
        "compound_branches": 2,
        "organisation_coverage": 0.75,  # c-old is reached by a grid branch only
        "work_coverage": 1.0,
        "division_cadres": 0,
        "compound_stations": 1,
        "secretary_chairs": 1,  # p-lin: secretary of br-jinan, chair of oc-jinan
        "member_chairs": 1,
        "committee_members": 4,  # p-zhou, on the committee, is not a member
        "municipal_units_reported": 1,
        "co_building_units": 1,
    }


def test_figures_scale_counts_but_not_shares(small: City) -> None:
    figures = {f.name: f for f in synth.calibration(small, scale=0.02)}
    assert figures["secretary_chairs"].expected == pytest.approx(98 * 0.02)
    assert figures["organisation_coverage"].expected == 0.90
    assert figures["secretary_chairs"].published == 98


def test_a_figure_compares_its_value_with_what_was_expected() -> None:
    figure = synth.Figure(name="x", published=100, value=96, source="[健全-1]")
    assert figure.expected == 100
    assert figure.ratio == pytest.approx(0.96)
    assert figure.within(0.05)
    assert not figure.within(0.03)
    assert synth.Figure(name="x", published=0, value=0, source="s").ratio == 1.0
    assert synth.Figure(name="x", published=0, value=1, source="s").ratio == math.inf


# --------------------------------------------------------------------------- documents


def test_a_small_city_round_trips_through_documents(small: City) -> None:
    assert from_dict(to_dict(small)) == small


# --------------------------------------------------------------------------- planted breaches


def full_registered_living_in(city: City, compound: str, branch: str) -> int:
    return sum(
        1
        for p in city.residents(compound, members_only=True)
        if p.party is not None and p.party.is_full and p.party.registered_in == branch
    )


def test_eligible_managed_compounds_sit_in_joint_branches(xiamen: City) -> None:
    """NP102: ≥ 3 registered full members and ≥ 100 households, yet no standalone branch."""
    eligible = breaches = 0
    for compound in xiamen.compounds:
        if compound.kind is not CompoundKind.MANAGED or compound.households < 100:
            continue
        branches = xiamen.branches_covering(compound.id)
        if sum(full_registered_living_in(xiamen, compound.id, b.id) for b in branches) < 3:
            continue
        eligible += 1
        breaches += not any(b.formation is Formation.STANDALONE for b in branches)
    assert breaches / eligible == pytest.approx(synth.JOINT_ELIGIBLE_SHARE, abs=0.02)


def test_some_branches_have_fewer_than_three_full_members_or_no_secretary(xiamen: City) -> None:
    branches = [o for o in xiamen.organizations if o.kind.is_branch]
    thin = [
        b
        for b in branches
        if sum(1 for p in xiamen.members_registered_in(b.id) if p.party and p.party.is_full) < 3
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
        if w.answered_on is None and w.raised_on < REF - timedelta(days=30)
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


# --------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize("year", [2019, 2021, 2023, 2025])
def test_an_unsupported_year_raises_value_error_naming_the_supported_ones(year: int) -> None:
    with pytest.raises(ValueError, match="2020, 2024"):
        synth.city(year=year)
    with pytest.raises(ValueError, match="2020, 2024"):
        synth.calibration(examples.seed_city(), year=year)


@pytest.mark.parametrize("scale", [0, -1, -0.5, math.nan, math.inf])
def test_a_scale_that_is_not_positive_and_finite_raises_value_error(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        synth.city(scale=scale)
    with pytest.raises(ValueError, match="scale"):
        synth.calibration(examples.seed_city(), scale=scale)
