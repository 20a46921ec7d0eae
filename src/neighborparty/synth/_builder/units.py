"""Units (单位) and what ties them to communities: double reporting (双报到) and co-building
agreements (共建协议)."""

from __future__ import annotations

from datetime import date

from neighborparty.model import CoBuildingAgreement, OrgKind, Unit, UnitKind
from neighborparty.rules.days import add_years
from neighborparty.synth import names
from neighborparty.synth._builder.draft import DAY, CityDraft

__all__ = ["add_agreements", "add_units"]

_RESIDENT_UNITS_PER_COMMUNITY = 1.2
_CO_BUILDING_UNITS_PER_COMMUNITY = 0.3
_REPORTED_SHARE: dict[UnitKind, float] = {UnitKind.RESIDENT: 0.8, UnitKind.CO_BUILDING: 0.3}
"""The share of resident and co-building units that reported to their community (the
published number of municipal units did)."""
_AGREEMENT_SHARE: dict[UnitKind, float] = {UnitKind.CO_BUILDING: 0.6, UnitKind.RESIDENT: 0.15}
"""The share of co-building and resident units with a co-building agreement (the published
number of municipal units have one with a compound branch)."""
_AGREEMENT_YEARS = 3
_SIGNED_WITH_BRANCH_SHARE = 0.4
"""The share of other units' agreements signed with a compound branch rather than the
community."""


def add_units(draft: CityDraft) -> None:
    """Municipal, resident and co-building units, each with its party organisation, linked to a
    community; the published number of municipal units and most of the others reported there."""
    rng = draft.rng
    targets = draft.targets
    community_count = draft.community_count
    municipal = draft.quota(targets.municipal_units)
    plan = (
        [UnitKind.MUNICIPAL] * municipal
        + [UnitKind.RESIDENT]
        * max(1, draft.quota(_RESIDENT_UNITS_PER_COMMUNITY * targets.communities))
        + [UnitKind.CO_BUILDING]
        * draft.quota(_CO_BUILDING_UNITS_PER_COMMUNITY * targets.communities)
    )
    reporting = set(
        rng.sample(range(municipal), min(municipal, draft.quota(targets.municipal_units_reported)))
    )
    # Municipal units are numbered across the city, so that each district names its own.
    municipal_before = draft.plan.before(targets.municipal_units, draft.number)
    for k, kind in enumerate(plan):
        community = draft.communities[rng.randrange(community_count)]
        name = names.unit_name(
            kind, k + municipal_before if kind is UnitKind.MUNICIPAL else k, community.name
        )
        reported: date | None
        if kind is UnitKind.MUNICIPAL:
            reported = draft.day(rng.randint(0, 700)) if k in reporting else None
        else:
            reported = (
                draft.day(rng.randint(0, 700)) if rng.random() < _REPORTED_SHARE[kind] else None
            )
        organization = draft.new_org("uo", f"{name}党组织", OrgKind.UNIT_ORGANIZATION)
        draft.unit_organizations.append(organization)
        draft.units.append(
            Unit(
                id=draft.new_id("u", k + 1),
                name=name,
                kind=kind,
                community=community.id,
                reported_on=reported,
                party_organization=organization,
            )
        )


def add_agreements(draft: CityDraft) -> None:
    """Three-year co-building agreements in force on the reference day: the published number of
    municipal units' organisations with a compound branch of their community [健全-3], and some
    other units with the community's committee or one of its compound branches."""
    rng = draft.rng
    community_index = {c.id: k for k, c in enumerate(draft.communities)}

    def branches_of(unit: Unit) -> list[str]:
        k = community_index[unit.community or ""]
        return sorted(
            draft.branches[b].id
            for b in {draft.compounds[c].branch for c in draft.compounds_of_community[k]}
            if b is not None and draft.branches[b].kind is OrgKind.COMPOUND_BRANCH
        )

    municipal = [u for u in draft.units if u.kind is UnitKind.MUNICIPAL and branches_of(u)]
    signing = set(
        rng.sample(
            range(len(municipal)),
            min(len(municipal), draft.quota(draft.targets.municipal_branch_agreements)),
        )
    )
    chosen = {municipal[i].id for i in signing}
    for unit in draft.units:
        if unit.kind is UnitKind.MUNICIPAL:
            if unit.id not in chosen:
                continue
            branches = branches_of(unit)
            organization = branches[rng.randrange(len(branches))]
        else:
            if rng.random() >= _AGREEMENT_SHARE[unit.kind]:
                continue
            branches = branches_of(unit)
            organization = (
                branches[rng.randrange(len(branches))]
                if branches and rng.random() < _SIGNED_WITH_BRANCH_SHARE
                else draft.community_committees[community_index[unit.community or ""]]
            )
        signed = draft.day(rng.randint(10, _AGREEMENT_YEARS * 365 - 10))
        draft.agreements.append(
            CoBuildingAgreement(
                id=draft.new_id("ag", len(draft.agreements) + 1),
                unit=unit.id,
                organization=organization,
                signed_on=signed,
                ends_on=add_years(signed, _AGREEMENT_YEARS) - DAY,
            )
        )
