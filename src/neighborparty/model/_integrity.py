"""The integrity check of a City: every problem of its parts, with its path and ids.

Duplicate ids (ids are unique across the whole city), references to ids that do not exist or
are of the wrong kind, an organisation's parent chain that loops, a group covering buildings
outside its branch, a grid spanning compounds of another community, a membership held by an
organisation that holds none. Policy is not checked here: that is for the rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from neighborparty.errors import Problem, Problems
from neighborparty.model._references import COLLECTIONS, NOUN, REFS, Ref, a_noun, noun_list
from neighborparty.model.organizations import PartyOrganization

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["problems"]


def problems(city: City) -> Problems:
    """Every way the parts of a city do not fit together, with paths and ids; indexes the
    city's ids (``city._where``) on the way."""
    problems = Problems()
    where = city._where
    for name in COLLECTIONS:
        if name == "appointments":
            continue
        for i, entity in enumerate(getattr(city, name)):
            if not entity.id:
                problems.append(Problem(path=f"{name}[{i}].id", message="must not be empty"))
                continue
            here = (name, i)
            first = where.setdefault(entity.id, here)
            if first is not here:
                problems.append(
                    Problem(
                        path=f"{name}[{i}].id",
                        message=f"duplicate id {entity.id!r}, first used at {first[0]}[{first[1]}]",
                        ids=(entity.id,),
                    )
                )
    if city.id in where:
        name, i = where[city.id]
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
            if found is not None and found[0] in allowed:
                continue
        yield from _ref_problems(city, name, i, entity, ref)


def _ref_problems(city: City, name: str, i: int, entity: Any, ref: Ref) -> Iterator[Problem]:
    allowed = ref.allowed(entity)
    for j, value in enumerate(ref.values(entity)):
        found = city._where.get(value)
        if found is not None and found[0] in allowed:
            continue
        path = f"{name}[{i}].{ref.field}" + (f"[{j}]" if ref.many else "")
        if found is None:
            message = f"no {noun_list(allowed)} with id {value!r}"
        else:
            message = (
                f"{value!r} is {a_noun(NOUN[found[0]])}, expected {a_noun(noun_list(allowed))}"
            )
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
            org = city.organizations[city._where[org_id][1]]
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
            compound = city.compounds[city._where[compound_id][1]]
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
