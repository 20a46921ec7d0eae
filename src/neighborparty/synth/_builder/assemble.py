"""The finished drafts of the districts as entities, and the districts as one City."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neighborparty.model import COLLECTIONS, Building, City, Compound, Lane, Membership, Person
from neighborparty.synth import names
from neighborparty.synth._builder.draft import CityDraft
from neighborparty.synth._builder.people import RESIDENTS_PER_HOUSEHOLD

__all__ = ["assemble", "entities"]

_PEOPLE_PER_COMMUNITY = 310
"""About the people a community records: a district's people are named from the number of
the communities before it times this, so that districts do not repeat each other's names."""


def assemble(seed: int, scale: float, year: int, districts: Iterable[dict[str, list[Any]]]) -> City:
    """One City of the districts' entities (as :func:`entities` gives them), collection by
    collection in the order of the districts."""
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for district in districts:
        for name, found in district.items():
            collections[name].extend(found)
    return City(
        id=f"xm-synth-{year}",
        name=f"厦门 (synthetic, {year}, seed {seed}, scale {scale:g})",
        **collections,
    )


def entities(draft: CityDraft) -> dict[str, list[Any]]:
    """Turn a district's working records into entities, by collection."""
    buildings: list[Building] = []
    lanes: list[Lane] = []
    for part in draft.parts:
        compound_id = draft.compounds[part.compound].id
        if part.is_lane:
            lanes.append(
                Lane(id=part.id, name=part.name, compound=compound_id, households=part.households)
            )
        else:
            buildings.append(
                Building(
                    id=part.id, compound=compound_id, households=part.households, name=part.name
                )
            )
    compounds = [
        Compound(
            id=c.id,
            name=c.name,
            community=draft.communities[c.community].id,
            households=c.households,
            kind=c.kind,
            residents=round(c.households * RESIDENTS_PER_HOUSEHOLD),
            coordinates=c.coordinates,
        )
        for c in draft.compounds
    ]
    part_ids = [part.id for part in draft.parts]
    members = draft.members
    cadre_levels = draft.cadre_levels
    four_haves = draft.four_haves
    people = []
    named_before = _PEOPLE_PER_COMMUNITY * draft.district.community_offset
    for p, home in enumerate(draft.homes):
        member = members.get(p)
        party = (
            None
            if member is None
            else Membership(
                standing=member.standing,
                category=member.category,
                registered_in=member.registered_in,
                managed_in=member.managed_in,
                joined=member.joined,
                full_since=member.full_since,
                identity_shown=member.identity_shown,
                reported_to=member.reported_to,
            )
        )
        people.append(
            Person(
                id=draft.person_id(p),
                name=names.person_name(p + named_before),
                home=part_ids[home],
                party=party,
                cadre_level=cadre_levels.get(p),
                four_haves=four_haves.get(p),
            )
        )
    return {
        "districts": draft.districts,
        "subdistricts": draft.subdistricts,
        "communities": draft.communities,
        "compounds": compounds,
        "buildings": buildings,
        "lanes": lanes,
        "grids": draft.grids,
        "people": people,
        "organizations": draft.organizations,
        "appointments": draft.appointments,
        "committees": draft.committees,
        "companies": draft.companies,
        "units": draft.units,
        "agreements": draft.agreements,
        "stations": draft.stations,
        "service_items": draft.service_items,
        "claims": draft.claims,
        "projects": draft.projects,
        "votes": draft.votes,
        "deliberations": draft.deliberations,
        "whistles": draft.whistles,
        "activities": draft.activities,
    }
