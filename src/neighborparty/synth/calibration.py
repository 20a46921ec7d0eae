"""Calibration: the figures Xiamen published for a year, beside the values a city gives."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date

import attrs

from neighborparty import graph
from neighborparty.model import (
    Appointment,
    City,
    OrgKind,
    PartyOrganization,
    Person,
    Role,
    StationKind,
    UnitKind,
)
from neighborparty.rules import DEFAULT_POLICY
from neighborparty.synth.targets import check_arguments, reference_date

__all__ = ["RED_COMMITTEE_SHARE", "Figure", "calibration"]

RED_COMMITTEE_SHARE = DEFAULT_POLICY.value("owners.red_committee_share")
"""The default policy's ``owners.red_committee_share``: a "red" owners' committee (红色业委会) has
at least this share of party members among its seats. Calibration reads the value in force on
the reference day of the year."""


@attrs.frozen(kw_only=True)
class Figure:
    """A published figure set beside the value a city gives for it.

    Args:
        name: The figure's key, e.g. ``"secretary_chairs"``.
        published: The number as published, for the whole of Xiamen.
        value: The city's value, computed from its entities.
        source: Where the number is published: a seed paragraph tag (``"[健全-1]"``) or a
            document number.
        expected: What the city should show: ``published`` scaled like the city for a count,
            ``published`` itself for a share (the default).

    Examples:
        >>> f = Figure(name="secretary_chairs", published=98, value=95, source="[健全-1]")
        >>> round(f.ratio, 3), f.within(0.05), f.within(0.01)
        (0.969, True, False)
    """

    name: str
    published: float
    value: float
    source: str
    expected: float = attrs.field(
        default=attrs.Factory(lambda self: self.published, takes_self=True)
    )

    @property
    def ratio(self) -> float:
        """``value / expected``: 1.0 when the city matches the figure exactly.

        Examples:
            >>> Figure(name="x", published=10, value=12, source="s").ratio
            1.2
        """
        if self.expected == 0:
            return 1.0 if self.value == 0 else math.inf
        return self.value / self.expected

    def within(self, tolerance: float) -> bool:
        """Whether the value lies within ``tolerance`` (a fraction, 0.05 for 5 %) of expected.

        Examples:
            >>> Figure(name="x", published=100, value=104, source="s").within(0.05)
            True
        """
        return abs(self.ratio - 1.0) <= tolerance


_REPORT_2024 = "厦住建综函〔2024〕66号"


def _count_communities(city: City, on: date) -> float:
    return len(city.communities)


def _count_compounds(city: City, on: date) -> float:
    return len(city.compounds)


def _count_compound_branches(city: City, on: date) -> float:
    return sum(1 for o in city.organizations if o.kind is OrgKind.COMPOUND_BRANCH)


def _organisation_coverage(city: City, on: date) -> float:
    return (
        graph.coverage(city, by="city", on=on)[city.id].organization_rate if city.compounds else 0.0
    )


def _work_coverage(city: City, on: date) -> float:
    return graph.coverage(city, by="city", on=on)[city.id].work_rate if city.compounds else 0.0


def _in_force(city: City, on: date, roles: frozenset[Role]) -> list[Appointment]:
    return [a for a in city.appointments if a.role in roles and a.in_force(on)]


def _person(city: City, id: str) -> Person:
    person = city.get(id)
    assert isinstance(person, Person)
    return person


def _org(city: City, id: str) -> PartyOrganization:
    org = city.get(id)
    assert isinstance(org, PartyOrganization)
    return org


_SECRETARIES = frozenset({Role.SECRETARY, Role.FIRST_SECRETARY})


def _count_division_cadres(city: City, on: date) -> float:
    found = set()
    for a in _in_force(city, on, _SECRETARIES):
        if _org(city, a.body).kind is OrgKind.COMPOUND_BRANCH:
            level = _person(city, a.person).cadre_level
            if level is not None and level.is_division_or_above:
                found.add(a.person)
    return len(found)


def _count_stations(city: City, on: date) -> float:
    return len(
        {
            s.place
            for s in city.stations
            if s.kind is StationKind.COMPOUND_STATION and (s.opened_on is None or s.opened_on <= on)
        }
    )


def _count_secretary_chairs(city: City, on: date) -> float:
    return graph.number_of_dual_role_secretaries(city, on=on)


def _count_member_chairs(city: City, on: date) -> float:
    return len(graph.chairs_who_are_members(city, on=on))


def _count_committee_members(city: City, on: date) -> float:
    return len(graph.members_on_committees(city, on=on))


def _count_committees(city: City, on: date) -> float:
    return len({oc.compound for oc in city.committees if oc.term_start <= on})


def _count_red_committees(city: City, on: date) -> float:
    share = DEFAULT_POLICY.value("owners.red_committee_share", on)
    return len({oc.compound for oc in graph.red_committees(city, share, on=on)})


def _count_managed(city: City, on: date) -> float:
    return len({c for company in city.companies for c in company.compounds})


def _count_companies_with_organisation(city: City, on: date) -> float:
    return sum(1 for company in city.companies if company.party_organization is not None)


def _count_municipal_units(city: City, on: date) -> float:
    return sum(
        1
        for u in city.units
        if u.kind is UnitKind.MUNICIPAL
        and u.community is not None
        and u.reported_on is not None
        and u.reported_on <= on
    )


def _count_agreement_units(city: City, on: date) -> float:
    return len(
        {
            ag.unit
            for ag in city.agreements
            if ag.signed_on <= on and (ag.ends_on is None or on <= ag.ends_on)
        }
    )


@attrs.frozen
class _Published:
    name: str
    published: float
    share: bool
    source: str
    compute: Callable[[City, date], float]


_PUBLISHED: Mapping[int, tuple[_Published, ...]] = {
    2020: (
        _Published("communities", 374, False, "[intro]", _count_communities),
        _Published("compound_branches", 1400, False, "[建强-2]", _count_compound_branches),
        _Published("organisation_coverage", 0.90, True, "[建强-2]", _organisation_coverage),
        _Published("work_coverage", 1.00, True, "[建强-2]", _work_coverage),
        _Published("division_cadres", 83, False, "[建强-3]", _count_division_cadres),
        _Published("compound_stations", 1100, False, "[打造-1]", _count_stations),
        _Published("secretary_chairs", 98, False, "[健全-1]", _count_secretary_chairs),
        _Published("member_chairs", 211, False, "[健全-1]", _count_member_chairs),
        _Published("committee_members", 725, False, "[健全-1]", _count_committee_members),
        _Published("municipal_units_reported", 104, False, "[健全-3]", _count_municipal_units),
        _Published("co_building_units", 407, False, "[健全-3]", _count_agreement_units),
    ),
    2024: (
        _Published("compounds", 2853, False, _REPORT_2024, _count_compounds),
        _Published("managed_compounds", 1439, False, _REPORT_2024, _count_managed),
        _Published("owners_committees", 1116, False, _REPORT_2024, _count_committees),
        _Published("compound_branches", 1551, False, _REPORT_2024, _count_compound_branches),
        _Published("secretary_chairs", 427, False, _REPORT_2024, _count_secretary_chairs),
        _Published("committee_members", 2397, False, _REPORT_2024, _count_committee_members),
        _Published("red_committees", 281, False, _REPORT_2024, _count_red_committees),
        _Published(
            "companies_with_organisation",
            182,
            False,
            _REPORT_2024,
            _count_companies_with_organisation,
        ),
    ),
}


def calibration(city: City, *, year: int = 2020, scale: float = 1.0) -> tuple[Figure, ...]:
    """Each figure published for ``year``, beside the value ``city`` gives for it.

    Values are computed from the city's entities and indexes, never taken from the generator,
    so any city (synthetic or real) can be set beside the published figures. Posts and terms
    count when in force on :func:`reference_date` of ``year``. Counts are compared with the
    published number times ``scale``; shares are compared as they are.

    The figures of 2020 (the seed, paragraph tags of ``DOMAIN.md``):

    - ``communities`` [intro]: communities of the city (374).
    - ``compound_branches`` [建强-2]: organisations of kind compound branch, standalone or
      joint (1 400+).
    - ``organisation_coverage`` [建强-2]: the share of compounds covered by a compound branch,
      their own or a joint one (90 %).
    - ``work_coverage`` [建强-2]: the share of compounds covered by any branch (compound,
      courtyard or grid; through a grid too) or served by a dispatched compound secretary in
      office (100 %).
    - ``division_cadres`` [建强-3]: persons of division level or above (处级以上) holding, in
      force, the post of secretary or first secretary of a compound branch (83).
    - ``compound_stations`` [打造-1]: compounds with a compound service station opened by then
      (1 100+).
    - ``secretary_chairs`` [健全-1]: persons holding, in force, the post of secretary of a
      branch covering compound X and the chair of an owners' committee of X, each counted once
      (一肩挑, 98).
    - ``member_chairs`` [健全-1]: party members holding an owners' committee chair in force
      (211).
    - ``committee_members`` [健全-1]: party members holding any owners' committee post (chair,
      vice-chair, member) in force, each counted once (725).
    - ``municipal_units_reported`` [健全-3]: municipal units (市直单位) linked to a community
      that reported (双报到) by then (104).
    - ``co_building_units`` [健全-3]: units with a co-building agreement in force (407).

    The figures of 2024 (厦住建综函〔2024〕66号):

    - ``compounds``: compounds of the city (2 853).
    - ``managed_compounds``: compounds a property company manages (1 439).
    - ``owners_committees``: compounds with an owners' committee formed by then (1 116).
    - ``compound_branches``, ``secretary_chairs``, ``committee_members``: as for 2020 (1 551,
      427, 2 397).
    - ``red_committees``: compounds whose current owners' committee (the latest term begun by
      then) has party members in at least :data:`RED_COMMITTEE_SHARE` of the posts in force
      (281).
    - ``companies_with_organisation``: property companies with a party organisation (182).

    Args:
        city: Any city.
        year: The year whose figures to use, one of :data:`SUPPORTED_YEARS`.
        scale: The city's size relative to Xiamen, as given to :func:`city`.

    Returns:
        One :class:`Figure` per published figure, in the order above.

    Raises:
        ValueError: ``year`` is not supported, or ``scale`` is not a positive finite number.

    Examples:
        >>> from neighborparty.synth import city
        >>> small = city(seed=1, scale=0.01)
        >>> figures = {f.name: f for f in calibration(small, scale=0.01)}
        >>> figures["communities"].value, figures["communities"].expected
        (4, 3.74)
        >>> figures["work_coverage"].value
        1.0
        >>> figures["secretary_chairs"].source
        '[健全-1]'
    """
    check_arguments(year, scale)
    on = reference_date(year)
    return tuple(
        Figure(
            name=p.name,
            published=p.published,
            value=p.compute(city, on),
            source=p.source,
            expected=p.published if p.share else p.published * scale,
        )
        for p in _PUBLISHED[year]
    )
