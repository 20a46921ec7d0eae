"""People who bridge bodies: the hubs of the cross-appointment network."""

from __future__ import annotations

import networkx as nx
from networkx.algorithms import bipartite

from neighborparty.errors import InvalidArgumentError
from neighborparty.graph.projection import to_graph
from neighborparty.model import City

__all__ = ["bridging_people"]


def bridging_people(city: City, top: int = 10) -> tuple[tuple[str, int], ...]:
    """The people who connect the most bodies, with how many distinct bodies each holds posts in.

    Measured on the person–body projection of the graph (a person linked to every organisation,
    owners' committee or place they hold a post in): the degree of each person there, highest
    first, ties broken by betweenness on the projection onto bodies, then by id.

    Notes:
        The tie-break computes betweenness centrality only among the tied people's bodies; its
        cost is O(bodies × links) on that small projection.

    Examples:
        >>> from neighborparty import examples
        >>> bridging_people(examples.seed_city(), top=3)
        (('p-chen', 3), ('p-lin', 2), ('p-wang', 2))
    """
    if top < 0:
        raise InvalidArgumentError(f"top must not be negative, got {top}")
    graph = to_graph(city)
    links: nx.Graph[str] = nx.Graph()
    for person, body, data in graph.edges(data=True):
        if data["relation"] == "holds":
            links.add_edge(person, body)
    people = [n for n in links if graph.nodes[n]["kind"] == "person"]
    if not people:
        return ()
    bodies = bipartite.projected_graph(links, [n for n in links if n not in set(people)])
    centrality = nx.betweenness_centrality(bodies) if bodies.number_of_edges() else {}

    def bridging(person: str) -> float:
        return max((centrality.get(body, 0.0) for body in links[person]), default=0.0)

    ranked = sorted(people, key=lambda p: (-links.degree(p), -bridging(p), p))
    return tuple((p, int(links.degree(p))) for p in ranked[:top])
