"""Whole cities: one sub-district, one or two communities, and every collection of the City.

Every city is valid by construction (never by filtering) and shrinks towards fewer compounds,
fewer people and fewer records. Every compound is covered by a branch; other rules may fail, as
in a real city. Every collection is exercised and every optional field is sometimes set, so that
properties over these cities see the whole document format.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from neighborparty.model import (
    COLLECTIONS,
    Activity,
    ActivityKind,
    Appointment,
    Building,
    City,
    CoBuildingAgreement,
    Community,
    Compound,
    CompoundKind,
    Deliberation,
    District,
    ElectionLead,
    Formation,
    Grid,
    Lane,
    MatterKind,
    OrgKind,
    OwnersCommittee,
    OwnersVote,
    PartyOrganization,
    PropertyCompany,
    Role,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
    StationKind,
    Subdistrict,
    Unit,
    UnitKind,
    Whistle,
)
from neighborparty.strategies._breakers import broken_cities
from neighborparty.strategies._entities import _memberships, _people
from neighborparty.strategies._values import (
    _optional_later,
    areas,
    counts,
    dates,
    names,
    optional_dates,
)

__all__ = ["cities"]


def cities(
    *, min_size: int = 1, max_size: int = 4, breaking: str | None = None
) -> st.SearchStrategy[City]:
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
    valid = _city(min_size, max_size)
    return valid if breaking is None else broken_cities(valid, breaking)


def _check_size(min_size: int, max_size: int) -> None:
    if min_size < 1:
        raise InvalidArgument(f"min_size={min_size!r} must be at least 1")
    if max_size < min_size:
        raise InvalidArgument(f"max_size={max_size!r} must be at least min_size={min_size!r}")


@st.composite
def _city(draw: st.DrawFn, min_size: int, max_size: int) -> City:
    c: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    c["districts"].append(District(id="d0", name=draw(names)))
    c["subdistricts"].append(Subdistrict(id="s0", name=draw(names), district="d0"))
    c["organizations"].append(
        PartyOrganization(
            id="swc0",
            name=draw(names),
            kind=OrgKind.SUBDISTRICT_WORKING_COMMITTEE,
            covers=["s0"],
        )
    )
    n_communities = draw(st.integers(1, 2))
    n_compounds = draw(st.integers(min_size, max_size))
    homes: list[str] = []
    holders: list[str] = []
    for k in range(n_communities):
        cm = f"cm{k}"
        c["communities"].append(Community(id=cm, name=draw(names), subdistrict="s0"))
        c["organizations"].append(
            PartyOrganization(
                id=f"cc{k}",
                name=draw(names),
                kind=OrgKind.COMMUNITY_COMMITTEE,
                parent="swc0",
                covers=[cm],
            )
        )
        holders.append(f"cc{k}")
    compounds: list[str] = []
    for i in range(n_compounds):
        cp = f"c{i}"
        cm = f"cm{i % n_communities}"
        kind = draw(st.sampled_from(CompoundKind))
        coordinates = draw(st.none() | st.tuples(areas, areas))
        c["compounds"].append(
            Compound(
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
                Building(
                    id=b,
                    compound=cp,
                    households=draw(counts),
                    name=draw(names),
                    residents=draw(st.none() | counts),
                )
            )
            parts.append(b)
        if kind is CompoundKind.OLD_QUARTER:
            ln = f"ln{i}"
            c["lanes"].append(
                Lane(
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
        if kind is CompoundKind.MANAGED:
            covers = [cp]
            org_kind = OrgKind.COMPOUND_BRANCH
            formation = draw(st.none() | st.sampled_from(Formation))
        else:
            grid = f"g{i}"
            c["grids"].append(Grid(id=grid, name=draw(names), community=cm, compounds=[cp]))
            covers = [grid]
            org_kind = draw(st.sampled_from([OrgKind.GRID_BRANCH, OrgKind.COURTYARD_BRANCH]))
            formation = None
        c["organizations"].append(
            PartyOrganization(
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
                OrgKind.LANE_GROUP if parts[-1].startswith("ln") else OrgKind.BUILDING_GROUP
            )
            c["organizations"].append(
                PartyOrganization(
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
                OwnersCommittee(
                    id=f"oc{i}",
                    compound=cp,
                    term_start=start,
                    term_end=_optional_later(draw, start),
                    election_led_by=draw(st.none() | st.sampled_from(ElectionLead)),
                )
            )
            committees.append(f"oc{i}")
    orgs = [o.id for o in c["organizations"]]
    places_for_posts = [b.id for b in c["buildings"]] + [ln.id for ln in c["lanes"]]
    if people:
        for _ in range(draw(st.integers(0, 6))):
            role = draw(st.sampled_from(Role))
            if role.body_kind == "committee":
                if not committees:
                    continue
                body = draw(st.sampled_from(committees))
            elif role.body_kind == "organization":
                body = draw(st.sampled_from(orgs))
            elif role in (Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD):
                if not places_for_posts:
                    continue
                body = draw(st.sampled_from(places_for_posts))
            else:
                body = draw(st.sampled_from(compounds))
            start = draw(dates)
            c["appointments"].append(
                Appointment(
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
            PartyOrganization(id="org-pm", name=draw(names), kind=OrgKind.COMPANY_ORGANIZATION)
        )
        c["companies"].append(
            PropertyCompany(
                id="pm0",
                name=draw(names),
                compounds=draw(st.lists(st.sampled_from(compounds), unique=True)),
                party_organization="org-pm",
            )
        )
    if draw(st.booleans()):
        c["organizations"].append(
            PartyOrganization(id="org-u0", name=draw(names), kind=OrgKind.UNIT_ORGANIZATION)
        )
        c["units"].append(
            Unit(
                id="u0",
                name=draw(names),
                kind=draw(st.sampled_from(UnitKind)),
                community=draw(st.none() | st.just("cm0")),
                reported_on=draw(optional_dates),
                party_organization=draw(st.none() | st.just("org-u0")),
            )
        )
        signed = draw(dates)
        c["agreements"].append(
            CoBuildingAgreement(
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
                ServiceStation(
                    id=f"st{i}",
                    name=draw(names),
                    place=cp,
                    kind=StationKind.COMPOUND_STATION,
                    opened_on=draw(optional_dates),
                )
            )
        if draw(st.booleans()):
            c["service_items"].append(ServiceItem(id=f"si{i}", compound=cp, name=draw(names)))
        if draw(st.booleans()):
            total_owners = draw(counts)
            part_owners = draw(st.integers(0, total_owners))
            total_area = draw(areas)
            part_area = draw(st.floats(0, total_area))
            c["votes"].append(
                OwnersVote(
                    id=f"v{i}",
                    compound=cp,
                    matter=draw(st.sampled_from(MatterKind)),
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
                    Deliberation(
                        id=f"dl{i}",
                        organization=f"br{i}",
                        vote=f"v{i}",
                        held_on=draw(dates),
                    )
                )
        if draw(st.booleans()):
            raised = draw(dates)
            c["whistles"].append(
                Whistle(
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
            ServiceProject(id="sp0", name=draw(names), place="cm0", held_on=draw(dates))
        )
    items = [s.id for s in c["service_items"]]
    refs = orgs + items + [p.id for p in c["projects"]]
    if people:
        for n in range(draw(st.integers(0, 3))):
            if items:
                c["claims"].append(
                    ServiceClaim(
                        id=f"cl{n}",
                        person=draw(st.sampled_from(people)),
                        item=draw(st.sampled_from(items)),
                        claimed_on=draw(dates),
                    )
                )
        for n in range(draw(st.integers(0, 6))):
            c["activities"].append(
                Activity(
                    id=f"ac{n}",
                    person=draw(st.sampled_from(people)),
                    kind=draw(st.sampled_from(ActivityKind)),
                    on=draw(dates),
                    ref=draw(st.none() | st.sampled_from(refs)),
                    hours=draw(st.none() | st.floats(0, 24)),
                )
            )
    return City(id="city", name=draw(names), **c)
