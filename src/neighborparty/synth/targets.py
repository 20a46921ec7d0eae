"""What a synthetic city is calibrated to: the published targets of each supported year.

Counts are for the whole of Xiamen (scale 1) and scale with the number of communities. Published
figures are the seed's (2020) or 厦住建综函〔2024〕66号's (2024); the others are library choices,
marked as such beside each value.
"""

from __future__ import annotations

import math
import types
from collections.abc import Mapping
from datetime import date

import attrs

from neighborparty.errors import InvalidArgumentError

__all__ = ["SUPPORTED_YEARS", "YEAR_TARGETS", "YearTargets", "check_arguments", "reference_date"]

SUPPORTED_YEARS: tuple[int, ...] = (2020, 2024)
"""The years :func:`~neighborparty.synth.city` and :func:`~neighborparty.synth.calibration` are
calibrated to."""


@attrs.frozen(kw_only=True)
class YearTargets:
    """What :func:`~neighborparty.synth.city` builds at scale 1 for one calibration year.

    Counts scale with the number of communities. Published figures are the seed's (2020) or
    厦住建综函〔2024〕66号's (2024); the others are library choices, noted below.

    Examples:
        >>> YEAR_TARGETS[2024].compound_branches
        1551
    """

    communities: int
    compounds: int
    managed: int
    """Compounds with property management."""
    compound_branches: int
    organisation_coverage: float
    division_cadres: int
    stations: int
    committees: int
    """Compounds with an owners' committee."""
    secretary_chairs: int
    member_chairs: int
    committee_members: int
    red_committees: int
    municipal_units: int
    """Municipal units (市直单位) linked to a community, each with its party organisation."""
    municipal_units_reported: int
    """Municipal units whose organisation reported to the community they are linked to."""
    municipal_branch_agreements: int
    """Municipal units whose organisation has a co-building agreement with a compound branch."""
    answered_whistles: int
    """Whistles (小区吹哨) answered since :attr:`whistles_since`."""
    whistles_since: date
    """The first day of the whistles the city records."""
    companies: int
    companies_with_organisation: int


YEAR_TARGETS: Mapping[int, YearTargets] = types.MappingProxyType(
    {
        2020: YearTargets(
            communities=374,  # [intro]
            compounds=2992,  # library choice: 8 per community
            managed=1496,  # library choice: half
            compound_branches=1420,  # [建强-2]: 1 400+
            organisation_coverage=0.90,  # [建强-2]
            division_cadres=83,  # [建强-3]
            stations=1120,  # [打造-1]: 1 100+
            committees=940,  # library choice: about 63 % of managed compounds
            secretary_chairs=98,  # [健全-1]
            member_chairs=211,  # [健全-1]
            committee_members=725,  # [健全-1]
            red_committees=25,  # library choice
            municipal_units=440,  # library choice: more than the 407 that signed
            municipal_units_reported=104,  # [健全-3]
            municipal_branch_agreements=407,  # [健全-3]
            answered_whistles=81_000,  # [健全-3]: 8 万+, since the year before
            whistles_since=date(2019, 1, 1),  # library choice: the year before the seed's
            companies=150,  # library choice
            companies_with_organisation=100,  # library choice
        ),
        2024: YearTargets(
            communities=401,  # 2024 report: joint meetings in 401 communities
            compounds=2853,  # 2024 report
            managed=1439,  # 2024 report
            compound_branches=1551,  # 2024 report
            organisation_coverage=0.90,  # library choice: the seed's target
            division_cadres=79,  # library choice: the seed's rate per compound
            stations=1068,  # library choice: the seed's rate per compound
            committees=1116,  # 2024 report
            secretary_chairs=427,  # 2024 report
            member_chairs=560,  # library choice
            committee_members=2397,  # 2024 report
            red_committees=281,  # 2024 report
            municipal_units=440,  # library choice: as in 2020
            municipal_units_reported=104,  # library choice: the seed's
            municipal_branch_agreements=407,  # library choice: the seed's
            answered_whistles=77_000,  # library choice: the seed's rate per compound and day
            whistles_since=date(2023, 1, 1),  # library choice: the year before
            companies=182,  # 2024 report
            companies_with_organisation=182,  # 2024 report: all of them
        ),
    }
)
"""The targets of each supported year, at scale 1."""


def reference_date(year: int = 2020) -> date:
    """The day on which a synthetic city's posts and terms are judged "in force".

    The seed page is dated 2020-10-26; every year uses the same day of the year.

    Args:
        year: The calibration year.

    Returns:
        ``date(year, 10, 26)``.

    Examples:
        >>> reference_date()
        datetime.date(2020, 10, 26)
        >>> reference_date(2024)
        datetime.date(2024, 10, 26)
    """
    return date(year, 10, 26)


def check_arguments(year: int, scale: float) -> YearTargets:
    """The targets of ``year``, once ``year`` and ``scale`` are known to be usable.

    Raises:
        InvalidArgumentError: ``year`` is not supported, or ``scale`` is not a positive finite number.

    Examples:
        >>> check_arguments(2020, 0.5).communities
        374
        >>> check_arguments(2020, 0)
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: scale must be a positive finite number, got 0
    """
    if year not in YEAR_TARGETS:
        supported = ", ".join(map(str, SUPPORTED_YEARS))
        raise InvalidArgumentError(f"year must be one of {supported}, got {year!r}")
    if not (scale > 0) or math.isinf(scale):
        raise InvalidArgumentError(f"scale must be a positive finite number, got {scale!r}")
    return YEAR_TARGETS[year]
