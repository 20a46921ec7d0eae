"""Calibration: the figures Xiamen published for a year, beside the values a city gives."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date

import attrs

from neighborparty.model import City
from neighborparty.rules import DEFAULT_POLICY, figures
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


def _for_city(
    figure: Callable[[City, date], Mapping[str, int] | Mapping[str, AbstractSet[str]]],
) -> Callable[[City, date], float]:
    """A figure of :mod:`neighborparty.rules.figures`, added up for the whole city."""
    return lambda city, on: figures.city_total(figure(city, on))


def _coverage(
    covered: Callable[[City, date], figures.Counts],
) -> Callable[[City, date], float]:
    """A coverage rate of the whole city: the covered compounds over the compounds."""
    return lambda city, on: figures.rate(
        figures.city_total(covered(city, on)), figures.city_total(figures.compounds(city, on))
    )


def _red_committees(city: City, on: date) -> figures.Counts:
    share = DEFAULT_POLICY.value("owners.red_committee_share", on)
    return figures.red_committees(city, on, share=share)


@attrs.frozen
class _Published:
    name: str
    published: float
    share: bool
    source: str
    compute: Callable[[City, date], float]


_PUBLISHED: Mapping[int, tuple[_Published, ...]] = {
    2020: (
        _Published("communities", 374, False, "[intro]", _for_city(figures.communities)),
        _Published(
            "compound_branches", 1400, False, "[建强-2]", _for_city(figures.compound_branches)
        ),
        _Published(
            "organisation_coverage", 0.90, True, "[建强-2]", _coverage(figures.organized_compounds)
        ),
        _Published("work_coverage", 1.00, True, "[建强-2]", _coverage(figures.worked_compounds)),
        _Published("division_cadres", 83, False, "[建强-3]", _for_city(figures.cadre_secretaries)),
        _Published(
            "compound_stations", 1100, False, "[打造-1]", _for_city(figures.compounds_with_station)
        ),
        _Published("secretary_chairs", 98, False, "[健全-1]", _for_city(figures.secretary_chairs)),
        _Published("member_chairs", 211, False, "[健全-1]", _for_city(figures.member_chairs)),
        _Published(
            "committee_members", 725, False, "[健全-1]", _for_city(figures.members_on_committees)
        ),
        _Published(
            "municipal_units_reported",
            104,
            False,
            "[健全-3]",
            _for_city(figures.municipal_units_reported),
        ),
        _Published(
            "municipal_co_building",
            407,
            False,
            "[健全-3]",
            _for_city(figures.municipal_branch_agreements),
        ),
        _Published(
            "in_service_reported", 64_800, False, "[健全-3]", _for_city(figures.in_service_reported)
        ),
        _Published(
            "whistles_answered", 80_000, False, "[健全-3]", _for_city(figures.whistles_answered)
        ),
    ),
    2024: (
        _Published("compounds", 2853, False, _REPORT_2024, _for_city(figures.compounds)),
        _Published(
            "managed_compounds", 1439, False, _REPORT_2024, _for_city(figures.managed_compounds)
        ),
        _Published(
            "owners_committees", 1116, False, _REPORT_2024, _for_city(figures.owners_committees)
        ),
        _Published(
            "compound_branches", 1551, False, _REPORT_2024, _for_city(figures.compound_branches)
        ),
        _Published(
            "secretary_chairs", 427, False, _REPORT_2024, _for_city(figures.secretary_chairs)
        ),
        _Published(
            "committee_members",
            2397,
            False,
            _REPORT_2024,
            _for_city(figures.members_on_committees),
        ),
        _Published("red_committees", 281, False, _REPORT_2024, _for_city(_red_committees)),
        _Published(
            "companies_with_organisation",
            182,
            False,
            _REPORT_2024,
            _for_city(figures.companies_with_organisation),
        ),
    ),
}


def calibration(city: City, *, year: int = 2020, scale: float = 1.0) -> tuple[Figure, ...]:
    """Each figure published for ``year``, beside the value ``city`` gives for it.

    Values are computed from the city's entities and indexes, never taken from the generator,
    so any city (synthetic or real) can be set beside the published figures. Each is a function
    of :mod:`neighborparty.rules.figures` taken on :func:`reference_date` of ``year`` and added
    up for the whole city: the report's metrics call the same functions, so a figure and its
    metric on that day are equal. Counts are compared with the published number times
    ``scale``; shares are compared as they are.

    The figures of 2020 (the seed, paragraph tags of ``DOMAIN.md``), each with its function:

    - ``communities`` [intro] (374): ``communities``.
    - ``compound_branches`` [建强-2] (1 400+): ``compound_branches``, standalone or joint.
    - ``organisation_coverage`` [建强-2] (90 %): ``organized_compounds`` over ``compounds``.
    - ``work_coverage`` [建强-2] (100 %): ``worked_compounds`` over ``compounds``.
    - ``division_cadres`` [建强-3] (83): ``cadre_secretaries``, cadres of division level or
      above as secretary or first secretary of a compound branch.
    - ``compound_stations`` [打造-1] (1 100+): ``compounds_with_station``, opened by then.
    - ``secretary_chairs`` [健全-1] (一肩挑, 98): ``secretary_chairs``.
    - ``member_chairs`` [健全-1] (211): ``member_chairs``.
    - ``committee_members`` [健全-1] (725): ``members_on_committees``.
    - ``municipal_units_reported`` [健全-3] (104): ``municipal_units_reported``, by then.
    - ``municipal_co_building`` [健全-3] (407): ``municipal_branch_agreements``, the
      municipal units whose organisation has a co-building agreement with a compound branch in
      force then ("407 个市直单位党组织与小区党支部签定共建协议").
    - ``in_service_reported`` [健全-3] (64 800): ``in_service_reported``, in-service members
      who reported to the community they live in ("6.48万名机关企事业在职党员...报到服务").
    - ``whistles_answered`` [健全-3] (80 000+): ``whistles_answered``, the whistles answered by
      then over the years the city records ("破解各类难题超过8万件").

    The figures of 2024 (厦住建综函〔2024〕66号):

    - ``compounds`` (2 853): ``compounds``.
    - ``managed_compounds`` (1 439): ``managed_compounds``, those a property company manages.
    - ``owners_committees`` (1 116): ``owners_committees``, compounds with one formed by then.
    - ``compound_branches``, ``secretary_chairs``, ``committee_members``: as for 2020 (1 551,
      427, 2 397).
    - ``red_committees`` (281): ``red_committees``, with the default policy's
      ``owners.red_committee_share`` in force then. The report reads "281个业委会党员的数量占比
      50%以上": 以上 includes the number itself (民法典 art. 1259), so a committee counts from
      half of its seats held by members on (≥ 50 %), as the policy's share is read.
    - ``companies_with_organisation`` (182): ``companies_with_organisation``.

    Args:
        city: Any city.
        year: The year whose figures to use, one of :data:`SUPPORTED_YEARS`.
        scale: The city's size relative to Xiamen, as given to :func:`city`.

    Returns:
        One :class:`Figure` per published figure, in the order above.

    Raises:
        InvalidArgumentError: ``year`` is not supported, or ``scale`` is not a positive finite number.

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
