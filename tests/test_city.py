"""The City aggregate: integrity on construction, lookups, edits, and the seed's scenarios."""

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, IntegrityError, OrgKind, Problem, Role, examples
from neighborparty.strategies import cities

SEED_DAY = date(2020, 10, 26)


@pytest.fixture(scope="module")
def city() -> City:
    return examples.seed_city()


def problems_of(make: object) -> list[str]:
    with pytest.raises(IntegrityError) as info:
        make()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- the seed's scenarios


def test_a_managed_compound_of_120_households_with_its_standalone_branch(city: City) -> None:
    compound = city.get("c-jinan")
    assert isinstance(compound, np_.Compound)
    assert (compound.kind, compound.households) == (np_.CompoundKind.MANAGED, 120)
    [branch] = city.branches_covering("c-jinan")
    assert (branch.id, branch.kind, branch.formation) == (
        "br-jinan",
        OrgKind.COMPOUND_BRANCH,
        np_.Formation.STANDALONE,
    )
    full_registered = [
        p.id for p in city.members_registered_in("br-jinan") if p.party and p.party.is_full
    ]
    assert full_registered == ["p-lin", "p-chen", "p-wang"]
    # The chain below the branch: building group, building head, central household.
    [group] = city.suborganizations("br-jinan")
    assert group.kind is OrgKind.BUILDING_GROUP
    assert group.covers == city.children("c-jinan")
    heads = {(a.body, a.role) for b in group.covers for a in city.appointments_in(b, on=SEED_DAY)}
    assert heads == {("b-jinan-1", Role.BUILDING_HEAD), ("b-jinan-2", Role.CENTRAL_HOUSEHOLD)}


def test_an_old_town_lane_under_a_grid_branch(city: City) -> None:
    assert city.get("c-old").kind is np_.CompoundKind.OLD_QUARTER  # type: ignore[union-attr]
    assert city.compound_of("ln-datong") == "c-old"
    [branch] = city.branches_covering("c-old")
    assert (branch.kind, branch.covers) == (OrgKind.GRID_BRANCH, ("g-old",))
    [group] = city.suborganizations(branch.id)
    assert (group.kind, group.covers) == (OrgKind.LANE_GROUP, ("ln-datong",))
    assert [p.id for p in city.residents("ln-datong", members_only=True)] == ["p-xu"]


def test_a_joint_branch_over_two_small_compounds(city: City) -> None:
    joint = city.get("br-joint")
    assert isinstance(joint, np_.PartyOrganization)
    assert joint.formation is np_.Formation.JOINT
    assert [b.id for b in city.branches_covering("c-east")] == ["br-joint"]
    assert [b.id for b in city.branches_covering("c-west")] == ["br-joint"]
    assert all(city.get(c).households < 100 for c in joint.covers)  # type: ignore[union-attr]
    dispatched = [a for a in city.appointments_in("c-east") if a.role is Role.COMPOUND_SECRETARY]
    assert [(a.person, a.dispatched) for a in dispatched] == [("p-ye", True)]


def test_a_secretary_who_also_chairs_the_owners_committee(city: City) -> None:
    posts = {(a.body, a.role) for a in city.appointments_of("p-lin", on=SEED_DAY)}
    assert posts == {("br-jinan", Role.SECRETARY), ("oc-jinan", Role.OWNERS_CHAIR)}
    [committee] = city.committees_of("c-jinan")
    assert committee.election_led_by is np_.ElectionLead.COMPOUND_BRANCH


def test_non_registered_member_is_managed_where_they_live(city: City) -> None:
    zhao = city.get("p-zhao")
    assert isinstance(zhao, np_.Person)
    assert zhao.party is not None
    assert city.collection_of(zhao.party.registered_in) == "organizations"
    assert city.compound_of("p-zhao") == "c-jinan"
    assert [p.id for p in city.members_managed_in("br-jinan")] == ["p-zhao"]


# --------------------------------------------------------------------------- integrity


def test_every_integrity_problem_is_listed_at_once(city: City) -> None:
    broken = attrs.evolve  # evolve re-runs the checks
    people = [
        *city.people,
        np_.Person(id="p-lin", name="again", home="b-jinan-1"),
        np_.Person(id="p-new", name="x", home="nowhere"),
    ]
    messages = problems_of(lambda: broken(city, people=people))
    assert messages == [
        "people[11].id: duplicate id 'p-lin', first used at people[0]",
        "people[12].home: no building, compound or lane with id 'nowhere'",
    ]


def test_a_reference_of_the_wrong_kind_says_what_it_is(city: City) -> None:
    bad = attrs.evolve(city.get("b-jinan-1"), compound="cm-jinan")
    messages = problems_of(lambda: city.with_updates(buildings=[bad]))
    assert messages[0] == "buildings[0].compound: 'cm-jinan' is a community, expected a compound"


def test_a_parent_chain_that_loops_is_reported_once(city: City) -> None:
    top = attrs.evolve(city.get("swc-1"), parent="br-jinan")
    messages = problems_of(lambda: city.with_updates(organizations=[top]))
    assert messages == [
        "organizations[0].parent: the parent chain loops: swc-1 -> br-jinan -> cc-jinan -> swc-1",
    ]


def test_a_self_parent_is_a_loop(city: City) -> None:
    me = attrs.evolve(city.get("org-tax"), parent="org-tax")
    assert problems_of(lambda: city.with_updates(organizations=[me])) == [
        "organizations[8].parent: the parent chain loops: org-tax -> org-tax"
    ]


def test_a_building_of_one_compound_listed_under_another_compounds_branch(city: City) -> None:
    group = attrs.evolve(city.get("grp-jinan-1"), covers=["b-jinan-1", "b-east-1"])
    assert problems_of(lambda: city.with_updates(organizations=[group])) == [
        "organizations[4].covers[1]: 'b-east-1' belongs to compound 'c-east', "
        "which its branch 'br-jinan' does not cover"
    ]


def test_a_grid_cannot_span_another_communitys_compound(city: City) -> None:
    grid = attrs.evolve(city.get("g-old"), compounds=["c-old", "c-east"])
    assert problems_of(lambda: city.with_updates(grids=[grid])) == [
        "grids[0].compounds[1]: 'c-east' lies in community 'cm-jinan', not in the grid's community 'cm-old'"
    ]


def test_a_membership_cannot_be_held_by_a_group(city: City) -> None:
    wang = city.get("p-wang")
    assert isinstance(wang, np_.Person)
    assert wang.party is not None
    moved = attrs.evolve(wang, party=attrs.evolve(wang.party, registered_in="grp-jinan-1"))
    assert problems_of(lambda: city.with_updates(people=[moved])) == [
        "people[2].party.registered_in: 'grp-jinan-1' is a building_group, which holds no membership"
    ]


def test_a_post_must_sit_in_a_body_of_the_right_kind(city: City) -> None:
    chair_of_branch = np_.Appointment(
        person="p-zhou", body="br-jinan", role=Role.OWNERS_CHAIR, start=SEED_DAY
    )
    head_of_compound = np_.Appointment(
        person="p-zhou", body="c-jinan", role=Role.BUILDING_HEAD, start=SEED_DAY
    )
    assert problems_of(
        lambda: city.with_updates(appointments=[chair_of_branch, head_of_compound])
    ) == [
        "appointments[14].body: 'br-jinan' is a party organisation, expected an owners' committee",
        "appointments[15].body: 'c-jinan' is a compound, expected a building or lane",
    ]


def test_formation_is_only_for_branches(city: City) -> None:
    committee = attrs.evolve(city.get("cc-jinan"), formation=np_.Formation.JOINT)
    assert problems_of(lambda: city.with_updates(organizations=[committee])) == [
        "organizations[1].formation: a community_committee has no formation; only branches do"
    ]


def test_empty_ids_are_refused() -> None:
    assert problems_of(
        lambda: City(id="x", name="x", districts=[np_.District(id="", name="d")])
    ) == ["districts[0].id: must not be empty"]


def test_integrity_problems_carry_the_offending_ids(city: City) -> None:
    bad = attrs.evolve(city.get("b-jinan-1"), compound="c-nowhere")
    with pytest.raises(IntegrityError) as info:
        city.with_updates(buildings=[bad])
    assert info.value.problems == (
        Problem(
            path="buildings[0].compound",
            message="no compound with id 'c-nowhere'",
            ids=("c-nowhere",),
        ),
    )


def test_a_city_that_breaks_policy_still_loads(city: City) -> None:
    # No branch at all for a compound, a branch without members or secretary: findings, not errors.
    lonely = np_.Compound(
        id="c-lonely", name="x", community="cm-jinan", households=500, kind=np_.CompoundKind.MANAGED
    )
    empty = np_.PartyOrganization(
        id="br-empty", name="x", kind=OrgKind.COMPOUND_BRANCH, covers=["c-lonely"]
    )
    edited = city.with_updates(compounds=[lonely], organizations=[empty])
    assert edited.members_registered_in("br-empty") == ()
    assert edited.appointments_in("br-empty") == ()


# --------------------------------------------------------------------------- lookups and edits


def test_unknown_ids_raise_a_keyerror_naming_the_id(city: City) -> None:
    for lookup in (city.get, city.children, city.residents, city.appointments_of, city.compound_of):
        with pytest.raises(np_.UnknownIdError, match="'ghost'") as info:
            lookup("ghost")
        assert isinstance(info.value, KeyError)


def test_compounds_in_every_level(city: City) -> None:
    ids = ["c-jinan", "c-east", "c-west", "c-old"]
    for place in ("d-1", "s-1"):
        assert [c.id for c in city.compounds_in(place)] == ids
    assert [c.id for c in city.compounds_in("g-old")] == ["c-old"]
    assert [c.id for c in city.compounds_in("b-east-1")] == ["c-east"]
    assert city.compounds_in("br-jinan") == ()


def test_with_updates_replaces_in_place_and_appends_new(city: City) -> None:
    renamed = attrs.evolve(city.get("c-east"), name="新东苑")
    added = np_.Compound(
        id="c-new", name="新", community="cm-old", households=10, kind=np_.CompoundKind.UNMANAGED
    )
    edited = city.with_updates(compounds=[renamed, added])
    assert [c.id for c in edited.compounds] == ["c-jinan", "c-east", "c-west", "c-old", "c-new"]
    assert edited.get("c-east").name == "新东苑"  # type: ignore[union-attr]
    assert city.get("c-east").name == "东苑"  # type: ignore[union-attr]


def test_with_updates_matches_appointments_on_person_body_role_start(city: City) -> None:
    first = city.appointments[0]
    ended = attrs.evolve(first, end=date(2021, 1, 1))
    edited = city.with_updates(appointments=[ended])
    assert edited.appointments[0] == ended
    assert len(edited.appointments) == len(city.appointments)


def test_with_updates_refuses_unknown_collections(city: City) -> None:
    with pytest.raises(TypeError, match="no collection 'streets'"):
        city.with_updates(streets=[])


def test_without_removes_what_cannot_stand_alone(city: City) -> None:
    smaller = city.without(["c-west"])
    gone = {"c-west", "b-west-1", "p-sun", "p-ma"}
    assert not any(i in smaller for i in gone)
    assert all(a.body != "c-west" and a.person not in gone for a in smaller.appointments)
    assert smaller.get("br-joint").covers == ("c-east",)  # type: ignore[union-attr]


def test_without_leaves_optional_references_to_the_caller(city: City) -> None:
    with pytest.raises(
        IntegrityError, match=r"people\[0\].party.registered_in(.|\n)*people\[3\].party.managed_in"
    ):
        city.without(["br-jinan"])


def test_without_an_unknown_id_raises(city: City) -> None:
    with pytest.raises(np_.UnknownIdError):
        city.without(["ghost"])


def test_repr_is_short(city: City) -> None:
    assert len(repr(city)) < 400
    assert "people=11" in repr(city)


# --------------------------------------------------------------------------- properties


@given(cities())
def test_generated_cities_are_valid_and_equal_to_a_rebuilt_copy(city: City) -> None:
    again = City(
        id=city.id, name=city.name, **{n: list(getattr(city, n)) for n in np_.model.COLLECTIONS}
    )
    assert again == city
    assert hash(again) == hash(city)


@given(cities(), st.randoms(use_true_random=False))
def test_lookups_do_not_depend_on_document_order(city: City, random: object) -> None:
    shuffled = {}
    for name in np_.model.COLLECTIONS:
        items = list(getattr(city, name))
        random.shuffle(items)  # type: ignore[attr-defined]
        shuffled[name] = items
    other = City(id=city.id, name=city.name, **shuffled)
    for compound in city.compounds:
        assert {o.id for o in other.branches_covering(compound.id)} == {
            o.id for o in city.branches_covering(compound.id)
        }
        assert set(other.residents(compound.id)) == set(city.residents(compound.id))
    for person in city.people:
        assert set(other.appointments_of(person.id)) == set(city.appointments_of(person.id))


@given(cities(), st.data())
def test_without_never_leaves_a_required_reference_dangling(
    city: City, data: st.DataObject
) -> None:
    ids = [e.id for e in city.compounds] + [e.id for e in city.people]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    try:
        smaller = city.without(chosen)
    except IntegrityError as err:
        # Only optional references may be left for the caller.
        optional = (
            ".managed_in",
            ".reported_to",
            ".parent",
            ".party_organization",
            ".community",
            ".ref",
        )
        assert all(p.path.endswith(optional) for p in err.problems), err
    else:
        assert not any(i in smaller for i in chosen)
