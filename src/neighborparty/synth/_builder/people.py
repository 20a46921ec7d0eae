"""People and party members: one householder per household, about 9 % of them members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from neighborparty.model import CompoundKind, MemberCategory, Standing
from neighborparty.synth._builder.draft import DAY, CityDraft, MemberDraft
from neighborparty.synth.breaches import UNREPORTED_IN_SERVICE_SHARE

__all__ = ["add_people", "make_member", "pick_resident"]

_MEMBER_SHARE: dict[CompoundKind, float] = {
    CompoundKind.MANAGED: 0.09,
    CompoundKind.UNMANAGED: 0.10,
    CompoundKind.RESETTLEMENT: 0.06,
    CompoundKind.OLD_QUARTER: 0.10,
}
"""The share of householders who are party members, by compound kind."""
_PROBATIONARY_SHARE = 0.03
_CATEGORIES = (MemberCategory.IN_SERVICE, MemberCategory.RETIRED, MemberCategory.MOBILE)
_CATEGORY_WEIGHTS = (0.45, 0.45, 0.10)
_PARTY_YEARS: dict[MemberCategory, tuple[int, int]] = {
    MemberCategory.RETIRED: (20, 55),
    MemberCategory.IN_SERVICE: (2, 30),
    MemberCategory.MOBILE: (2, 20),
}
"""The range of a full member's years in the party, by category."""
_REGISTERED_HERE: dict[MemberCategory, float] = {
    MemberCategory.IN_SERVICE: 0.25,
    MemberCategory.RETIRED: 0.90,
    MemberCategory.MOBILE: 0.0,
}
"""Chance that a member's relation is held where they live, by category."""
_IDENTITY_SHOWN, _IDENTITY_UNKNOWN_FROM = 0.78, 0.93
"""Members who have shown identity (亮身份), who have not (up to the second share), and of whom
it is not known (the rest)."""


def add_people(draft: CityDraft) -> None:
    """A householder for every household of every building and lane; some are party members."""
    rng = draft.rng
    random_ = rng.random
    homes = draft.homes
    reference = draft.reference_ordinal
    for compound in draft.compounds:
        share = _MEMBER_SHARE[compound.kind]
        community = draft.communities[compound.community].id
        for part_index in compound.parts:
            part = draft.parts[part_index]
            for _ in range(part.households):
                person = len(homes)
                homes.append(part_index)
                if random_() >= share:
                    compound.non_members.append(person)
                    continue
                category = rng.choices(_CATEGORIES, _CATEGORY_WEIGHTS)[0]
                if random_() < _PROBATIONARY_SHARE:
                    standing = Standing.PROBATIONARY
                    joined = date.fromordinal(reference - rng.randint(30, 360))
                    full_since = None
                else:
                    standing = Standing.FULL
                    low, high = _PARTY_YEARS[category]
                    joined = date.fromordinal(
                        reference - rng.randint(low, high) * 365 - rng.randint(0, 364)
                    )
                    full_since = joined + 365 * DAY
                r = random_()
                identity = (
                    True if r < _IDENTITY_SHOWN else False if r < _IDENTITY_UNKNOWN_FROM else None
                )
                reported = None
                if (
                    category is MemberCategory.IN_SERVICE
                    and random_() >= UNREPORTED_IN_SERVICE_SHARE
                ):
                    reported = community
                registered_here = random_() < _REGISTERED_HERE[category]
                draft.members[person] = MemberDraft(
                    compound.index,
                    standing,
                    category,
                    registered_here,
                    joined,
                    full_since,
                    identity,
                    reported,
                )
                compound.members.append(person)
                part.members.append(person)


def make_member(draft: CityDraft, person: int, registered_in: str, managed_in: str | None) -> None:
    """Turn a resident into an in-service full member (a staffer or a leader)."""
    rng = draft.rng
    part = draft.parts[draft.homes[person]]
    compound = draft.compounds[part.compound]
    joined = draft.day(rng.randint(3, 25) * 365)
    member = MemberDraft(
        compound.index,
        Standing.FULL,
        MemberCategory.IN_SERVICE,
        False,
        joined,
        joined + 365 * DAY,
        True,
        draft.communities[compound.community].id,
    )
    member.registered_in = registered_in
    member.managed_in = managed_in
    draft.members[person] = member
    compound.non_members.remove(person)
    compound.members.append(person)
    part.members.append(person)


def pick_resident(draft: CityDraft, compounds: Sequence[int]) -> int | None:
    """A random non-member resident of one of the compounds, if there is one."""
    rng = draft.rng
    for _ in range(20):
        compound = draft.compounds[compounds[rng.randrange(len(compounds))]]
        if compound.non_members:
            return compound.non_members[rng.randrange(len(compound.non_members))]
    return None
