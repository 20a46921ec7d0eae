"""Edits at the cost of the edit: a City made by :meth:`~neighborparty.model.City.with_updates`
from a City that fits together is checked only where the edit can have broken it, and keeps
the parent's indexes that the edit leaves alone.

What an update can break in a city that fitted: the ids it adds (empty, or already held), the
references the new entities make, and the checks that read a replaced entity's references or
kind from elsewhere (a member's organisation holding memberships, a grid's compounds lying in
its community, a group serving its branch's area, a parent chain). A replacement that keeps
the references and the kind of a place or an organisation leaves those checks as they were;
any other change to one is checked in full, as is anything the proof below does not cover.
When the proof fails, the whole city is checked (:func:`._integrity.problems`), so an edit
raises exactly the :class:`~neighborparty.IntegrityError` of the same City built anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from neighborparty.model._references import PLACES, REFS

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["SHARED_INDEXES", "update_fits"]

_NOWHERE = ("", -1)

SHARED_INDEXES: Mapping[str, frozenset[str]] = {
    "_children": PLACES,
    "_parent": PLACES,
    "_grids_of": frozenset({"grids"}),
    "_residents": frozenset({"people", "buildings", "lanes", "compounds"}),
    "_members": frozenset({"people"}),
    "_members_of": frozenset({"people"}),
    "_branch_of": frozenset({"people", "organizations"}),
    "_appointments": frozenset({"appointments"}),
    "_covering": frozenset({"organizations", "grids", "buildings", "lanes", "compounds"}),
    "_suborganizations": frozenset({"organizations"}),
    "_committees_of": frozenset({"committees"}),
}
"""The City's lazily built indexes, each with the collections whose entities it reads: a City
made by an edit that touches none of them shares the parent's index as it is."""


def update_fits(
    parent: City,
    where: Mapping[str, tuple[str, int]],
    replaced: Mapping[str, list[tuple[Any, Any]]],
    added: Mapping[str, list[Any]],
) -> bool:
    """Whether the city that ``where`` indexes, made from ``parent`` (which fits together) by
    replacing entities (``(old, new)`` pairs per collection) and adding others, is proven to
    fit together (``False`` says only that it may not).

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> old = city.get("c-east")
        >>> update_fits(city, city._where, {"compounds": [(old, attrs.evolve(old, households=9))]}, {})
        True
        >>> moved = attrs.evolve(old, community="cm-old")
        >>> update_fits(city, city._where, {"compounds": [(old, moved)]}, {})
        False
    """
    for collection, pairs in replaced.items():
        refs = REFS.get(collection, ())
        for old, new in pairs:
            if collection in PLACES and any(r.get(old) != r.get(new) for r in refs):
                return False  # what lies where changes: grids, groups and coverage read it
            if collection == "organizations" and (
                old.kind is not new.kind or old.parent != new.parent or old.covers != new.covers
            ):
                return False
    if not PLACES.isdisjoint(added) or "organizations" in added:
        return False  # a new place or organisation: checked in full
    for collection, entities in _new_entities(replaced, added):
        if not _refs_fit(where, collection, entities):
            return False
        if collection == "organizations" and any(
            e.formation is not None and not e.kind.is_branch for e in entities
        ):
            return False
        if collection == "people":
            organizations = parent.organizations
            for person in entities:
                party = person.party
                if party is None:
                    continue
                for org_id in (party.registered_in, party.managed_in):
                    if org_id is not None and not (
                        organizations[where[org_id][1]].kind.holds_membership
                    ):
                        return False
    return True


def _new_entities(
    replaced: Mapping[str, list[tuple[Any, Any]]], added: Mapping[str, list[Any]]
) -> Iterable[tuple[str, list[Any]]]:
    for collection, pairs in replaced.items():
        yield collection, [new for _, new in pairs]
    yield from added.items()


def _refs_fit(where: Mapping[str, tuple[str, int]], collection: str, entities: list[Any]) -> bool:
    """Whether every reference of these entities names an entity of a kind it may name."""
    for ref in REFS.get(collection, ()):
        for entity in entities:
            allowed = ref.allowed(entity)
            for value in ref.values(entity):
                if where.get(value, _NOWHERE)[0] not in allowed:
                    return False
    return True
