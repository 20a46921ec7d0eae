"""Strategies for single entities: compounds, people, organisations and appointments.

Each entity is valid on its own; the ids it refers to name no entity until it is put in a city
that has them (:func:`neighborparty.strategies.cities` builds whole, consistent cities).
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from neighborparty.model import (
    Appointment,
    CadreLevel,
    Compound,
    CompoundKind,
    Formation,
    FourHaves,
    MemberCategory,
    Membership,
    OrgKind,
    PartyOrganization,
    Person,
    Role,
    Standing,
)
from neighborparty.strategies._values import (
    _optional_later,
    areas,
    counts,
    dates,
    ids,
    names,
    optional_dates,
)

__all__ = ["appointments", "compounds", "organizations", "people"]


def compounds(*, community: str | None = None) -> st.SearchStrategy[Compound]:
    """Single valid compounds, in a given community or one with a drawn id.

    The compound is valid on its own; its ``community`` names no entity until it is put in a
    city that has it (use :func:`cities` for whole, consistent cities).

    Examples:
        >>> from hypothesis import find
        >>> find(compounds(community="cm-1"), lambda c: c.households >= 100).households
        100
    """
    return st.builds(
        Compound,
        id=ids,
        name=names,
        community=st.just(community) if community is not None else ids,
        households=counts,
        kind=st.sampled_from(CompoundKind),
        residents=st.none() | counts,
        coordinates=st.none() | st.tuples(areas, areas),
    )


def _memberships(
    registered_in: st.SearchStrategy[str],
    *,
    managed_in: st.SearchStrategy[str] = ids,
    reported_to: st.SearchStrategy[str] = ids,
) -> st.SearchStrategy[Membership]:
    @st.composite
    def build(draw: st.DrawFn) -> Membership:
        joined = draw(optional_dates)
        return Membership(
            standing=draw(st.sampled_from(Standing)),
            category=draw(st.sampled_from(MemberCategory)),
            registered_in=draw(registered_in),
            managed_in=draw(st.none() | managed_in),
            joined=joined,
            full_since=_optional_later(draw, joined) if joined else None,
            identity_shown=draw(st.none() | st.booleans()),
            reported_to=draw(st.none() | reported_to),
        )

    return build()


def _people(
    id: st.SearchStrategy[str],
    home: st.SearchStrategy[str],
    party: st.SearchStrategy[Membership | None],
) -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        id=id,
        name=names,
        home=home,
        party=party,
        cadre_level=st.none() | st.sampled_from(CadreLevel),
        four_haves=st.none()
        | st.builds(
            FourHaves,
            capability=st.booleans(),
            prestige=st.booleans(),
            public_spirit=st.booleans(),
            enthusiasm=st.booleans(),
            assessed_on=optional_dates,
        ),
    )


def people(*, home: str | None = None, members: bool | None = None) -> st.SearchStrategy[Person]:
    """Single valid people, party members or not.

    Args:
        home: The home to give them; drawn when ``None``.
        members: ``True`` for party members only, ``False`` for non-members only.

    Examples:
        >>> from hypothesis import find
        >>> find(people(home="b-1", members=True), lambda p: True).party is not None
        True
    """
    party: st.SearchStrategy[Membership | None]
    if members is None:
        party = st.none() | _memberships(ids)
    elif members:
        party = _memberships(ids)
    else:
        party = st.none()
    return _people(ids, st.just(home) if home is not None else ids, party)


def organizations(
    *, kind: OrgKind | None = None, max_covers: int = 3
) -> st.SearchStrategy[PartyOrganization]:
    """Single valid party organisations; only branches get a formation.

    Examples:
        >>> from hypothesis import find
        >>> from neighborparty import OrgKind
        >>> org = find(organizations(kind=OrgKind.COMPOUND_BRANCH), lambda o: len(o.covers) == 2)
        >>> org.kind.is_branch, len(org.covers)
        (True, 2)
    """
    if max_covers < 0:
        raise InvalidArgument(f"max_covers={max_covers!r} must not be negative")

    @st.composite
    def build(draw: st.DrawFn) -> PartyOrganization:
        org_kind = kind if kind is not None else draw(st.sampled_from(OrgKind))
        return PartyOrganization(
            id=draw(ids),
            name=draw(names),
            kind=org_kind,
            parent=draw(st.none() | ids),
            covers=draw(st.lists(ids, unique=True, max_size=max_covers)),
            formation=draw(st.none() | st.sampled_from(Formation)) if org_kind.is_branch else None,
            elected_on=draw(optional_dates),
        )

    return build()


def appointments(
    *, person: str | None = None, body: str | None = None, role: Role | None = None
) -> st.SearchStrategy[Appointment]:
    """Single valid appointments: a post from a start day, open or ended on or after it.

    Examples:
        >>> from hypothesis import find
        >>> from neighborparty import Role
        >>> post = find(appointments(role=Role.SECRETARY), lambda a: a.end is not None)
        >>> post.end >= post.start
        True
    """

    @st.composite
    def build(draw: st.DrawFn) -> Appointment:
        start = draw(dates)
        return Appointment(
            person=person if person is not None else draw(ids),
            body=body if body is not None else draw(ids),
            role=role if role is not None else draw(st.sampled_from(Role)),
            start=start,
            end=_optional_later(draw, start),
            dispatched=draw(st.booleans()),
        )

    return build()
