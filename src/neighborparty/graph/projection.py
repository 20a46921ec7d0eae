"""The networkx projection of a City: a typed multigraph for queries and users' own algorithms.

Nodes are entities, keyed by id, with a ``kind`` attribute (``"compound"``, ``"person"``, ...)
and the entity's plain fields: enums as their values, a nested membership as ``party.standing``
and so on, and an entity's own ``kind`` field as ``compound_kind``, ``organization_kind``, ....
Fields that name other entities are not repeated on the node: they are its edges. Edges are relations, each with a ``relation`` attribute, and keyed
by the relation's name (by role and start day for posts, which a person may hold several of in
one body).

The rule checks never need this graph: building it costs a few microseconds an edge, so it is
built on demand and cached per City.
"""

from __future__ import annotations

import enum
import weakref
from typing import Any

import attrs
import networkx as nx

from neighborparty.model import City
from neighborparty.model.city import COLLECTIONS, REFERENCE_FIELDS

__all__ = ["RECORDS", "RELATIONS", "to_graph"]

RELATIONS: dict[str, str] = {
    "within": "place within place (building, lane → compound → community → sub-district → district)",
    "in_grid": "compound within a courtyard grid",
    "under": "organisation under its parent organisation",
    "covers": "organisation covers a place",
    "lives_in": "person lives in a building, lane or compound",
    "registered_in": "member's relation held by an organisation (在册)",
    "managed_in": "non-registered member managed by a branch where they live",
    "holds": "person holds a post in a body (attributes role, start, end, dispatched)",
    "committee_of": "owners' committee of a compound",
    "manages": "property company manages a compound",
    "organization_of": "party organisation of a company or unit",
    "reports_to": "unit reported to its linked community (双报到)",
    "linked_to": "unit linked to a community it has not reported to",
    "co_builds": "unit co-builds with an organisation (attribute signed_on)",
    "serves": "service station serves a place",
    "item_of": "service item of a compound's demand list",
    "claims": "person made a service claim",
    "held_in": "service project held in a place",
    "vote_of": "owners' vote of a compound",
    "deliberates": "organisation held a deliberation",
    "raised_by": "whistle raised by a compound",
    "did": "person did an activity",
    "about": "a record (claim, deliberation, activity) concerns an entity",
}
"""Every edge relation of the projection, with what it means."""

RECORDS = ("claims", "votes", "deliberations", "whistles", "activities")
"""Collections left out of the projection unless ``records=True``: events, not structure."""

_PEOPLE = ("people", "claims", "activities")
_SINGULAR = {
    "people": "person",
    "activities": "activity",
    "communities": "community",
    "companies": "company",
    "subdistricts": "subdistrict",
}
_CACHE: weakref.WeakKeyDictionary[City, dict[tuple[bool, bool], nx.MultiDiGraph[str]]] = (
    weakref.WeakKeyDictionary()
)


def _kind(collection: str) -> str:
    return _SINGULAR.get(collection, collection[:-1])


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _node_attributes(kind: str, entity: Any, references: frozenset[str]) -> dict[str, Any]:
    attributes: dict[str, Any] = {"kind": kind}
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if field.name == "id" or field.name in references:
            continue
        if field.name == "kind":
            attributes[f"{kind}_kind"] = _plain(value)
        elif attrs.has(type(value)):
            for inner in attrs.fields(type(value)):
                key = f"{field.name}.{inner.name}"
                if key not in references:
                    attributes[key] = _plain(getattr(value, inner.name))
        else:
            attributes[field.name] = _plain(value)
    return attributes


def to_graph(city: City, *, people: bool = True, records: bool = False) -> nx.MultiDiGraph[str]:
    """The city as a networkx multigraph: a node per entity, an edge per relation.

    Appointments become ``holds`` edges rather than nodes. The graph is cached per City and
    returned frozen (:func:`networkx.freeze`); call ``.copy()`` for one you may change.

    Args:
        city: The city.
        people: Include people and what only they refer to (claims, activities).
        records: Include event records too (claims, votes, deliberations, whistles,
            activities): see :data:`RECORDS`.

    Returns:
        A frozen :class:`networkx.MultiDiGraph`; :data:`RELATIONS` lists its edge relations.

    Notes:
        Building costs O(entities + references), a few microseconds per edge; a city of
        300 000 people takes seconds, so the projection is made once per City and cached.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> g = to_graph(city)
        >>> g.nodes["c-jinan"]["kind"], g.nodes["c-jinan"]["compound_kind"]
        ('compound', 'managed')
        >>> sorted(k for _, _, k in g.out_edges("p-lin", keys=True))
        ['lives_in', 'owners_chair@2019-06-01', 'registered_in', 'secretary@2019-06-01']
        >>> g["p-lin"]["oc-jinan"]["owners_chair@2019-06-01"]["relation"]
        'holds'
        >>> to_graph(city) is g
        True
    """
    cached = _CACHE.setdefault(city, {})
    key = (people, records)
    if key not in cached:
        cached[key] = nx.freeze(_build(city, people=people, records=records))
    return cached[key]


def _build(city: City, *, people: bool, records: bool) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(city=city.id, name=city.name)
    included = [
        name
        for name in COLLECTIONS
        if name != "appointments"
        and (people or name not in _PEOPLE)
        and (records or name not in RECORDS)
    ]
    for name in included:
        kind = _kind(name)
        references = REFERENCE_FIELDS.get(name, frozenset())
        graph.add_nodes_from(
            (e.id, _node_attributes(kind, e, references)) for e in getattr(city, name)
        )
    nodes = graph.nodes

    def edge(source: str, target: str | None, relation: str, **attributes: Any) -> None:
        if target is not None and source in nodes and target in nodes:
            graph.add_edge(source, target, key=relation, relation=relation, **attributes)

    for s in city.subdistricts:
        edge(s.id, s.district, "within")
    for c in city.communities:
        edge(c.id, c.subdistrict, "within")
    for cp in city.compounds:
        edge(cp.id, cp.community, "within")
    for b in city.buildings:
        edge(b.id, b.compound, "within")
    for ln in city.lanes:
        edge(ln.id, ln.compound, "within")
    for g in city.grids:
        edge(g.id, g.community, "within")
        for cp_id in g.compounds:
            edge(cp_id, g.id, "in_grid")
    for o in city.organizations:
        edge(o.id, o.parent, "under")
        for place in o.covers:
            edge(o.id, place, "covers")
    if people:
        for p in city.people:
            edge(p.id, p.home, "lives_in")
            if p.party is not None:
                edge(p.id, p.party.registered_in, "registered_in")
                edge(p.id, p.party.managed_in, "managed_in")
        for a in city.appointments:
            if a.person in nodes and a.body in nodes:
                graph.add_edge(
                    a.person,
                    a.body,
                    key=f"{a.role.value}@{a.start.isoformat()}",
                    relation="holds",
                    role=a.role.value,
                    start=a.start,
                    end=a.end,
                    dispatched=a.dispatched,
                )
    for oc in city.committees:
        edge(oc.id, oc.compound, "committee_of")
    for pc in city.companies:
        for cp_id in pc.compounds:
            edge(pc.id, cp_id, "manages")
        edge(pc.party_organization or "", pc.id, "organization_of")
    for u in city.units:
        edge(
            u.id,
            u.community,
            "reports_to" if u.reported_on else "linked_to",
            reported_on=u.reported_on,
        )
        edge(u.party_organization or "", u.id, "organization_of")
    for ag in city.agreements:
        edge(ag.unit, ag.organization, "co_builds", agreement=ag.id, signed_on=ag.signed_on)
    for st in city.stations:
        edge(st.id, st.place, "serves")
    for si in city.service_items:
        edge(si.id, si.compound, "item_of")
    for sp in city.projects:
        edge(sp.id, sp.place, "held_in")
    if records:
        for cl in city.claims:
            edge(cl.person, cl.id, "claims")
            edge(cl.id, cl.item, "about")
        for v in city.votes:
            edge(v.id, v.compound, "vote_of")
        for d in city.deliberations:
            edge(d.organization, d.id, "deliberates")
            edge(d.id, d.vote, "about")
        for w in city.whistles:
            edge(w.id, w.compound, "raised_by")
        for ac in city.activities:
            edge(ac.person, ac.id, "did")
            edge(ac.id, ac.ref, "about")
    return graph
