"""Places around a compound: its neighbours for a joint branch, and its service circle."""

from __future__ import annotations

import math

from neighborparty.errors import InvalidArgumentError, UnknownIdError
from neighborparty.model import City, Compound, ServiceStation, StationKind

__all__ = ["nearest_compounds", "service_circle"]


def _compound(city: City, id: str) -> Compound:
    entity = city.get(id)
    if not isinstance(entity, Compound):
        raise UnknownIdError(id, f"the compounds of City {city.id!r}")
    return entity


def nearest_compounds(city: City, compound: str, k: int = 3) -> tuple[Compound, ...]:
    """The ``k`` compounds of the same community nearest to a compound: candidates to join it in
    a joint branch (联合组建).

    Compounds that carry coordinates, when the compound does too, come first, nearest first;
    then the others, by how far apart they stand in the community's list. Ties keep document
    order.

    Raises:
        InvalidArgumentError: ``k`` is negative.

    Examples:
        >>> from neighborparty import examples
        >>> [c.id for c in nearest_compounds(examples.seed_city(), "c-east", 5)]
        ['c-jinan', 'c-west']
    """
    if k < 0:
        raise InvalidArgumentError(f"k must not be negative, got {k}")
    origin = _compound(city, compound)
    siblings = city.compounds_in(origin.community)
    position = {c.id: i for i, c in enumerate(siblings)}

    def distance(other: Compound) -> tuple[float, float]:
        if origin.coordinates is not None and other.coordinates is not None:
            return (0.0, math.dist(origin.coordinates, other.coordinates))
        return (1.0, abs(position[other.id] - position[origin.id]))

    others = [c for c in siblings if c.id != origin.id]
    others.sort(key=distance)
    return tuple(others[:k])


def service_circle(city: City, compound: str) -> tuple[ServiceStation, ...]:
    """The service positions that serve a compound (近邻服务圈): its own stations, then its
    community's centres, then its sub-district's.

    Examples:
        >>> from neighborparty import examples
        >>> [s.id for s in service_circle(examples.seed_city(), "c-jinan")]
        ['st-jinan', 'st-cm-jinan']
    """
    origin = _compound(city, compound)
    community = city.get(origin.community)
    subdistrict = getattr(community, "subdistrict", None)
    order = {origin.id: 0, origin.community: 1, subdistrict: 2}
    found = [s for s in city.stations if s.place in order]
    found.sort(key=lambda s: order[s.place])
    return tuple(s for s in found if s.kind is StationKind.COMPOUND_STATION or order[s.place] > 0)
