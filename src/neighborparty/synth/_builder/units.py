"""Units (单位) and what ties them to communities: double reporting (双报到) and co-building
agreements (共建协议)."""

from __future__ import annotations

from datetime import date

from neighborparty.model import CoBuildingAgreement, OrgKind, Unit, UnitKind
from neighborparty.rules.days import add_years
from neighborparty.synth import names
from neighborparty.synth._builder.draft import DAY, CityDraft, weighted_sample

__all__ = ["add_agreements", "add_units"]

_RESIDENT_UNITS_PER_COMMUNITY = 1.2
_CO_BUILDING_UNITS_PER_COMMUNITY = 0.3
_REPORTED_SHARE: dict[UnitKind, float] = {UnitKind.RESIDENT: 0.8, UnitKind.CO_BUILDING: 0.3}
"""The share of resident and co-building units that reported to their community (every
municipal unit did)."""
_AGREEMENT_WEIGHT: dict[UnitKind, float] = {
    UnitKind.MUNICIPAL: 4.0,
    UnitKind.CO_BUILDING: 8.0,
    UnitKind.RESIDENT: 1.0,
}
"""How much likelier a unit of a kind is to have signed a co-building agreement."""
_AGREEMENT_YEARS = 3
_SIGNED_WITH_BRANCH_SHARE = 0.4
"""The share of agreements signed with a compound branch rather than the community."""


def add_units(draft: CityDraft) -> None:
    """Municipal, resident and co-building units, each with its party organisation, linked to a
    community; most of them reported there."""
    rng = draft.rng
    community_count = draft.community_count
    plan = (
        [UnitKind.MUNICIPAL] * draft.quota(draft.targets.municipal_units)
        + [UnitKind.RESIDENT] * max(1, round(_RESIDENT_UNITS_PER_COMMUNITY * community_count))
        + [UnitKind.CO_BUILDING] * round(_CO_BUILDING_UNITS_PER_COMMUNITY * community_count)
    )
    for k, kind in enumerate(plan):
        community = draft.communities[rng.randrange(community_count)]
        name = names.unit_name(kind, k, community.name)
        reported: date | None
        if kind is UnitKind.MUNICIPAL:
            reported = draft.day(rng.randint(0, 700))
        else:
            reported = (
                draft.day(rng.randint(0, 700)) if rng.random() < _REPORTED_SHARE[kind] else None
            )
        organization = draft.new_org("uo", f"{name}党组织", OrgKind.UNIT_ORGANIZATION)
        draft.unit_organizations.append(organization)
        draft.units.append(
            Unit(
                id=f"u-{k + 1}",
                name=name,
                kind=kind,
                community=community.id,
                reported_on=reported,
                party_organization=organization,
            )
        )


def add_agreements(draft: CityDraft) -> None:
    """Three-year co-building agreements of the published number of units, signed with the
    community's committee or one of its compound branches."""
    rng = draft.rng
    chosen = weighted_sample(
        rng,
        draft.units,
        [_AGREEMENT_WEIGHT[u.kind] for u in draft.units],
        draft.quota(draft.targets.agreement_units),
    )
    community_index = {c.id: k for k, c in enumerate(draft.communities)}
    for unit in sorted(chosen, key=lambda u: int(u.id[2:])):
        k = community_index[unit.community or ""]
        branches = [
            draft.branches[b].id
            for b in {draft.compounds[c].branch for c in draft.compounds_of_community[k]}
            if b is not None and draft.branches[b].kind is OrgKind.COMPOUND_BRANCH
        ]
        branches.sort()
        organization = (
            branches[rng.randrange(len(branches))]
            if branches and rng.random() < _SIGNED_WITH_BRANCH_SHARE
            else draft.community_committees[k]
        )
        signed = draft.day(rng.randint(10, _AGREEMENT_YEARS * 365 - 10))
        draft.agreements.append(
            CoBuildingAgreement(
                id=f"ag-{len(draft.agreements) + 1}",
                unit=unit.id,
                organization=organization,
                signed_on=signed,
                ends_on=add_years(signed, _AGREEMENT_YEARS) - DAY,
            )
        )
