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
import functools
import typing
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import networkx as nx

from neighborparty.model import City
from neighborparty.model._gc import paused_gc
from neighborparty.model._references import COLLECTIONS, REFERENCE_FIELDS

__all__ = ["RECORDS", "RELATIONS", "to_graph"]

RELATIONS: dict[str, str] = {
    "within": "place within place (building, lane → compound → community → sub-district → district)",
    "in_grid": "compound within a courtyard grid",
    "under": "organisation under its parent organisation",
    "covers": "organisation covers a place",
    "lives_in": "person lives in a building, lane or compound",
    "registered_in": "member's relation held by an organisation (在册)",
    "managed_in": "non-registered member managed by a branch where they live",
    "reported_to": "in-service member reported to a community (双报到)",
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
    return value.value if isinstance(value, enum.Enum) else value


@functools.cache
def _plan(
    cls: type[Any], kind: str, references: frozenset[str]
) -> tuple[tuple[str, str, Any], ...]:
    """How to read a node's attributes off an entity class: (key, field, nested plan or None)."""
    plan: list[tuple[str, str, Any]] = []
    for field in attrs.fields(cls):
        name = field.name
        if name == "id" or name in references:
            continue
        nested = next((t for t in typing.get_args(field.type) if attrs.has(t)), None)
        if isinstance(field.type, str):  # postponed annotations: resolve them once
            nested = next(
                (t for t in typing.get_args(typing.get_type_hints(cls)[name]) if attrs.has(t)),
                None,
            )
        if nested is not None:
            inner = tuple(
                (f"{name}.{f.name}", f.name)
                for f in attrs.fields(nested)
                if f"{name}.{f.name}" not in references
            )
            plan.append((name, name, inner))
        else:
            plan.append((f"{kind}_kind" if name == "kind" else name, name, None))
    return tuple(plan)


def _node_attributes(
    kind: str, entity: Any, plan: tuple[tuple[str, str, Any], ...]
) -> dict[str, Any]:
    attributes: dict[str, Any] = {"kind": kind}
    for key, name, inner in plan:
        value = getattr(entity, name)
        if inner is None or value is None:
            attributes[key] = _plain(value)
        else:
            for inner_key, inner_name in inner:
                attributes[inner_key] = _plain(getattr(value, inner_name))
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
        Building costs O(entities + references), a few microseconds per edge; the synthetic
        city at scale 1 (820 000 entities, 575 000 edges) takes several seconds, so the
        projection is made once per City and cached.

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
        with paused_gc():
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
        entities = getattr(city, name)
        if entities:
            kind = _kind(name)
            cls: Any = type(entities[0])
            plan = _plan(cls, kind, REFERENCE_FIELDS.get(name, frozenset()))
            graph.add_nodes_from((e.id, _node_attributes(kind, e, plan)) for e in entities)
    present = set(graph)
    edges: Iterator[Any] = (
        edge
        for edge in _edges(city, people=people, records=records)
        if edge[0] in present and edge[1] in present
    )
    graph.add_edges_from(edges)
    return graph


_Edge = tuple[str, str | None, str, dict[str, Any]]


def _plain_edges(pairs: Iterable[tuple[str, str | None]], relation: str) -> Iterator[_Edge]:
    data = {"relation": relation}
    return ((u, v, relation, dict(data)) for u, v in pairs if v is not None)


def _edges(city: City, *, people: bool, records: bool) -> Iterator[_Edge]:
    """Every edge of the projection as (source, target, key, attributes)."""
    yield from _plain_edges(((s.id, s.district) for s in city.subdistricts), "within")
    yield from _plain_edges(((c.id, c.subdistrict) for c in city.communities), "within")
    yield from _plain_edges(((c.id, c.community) for c in city.compounds), "within")
    yield from _plain_edges(((b.id, b.compound) for b in city.buildings), "within")
    yield from _plain_edges(((ln.id, ln.compound) for ln in city.lanes), "within")
    yield from _plain_edges(((g.id, g.community) for g in city.grids), "within")
    yield from _plain_edges(((c, g.id) for g in city.grids for c in g.compounds), "in_grid")
    yield from _plain_edges(((o.id, o.parent) for o in city.organizations), "under")
    yield from _plain_edges(((o.id, p) for o in city.organizations for p in o.covers), "covers")
    if people:
        yield from _plain_edges(((p.id, p.home) for p in city.people), "lives_in")
        members = [p for p in city.people if p.party is not None]
        yield from _plain_edges(((p.id, p.party.registered_in) for p in members), "registered_in")  # type: ignore[union-attr]
        yield from _plain_edges(((p.id, p.party.managed_in) for p in members), "managed_in")  # type: ignore[union-attr]
        yield from _plain_edges(((p.id, p.party.reported_to) for p in members), "reported_to")  # type: ignore[union-attr]
        for a in city.appointments:
            yield (
                a.person,
                a.body,
                f"{a.role.value}@{a.start.isoformat()}",
                {
                    "relation": "holds",
                    "role": a.role.value,
                    "start": a.start,
                    "end": a.end,
                    "dispatched": a.dispatched,
                },
            )
    yield from _plain_edges(((oc.id, oc.compound) for oc in city.committees), "committee_of")
    yield from _plain_edges(((pc.id, c) for pc in city.companies for c in pc.compounds), "manages")
    for owners in (city.companies, city.units):
        yield from _plain_edges(
            ((o.party_organization, o.id) for o in owners if o.party_organization),
            "organization_of",
        )
    for u in city.units:
        if u.community is not None:
            relation = "reports_to" if u.reported_on else "linked_to"
            yield (
                u.id,
                u.community,
                relation,
                {"relation": relation, "reported_on": u.reported_on},
            )
    for ag in city.agreements:
        yield (
            ag.unit,
            ag.organization,
            f"co_builds@{ag.signed_on.isoformat()}",
            {"relation": "co_builds", "agreement": ag.id, "signed_on": ag.signed_on},
        )
    yield from _plain_edges(((st.id, st.place) for st in city.stations), "serves")
    yield from _plain_edges(((si.id, si.compound) for si in city.service_items), "item_of")
    yield from _plain_edges(((sp.id, sp.place) for sp in city.projects), "held_in")
    if records:
        yield from _plain_edges(((cl.person, cl.id) for cl in city.claims), "claims")
        yield from _plain_edges(((cl.id, cl.item) for cl in city.claims), "about")
        yield from _plain_edges(((v.id, v.compound) for v in city.votes), "vote_of")
        yield from _plain_edges(((d.organization, d.id) for d in city.deliberations), "deliberates")
        yield from _plain_edges(((d.id, d.vote) for d in city.deliberations), "about")
        yield from _plain_edges(((w.id, w.compound) for w in city.whistles), "raised_by")
        yield from _plain_edges(((ac.person, ac.id) for ac in city.activities), "did")
        yield from _plain_edges(((ac.id, ac.ref) for ac in city.activities), "about")
