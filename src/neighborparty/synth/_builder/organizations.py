"""Party organisations: working and community committees, compound branches (standalone first,
joint as the supplement), courtyard grids with their branches, and members placed in them."""

from __future__ import annotations

import math

from neighborparty.model import CompoundKind, Formation, Grid, OrgKind, PartyOrganization, Standing
from neighborparty.synth import names
from neighborparty.synth._builder.draft import (
    BranchDraft,
    CityDraft,
    CompoundDraft,
    weighted_sample,
)
from neighborparty.synth.breaches import (
    BRANCHLESS_COMPOUND_SHARE,
    EXPIRED_BRANCH_TERM_SHARE,
    JOINT_ELIGIBLE_SHARE,
    POCKET_MEMBER_SHARE,
    STANDALONE_OPEN_AREA_SHARE,
    THIN_BRANCH_SHARE,
)

__all__ = ["add_branches", "place_members"]

_UNCOVERED_WEIGHT: dict[CompoundKind, float] = {
    CompoundKind.OLD_QUARTER: 6.0,
    CompoundKind.RESETTLEMENT: 4.0,
    CompoundKind.UNMANAGED: 1.0,
}
"""How much likelier a kind is to be organised by grids rather than a compound branch."""
_SMALL_STANDALONE_SHARE = 0.03
"""Share of covered managed compounds below the standalone thresholds that still stand alone."""
_GRID_SIZES = (1, 2, 2, 3, 3, 4)
"""The compounds of a courtyard grid, drawn from these."""
_COURTYARD_SHARE = 0.4
"""The share of grids reached by a courtyard branch rather than a grid branch."""
_OVERDUE_YEARS = 3
"""A branch out of term was elected up to this many years after its term ran out."""


def add_branches(draft: CityDraft) -> None:
    """Each sub-district's working committee, each community's committee, and the branches that
    cover the compounds: most by a compound branch, the rest by grids or by no branch at all."""
    rng = draft.rng
    targets = draft.targets
    thresholds = draft.thresholds
    committee_of_subdistrict = {
        subdistrict.id: draft.new_org(
            "swc",
            subdistrict.name + "大党工委",
            OrgKind.SUBDISTRICT_WORKING_COMMITTEE,
            covers=[subdistrict.id],
        )
        for subdistrict in draft.subdistricts
    }
    draft.working_committees.extend(committee_of_subdistrict.values())
    for community in draft.communities:
        draft.community_committees.append(
            draft.new_org(
                "cc",
                community.name + "大党委",
                OrgKind.COMMUNITY_COMMITTEE,
                parent=committee_of_subdistrict[community.subdistrict],
                covers=[community.id],
            )
        )
    compound_count = len(draft.compounds)
    covered_target = draft.portion(targets.organisation_coverage * compound_count)
    open_areas = [c for c in draft.compounds if c.kind is not CompoundKind.MANAGED]
    uncovered = weighted_sample(
        rng,
        open_areas,
        [_UNCOVERED_WEIGHT[c.kind] for c in open_areas],
        min(compound_count - covered_target, len(open_areas)),
    )
    branchless = rng.sample(
        uncovered, min(draft.portion(BRANCHLESS_COMPOUND_SHARE * compound_count), len(uncovered))
    )
    for compound in uncovered:
        compound.reach = "grid"
    for compound in branchless:
        compound.reach = "none"
    # Standalone first, joint as the supplement.
    standalone: list[CompoundDraft] = []
    joint: list[list[CompoundDraft]] = [[] for _ in draft.communities]
    for compound in draft.compounds:
        if compound.reach:
            continue
        compound.reach = "compound"
        full_here = sum(
            1
            for p in compound.members
            if draft.members[p].registered_here and draft.members[p].standing is Standing.FULL
        )
        if compound.kind is CompoundKind.MANAGED:
            eligible = (
                compound.households >= thresholds.standalone_households
                and full_here >= thresholds.standalone_full_members
            )
            alone = (
                rng.random() >= JOINT_ELIGIBLE_SHARE
                if eligible
                else rng.random() < _SMALL_STANDALONE_SHARE
            )
        else:
            alone = rng.random() < STANDALONE_OPEN_AREA_SHARE
        if alone:
            standalone.append(compound)
        else:
            joint[compound.community].append(compound)
    for group in joint:
        if len(group) == 1:
            standalone.append(group.pop())
    groups = _joint_groups(draft, joint, draft.quota(targets.compound_branches) - len(standalone))
    standalone.sort(key=lambda c: c.index)
    for compound in standalone:
        _add_branch(
            draft,
            names.standalone_branch_name(compound.name),
            OrgKind.COMPOUND_BRANCH,
            Formation.STANDALONE,
            [compound],
            [compound.id],
        )
    for members in groups:
        _add_branch(
            draft,
            names.joint_branch_name(members[0].name, len(members)),
            OrgKind.COMPOUND_BRANCH,
            Formation.JOINT,
            members,
            [c.id for c in members],
        )
    _add_grids(draft)


def _add_grids(draft: CityDraft) -> None:
    """Courtyard grids for the open areas the compound branches leave, each reached by a
    courtyard or grid branch."""
    rng = draft.rng
    for k, compound_indexes in enumerate(draft.compounds_of_community):
        open_areas = [
            draft.compounds[i] for i in compound_indexes if draft.compounds[i].reach == "grid"
        ]
        open_areas.sort(key=lambda c: c.coordinates)
        community = draft.communities[k]
        number = 0
        while open_areas:
            size = min(len(open_areas), rng.choice(_GRID_SIZES))
            members, open_areas = open_areas[:size], open_areas[size:]
            grid = draft.new_id("g", len(draft.grids) + 1)
            number += 1
            draft.grids.append(
                Grid(
                    id=grid,
                    name=names.grid_name(community.name, number),
                    community=community.id,
                    compounds=[c.id for c in members],
                )
            )
            courtyard = rng.random() < _COURTYARD_SHARE
            _add_branch(
                draft,
                names.open_area_branch_name(members[0].name, courtyard=courtyard),
                OrgKind.COURTYARD_BRANCH if courtyard else OrgKind.GRID_BRANCH,
                None,
                members,
                [grid],
            )


def _joint_groups(
    draft: CityDraft, joint: list[list[CompoundDraft]], wanted: int
) -> list[list[CompoundDraft]]:
    """Split each community's joint candidates into ``wanted`` groups of two up to the most a
    joint branch may cover, in all."""
    rng = draft.rng
    most = draft.thresholds.joint_max_compounds
    sizes = [len(g) for g in joint]
    low = [math.ceil(k / most) for k in sizes]
    high = [k // 2 for k in sizes]
    wanted = min(max(wanted, sum(low)), sum(high))
    total = sum(sizes)
    counts = [
        min(max(round(k * wanted / total), lo), hi) if total else 0
        for k, lo, hi in zip(sizes, low, high, strict=True)
    ]
    step = 1 if wanted > sum(counts) else -1
    bound = high if step > 0 else low
    room = [i for i in range(len(sizes)) if counts[i] != bound[i]]
    for _ in range(abs(wanted - sum(counts))):
        i = room[rng.randrange(len(room))]
        counts[i] += step
        if counts[i] == bound[i]:
            room.remove(i)
    groups: list[list[CompoundDraft]] = []
    for candidates, count in zip(joint, counts, strict=True):
        if not count:
            continue
        group_sizes = [2] * count
        for _ in range(len(candidates) - 2 * count):
            not_full = [j for j, s in enumerate(group_sizes) if s < most]
            group_sizes[not_full[rng.randrange(len(not_full))]] += 1
        ordered = sorted(candidates, key=lambda c: c.coordinates)
        start = 0
        for size in group_sizes:
            groups.append(ordered[start : start + size])
            start += size
    return groups


def _add_branch(
    draft: CityDraft,
    name: str,
    kind: OrgKind,
    formation: Formation | None,
    compounds: list[CompoundDraft],
    covers: list[str],
) -> None:
    """A branch covering the compounds, under their community's committee, elected within its
    term (or, for a few, before it)."""
    rng = draft.rng
    term = draft.thresholds.branch_term_years * 365
    if rng.random() < EXPIRED_BRANCH_TERM_SHARE:
        elected = draft.day(rng.randint(term + 30, term + _OVERDUE_YEARS * 365))
    else:
        elected = draft.day(rng.randint(60, term - 30))
    community = compounds[0].community
    branch = BranchDraft(
        draft.new_id("br", len(draft.organizations) + 1),
        name,
        kind,
        formation,
        community,
        [c.index for c in compounds],
        covers,
        elected,
    )
    draft.organizations.append(
        PartyOrganization(
            id=branch.id,
            name=name,
            kind=kind,
            parent=draft.community_committees[community],
            covers=tuple(covers),
            formation=formation,
            elected_on=elected,
        )
    )
    for compound in compounds:
        compound.branch = len(draft.branches)
    draft.branches.append(branch)


def place_members(draft: CityDraft) -> None:
    """Register each member where they live (or in a unit) and manage the others in the branch
    where they live; then thin a few branches to fewer full members than a branch needs."""
    rng = draft.rng
    unit_organizations = draft.unit_organizations
    for member in draft.members.values():
        compound = draft.compounds[member.compound]
        branch = draft.branch_id_of(compound)
        if member.registered_here:
            member.registered_in = branch or draft.community_committees[compound.community]
        else:
            member.registered_in = unit_organizations[rng.randrange(len(unit_organizations))]
            if branch is not None and rng.random() >= POCKET_MEMBER_SHARE:
                member.managed_in = branch
    # Thin branches (NP103): move registrations away until fewer than the minimum remain.
    needed = draft.thresholds.branch_min_full_members
    full = [len(draft.placed_in(b)[0]) for b in draft.branches]
    candidates = [i for i, f in enumerate(full) if f >= needed]
    wanted = draft.portion(THIN_BRANCH_SHARE * len(candidates))
    chosen = weighted_sample(rng, candidates, [1.0 / full[i] for i in candidates], wanted)
    for i in sorted(chosen):
        thin_branch = draft.branches[i]
        registered = draft.placed_in(thin_branch)[0]
        keep = rng.randint(0, needed - 1)
        for person in registered[keep:]:
            member = draft.members[person]
            member.registered_here = False
            member.registered_in = unit_organizations[rng.randrange(len(unit_organizations))]
            member.managed_in = thin_branch.id
