"""The chain below each branch [建强-2]: building and lane groups with their leaders,
party-member building heads and central households."""

from __future__ import annotations

from neighborparty.model import OrgKind, Role
from neighborparty.synth import names
from neighborparty.synth._builder.draft import BranchDraft, CityDraft, CompoundDraft
from neighborparty.synth.breaches import CHAINLESS_COMPOUND_SHARE

__all__ = ["add_chain"]

_BUILDINGS_PER_GROUP = (3, 8)
_LANES_PER_GROUP = (1, 3)
_HEAD_SHARE = 0.75
"""The share of members' buildings and lanes with a building head."""
_CENTRAL_HOUSEHOLD_SHARE = 0.3
"""The share of members' buildings and lanes with a central household."""


def add_chain(draft: CityDraft) -> None:
    """Groups over the buildings or lanes of each branch's compounds (but a few), a leader for
    each, and heads and central households for buildings where members live."""
    rng = draft.rng
    for branch in draft.branches:
        for index in branch.compounds:
            if rng.random() < CHAINLESS_COMPOUND_SHARE:
                continue
            _add_groups(draft, branch, draft.compounds[index])


def _add_groups(draft: CityDraft, branch: BranchDraft, compound: CompoundDraft) -> None:
    rng = draft.rng
    served_from = draft.thresholds.members_per_served_building
    placed = {branch.id}
    parts = compound.parts
    lanes = draft.parts[parts[0]].is_lane
    start = 0
    number = 0
    while start < len(parts):
        size = rng.randint(*_LANES_PER_GROUP) if lanes else rng.randint(*_BUILDINGS_PER_GROUP)
        chunk = parts[start : start + size]
        start += size
        number += 1
        group = draft.new_org(
            "grp",
            names.group_name(
                compound.name, number, first_lane=draft.parts[chunk[0]].name if lanes else None
            ),
            OrgKind.LANE_GROUP if lanes else OrgKind.BUILDING_GROUP,
            parent=branch.id,
            covers=[draft.parts[k].id for k in chunk],
        )
        residents = [p for k in chunk for p in draft.parts[k].members]
        leaders = [
            p
            for p in residents
            if placed & {draft.members[p].registered_in, draft.members[p].managed_in}
        ] or residents
        if leaders:
            draft.appoint(
                leaders[rng.randrange(len(leaders))], group, Role.GROUP_LEADER, branch.elected_on
            )
        for k in chunk:
            part = draft.parts[k]
            if len(part.members) < served_from:
                continue
            start_on = draft.day(rng.randint(30, 1500))
            if rng.random() < _HEAD_SHARE:
                head = part.members[rng.randrange(len(part.members))]
                draft.appoint(head, part.id, Role.BUILDING_HEAD, start_on)
            if rng.random() < _CENTRAL_HOUSEHOLD_SHARE:
                household = part.members[rng.randrange(len(part.members))]
                draft.appoint(household, part.id, Role.CENTRAL_HOUSEHOLD, start_on)
