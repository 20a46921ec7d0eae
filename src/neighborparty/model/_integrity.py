"""The integrity check of a City: every problem of its parts, with its path and ids.

Duplicate ids (ids are unique across the whole city), references to ids that do not exist or
are of the wrong kind, an organisation's parent chain that loops, a group covering buildings
outside its branch, a grid spanning compounds of another community, a membership held by an
organisation that holds none. Policy is not checked here: that is for the rules.
"""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborparty.errors import Problem, Problems
from neighborparty.model._references import (
    COLLECTIONS,
    NAMES,
    NOUN,
    REFS,
    SPAN,
    Ref,
    a_noun,
    code_of,
    noun_list,
    place_of,
)
from neighborparty.model.organizations import PartyOrganization

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["problems"]


def problems(city: City) -> Problems:
    """Every way the parts of a city do not fit together, with paths and ids.

    A city that fits together, the rule, is proven so by a few passes over its collections
    that run in the interpreter's own loops (:func:`fits`); only a city that may not is read
    entity by entity (indexing its ids, ``city._where``, on the way), to say what is wrong
    where.
    """
    try:
        if fits(city):
            return Problems()
    except (TypeError, AttributeError, KeyError):  # a value of the wrong type: see below
        pass
    where: dict[str, int] = {}
    object.__setattr__(city, "_where", where)
    return _problems(city, where)


def fits(city: City) -> bool:
    """Whether the city is proven to fit together (``False`` says only that it may not):
    every id set, and once in the city; every reference naming an entity of a collection it
    may name; no parent chain looping; every formation a branch's; every membership held by an
    organisation that holds memberships; every grid in its community; every group serving
    only its branch's area.

    Examples:
        >>> from neighborparty import examples
        >>> fits(examples.seed_city())
        True
    """
    get_id = operator.attrgetter("id")
    ids: dict[str, set[str]] = {}
    every: set[str] = set()
    for name in COLLECTIONS:
        if name == "appointments":
            continue
        entities = getattr(city, name)
        found = ids[name] = set(map(get_id, entities))
        if len(found) != len(entities):
            return False
        every |= found
    if len(every) != sum(map(len, ids.values())) or "" in every or city.id in every:
        return False
    targets: dict[frozenset[str], set[str]] = {_ANY: every}
    named: dict[tuple[str, str], set[Any]] = {}
    for name, refs in REFS.items():
        entities = getattr(city, name)
        if not entities:
            continue
        holders: dict[str, list[Any]] = {}
        for ref in refs:
            if callable(ref.targets):
                by_kinds: dict[frozenset[str], set[Any]] = defaultdict(set)
                get, allowed = ref.get, ref.allowed
                for entity in entities:
                    value = get(entity)
                    if value is None:
                        continue
                    if ref.many:
                        by_kinds[allowed(entity)].update(value)
                    else:
                        by_kinds[allowed(entity)].add(value)
                groups = list(by_kinds.items())
            else:
                outer, _, inner = ref.field.partition(".")
                if inner:
                    held = holders.get(outer)
                    if held is None:
                        held = holders[outer] = [
                            h for h in map(operator.attrgetter(outer), entities) if h is not None
                        ]
                    values: Iterable[Any] = map(operator.attrgetter(inner), held)
                else:
                    values = map(operator.attrgetter(outer), entities)
                if ref.many:
                    value_set = set(itertools.chain.from_iterable(values))
                else:
                    value_set = set(values)
                    value_set.discard(None)  # an optional reference left unset
                if (name, ref.field) in _MEMBERSHIPS:  # read again below; the others let go
                    named[name, ref.field] = value_set
                groups = [(ref.targets, value_set)]
            for kinds, value_set in groups:
                known = targets.get(kinds)
                if known is None:
                    known = targets[kinds] = (
                        ids[next(iter(kinds))]
                        if len(kinds) == 1
                        else set().union(*(ids[k] for k in kinds))
                    )
                if not value_set <= known:
                    return False
    organizations = {o.id: o for o in city.organizations}
    for key in _MEMBERSHIPS:
        for org_id in named.get(key, ()):
            if not organizations[org_id].kind.holds_membership:
                return False
    return _places_fit(city, organizations)


_ANY = frozenset(NOUN)

_MEMBERSHIPS = (("people", "party.registered_in"), ("people", "party.managed_in"))
"""The references whose targets must hold memberships."""


def _places_fit(city: City, organizations: Mapping[str, PartyOrganization]) -> bool:
    """The checks of organisations and grids, proven for a city whose references all name
    what they may: formations, parent chains, groups within their branches, grids within their
    communities."""
    compounds = {c.id: c for c in city.compounds}
    if any(compounds[c].community != g.community for g in city.grids for c in g.compounds):
        return False
    state: dict[str, bool] = {}  # True: the chain is being walked; False: it reaches a top
    for org in organizations.values():
        if org.formation is not None and not org.kind.is_branch:
            return False
        chain = []
        current: PartyOrganization | None = org
        while current is not None and current.id not in state:
            state[current.id] = True
            chain.append(current.id)
            current = organizations[current.parent] if current.parent is not None else None
        if current is not None and state[current.id]:
            return False  # the walk came back on its own chain
        for walked in chain:
            state[walked] = False
    groups = [
        (org, organizations[org.parent])
        for org in organizations.values()
        if org.kind.is_group and org.parent is not None and org.covers
    ]
    if not groups:
        return True
    parts = {b.id: b.compound for b in city.buildings}
    parts.update((ln.id, ln.compound) for ln in city.lanes)
    places = _PlaceTree(city, compounds)
    for org, parent in groups:
        if not parent.kind.is_branch or not parent.covers:
            continue
        area = set(parent.covers)
        for place in org.covers:
            compound = parts.get(place)
            if (
                compound is not None
                and compound not in area
                and place not in area
                and not places.around(place, compound) & area
            ):
                return False
    return True


class _PlaceTree:
    """The places above a compound and the grids spanning it, looked up from small tables."""

    def __init__(self, city: City, compounds: Mapping[str, Any]) -> None:
        self.up: dict[str, str] = {c.id: c.community for c in compounds.values()}
        self.up.update((c.id, c.subdistrict) for c in city.communities)
        self.up.update((s.id, s.district) for s in city.subdistricts)
        self.grids: dict[str, list[str]] = defaultdict(list)
        for grid in city.grids:
            for compound in grid.compounds:
                self.grids[compound].append(grid.id)

    def around(self, place: str, compound: str) -> set[str]:
        """A building's or lane's id, the places above it and the grids spanning its compound
        (what :func:`_place_ancestors` gives of a part)."""
        found = {place, compound, *self.grids.get(compound, ())}
        current = self.up.get(compound)
        while current is not None and current not in found:
            found.add(current)
            current = self.up.get(current)
        return found


def _problems(city: City, where: dict[str, int]) -> Problems:
    """Every problem of the city, read entity by entity (see :func:`problems`), indexing its
    ids in ``where`` (the city's table, empty) on the way."""
    problems = Problems()
    for name in COLLECTIONS:
        if name == "appointments":
            continue
        for i, entity in enumerate(getattr(city, name)):
            if not entity.id:
                problems.append(Problem(path=f"{name}[{i}].id", message="must not be empty"))
                continue
            here = code_of(name, i)
            first = where.setdefault(entity.id, here)
            if first != here:
                first_name, first_at = place_of(first)
                problems.append(
                    Problem(
                        path=f"{name}[{i}].id",
                        message=f"duplicate id {entity.id!r}, first used at {first_name}[{first_at}]",
                        ids=(entity.id,),
                    )
                )
    if city.id in where:
        name, i = place_of(where[city.id])
        problems.append(
            Problem(
                path="id",
                message=f"the city's id {city.id!r} is also the id of {name}[{i}]",
                ids=(city.id,),
            )
        )
    for name, refs in REFS.items():
        entities = getattr(city, name)
        for ref in refs:
            problems.extend(_check_ref(city, name, entities, ref))
    problems.extend(_check_organizations(city))
    problems.extend(_check_memberships(city))
    problems.extend(_check_grids(city))
    return problems


def _check_ref(city: City, name: str, entities: Sequence[Any], ref: Ref) -> Iterator[Problem]:
    """The problems of one reference field over a whole collection (a hot loop)."""
    where = city._where
    get = ref.get
    static = None if callable(ref.targets) else ref.targets
    for i, entity in enumerate(entities):
        value = get(entity)
        if value is None:
            continue
        if not ref.many:
            found = where.get(value)
            allowed = static if static is not None else ref.allowed(entity)
            if found is not None and NAMES[found % SPAN] in allowed:
                continue
        yield from _ref_problems(city, name, i, entity, ref)


def _ref_problems(city: City, name: str, i: int, entity: Any, ref: Ref) -> Iterator[Problem]:
    allowed = ref.allowed(entity)
    for j, value in enumerate(ref.values(entity)):
        code = city._where.get(value)
        found = None if code is None else NAMES[code % SPAN]
        if found in allowed:
            continue
        path = f"{name}[{i}].{ref.field}" + (f"[{j}]" if ref.many else "")
        if found is None:
            message = f"no {noun_list(allowed)} with id {value!r}"
        else:
            message = f"{value!r} is {a_noun(NOUN[found])}, expected {a_noun(noun_list(allowed))}"
        yield Problem(path=path, message=message, ids=(value,))


def _check_organizations(city: City) -> Iterator[Problem]:
    orgs = {o.id: o for o in city.organizations}
    reported: set[str] = set()
    rooted: set[str] = set()  # chains known to end at a top organisation
    looping: set[str] = set()  # chains known to run into a loop
    for i, org in enumerate(city.organizations):
        if org.formation is not None and not org.kind.is_branch:
            yield Problem(
                path=f"organizations[{i}].formation",
                message=f"{a_noun(org.kind.value)} has no formation; only branches do",
                ids=(org.id,),
            )
        # A parent chain that comes back on itself: each organisation's chain is walked only
        # as far as a chain already known, so a city of long chains is read in linear time.
        if org.id in rooted or org.id in looping:
            continue
        chain: list[str] = []
        seen: set[str] = set()
        current: PartyOrganization | None = org
        while (
            current is not None
            and current.id not in seen
            and current.id not in rooted
            and current.id not in looping
        ):
            seen.add(current.id)
            chain.append(current.id)
            current = orgs.get(current.parent) if current.parent is not None else None
        if current is None or current.id in rooted:
            rooted.update(chain)
        elif current.id in looping:
            looping.update(chain)
        elif current.id == org.id:
            if org.id not in reported:
                reported.update(chain)
                loop = " -> ".join([*chain, org.id])
                yield Problem(
                    path=f"organizations[{i}].parent",
                    message=f"the parent chain loops: {loop}",
                    ids=tuple(chain),
                )
            looping.update(chain)
        else:
            # A tail running into a loop it is not on: the loop is reported from its first
            # member in document order.
            looping.update(chain[: chain.index(current.id)])
        # A group serving buildings or lanes that lie outside its branch.
        parent = orgs.get(org.parent) if org.parent is not None else None
        if org.kind.is_group and parent is not None and parent.kind.is_branch and parent.covers:
            area = set(parent.covers)
            for j, place in enumerate(org.covers):
                compound = city._compound_of_part(place)
                if (
                    compound not in area
                    and place not in area
                    and city._kind_of(place) in ("buildings", "lanes")
                    and city._kind_of(compound or "") == "compounds"
                    and not _place_ancestors(city, place) & area
                ):
                    yield Problem(
                        path=f"organizations[{i}].covers[{j}]",
                        message=f"{place!r} belongs to compound {compound!r}, "
                        f"which its branch {parent.id!r} does not cover",
                        ids=(place, parent.id),
                    )


def _check_memberships(city: City) -> Iterator[Problem]:
    for i, person in enumerate(city.people):
        party = person.party
        if party is None:
            continue
        for field in ("registered_in", "managed_in"):
            org_id = getattr(party, field)
            if org_id is None or city._kind_of(org_id) != "organizations":
                continue
            org = city.organizations[city._where[org_id] // SPAN]
            if not org.kind.holds_membership:
                yield Problem(
                    path=f"people[{i}].party.{field}",
                    message=f"{org_id!r} is {a_noun(org.kind.value)}, which holds no membership",
                    ids=(org_id,),
                )


def _check_grids(city: City) -> Iterator[Problem]:
    for i, grid in enumerate(city.grids):
        for j, compound_id in enumerate(grid.compounds):
            if city._kind_of(compound_id) != "compounds":
                continue
            compound = city.compounds[city._where[compound_id] // SPAN]
            if compound.community != grid.community:
                yield Problem(
                    path=f"grids[{i}].compounds[{j}]",
                    message=f"{compound_id!r} lies in community {compound.community!r}, "
                    f"not in the grid's community {grid.community!r}",
                    ids=(compound_id,),
                )


def _place_ancestors(city: City, place: str) -> set[str]:
    """A place, the places that contain it, and the grids spanning its compound."""
    found: set[str] = {place, *city._ancestors(place)}
    compound = city._compound_of_part(place)
    if compound is not None:
        found.update(city._grids_of.get(compound, ()))
    return found
