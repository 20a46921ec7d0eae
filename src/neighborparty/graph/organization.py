"""The organisational tree: chains of command, members of an organisation, a member's branch."""

from __future__ import annotations

from neighborparty.errors import UnknownIdError
from neighborparty.model import City, PartyOrganization, Person

__all__ = ["branch_of", "chain_of_command", "members_of"]


def _organization(city: City, id: str) -> PartyOrganization:
    entity = city.get(id)
    if not isinstance(entity, PartyOrganization):
        raise UnknownIdError(id, f"the party organisations of City {city.id!r}")
    return entity


def branch_of(city: City, person: str) -> PartyOrganization | None:
    """The branch a member belongs to where they live: where registered, else where managed.

    ``None`` for a non-member, or a member neither registered nor managed in a branch (a compound,
    courtyard or grid branch). The same as :meth:`City.branch_of <neighborparty.City.branch_of>`,
    which defines it.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> branch_of(city, "p-lin").id, branch_of(city, "p-zhao").id
        ('br-jinan', 'br-jinan')
        >>> branch_of(city, "p-huang") is None   # registered in the community committee
        True
    """
    return city.branch_of(person)


def chain_of_command(city: City, id: str) -> tuple[PartyOrganization, ...]:
    """The organisations above a person, building, lane, compound or organisation, nearest first.

    A person starts at their branch (:func:`branch_of`); a building or lane at the group that
    covers it, else the branch of its compound; a compound at the first branch covering it; an
    organisation at itself. The chain then follows ``parent`` up to the top, normally the
    sub-district working committee. Empty when nothing covers the starting point.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> [o.id for o in chain_of_command(city, "b-jinan-1")]
        ['grp-jinan-1', 'br-jinan', 'cc-jinan', 'swc-1']
        >>> [o.kind.value for o in chain_of_command(city, "p-xu")]
        ['grid_branch', 'community_committee', 'subdistrict_working_committee']
    """
    kind = city.collection_of(id)
    start: PartyOrganization | None = None
    if kind == "organizations":
        start = _organization(city, id)
    elif kind == "people":
        start = branch_of(city, id)
    elif kind in ("buildings", "lanes", "compounds"):
        covering = city.organizations_covering(city.compound_of(id) or id)
        groups = [o for o in covering if o.kind.is_group and id in o.covers]
        branches = [o for o in covering if o.kind.is_branch]
        start = next(iter(groups or branches), None)
    chain: list[PartyOrganization] = []
    seen: set[str] = set()
    while start is not None and start.id not in seen:
        chain.append(start)
        seen.add(start.id)
        start = _organization(city, start.parent) if start.parent is not None else None
    return tuple(chain)


def members_of(
    city: City, organization: str, *, recursive: bool = True, managed: bool = True
) -> tuple[Person, ...]:
    """The members of an organisation: registered there (在册) and, by default, managed there.

    Args:
        city: The city.
        organization: The organisation's id.
        recursive: Also the members of every organisation below it.
        managed: Count non-registered members managed there (纳入管理) too.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> [p.id for p in members_of(city, "br-jinan")]
        ['p-lin', 'p-chen', 'p-wang', 'p-zhao']
        >>> len(members_of(city, "swc-1")), len(members_of(city, "swc-1", recursive=False))
        (9, 0)
    """
    root = _organization(city, organization)
    found: dict[str, Person] = {}
    stack = [root]
    seen: set[str] = set()
    while stack:
        org = stack.pop(0)
        if org.id in seen:
            continue
        seen.add(org.id)
        for person in city.members_of(org.id, managed=managed):
            found.setdefault(person.id, person)
        if recursive:
            stack.extend(city.suborganizations(org.id))
    return tuple(found.values())
