"""The integrity check of a City: every problem of its parts at once, with its path and ids;
policy left to the rules."""

import attrs
import pytest

import neighborparty as np_
from neighborparty import City, IntegrityError, OrgKind, Problem, Role
from tests._helpers import SEED_DAY


def problems_of(make: object) -> list[str]:
    with pytest.raises(IntegrityError) as info:
        make()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


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
    assert edited.branches_covering("c-lonely") == (empty,)
    assert edited.members_registered_in("br-empty") == ()
    assert edited.appointments_in("br-empty") == ()


def test_the_city_id_cannot_be_an_entity_id(city: City) -> None:
    """A city whose id was also an entity's id loaded; reports and metrics, which name the city
    by its id, then named two places at once."""
    with pytest.raises(
        IntegrityError, match=r"id: the city's id 'd-1' is also the id of districts\[0\]"
    ):
        attrs.evolve(city, id="d-1")


def test_a_loop_is_reported_once_from_its_first_member_whatever_runs_into_it() -> None:
    """Organisations whose chains run into a loop (tails) do not hide the loop, and the loop
    is reported once, from its first member in document order."""
    import attrs as _attrs

    from neighborparty import City, IntegrityError, OrgKind, PartyOrganization, examples

    city = examples.seed_city()

    def org(oid: str, parent: str) -> PartyOrganization:
        return PartyOrganization(
            id=oid, name=oid, kind=OrgKind.COMMUNITY_BRANCH, parent=parent, covers=("cm-jinan",)
        )

    extra = [org("t1", "t2"), org("t2", "l1"), org("l1", "l2"), org("l2", "l3"), org("l3", "l1")]
    fields = {f.name: getattr(city, f.name) for f in _attrs.fields(City) if f.init}
    fields["organizations"] = (*city.organizations, *extra)
    try:
        City(**fields)
    except IntegrityError as err:
        loops = [str(p) for p in err.problems if "loops" in p.message]
    else:
        raise AssertionError("a loop was accepted")
    first = len(city.organizations) + 2
    assert loops == [f"organizations[{first}].parent: the parent chain loops: l1 -> l2 -> l3 -> l1"]
