"""The builder of a synthetic city: one module per group of steps, run in a fixed order.

The steps share one :class:`~neighborparty.synth._builder.draft.CityDraft` and its one random
stream; their order here, and the order of the draws within each, make the city.
"""

from __future__ import annotations

from neighborparty.model import City
from neighborparty.synth._builder.assemble import assemble
from neighborparty.synth._builder.chain import add_chain
from neighborparty.synth._builder.draft import CityDraft
from neighborparty.synth._builder.leadership import add_leadership
from neighborparty.synth._builder.organizations import add_branches, place_members
from neighborparty.synth._builder.owners import add_companies, add_owners_committees
from neighborparty.synth._builder.people import add_people
from neighborparty.synth._builder.places import add_compounds, add_places
from neighborparty.synth._builder.records import add_activities, add_votes, add_whistles
from neighborparty.synth._builder.service import add_service, add_stations
from neighborparty.synth._builder.staff import add_staff
from neighborparty.synth._builder.units import add_agreements, add_units
from neighborparty.synth.targets import YearTargets

__all__ = ["build"]

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
    """Build the city of ``(seed, scale, year)`` aiming at ``targets``.

    Examples:
        >>> from neighborparty.synth.targets import YEAR_TARGETS
        >>> len(build(1, 0.01, 2020, YEAR_TARGETS[2020]).communities)
        4
    """
    draft = CityDraft(seed, scale, year, targets)
    for step in _STEPS:
        step(draft)
    return assemble(draft)
