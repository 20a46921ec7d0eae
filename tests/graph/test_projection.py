"""The networkx projection: a node per entity, edges between them, unchanged by renaming."""

from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, graph
from neighborparty.graph.projection import RECORDS
from neighborparty.strategies import cities


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
