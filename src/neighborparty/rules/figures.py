"""The published figures, one function each: what the seed and the city's 2024 report count.

Each function takes a city and a day and returns the figure per community: a count
(:data:`Counts`), or, for people counted once however many places or posts they hold, the ids
of those counted (:data:`Ids`). The report's metrics (:func:`~neighborparty.rules.metrics.
compute_metrics`) add them up the place tree, community by community up to the city, and
synth's calibration adds them up for the city with :func:`city_total`; no figure is computed
anywhere else.

``on`` is the day the figure is taken on: posts in force that day, stations opened and
committees formed by then, agreements in force then, reports made by then. ``on=None`` takes
the latest state the city records: the posts still open, and every station, committee,
agreement and report recorded. Figures of what a city *is* (its compounds, its branches) do
not depend on the day; they take ``on`` all the same, so that every figure is called alike.

A thing counted for a community lies in it: a compound, an owners' committee and a station by
their compound, a branch by the first compound it reaches, a unit by the community it is
linked to, a person by their home, a property company by each compound it manages.

Examples:
    >>> from neighborparty import examples
    >>> city = examples.seed_city()
    >>> compound_branches(city, None)
    {'cm-jinan': 2}
    >>> secretary_chairs(city, None)
    {'cm-jinan': frozenset({'p-lin'})}
    >>> city_total(compounds(city, None)), city_total(members_on_committees(city, None))
    (4, 4)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date

from neighborparty.graph.appointments import (
    held,
    member_committee_posts,
    secretary_chair_posts,
)
from neighborparty.graph.appointments import red_committees as red_committees_of
from neighborparty.graph.coverage import is_organized, is_worked
from neighborparty.model import (
    City,
    CoBuildingAgreement,
    CompoundKind,
    Formation,
    MemberCategory,
    OrgKind,
    PartyOrganization,
    Person,
    Role,
    StationKind,
    UnitKind,
)

__all__ = [
    "Counts",
    "Ids",
    "branches_of_kind",
    "cadre_secretaries",
    "city_total",
    "communities",
    "companies_with_organisation",
    "compound_branches",
    "compounds",
    "compounds_of_kind",
    "compounds_with_station",
    "in_service_reported",
    "managed_compounds",
    "member_chairs",
    "members_on_committees",
    "municipal_branch_agreements",
    "municipal_units_reported",
    "organized_compounds",
    "owners_committees",
    "rate",
    "red_committees",
    "secretary_chairs",
    "units_with_agreements",
    "whistles_answered",
    "worked_compounds",
]

Counts = dict[str, int]
"""A figure per community: the id of each community where it is not zero, and its count."""
Ids = dict[str, frozenset[str]]
"""A figure counted once per place, per community: the ids it counts in each community where
it counts any. A place above counts the union of its communities' ids."""

_SECRETARIES = (Role.SECRETARY, Role.FIRST_SECRETARY)


# --------------------------------------------------------------------------- helpers


def city_total(per_community: Mapping[str, int] | Mapping[str, AbstractSet[str]]) -> int:
    """A figure for the whole city: the sum of the communities' counts, or the number of
    distinct ids among the communities' ids.

    Examples:
        >>> city_total({"cm-1": 2, "cm-2": 3}), city_total({"cm-1": {"p-1"}, "cm-2": {"p-1", "p-2"}})
        (5, 2)
    """
    count = 0
    ids: set[str] = set()
    for value in per_community.values():
        if isinstance(value, int):
            count += value
        else:
            ids |= value
    return count + len(ids)


def rate(part: float, whole: float) -> float:
    """``part`` over ``whole``, a coverage rate: 1.0 for a place without compounds.

    Examples:
        >>> rate(9, 10), rate(0, 0)
        (0.9, 1.0)
    """
    return part / whole if whole else 1.0


def _counts(communities: Iterable[str | None]) -> Counts:
    return dict(Counter(c for c in communities if c is not None))


def _ids(pairs: Iterable[tuple[str | None, str]]) -> Ids:
    found: dict[str, set[str]] = defaultdict(set)
    for community, id in pairs:
        if community is not None:
            found[community].add(id)
    return {community: frozenset(ids) for community, ids in found.items()}


def _community_of_compound(city: City, compound: str) -> str | None:
    return city.parent_of(compound)


def _community_of_branch(city: City, branch: PartyOrganization) -> str | None:
    """The community of the first compound a branch reaches (``None`` if it reaches none)."""
    for place in branch.covers:
        reached = city.compounds_in(place)
        if reached:
            return reached[0].community
    return None


# --------------------------------------------------------------------------- places


def communities(city: City, on: date | None) -> Counts:
    """The communities (社区): one in each (374 in the seed [intro]).

    Examples:
        >>> from neighborparty import examples
        >>> communities(examples.seed_city(), None)
        {'cm-jinan': 1, 'cm-old': 1}
    """
    return {community.id: 1 for community in city.communities}


def compounds(city: City, on: date | None) -> Counts:
    """The compounds (小区) of each community (2 853 in the 2024 report).

    Examples:
        >>> from neighborparty import examples
        >>> compounds(examples.seed_city(), None)
        {'cm-jinan': 3, 'cm-old': 1}
    """
    return _counts(compound.community for compound in city.compounds)


def compounds_of_kind(city: City, on: date | None, kind: CompoundKind) -> Counts:
    """The compounds of one kind: mature managed, resettlement, unmanaged or old quarter.

    Examples:
        >>> from neighborparty import CompoundKind, examples
        >>> compounds_of_kind(examples.seed_city(), None, CompoundKind.OLD_QUARTER)
        {'cm-old': 1}
    """
    return _counts(compound.community for compound in city.compounds if compound.kind is kind)


def managed_compounds(city: City, on: date | None) -> Counts:
    """The compounds a property company manages (1 439 in the 2024 report).

    Examples:
        >>> from neighborparty import examples
        >>> managed_compounds(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    managed = dict.fromkeys(c for company in city.companies for c in company.compounds)
    return _counts(_community_of_compound(city, compound) for compound in managed)


# --------------------------------------------------------------------------- organisation


def branches_of_kind(
    city: City, on: date | None, kind: OrgKind, formation: Formation | None = None
) -> Counts:
    """The branches of a kind (and, if given, formed standalone or jointly) that reach a
    compound, each in the community of the first compound it reaches.

    Examples:
        >>> from neighborparty import Formation, OrgKind, examples
        >>> city = examples.seed_city()
        >>> branches_of_kind(city, None, OrgKind.GRID_BRANCH)
        {'cm-old': 1}
        >>> branches_of_kind(city, None, OrgKind.COMPOUND_BRANCH, Formation.JOINT)
        {'cm-jinan': 1}
    """
    return _counts(
        _community_of_branch(city, org)
        for org in city.organizations
        if org.kind is kind and (formation is None or org.formation is formation)
    )


def compound_branches(city: City, on: date | None) -> Counts:
    """The compound branches (小区党支部), standalone or joint, that reach a compound (1 400+ in
    the seed [建强-2], 1 551 in the 2024 report).

    Examples:
        >>> from neighborparty import examples
        >>> compound_branches(examples.seed_city(), None)
        {'cm-jinan': 2}
    """
    return branches_of_kind(city, on, OrgKind.COMPOUND_BRANCH)


def organized_compounds(city: City, on: date | None) -> Counts:
    """The compounds a compound branch of their own or a joint one covers (组织覆盖); over
    :func:`compounds`, the organisation coverage (90 % in the seed [建强-2]).

    Examples:
        >>> from neighborparty import examples
        >>> organized_compounds(examples.seed_city(), None)
        {'cm-jinan': 3}
    """
    return _counts(c.community for c in city.compounds if is_organized(city, c.id))


def worked_compounds(city: City, on: date | None) -> Counts:
    """The compounds party work reaches (工作覆盖): a branch covers them, or a dispatched
    compound secretary serves them; over :func:`compounds`, the work coverage (100 % in the
    seed [建强-2]).

    Examples:
        >>> from neighborparty import examples
        >>> worked_compounds(examples.seed_city(), None)
        {'cm-jinan': 3, 'cm-old': 1}
    """
    return _counts(c.community for c in city.compounds if is_worked(city, c.id, on=on))


def cadre_secretaries(city: City, on: date | None) -> Ids:
    """The cadres of division level or above (处级以上领导干部) holding the post of secretary or
    first secretary of a compound branch (小区党支部): 83 in the seed [建强-3].

    Only compound branches count: the seed names "处级以上干部担任小区党支部书记或第一书记".

    Examples:
        >>> from neighborparty import examples
        >>> cadre_secretaries(examples.seed_city(), None)
        {}
    """
    pairs: list[tuple[str | None, str]] = []
    for org in city.organizations:
        if org.kind is not OrgKind.COMPOUND_BRANCH:
            continue
        for post in city.appointments_in(org.id):
            if post.role not in _SECRETARIES or not held(post, on):
                continue
            person = city.get(post.person)
            level = person.cadre_level if isinstance(person, Person) else None
            if level is not None and level.is_division_or_above:
                pairs.append((_community_of_branch(city, org), post.person))
    return _ids(pairs)


# --------------------------------------------------------------------------- owners' bodies


def owners_committees(city: City, on: date | None) -> Counts:
    """The compounds with an owners' committee (业委会) formed by ``on`` (1 116 in the 2024
    report).

    Examples:
        >>> from neighborparty import examples
        >>> owners_committees(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    formed = dict.fromkeys(
        oc.compound for oc in city.committees if on is None or oc.term_start <= on
    )
    return _counts(_community_of_compound(city, compound) for compound in formed)


def secretary_chairs(city: City, on: date | None) -> Ids:
    """The people who are secretary of a branch covering a compound and chair of its owners'
    committee (一肩挑): 98 in the seed [健全-1], 427 in the 2024 report.

    Examples:
        >>> from neighborparty import examples
        >>> secretary_chairs(examples.seed_city(), None)
        {'cm-jinan': frozenset({'p-lin'})}
    """
    return _ids(
        (_community_of_compound(city, x.compound), x.person)
        for x in secretary_chair_posts(city, on=on)
    )


def member_chairs(city: City, on: date | None) -> Ids:
    """The party members who chair an owners' committee: 211 in the seed [健全-1].

    Examples:
        >>> from neighborparty import examples
        >>> member_chairs(examples.seed_city(), None)
        {'cm-jinan': frozenset({'p-lin'})}
    """
    return _ids(
        (_community_of_compound(city, committee.compound), post.person)
        for post, committee in member_committee_posts(city, on, chairs=True)
    )


def members_on_committees(city: City, on: date | None) -> Ids:
    """The party members who hold any owners' committee post (交叉任职): 725 in the seed
    [健全-1], 2 397 in the 2024 report.

    Examples:
        >>> from neighborparty import examples
        >>> sorted(members_on_committees(examples.seed_city(), None)["cm-jinan"])
        ['p-chen', 'p-lin', 'p-wang', 'p-zhao']
    """
    return _ids(
        (_community_of_compound(city, committee.compound), post.person)
        for post, committee in member_committee_posts(city, on)
    )


def red_committees(city: City, on: date | None, *, share: float) -> Counts:
    """The owners' committees whose seats party members hold for at least ``share`` ("red"
    committees, 红色业委会): 281 in the 2024 report. ``share`` is the policy's
    ``owners.red_committee_share``.

    Examples:
        >>> from neighborparty import examples
        >>> red_committees(examples.seed_city(), None, share=0.5)
        {'cm-jinan': 1}
    """
    return _counts(
        _community_of_compound(city, committee.compound)
        for committee in red_committees_of(city, share, on=on)
    )


def companies_with_organisation(city: City, on: date | None) -> Ids:
    """The property companies with a party organisation, in each community where they manage a
    compound: 182 in the 2024 report.

    Examples:
        >>> from neighborparty import examples
        >>> companies_with_organisation(examples.seed_city(), None)
        {}
    """
    return _ids(
        (_community_of_compound(city, compound), company.id)
        for company in city.companies
        if company.party_organization is not None
        for compound in company.compounds
    )


# --------------------------------------------------------------------------- service and units


def compounds_with_station(city: City, on: date | None) -> Counts:
    """The compounds with a party-and-masses service station (党群服务站) opened by ``on`` (a
    station of unknown opening counts): 1 100+ in the seed [打造-1].

    Examples:
        >>> from neighborparty import examples
        >>> compounds_with_station(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    with_station = dict.fromkeys(
        s.place
        for s in city.stations
        if s.kind is StationKind.COMPOUND_STATION
        and (on is None or s.opened_on is None or s.opened_on <= on)
        and city.collection_of(s.place) == "compounds"
    )
    return _counts(_community_of_compound(city, compound) for compound in with_station)


def municipal_units_reported(city: City, on: date | None) -> Counts:
    """The municipal units (市直单位) linked to a community that reported there (双报到) by
    ``on``: 104 in the seed [健全-3].

    Examples:
        >>> from neighborparty import examples
        >>> municipal_units_reported(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    return _counts(
        unit.community
        for unit in city.units
        if unit.kind is UnitKind.MUNICIPAL
        and unit.reported_on is not None
        and (on is None or unit.reported_on <= on)
    )


def _in_force(agreement: CoBuildingAgreement, on: date | None) -> bool:
    return on is None or (
        agreement.signed_on <= on and (agreement.ends_on is None or on <= agreement.ends_on)
    )


def units_with_agreements(city: City, on: date | None) -> Counts:
    """The units of any kind with a co-building agreement (共建协议) of any organisation in
    force on ``on`` (every recorded one when ``on`` is ``None``).

    The seed's 407 counts fewer: see :func:`municipal_branch_agreements`.

    Examples:
        >>> from neighborparty import examples
        >>> units_with_agreements(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    with_agreement = {ag.unit for ag in city.agreements if _in_force(ag, on)}
    return _counts(unit.community for unit in city.units if unit.id in with_agreement)


def municipal_branch_agreements(city: City, on: date | None) -> Counts:
    """The municipal units (市直单位) whose party organisation has a co-building agreement
    (共建协议) with a compound branch (小区党支部) in force on ``on``: "407 个市直单位党组织与小区
    党支部签定共建协议" [健全-3].

    A unit counts once however many compound branches it signed with, in the community it is
    linked to; an agreement of a resident or co-building unit, or one signed with a community
    committee, does not count (:func:`units_with_agreements` counts those too).

    Examples:
        >>> from neighborparty import examples
        >>> municipal_branch_agreements(examples.seed_city(), None)
        {'cm-jinan': 1}
    """
    branches = {org.id for org in city.organizations if org.kind is OrgKind.COMPOUND_BRANCH}
    signed = {
        ag.unit for ag in city.agreements if ag.organization in branches and _in_force(ag, on)
    }
    return _counts(
        unit.community
        for unit in city.units
        if unit.kind is UnitKind.MUNICIPAL and unit.id in signed
    )


def whistles_answered(city: City, on: date | None) -> Counts:
    """The whistles (小区吹哨) a department answered (部门报到) by ``on`` (every answered one when
    ``on`` is ``None``), in the community of the compound that raised them: the seed's "破解各类
    难题超过8万件" [健全-3], over the years the city records.

    Examples:
        >>> from neighborparty import examples
        >>> whistles_answered(examples.seed_city(), None)
        {'cm-old': 1}
    """
    return _counts(
        _community_of_compound(city, w.compound)
        for w in city.whistles
        if w.answered_on is not None and (on is None or w.answered_on <= on)
    )


def in_service_reported(city: City, on: date | None) -> Ids:
    """The in-service members who reported to their community (双报到), by their home: "6.48万名
    机关企事业在职党员线上回到居住社区、小区党组织报到服务" in the seed [健全-3].

    Examples:
        >>> from neighborparty import examples
        >>> {cm: sorted(ids) for cm, ids in in_service_reported(examples.seed_city(), None).items()}
        {'cm-jinan': ['p-chen', 'p-zhao']}
    """
    pairs: list[tuple[str | None, str]] = []
    for person in city.people:
        party = person.party
        if (
            party is not None
            and party.category is MemberCategory.IN_SERVICE
            and party.reported_to is not None
        ):
            home = city.compound_of(person.id)
            if home is not None:
                pairs.append((_community_of_compound(city, home), person.id))
    return _ids(pairs)
