"""Hypothesis strategies for neighborparty: valid cities and entities, built by construction.

Install the extra (``pip install "neighborparty[testing]"``) to use them. Strategies are plural
nouns with keyword-only options, in the style of Hypothesis itself; every city they generate is
valid by construction (never by filtering) and shrinks towards a small, readable one. The types
are registered with Hypothesis through its ``hypothesis`` entry point, so
``st.from_type(neighborparty.City)`` works too.

Every collection of the City is exercised and every optional field is sometimes set, so that
properties over these cities see the whole document format.

Examples:
    >>> from hypothesis import given
    >>> from neighborparty import strategies, to_dict, from_dict
    >>> @given(strategies.cities(max_size=2))
    ... def test_round_trip(city):
    ...     assert from_dict(to_dict(city)) == city
    >>> test_round_trip()
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ImportError(
        'neighborparty.strategies needs Hypothesis: pip install "neighborparty[testing]"'
    ) from exc

import neighborparty as np_

__all__ = ["Breaker", "appointments", "breaks", "cities", "compounds", "organizations", "people"]

DAY0 = date(2015, 1, 1)

names = st.text(
    alphabet=st.sampled_from("金安东西老城小区党支部社区网格楼abcxyz -·'\"\\é"), max_size=8
)
ids = st.from_regex(r"[a-z]{1,3}-[0-9]{1,4}", fullmatch=True)
dates = st.builds(lambda n: DAY0 + timedelta(days=n), st.integers(0, 4000))
optional_dates = st.none() | dates
counts = st.integers(0, 400)
areas = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


def _later(draw: st.DrawFn, start: date) -> date:
    return start + timedelta(days=draw(st.integers(0, 2000)))


def _optional_later(draw: st.DrawFn, start: date) -> date | None:
    return _later(draw, start) if draw(st.booleans()) else None


def _check_size(min_size: int, max_size: int) -> None:
    if min_size < 1:
        raise InvalidArgument(f"min_size={min_size!r} must be at least 1")
    if max_size < min_size:
        raise InvalidArgument(f"max_size={max_size!r} must be at least min_size={min_size!r}")


Breaker = Callable[[st.DrawFn, np_.City], np_.City]
"""A function that turns a valid city into one failing a given rule, drawing what it needs."""

_BREAKERS: dict[str, Breaker] = {}


def breaks(code: str) -> Callable[[Breaker], Breaker]:
    """Register a breaker for a rule code, for :func:`cities` ``(breaking=code)``.

    A breaker receives a city that passes every error-level rule and must leave it failing that
    rule on at least one subject and no other error-level rule.

    Examples:
        >>> len(_BREAKERS)
        29
    """

    def register(breaker: Breaker) -> Breaker:
        if code in _BREAKERS:
            raise ValueError(f"a breaker for {code} is already registered")
        _BREAKERS[code] = breaker
        return breaker

    return register


def cities(
    *, min_size: int = 1, max_size: int = 4, breaking: str | None = None
) -> st.SearchStrategy[np_.City]:
    """Valid cities of one sub-district, one or two communities and ``min_size`` to ``max_size``
    compounds, with people, posts, owners' bodies, units and service records.

    A city shrinks towards fewer compounds, fewer people and fewer records. Every compound of a
    generated city is covered by a branch; other rules may fail, as in a real city.

    Args:
        min_size: The fewest compounds (at least 1).
        max_size: The most compounds.
        breaking: A rule code (``"NP102"``): generate cities that fail that rule and no other
            error-level rule, as :func:`neighborparty.check` sees them with its defaults. Every
            code of the catalogue has a breaker; NP106 (work coverage) cannot fail without
            NP101 and fails with it.

    Raises:
        InvalidArgument: The bounds are out of order or below 1, or no breaker is registered
            for ``breaking``.

    Examples:
        >>> from hypothesis import find
        >>> city = find(cities(), lambda c: len(c.compounds) >= 2)
        >>> len(city.compounds)
        2
        >>> broken = find(cities(breaking="NP101"), lambda c: True)
        >>> [c.id for c in broken.compounds if not broken.branches_covering(c.id)]
        ['c0']
    """
    _check_size(min_size, max_size)
    base = _cities(min_size, max_size)
    if breaking is None:
        return base
    breaker = _BREAKERS.get(breaking)
    if breaker is None:
        known = ", ".join(sorted(_BREAKERS)) or "none yet"
        raise InvalidArgument(f"no strategy breaks rule {breaking!r}; available: {known}")

    @st.composite
    def broken(draw: st.DrawFn) -> np_.City:
        from neighborparty._breakers import comply

        return breaker(draw, comply(draw(base)))

    return broken()


@st.composite
def _cities(draw: st.DrawFn, min_size: int, max_size: int) -> np_.City:
    c: dict[str, list[Any]] = {name: [] for name in np_.model.COLLECTIONS}
    c["districts"].append(np_.District(id="d0", name=draw(names)))
    c["subdistricts"].append(np_.Subdistrict(id="s0", name=draw(names), district="d0"))
    c["organizations"].append(
        np_.PartyOrganization(
            id="swc0",
            name=draw(names),
            kind=np_.OrgKind.SUBDISTRICT_WORKING_COMMITTEE,
            covers=["s0"],
        )
    )
    n_communities = draw(st.integers(1, 2))
    n_compounds = draw(st.integers(min_size, max_size))
    homes: list[str] = []
    holders: list[str] = []
    for k in range(n_communities):
        cm = f"cm{k}"
        c["communities"].append(np_.Community(id=cm, name=draw(names), subdistrict="s0"))
        c["organizations"].append(
            np_.PartyOrganization(
                id=f"cc{k}",
                name=draw(names),
                kind=np_.OrgKind.COMMUNITY_COMMITTEE,
                parent="swc0",
                covers=[cm],
            )
        )
        holders.append(f"cc{k}")
    compounds: list[str] = []
    for i in range(n_compounds):
        cp = f"c{i}"
        cm = f"cm{i % n_communities}"
        kind = draw(st.sampled_from(np_.CompoundKind))
        coordinates = draw(st.none() | st.tuples(areas, areas))
        c["compounds"].append(
            np_.Compound(
                id=cp,
                name=draw(names),
                community=cm,
                households=draw(counts),
                kind=kind,
                residents=draw(st.none() | counts),
                coordinates=coordinates,
            )
        )
        compounds.append(cp)
        homes.append(cp)
        parts: list[str] = []
        for j in range(draw(st.integers(0, 2))):
            b = f"b{i}-{j}"
            c["buildings"].append(
                np_.Building(
                    id=b,
                    compound=cp,
                    households=draw(counts),
                    name=draw(names),
                    residents=draw(st.none() | counts),
                )
            )
            parts.append(b)
        if kind is np_.CompoundKind.OLD_QUARTER:
            ln = f"ln{i}"
            c["lanes"].append(
                np_.Lane(
                    id=ln,
                    name=draw(names),
                    compound=cp,
                    households=draw(counts),
                    residents=draw(st.none() | counts),
                )
            )
            parts.append(ln)
        homes.extend(parts)
        # A branch: a grid branch through a grid for open areas, else a compound branch.
        branch = f"br{i}"
        if kind is np_.CompoundKind.MANAGED:
            covers = [cp]
            org_kind = np_.OrgKind.COMPOUND_BRANCH
            formation = draw(st.none() | st.sampled_from(np_.Formation))
        else:
            grid = f"g{i}"
            c["grids"].append(np_.Grid(id=grid, name=draw(names), community=cm, compounds=[cp]))
            covers = [grid]
            org_kind = draw(
                st.sampled_from([np_.OrgKind.GRID_BRANCH, np_.OrgKind.COURTYARD_BRANCH])
            )
            formation = None
        c["organizations"].append(
            np_.PartyOrganization(
                id=branch,
                name=draw(names),
                kind=org_kind,
                parent=f"cc{i % n_communities}",
                covers=covers,
                formation=formation,
                elected_on=draw(optional_dates),
            )
        )
        holders.append(branch)
        with_group: bool = draw(st.booleans())
        if parts and with_group:
            group_kind = (
                np_.OrgKind.LANE_GROUP if parts[-1].startswith("ln") else np_.OrgKind.BUILDING_GROUP
            )
            c["organizations"].append(
                np_.PartyOrganization(
                    id=f"grp{i}", name=draw(names), kind=group_kind, parent=branch, covers=parts
                )
            )
    # People, some of them members, with posts.
    people: list[str] = []
    memberships = _memberships(
        st.sampled_from(holders),
        managed_in=st.sampled_from(holders),
        reported_to=st.sampled_from([f"cm{k}" for k in range(n_communities)]),
    )
    for n in range(draw(st.integers(0, 8))):
        pid = f"p{n}"
        c["people"].append(
            draw(_people(st.just(pid), st.sampled_from(homes), st.none() | memberships))
        )
        people.append(pid)
    committees: list[str] = []
    for i, cp in enumerate(compounds):
        if draw(st.booleans()):
            start = draw(dates)
            c["committees"].append(
                np_.OwnersCommittee(
                    id=f"oc{i}",
                    compound=cp,
                    term_start=start,
                    term_end=_optional_later(draw, start),
                    election_led_by=draw(st.none() | st.sampled_from(np_.ElectionLead)),
                )
            )
            committees.append(f"oc{i}")
    orgs = [o.id for o in c["organizations"]]
    places_for_posts = [b.id for b in c["buildings"]] + [ln.id for ln in c["lanes"]]
    if people:
        for _ in range(draw(st.integers(0, 6))):
            role = draw(st.sampled_from(np_.Role))
            if role.body_kind == "committee":
                if not committees:
                    continue
                body = draw(st.sampled_from(committees))
            elif role.body_kind == "organization":
                body = draw(st.sampled_from(orgs))
            elif role in (np_.Role.BUILDING_HEAD, np_.Role.CENTRAL_HOUSEHOLD):
                if not places_for_posts:
                    continue
                body = draw(st.sampled_from(places_for_posts))
            else:
                body = draw(st.sampled_from(compounds))
            start = draw(dates)
            c["appointments"].append(
                np_.Appointment(
                    person=draw(st.sampled_from(people)),
                    body=body,
                    role=role,
                    start=start,
                    end=_optional_later(draw, start),
                    dispatched=draw(st.booleans()),
                )
            )
    # Companies, units and agreements.
    if draw(st.booleans()):
        c["organizations"].append(
            np_.PartyOrganization(
                id="org-pm", name=draw(names), kind=np_.OrgKind.COMPANY_ORGANIZATION
            )
        )
        c["companies"].append(
            np_.PropertyCompany(
                id="pm0",
                name=draw(names),
                compounds=draw(st.lists(st.sampled_from(compounds), unique=True)),
                party_organization="org-pm",
            )
        )
    if draw(st.booleans()):
        c["organizations"].append(
            np_.PartyOrganization(id="org-u0", name=draw(names), kind=np_.OrgKind.UNIT_ORGANIZATION)
        )
        c["units"].append(
            np_.Unit(
                id="u0",
                name=draw(names),
                kind=draw(st.sampled_from(np_.UnitKind)),
                community=draw(st.none() | st.just("cm0")),
                reported_on=draw(optional_dates),
                party_organization=draw(st.none() | st.just("org-u0")),
            )
        )
        signed = draw(dates)
        c["agreements"].append(
            np_.CoBuildingAgreement(
                id="ag0",
                unit="u0",
                organization=draw(st.sampled_from(holders)),
                signed_on=signed,
                ends_on=_optional_later(draw, signed),
            )
        )
    # Service and co-governance records.
    for i, cp in enumerate(compounds):
        if draw(st.booleans()):
            c["stations"].append(
                np_.ServiceStation(
                    id=f"st{i}",
                    name=draw(names),
                    place=cp,
                    kind=np_.StationKind.COMPOUND_STATION,
                    opened_on=draw(optional_dates),
                )
            )
        if draw(st.booleans()):
            c["service_items"].append(np_.ServiceItem(id=f"si{i}", compound=cp, name=draw(names)))
        if draw(st.booleans()):
            total_owners = draw(counts)
            part_owners = draw(st.integers(0, total_owners))
            total_area = draw(areas)
            part_area = draw(st.floats(0, total_area))
            c["votes"].append(
                np_.OwnersVote(
                    id=f"v{i}",
                    compound=cp,
                    matter=draw(st.sampled_from(np_.MatterKind)),
                    held_on=draw(dates),
                    total_area=total_area,
                    total_owners=total_owners,
                    participating_area=part_area,
                    participating_owners=part_owners,
                    area_for=draw(st.floats(0, part_area)),
                    owners_for=draw(st.integers(0, part_owners)),
                    title=draw(names),
                )
            )
            if draw(st.booleans()):
                c["deliberations"].append(
                    np_.Deliberation(
                        id=f"dl{i}",
                        organization=f"br{i}",
                        vote=f"v{i}",
                        held_on=draw(dates),
                    )
                )
        if draw(st.booleans()):
            raised = draw(dates)
            c["whistles"].append(
                np_.Whistle(
                    id=f"w{i}",
                    compound=cp,
                    raised_on=raised,
                    matter=draw(names),
                    department=draw(st.none() | names),
                    answered_on=_optional_later(draw, raised),
                )
            )
    if draw(st.booleans()):
        c["projects"].append(
            np_.ServiceProject(id="sp0", name=draw(names), place="cm0", held_on=draw(dates))
        )
    items = [s.id for s in c["service_items"]]
    refs = orgs + items + [p.id for p in c["projects"]]
    if people:
        for n in range(draw(st.integers(0, 3))):
            if items:
                c["claims"].append(
                    np_.ServiceClaim(
                        id=f"cl{n}",
                        person=draw(st.sampled_from(people)),
                        item=draw(st.sampled_from(items)),
                        claimed_on=draw(dates),
                    )
                )
        for n in range(draw(st.integers(0, 6))):
            c["activities"].append(
                np_.Activity(
                    id=f"ac{n}",
                    person=draw(st.sampled_from(people)),
                    kind=draw(st.sampled_from(np_.ActivityKind)),
                    on=draw(dates),
                    ref=draw(st.none() | st.sampled_from(refs)),
                    hours=draw(st.none() | st.floats(0, 24)),
                )
            )
    return np_.City(id="city", name=draw(names), **c)


def compounds(*, community: str | None = None) -> st.SearchStrategy[np_.Compound]:
    """Single valid compounds, in a given community or one with a drawn id.

    The compound is valid on its own; its ``community`` names no entity until it is put in a
    city that has it (use :func:`cities` for whole, consistent cities).

    Examples:
        >>> from hypothesis import find
        >>> find(compounds(community="cm-1"), lambda c: c.households >= 100).households
        100
    """
    return st.builds(
        np_.Compound,
        id=ids,
        name=names,
        community=st.just(community) if community is not None else ids,
        households=counts,
        kind=st.sampled_from(np_.CompoundKind),
        residents=st.none() | counts,
        coordinates=st.none() | st.tuples(areas, areas),
    )


def _memberships(
    registered_in: st.SearchStrategy[str],
    *,
    managed_in: st.SearchStrategy[str] = ids,
    reported_to: st.SearchStrategy[str] = ids,
) -> st.SearchStrategy[np_.Membership]:
    @st.composite
    def build(draw: st.DrawFn) -> np_.Membership:
        joined = draw(optional_dates)
        return np_.Membership(
            standing=draw(st.sampled_from(np_.Standing)),
            category=draw(st.sampled_from(np_.MemberCategory)),
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
    party: st.SearchStrategy[np_.Membership | None],
) -> st.SearchStrategy[np_.Person]:
    return st.builds(
        np_.Person,
        id=id,
        name=names,
        home=home,
        party=party,
        cadre_level=st.none() | st.sampled_from(np_.CadreLevel),
        four_haves=st.none()
        | st.builds(
            np_.FourHaves,
            capability=st.booleans(),
            prestige=st.booleans(),
            public_spirit=st.booleans(),
            enthusiasm=st.booleans(),
            assessed_on=optional_dates,
        ),
    )


def people(
    *, home: str | None = None, members: bool | None = None
) -> st.SearchStrategy[np_.Person]:
    """Single valid people, party members or not.

    Args:
        home: The home to give them; drawn when ``None``.
        members: ``True`` for party members only, ``False`` for non-members only.

    Examples:
        >>> from hypothesis import find
        >>> find(people(home="b-1", members=True), lambda p: True).party is not None
        True
    """
    party: st.SearchStrategy[np_.Membership | None]
    if members is None:
        party = st.none() | _memberships(ids)
    elif members:
        party = _memberships(ids)
    else:
        party = st.none()
    return _people(ids, st.just(home) if home is not None else ids, party)


def organizations(
    *, kind: np_.OrgKind | None = None, max_covers: int = 3
) -> st.SearchStrategy[np_.PartyOrganization]:
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
    def build(draw: st.DrawFn) -> np_.PartyOrganization:
        org_kind = kind if kind is not None else draw(st.sampled_from(np_.OrgKind))
        return np_.PartyOrganization(
            id=draw(ids),
            name=draw(names),
            kind=org_kind,
            parent=draw(st.none() | ids),
            covers=draw(st.lists(ids, unique=True, max_size=max_covers)),
            formation=draw(st.none() | st.sampled_from(np_.Formation))
            if org_kind.is_branch
            else None,
            elected_on=draw(optional_dates),
        )

    return build()


def appointments(
    *, person: str | None = None, body: str | None = None, role: np_.Role | None = None
) -> st.SearchStrategy[np_.Appointment]:
    """Single valid appointments: a post from a start day, open or ended on or after it.

    Examples:
        >>> from hypothesis import find
        >>> from neighborparty import Role
        >>> post = find(appointments(role=Role.SECRETARY), lambda a: a.end is not None)
        >>> post.end >= post.start
        True
    """

    @st.composite
    def build(draw: st.DrawFn) -> np_.Appointment:
        start = draw(dates)
        return np_.Appointment(
            person=person if person is not None else draw(ids),
            body=body if body is not None else draw(ids),
            role=role if role is not None else draw(st.sampled_from(np_.Role)),
            start=start,
            end=_optional_later(draw, start),
            dispatched=draw(st.booleans()),
        )

    return build()


from neighborparty import _breakers  # noqa: E402, F401 - registers the breakers of the catalogue
