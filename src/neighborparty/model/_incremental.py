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

A removal (:meth:`~neighborparty.model.City.without`) is found from the parent's reverse
lookups (:meth:`~neighborparty.model.City._referring`): what has a required reference to a
removed entity goes with it, and removed ids are dropped from lists of ids. What it can break
in a city that fitted: the optional references and the registrations left naming a removed
entity, and a group serving a part of its branch's area that the branch no longer covers
(a branch's ``covers`` lost an id: the groups under it are read again). Nothing else: ids are
only taken away (no duplicate, no empty id), every kind is kept (memberships, formations), a
parent chain only loses links, a grid only loses compounds, and whatever lies in a removed
place is removed with it. Any other doubt is checked in full, as for an update.

Both kinds of edit share the parent's indexes that read none of the changed collections
(:data:`SHARED_INDEXES`), and take its reverse lookups of the changed ones patched by the delta
(:meth:`~neighborparty.model.City._patch_referring`); a removal renumbers the positions of the
ids after the first one it removes in each changed collection.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import UnknownIdError
from neighborparty.model._edits import Edit, appointment_key
from neighborparty.model._integrity import _place_ancestors
from neighborparty.model._patch import Draft
from neighborparty.model._references import (
    COLLECTIONS,
    NAMES,
    PLACES,
    REFS,
    SPAN,
    Ref,
    place_of,
)

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["SHARED_INDEXES", "Removal", "removal", "update_fits"]


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
    where: Mapping[str, int],
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
                        organizations[where[org_id] // SPAN].kind.holds_membership
                    ):
                        return False
    return True


def _new_entities(
    replaced: Mapping[str, list[tuple[Any, Any]]], added: Mapping[str, list[Any]]
) -> Iterable[tuple[str, list[Any]]]:
    for collection, pairs in replaced.items():
        yield collection, [new for _, new in pairs]
    yield from added.items()


def _refs_fit(where: Mapping[str, int], collection: str, entities: list[Any]) -> bool:
    """Whether every reference of these entities names an entity of a kind it may name."""
    for ref in REFS.get(collection, ()):
        for entity in entities:
            allowed = ref.allowed(entity)
            for value in ref.values(entity):
                found = where.get(value)
                if found is None or NAMES[found % SPAN] not in allowed:
                    return False
    return True


_CASCADING: tuple[tuple[str, Ref], ...] = tuple(
    (name, ref)
    for name, refs in REFS.items()
    for ref in refs
    if ref.required and ref.cascade and not ref.many
)
"""The references whose entity goes when the entity it names goes."""

_LEFT: tuple[tuple[str, Ref], ...] = tuple(
    (name, ref)
    for name, refs in REFS.items()
    for ref in refs
    if not (ref.required and ref.cascade and not ref.many)
)
"""The references a removal leaves: lists of ids (dropped from), optional references and
registrations (left for the caller to move)."""


def _may_name(ref: Ref, collection: str) -> bool:
    return callable(ref.targets) or collection in ref.targets


@attrs.frozen
class Removal:
    """What :meth:`~neighborparty.model.City.without` makes of a City that fits.

    Args:
        changes: The collections that change, each as it is after the removal.
        touched: What the removal touched, in document order.
        removed: The ids removed, the ones asked for and those that went with them.
        positions: Per changed collection (appointments aside), the first position that moves.
        gone: Per collection, the entities removed.
        replaced: Per collection, the entities kept with ids dropped, as ``(old, new)``.
        fits: Whether the new City is proven to fit together (``False`` says only that it
            may not).
    """

    changes: dict[str, tuple[Any, ...]]
    touched: list[Edit]
    removed: set[str]
    positions: dict[str, int]
    gone: dict[str, list[Any]]
    replaced: dict[str, list[tuple[Any, Any]]]
    fits: bool


def removal(parent: City, ids: Iterable[str]) -> Removal:
    """Remove these ids and what cannot stand without them from a City that fits, reading only
    the entities that name what goes (see the module's description).

    Raises:
        UnknownIdError: One of the ids is not in the city.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> found = removal(city, ["b-west-1"])
        >>> sorted(found.removed), found.fits
        (['b-west-1', 'p-ma', 'p-sun'], True)
        >>> removal(city, ["br-jinan"]).fits   # its members are left registered there
        False
        >>> removal(city, ["nobody"])
        Traceback (most recent call last):
        ...
        neighborparty.errors.UnknownIdError: no entity 'nobody' in City 'xm-demo'
    """
    where = parent._where
    removed: dict[str, tuple[str, int]] = {}
    pending: list[str] = []
    for removed_id in ids:
        found = where.get(removed_id)
        if found is None:
            raise UnknownIdError(removed_id, f"City {parent.id!r}")
        if removed_id not in removed:
            removed[removed_id] = place_of(found)
            pending.append(removed_id)
    gone_appointments: dict[int, Any] = {}
    while pending:
        target = pending.pop()
        collection = removed[target][0]
        for name, ref in _CASCADING:
            if not _may_name(ref, collection):
                continue
            for entity in parent._referring(name, ref.field).get(target, ()):
                if name == "appointments":
                    gone_appointments[id(entity)] = entity
                elif entity.id not in removed:
                    removed[entity.id] = place_of(where[entity.id])
                    pending.append(entity.id)
    fits = True
    edited: dict[str, dict[int, Any]] = {}  # per collection, position -> the entity as edited
    for target, (collection, _) in removed.items():
        for name, ref in _LEFT:
            if not _may_name(ref, collection):
                continue
            for entity in parent._referring(name, ref.field).get(target, ()):
                if name == "appointments":
                    if id(entity) not in gone_appointments:
                        fits = False
                    continue
                if entity.id in removed:
                    continue
                if not ref.many:
                    fits = False  # left naming what is gone: the full check says where
                    continue
                at = where[entity.id] // SPAN
                current = edited.setdefault(name, {}).get(at, entity)
                values = getattr(current, ref.field)
                edited[name][at] = attrs.evolve(
                    current, **{ref.field: tuple(v for v in values if v not in removed)}
                )
    by_collection: dict[str, list[int]] = {}
    for collection, at in removed.values():
        by_collection.setdefault(collection, []).append(at)
    if gone_appointments:
        by_collection["appointments"] = _appointment_positions(parent, gone_appointments)
    changes: dict[str, tuple[Any, ...]] = {}
    touched: list[Edit] = []
    positions: dict[str, int] = {}
    gone_entities: dict[str, list[Any]] = {}
    pairs: dict[str, list[tuple[Any, Any]]] = {}
    for name in COLLECTIONS:
        gone = sorted(by_collection.get(name, ()))
        replaced = edited.get(name, {})
        if not gone and not replaced:
            continue
        entities = getattr(parent, name)
        kept: list[Any] = []
        start = 0
        for at in gone:
            kept.extend(entities[start:at])
            start = at + 1
        kept.extend(entities[start:])
        for at, entity in replaced.items():
            kept[at - bisect.bisect_left(gone, at)] = entity
        changes[name] = tuple(kept)
        if gone:
            gone_entities[name] = [entities[at] for at in gone]
        if replaced:
            pairs[name] = [(entities[at], entity) for at, entity in replaced.items()]
        if gone and name != "appointments":
            positions[name] = gone[0]
        for at in sorted({*gone, *replaced}):
            entity = entities[at]
            if name == "appointments":
                touched.append(Edit(name, entity, None))
            else:
                touched.append(Edit(name, entity.id, None if entity.id in removed else entity.id))
    if fits and "organizations" in edited:
        fits = _groups_fit(parent, edited["organizations"], removed)
    return Removal(changes, touched, set(removed), positions, gone_entities, pairs, fits)


def _groups_fit(parent: City, edited: Mapping[int, Any], removed: Mapping[str, Any]) -> bool:
    """Whether the groups under the branches whose ``covers`` lost ids still serve only their
    branch's area. The places a kept group serves, and what lies above them, were kept, so the
    parent's place lookups answer as the new City's would."""
    for branch in edited.values():
        if not branch.kind.is_branch or not branch.covers:
            continue
        area = set(branch.covers)
        for group in parent._suborganizations.get(branch.id, ()):
            if group.id in removed:
                continue
            group = edited.get(parent._where[group.id] // SPAN, group)
            if not group.kind.is_group:
                continue
            for place in group.covers:
                compound = parent._compound_of_part(place)
                if (
                    compound not in area
                    and place not in area
                    and parent._kind_of(place) in ("buildings", "lanes")
                    and parent._kind_of(compound or "") == "compounds"
                    and not _place_ancestors(parent, place) & area
                ):
                    return False
    return True


def _appointment_positions(parent: City, gone: Mapping[int, Any]) -> list[int]:
    positions = parent._appointment_positions
    appointments = parent.appointments
    found = []
    for appointment in gone.values():
        at = positions.get(appointment_key(appointment))
        if at is None or appointments[at] is not appointment:  # two alike: find it by identity
            at = next(i for i, a in enumerate(appointments) if a is appointment)
        found.append(at)
    return found


def patched_lookups(
    parent: City,
    changes: Mapping[str, Any],
    replaced: Mapping[str, list[tuple[Any, Any]]],
    added: Mapping[str, list[Any]],
) -> Iterator[tuple[str, Any]]:
    """The parent's lookups an update leaves in shape, patched for the new City: when the
    update replaced entities without moving them (a person's home and registration, an
    organisation's ``covers``, a post's holder and body) and added only posts, each list
    holding an old entity holds the new one in its place, and a new post closes the lists of
    its holder and its body, as it closes the collection (document order kept). The lookups
    the update may have reshaped are left to be built anew."""

    def built(name: str) -> Any:
        try:
            return object.__getattribute__(parent, name)
        except AttributeError:
            return None

    def unmoved(name: str, held: str, same: Callable[[Any], Any]) -> list[tuple[Any, Any]] | None:
        """The pairs of ``held`` to swap in the lookup ``name`` when the update moved nothing
        it reads (``same`` of a held entity, :data:`_PLACING` of the other collections, as
        they were; nothing added), else ``None``."""
        for collection in SHARED_INDEXES[name].intersection(changes):
            placing = same if collection == held else _PLACING[collection]
            if added.get(collection) or any(
                placing(old) != placing(new) for old, new in replaced.get(collection, ())
            ):
                return None
        return list(replaced.get(held, ()))

    residents = built("_residents")
    pairs = unmoved("_residents", "people", lambda p: p.home)
    if residents is not None and pairs is not None:
        yield "_residents", _swapped(residents, pairs, parent._homes)
    members = built("_members")
    pairs = unmoved(
        "_members",
        "people",
        lambda p: None if p.party is None else (p.party.registered_in, p.party.managed_in),
    )
    if members is not None and pairs is not None:
        held = [(old, new) for old, new in pairs if old.party is not None]
        yield (
            "_members",
            (
                _swapped(members[0], held, lambda p: (p.party.registered_in,)),
                _swapped(
                    members[1],
                    [(o, n) for o, n in held if o.party.managed_in is not None],
                    lambda p: (p.party.managed_in,),
                ),
            ),
        )
    covering = built("_covering")
    pairs = unmoved("_covering", "organizations", lambda o: o.covers)
    if covering is not None and pairs is not None:
        yield "_covering", _swapped(covering, pairs, lambda o: set(parent._reached(o)))
    posts = built("_appointments")
    pairs = replaced.get("appointments", [])
    if (
        posts is not None
        and "appointments" in changes
        and len(parent._appointment_positions) == len(parent.appointments)  # no post twice
        and all((o.person, o.body) == (n.person, n.body) for o, n in pairs)
    ):
        of_person = Draft(_swapped(posts[0], pairs, lambda a: (a.person,)))
        in_body = Draft(_swapped(posts[1], pairs, lambda a: (a.body,)))
        for post in added.get("appointments", ()):
            of_person[post.person] = (*of_person.get(post.person, ()), post)
            in_body[post.body] = (*in_body.get(post.body, ()), post)
        yield "_appointments", (of_person.done(), in_body.done())


_PLACING: Mapping[str, Callable[[Any], Any]] = {
    "compounds": lambda c: c.community,
    "buildings": lambda b: b.compound,
    "lanes": lambda ln: ln.compound,
    "grids": lambda g: g.compounds,
}
"""What places an entity of a collection a lookup reads besides the one it holds: an update
leaving it as it was moves nothing in the lookup."""


def _swapped(
    index: Mapping[str, tuple[Any, ...]],
    pairs: Iterable[tuple[Any, Any]],
    keys: Callable[[Any], Iterable[str]],
) -> Mapping[str, tuple[Any, ...]]:
    """The lookup with each old entity replaced by its new version in the lists of the keys
    ``keys`` gives for it, patched over the lookup (:class:`._patch.Draft`; the lookup
    itself when there is none to replace)."""
    out = Draft(index)
    for old, new in pairs:
        for key in keys(old):
            out[key] = tuple(new if e is old else e for e in out[key])
    return out.done()
