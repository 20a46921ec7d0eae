"""The graph projection and the organisational queries."""

from datetime import date
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, Role, examples, graph
from neighborparty.graph.projection import RECORDS
from neighborparty.strategies import cities

SEED_DAY = date(2020, 10, 26)


@pytest.fixture(scope="module")
def city() -> City:
    return examples.seed_city()


# --------------------------------------------------------------------------- the seed's scenarios


def test_a_secretary_chair_is_counted_once_even_with_two_appointments(city: City) -> None:
    again = np_.Appointment(
        person="p-lin", body="br-jinan", role=Role.SECRETARY, start=date(2020, 6, 1)
    )
    edited = city.with_updates(appointments=[again])
    assert len(graph.cross_appointments(edited)) == 2
    assert graph.dual_role_secretaries(edited) == ("p-lin",)
    assert graph.number_of_dual_role_secretaries(edited) == 1


def test_a_person_on_two_committees(city: City) -> None:
    second = np_.OwnersCommittee(id="oc-east", compound="c-east", term_start=date(2020, 1, 1))
    seat = np_.Appointment(
        person="p-chen", body="oc-east", role=Role.OWNERS_MEMBER, start=date(2020, 1, 1)
    )
    edited = city.with_updates(committees=[second], appointments=[seat])
    assert graph.members_on_committees(edited).count("p-chen") == 1
    # p-chen holds no branch post, so sits on both committees without a cross-appointment.
    assert [x.person for x in graph.cross_appointments(edited)] == ["p-lin"]
    assert [oc.id for oc in graph.red_committees(edited)] == ["oc-jinan", "oc-east"]


def test_a_joint_branch_covers_its_compounds(city: City) -> None:
    cov = graph.coverage(city)["cm-jinan"]
    assert (cov.compounds, cov.organized, cov.worked) == (3, 3, 3)
    assert graph.is_organized(city, "c-east")
    assert graph.is_organized(city, "c-west")


def test_an_old_town_lane_reached_only_by_a_grid_branch(city: City) -> None:
    assert graph.is_worked(city, "c-old")
    assert not graph.is_organized(city, "c-old")
    assert graph.coverage(city)["cm-old"] == graph.Coverage(
        place="cm-old", compounds=1, organized=0, worked=1
    )


def test_a_dispatched_staffer_alone_brings_work_coverage(city: City) -> None:
    lone = np_.Compound(
        id="c-lone", name="x", community="cm-jinan", households=40, kind=np_.CompoundKind.UNMANAGED
    )
    staff = np_.Appointment(
        person="p-ye", body="c-lone", role=Role.COMPOUND_SECRETARY, start=date(2020, 1, 1)
    )
    assert not graph.is_worked(city.with_updates(compounds=[lone]), "c-lone")
    assert not graph.is_worked(city.with_updates(compounds=[lone], appointments=[staff]), "c-lone")
    dispatched = attrs.evolve(staff, dispatched=True)
    assert graph.is_worked(city.with_updates(compounds=[lone], appointments=[dispatched]), "c-lone")


def test_coverage_at_every_level(city: City) -> None:
    for by, place in (("subdistrict", "s-1"), ("district", "d-1"), ("city", "xm-demo")):
        assert graph.coverage(city, by=by)[place] == graph.Coverage(
            place=place, compounds=4, organized=3, worked=4
        )
    with pytest.raises(ValueError, match="by must be"):
        graph.coverage(city, by="province")  # type: ignore[arg-type]


def test_posts_are_read_on_a_day(city: City) -> None:
    assert graph.cross_appointments(city, on=date(2019, 5, 31)) == ()
    assert len(graph.cross_appointments(city, on=SEED_DAY)) == 1


def test_chain_of_command_and_members(city: City) -> None:
    assert [o.id for o in graph.chain_of_command(city, "c-west")] == [
        "br-joint",
        "cc-jinan",
        "swc-1",
    ]
    assert [o.id for o in graph.chain_of_command(city, "ln-datong")] == [
        "grp-datong",
        "br-grid-old",
        "cc-old",
        "swc-1",
    ]
    assert graph.chain_of_command(city, "p-zhou") == ()
    assert [p.id for p in graph.members_of(city, "br-jinan", managed=False)] == [
        "p-lin",
        "p-chen",
        "p-wang",
    ]
    with pytest.raises(np_.UnknownIdError):
        graph.members_of(city, "c-jinan")


def test_nearest_compounds_prefers_distance_when_known(city: City) -> None:
    placed = [
        attrs.evolve(city.get("c-jinan"), coordinates=(0.0, 0.0)),
        attrs.evolve(city.get("c-east"), coordinates=(5.0, 0.0)),
        attrs.evolve(city.get("c-west"), coordinates=(1.0, 1.0)),
    ]
    edited = city.with_updates(compounds=placed)
    assert [c.id for c in graph.nearest_compounds(edited, "c-jinan", 2)] == ["c-west", "c-east"]
    assert graph.nearest_compounds(city, "c-jinan", 0) == ()
    with pytest.raises(ValueError, match="negative"):
        graph.nearest_compounds(city, "c-jinan", -1)


def test_service_circle(city: City) -> None:
    centre = np_.ServiceStation(
        id="st-s", name="x", place="s-1", kind=np_.StationKind.SUBDISTRICT_CENTRE
    )
    edited = city.with_updates(stations=[centre])
    assert [s.id for s in graph.service_circle(edited, "c-jinan")] == [
        "st-jinan",
        "st-cm-jinan",
        "st-s",
    ]
    assert [s.id for s in graph.service_circle(edited, "c-old")] == ["st-s"]


def test_bridging_people(city: City) -> None:
    assert graph.bridging_people(city, top=1) == (("p-chen", 3),)
    assert graph.bridging_people(np_.City(id="x", name="x")) == ()


def test_users_can_run_networkx_on_the_projection(city: City) -> None:
    g = graph.to_graph(city)
    with pytest.raises(nx.NetworkXError):
        g.add_node("intruder")
    undirected = nx.Graph(g.copy())
    assert nx.has_path(undirected, "p-lin", "swc-1")
    assert nx.shortest_path_length(undirected, "p-xu", "c-old") == 2


# --------------------------------------------------------------------------- properties


def included(city: City, *, people: bool, records: bool) -> set[str]:
    ids = set()
    for name in np_.model.COLLECTIONS:
        if name == "appointments":
            continue
        if not people and name in ("people", "claims", "activities"):
            continue
        if not records and name in RECORDS:
            continue
        ids.update(e.id for e in getattr(city, name))
    return ids


@given(cities(), st.booleans(), st.booleans())
def test_a_node_per_entity_and_every_edge_between_nodes(
    city: City, people: bool, records: bool
) -> None:
    g = graph.to_graph(city, people=people, records=records)
    assert set(g.nodes) == included(city, people=people, records=records)
    assert g.number_of_nodes() == len(included(city, people=people, records=records))
    assert all(u in g and v in g for u, v in g.edges())
    assert {d["relation"] for _, _, d in g.edges(data=True)} <= set(graph.RELATIONS)
    if people:
        holds = sum(1 for *_, d in g.edges(data=True) if d["relation"] == "holds")
        assert holds == len({(a.person, a.body, a.role, a.start) for a in city.appointments})


def rename(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: rename(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [rename(v, mapping) for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


@given(cities())
def test_renaming_every_id_gives_the_same_graph_relabelled(city: City) -> None:
    ids = included(city, people=True, records=True)
    mapping = {i: f"renamed::{i}" for i in ids}
    doc = np_.to_dict(city)
    renamed = np_.from_dict({**rename(doc, mapping), "name": doc["name"], "id": doc["id"]})
    g1 = nx.relabel_nodes(graph.to_graph(city, records=True), mapping)
    g2 = graph.to_graph(renamed, records=True)
    assert dict(g1.nodes(data=True)) == dict(g2.nodes(data=True))
    assert sorted(g1.edges(keys=True, data="relation")) == sorted(
        g2.edges(keys=True, data="relation")
    )
    assert nx.is_isomorphic(graph.to_graph(city), graph.to_graph(renamed))


def brute_force_cross_appointments(city: City, on: date | None) -> set[tuple[str, str, Any, Any]]:
    def counts(a: np_.Appointment) -> bool:
        return a.end is None if on is None else a.start <= on and (a.end is None or on <= a.end)

    found = set()
    committees = {oc.id: oc for oc in city.committees}
    for a in city.appointments:
        for b in city.appointments:
            if a.person != b.person or not (counts(a) and counts(b)) or b.body not in committees:
                continue
            if b.role not in (Role.OWNERS_CHAIR, Role.OWNERS_VICE_CHAIR, Role.OWNERS_MEMBER):
                continue
            compound = committees[b.body].compound
            org = city.get(a.body)
            if isinstance(org, np_.PartyOrganization) and org.kind.is_branch:
                reached = set()
                for place in org.covers:
                    if city.collection_of(place) == "grids":
                        reached.update(city.get(place).compounds)  # type: ignore[union-attr]
                    else:
                        reached.add(city.compound_of(place))
                if compound in reached:
                    found.add((a.person, compound, a, b))
    return found


@given(cities(), st.none() | st.dates(date(2015, 1, 1), date(2027, 1, 1)))
def test_cross_appointments_equal_a_brute_force_count(city: City, on: date | None) -> None:
    result = graph.cross_appointments(city, on=on)
    as_set = {(x.person, x.compound, x.branch_post, x.committee_post) for x in result}
    assert len(as_set) == len(result)
    assert as_set == brute_force_cross_appointments(city, on)
