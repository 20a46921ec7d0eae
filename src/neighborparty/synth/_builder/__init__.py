"""The builder of a synthetic city: one module per group of steps, run in a fixed order.

A city is built district by district (:mod:`.plan` settles the districts and their shares of
every count). The steps of a district share one :class:`~neighborparty.synth._builder.draft.
CityDraft` and its random stream; their order here, and the order of the draws within each,
make the district.
"""

from __future__ import annotations

from typing import Any

from neighborparty.model import City
from neighborparty.synth._builder.assemble import assemble, entities
from neighborparty.synth._builder.chain import add_chain
from neighborparty.synth._builder.draft import CityDraft
from neighborparty.synth._builder.leadership import add_leadership
from neighborparty.synth._builder.organizations import add_branches, place_members
from neighborparty.synth._builder.owners import add_companies, add_owners_committees
from neighborparty.synth._builder.people import add_people
from neighborparty.synth._builder.places import add_compounds, add_places
from neighborparty.synth._builder.plan import CityPlan
from neighborparty.synth._builder.records import add_activities, add_votes, add_whistles
from neighborparty.synth._builder.service import add_service, add_stations
from neighborparty.synth._builder.staff import add_staff
from neighborparty.synth._builder.units import add_agreements, add_units
from neighborparty.synth.targets import YearTargets

__all__ = ["build", "build_district"]

_STEPS = (
    add_places,
    add_compounds,
    add_people,
    add_units,
    add_branches,
    place_members,
    add_staff,
    add_leadership,
    add_chain,
    add_owners_committees,
    add_companies,
    add_agreements,
    add_stations,
    add_service,
    add_activities,
    add_votes,
    add_whistles,
)
"""The steps, in the order they run."""


def build(seed: int, scale: float, year: int, targets: YearTargets) -> City:
    """Build the city of ``(seed, scale, year)`` aiming at ``targets``: each district from its
    own random stream, one after another, and all of them as one City.

    Examples:
        >>> from neighborparty.synth.targets import YEAR_TARGETS
        >>> len(build(1, 0.01, 2020, YEAR_TARGETS[2020]).communities)
        4
    """
    plan = CityPlan(scale, targets)
    return assemble(
        seed,
        scale,
        year,
        (_district(seed, scale, year, targets, plan, d.number) for d in plan.districts),
    )


def build_district(seed: int, scale: float, year: int, targets: YearTargets, number: int) -> City:
    """Build district ``number`` (from 1) of the city of ``(seed, scale, year)`` alone: the
    entities the whole city holds in that district, as a City of their own.

    Examples:
        >>> from neighborparty.synth.targets import YEAR_TARGETS
        >>> whole = build(1, 0.02, 2020, YEAR_TARGETS[2020])
        >>> second = build_district(1, 0.02, 2020, YEAR_TARGETS[2020], 2)
        >>> [d.id for d in second.districts], set(second.compounds) <= set(whole.compounds)
        (['d-2'], True)
    """
    plan = CityPlan(scale, targets)
    return assemble(seed, scale, year, [_district(seed, scale, year, targets, plan, number)])


def _district(
    seed: int, scale: float, year: int, targets: YearTargets, plan: CityPlan, number: int
) -> dict[str, list[Any]]:
    """The entities of one district, by collection."""
    draft = CityDraft(seed, scale, year, targets, plan, number)
    for step in _STEPS:
        step(draft)
    return entities(draft)
