"""The networkx projection: a node per entity, an edge per reference, unchanged by renaming."""

from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, graph
from neighborparty.graph.projection import RECORDS
from neighborparty.strategies import cities

PLACES = {"district", "subdistrict", "community", "compound", "building", "lane", "grid"}
KINDS = {
    *PLACES,
    *("person", "organization", "committee", "company", "unit", "agreement", "station"),
    *("service_item", "claim", "project", "vote", "deliberation", "whistle", "activity"),
}


def _joining(sources: set[str], targets: set[str]) -> set[tuple[str, str]]:
    return {(s, t) for s in sources for t in targets}


ENDS: dict[str, set[tuple[str, str]]] = {
    "within": {
        ("subdistrict", "district"),
        ("community", "subdistrict"),
        ("compound", "community"),
        ("building", "compound"),
        ("lane", "compound"),
        ("grid", "community"),
    },
    "in_grid": {("compound", "grid")},
    "under": {("organization", "organization")},
    "covers": _joining({"organization"}, PLACES),
    "lives_in": _joining({"person"}, {"building", "lane", "compound"}),
    "registered_in": {("person", "organization")},
    "managed_in": {("person", "organization")},
    "reported_to": {("person", "community")},
    "holds": _joining({"person"}, {"organization", "committee", "compound", "building", "lane"}),
    "committee_of": {("committee", "compound")},
    "manages": {("company", "compound")},
    "organization_of": _joining({"organization"}, {"company", "unit"}),
    "reports_to": {("unit", "community")},
    "linked_to": {("unit", "community")},
    "co_builds": {("unit", "organization")},
    "serves": _joining({"station"}, {"compound", "community", "subdistrict"}),
    "item_of": {("service_item", "compound")},
    "claims": {("person", "claim")},
    "held_in": _joining({"project"}, PLACES),
    "vote_of": {("vote", "compound")},
    "deliberates": {("organization", "deliberation")},
    "raised_by": {("whistle", "compound")},
    "did": {("person", "activity")},
    "about": _joining({"claim", "deliberation", "activity"}, KINDS),
}
"""The kinds of entity each relation of the projection joins, source first."""


def test_users_can_run_networkx_on_the_projection(city: City) -> None:
    g = graph.to_graph(city)
    with pytest.raises(nx.NetworkXError):
        g.add_node("intruder")
    undirected = nx.Graph(g.copy())
    assert nx.has_path(undirected, "p-lin", "swc-1")
    assert nx.shortest_path_length(undirected, "p-xu", "c-old") == 2


def test_the_projection_keeps_double_reporting(city: City) -> None:
    """An in-service member's report to the community they live in (双报到) was left out of the
    projection, though it is a reference like any other."""
    g = graph.to_graph(city)
    assert g.has_edge("p-chen", "cm-jinan", key="reported_to")


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


def test_the_ends_table_names_every_relation() -> None:
    assert set(ENDS) == set(graph.RELATIONS)


@given(cities(), st.booleans(), st.booleans())
def test_a_node_per_entity_and_every_edge_joins_the_kinds_its_relation_names(
    city: City, people: bool, records: bool
) -> None:
    g = graph.to_graph(city, people=people, records=records)
    assert set(g.nodes) == included(city, people=people, records=records)
    assert g.number_of_nodes() == len(included(city, people=people, records=records))
    # networkx adds the ends of an edge as nodes: an edge to an id that is no entity would
    # have added a node without a kind.
    assert {kind for _, kind in g.nodes(data="kind")} <= KINDS
    assert {d["relation"] for _, _, d in g.edges(data=True)} <= set(graph.RELATIONS)
    for u, v, relation in g.edges(data="relation"):
        ends = (g.nodes[u]["kind"], g.nodes[v]["kind"])
        assert ends in ENDS[relation], (u, v, relation)
    # The references every entity of a kind makes are all there.
    relations = [relation for *_, relation in g.edges(data="relation")]
    places = ("subdistricts", "communities", "compounds", "buildings", "lanes", "grids")
    assert relations.count("within") == sum(len(getattr(city, name)) for name in places)
    assert relations.count("in_grid") == sum(len(grid.compounds) for grid in city.grids)
    assert relations.count("lives_in") == (len(city.people) if people else 0)
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
