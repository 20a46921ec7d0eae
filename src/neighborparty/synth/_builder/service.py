"""Service [凝聚-2, 打造-1]: service stations and centres, each compound's demand list, the
members' claims on it, and the communities' service projects."""

from __future__ import annotations

from neighborparty.model import (
    CompoundKind,
    OrgKind,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
    StationKind,
)
from neighborparty.synth import names
from neighborparty.synth._builder.draft import CityDraft, weighted_sample
from neighborparty.synth.breaches import CLAIM_BREACH_SHARE

__all__ = ["add_service", "add_stations"]

_STATION_WEIGHT = {"compound": 2.0, "grid": 1.0, "none": 0.5}
"""How much likelier a compound is to have a station, by how party work reaches it."""
_MANAGED_STATION_WEIGHT = 1.5
_ITEMS_PER_COMPOUND = (3, 6)
_FEWEST_CLAIMS_SHARE = 0.85
"""The share of members within the bounds who claim the fewest items (the others the most): a
library choice, most claiming one item of the list."""
_TOO_FEW_CLAIMS_SHARE = 0.75
"""The share of members claiming out of bounds who claim too few (the others one too many)."""
_CLAIMS_END_DAYS = 30
"""Claims are made up to this many days before the reference day."""
_PROJECTS_PER_COMMUNITY = 3


def add_stations(draft: CityDraft) -> None:
    """Compound service stations (党群服务站) in the published number of compounds, and a
    centre for every community and sub-district."""
    rng = draft.rng
    chosen = weighted_sample(
        rng,
        draft.compounds,
        [
            _STATION_WEIGHT[c.reach]
            * (_MANAGED_STATION_WEIGHT if c.kind is CompoundKind.MANAGED else 1.0)
            for c in draft.compounds
        ],
        min(draft.quota(draft.targets.stations), len(draft.compounds)),
    )
    for compound in sorted(chosen, key=lambda c: c.index):
        _add_station(draft, f"{compound.name}党群服务站", compound.id, StationKind.COMPOUND_STATION)
    for community in draft.communities:
        _add_station(
            draft, f"{community.name}党群服务中心", community.id, StationKind.COMMUNITY_CENTRE
        )
    for subdistrict in draft.subdistricts:
        _add_station(
            draft,
            f"{subdistrict.name}党群服务中心",
            subdistrict.id,
            StationKind.SUBDISTRICT_CENTRE,
        )


def _add_station(draft: CityDraft, name: str, place: str, kind: StationKind) -> None:
    draft.stations.append(
        ServiceStation(
            id=draft.new_id("st", len(draft.stations) + 1),
            name=name,
            place=place,
            kind=kind,
            opened_on=draft.day(draft.rng.randint(30, 5 * 365)),
        )
    )


def add_service(draft: CityDraft) -> None:
    """Demand lists, members' claims, and the communities' service projects."""
    rng = draft.rng
    compound_branches = {b.id for b in draft.branches if b.kind is OrgKind.COMPOUND_BRANCH}
    for compound in draft.compounds:
        if compound.branch is None:
            continue
        items = rng.sample(names.SERVICE_ITEMS, rng.randint(*_ITEMS_PER_COMPOUND))
        ids = []
        for name in items:
            id = draft.new_id("si", len(draft.service_items) + 1)
            draft.service_items.append(ServiceItem(id=id, compound=compound.id, name=name))
            ids.append(id)
        draft.items_of_compound[compound.index] = ids
    claims_until = draft.reference_ordinal - _CLAIMS_END_DAYS
    fewest, most = draft.thresholds.min_claims, draft.thresholds.max_claims
    for person, member in draft.members.items():
        items_here = draft.items_of_compound.get(member.compound)
        if not items_here or not (
            member.registered_in in compound_branches or member.managed_in in compound_branches
        ):
            continue
        r = rng.random()
        if r < CLAIM_BREACH_SHARE * _TOO_FEW_CLAIMS_SHARE:
            count = fewest - 1
        elif r < CLAIM_BREACH_SHARE:
            count = most + 1
        else:
            count = fewest if rng.random() < _FEWEST_CLAIMS_SHARE else most
        claimed = []
        for item in rng.sample(items_here, min(count, len(items_here))):
            on = draft.day_this_year(until=claims_until)
            draft.claims.append(
                ServiceClaim(
                    id=draft.new_id("cl", len(draft.claims) + 1),
                    person=draft.person_id(person),
                    item=item,
                    claimed_on=on,
                )
            )
            claimed.append((item, on))
        draft.claims_of_person[person] = claimed
    for community in draft.communities:
        projects = []
        for name in rng.sample(names.PROJECTS, _PROJECTS_PER_COMMUNITY):
            held = draft.day_this_year()
            id = draft.new_id("sp", len(draft.projects) + 1)
            draft.projects.append(
                ServiceProject(id=id, name=name, place=community.id, held_on=held)
            )
            projects.append((id, held))
        draft.projects_of_community.append(projects)
