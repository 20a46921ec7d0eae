"""The City aggregate: the seed's scenarios, lookups, and what holds of every city."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, OrgKind, Role
from neighborparty.strategies import cities
from tests._helpers import SEED_DAY

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


# --------------------------------------------------------------------------- lookups


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


def test_an_organisation_covering_a_part_covers_that_part(city: City) -> None:
    """An organisation covering a grid, a building or a lane was found covering the compounds
    it reaches but not the part it names."""
    assert [o.id for o in city.organizations_covering("ln-datong")] == ["grp-datong"]
    assert [o.id for o in city.organizations_covering("g-old")] == ["br-grid-old"]


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


# --------------------------------------------------------------------------- the id tables


def _whole_table(city: City) -> dict[str, int]:
    """Where each id stands, read off the collections (the truth the tables are held to)."""
    from neighborparty.model._references import code_of

    return {
        e.id: code_of(name, i)
        for name in np_.model.COLLECTIONS
        if name != "appointments"
        for i, e in enumerate(getattr(city, name))
    }


@given(cities(), st.booleans(), st.randoms(use_true_random=False))
def test_every_lookup_finds_what_the_whole_table_says(
    city: City, whole_first: bool, random: object
) -> None:
    """Looked up through the structure's table and the records' (made on a miss), or through
    the whole table made first, every id is where it stands, and an unknown id is nowhere."""
    fresh = City(id=city.id, name=city.name, **{n: getattr(city, n) for n in np_.model.COLLECTIONS})
    truth = _whole_table(fresh)
    if whole_first:
        assert fresh._where == truth
    ids = [*truth, "nobody", fresh.id]
    random.shuffle(ids)  # type: ignore[attr-defined]
    for id in ids:
        assert fresh._code(id) == truth.get(id)
        assert (id in fresh) is (id in truth)
        if id in truth:
            assert fresh.get(id).id == id
            assert fresh.collection_of(id) == np_.model._references.place_of(truth[id])[0]
    assert fresh._where == truth


def test_a_check_makes_no_table_of_the_records(city: City) -> None:
    """The structure's lookups never read the ids of claims, whistles and activities (most of
    a city's ids): a check leaves their tables, and the whole table, unmade."""
    from neighborparty.model.city import _built

    fresh = City(id=city.id, name=city.name, **{n: getattr(city, n) for n in np_.model.COLLECTIONS})
    np_.check(fresh)
    assert "_where" not in _built(fresh)
    assert fresh._records == {}
    assert set(fresh._structure) == {
        id
        for id, code in _whole_table(fresh).items()
        if np_.model._references.place_of(code)[0] not in np_.model._references.RECORDS
    }
    whistle = fresh.whistles[0]
    assert fresh.get(whistle.id) is whistle  # the claims' table, then the whistles'
    assert set(fresh._records) == {"claims", "whistles"}
