"""Where a finding lies: the places its subject belongs to, for roll-ups and drill-downs.

A finding is about one subject — a compound, a building, a person, a branch, a vote, a
community. To count findings per district or to list the findings of one compound, each subject
is placed: a compound is its own place; a building, lane, committee, vote, whistle or person
(by home) lies in one compound; a branch lies in every compound it covers (a joint branch in
several), an organisation covering a community in that community; a unit in the community it is
linked to; a community, sub-district or district in itself; and the city in the city. Every
place then lies in its ancestors up to the city.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neighborparty.model import City

__all__ = ["LEVELS", "ancestors", "index_by_place", "places_of"]

LEVELS: dict[str, str] = {
    "compound": "compounds",
    "community": "communities",
    "subdistrict": "subdistricts",
    "district": "districts",
}
"""The levels findings can be counted at (besides ``"city"``), with their collections."""

_IN_ONE_COMPOUND = frozenset(
    {"buildings", "lanes", "people", "committees", "votes", "whistles", "service_items"}
)


def places_of(city: City, subject: str) -> tuple[str, ...]:
    """The lowest places a subject lies in: compounds, or a larger place for larger subjects.

    Returns ``()`` for a subject that lies in no place (a unit linked to no community).

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> places_of(city, "p-lin"), places_of(city, "br-joint"), places_of(city, "cm-old")
        (('c-jinan',), ('c-east', 'c-west'), ('cm-old',))
        >>> places_of(city, "xm-demo")
        ('xm-demo',)
    """
    if subject == city.id:
        return (subject,)
    kind = city.collection_of(subject)
    if kind in ("compounds", "communities", "subdistricts", "districts"):
        return (subject,)
    if kind in _IN_ONE_COMPOUND:
        entity: Any = city.get(subject)
        compound = (
            city.compound_of(subject)
            if kind in ("buildings", "lanes", "people")
            else entity.compound
        )
        return (compound,) if compound is not None else ()
    if kind == "organizations":
        found: dict[str, None] = {}
        for place in city.get(subject).covers:  # type: ignore[union-attr]
            if city.collection_of(place) in ("communities", "subdistricts"):
                found[place] = None
            for compound in city.compounds_in(place):
                found.setdefault(compound.id, None)
        return tuple(found)
    if kind == "units":
        community = city.get(subject).community  # type: ignore[union-attr]
        return (community,) if community is not None else ()
    return ()


def ancestors(city: City, place: str) -> tuple[str, ...]:
    """A place and every place above it (:meth:`City.ancestors
    <neighborparty.City.ancestors>`), then the city's id, lowest first.

    Examples:
        >>> from neighborparty import examples
        >>> ancestors(examples.seed_city(), "c-east")
        ('c-east', 'cm-jinan', 's-1', 'd-1', 'xm-demo')
    """
    return (place, *city.ancestors(place), city.id) if place != city.id else (place,)


def index_by_place(city: City, subjects: Iterable[str]) -> dict[str, list[str]]:
    """Every place (compound up to the city) and the subjects lying in it or below it.

    Examples:
        >>> from neighborparty import examples
        >>> index_by_place(examples.seed_city(), ["p-lin", "br-joint"])["cm-jinan"]
        ['p-lin', 'br-joint']
    """
    above: dict[str, tuple[str, ...]] = {}
    found: dict[str, list[str]] = {}
    for subject in subjects:
        reached: dict[str, None] = {}
        for place in places_of(city, subject):
            chain = above.get(place)
            if chain is None:
                chain = above[place] = ancestors(city, place)
            reached.update(dict.fromkeys(chain))
        for place in reached:
            found.setdefault(place, []).append(subject)
    return found
