"""People: the party members who live in each compound, and the residents who hold a post.

The city records every party member living in it and, of the other residents, only those who
hold a post (an owners' committee seat, a staffer's or a leader's post before they are made
members): a register of the people the rules read, not a census. Everyone else is counted by
:attr:`~neighborparty.Compound.residents`.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from datetime import date

from neighborparty.model import CompoundKind, MemberCategory, Standing
from neighborparty.synth._builder.draft import DAY, CityDraft, CompoundDraft, MemberDraft
from neighborparty.synth.breaches import UNREPORTED_IN_SERVICE_SHARE

__all__ = ["add_people", "make_member", "new_resident", "pick_resident"]

RESIDENTS_PER_HOUSEHOLD = 2.33
"""Residents of a household: Xiamen's family households held 4 591 047 people in 1 969 770
households, 2.33 each (第七次全国人口普查, 厦门市公报, 2020-11-01)."""
_MEMBER_SHARE: dict[CompoundKind, float] = {
    CompoundKind.MANAGED: 0.0306,
    CompoundKind.UNMANAGED: 0.0336,
    CompoundKind.RESETTLEMENT: 0.0204,
    CompoundKind.OLD_QUARTER: 0.0336,
}
"""The share of residents who are party members, by compound kind (about 3 % in all). A library
choice: the party counted 6.9 % of China's population at the end of 2021 (党内统计公报 2022:
96.712 million) and Fuzhou 4.1 % of its residents in mid-2021 (338 100 of 8.29 million); Xiamen,
over half of whose residents came from elsewhere (七普: 2 715 022 of 5 163 970), counts fewer
members where they live, and 3 % is what makes the seed's 64 800 in-service members reporting
online [健全-3] follow from the reporting share of :data:`~neighborparty.synth.breaches.
UNREPORTED_IN_SERVICE_SHARE`."""
_PROBATIONARY_SHARE = 0.03
_CATEGORIES = (MemberCategory.IN_SERVICE, MemberCategory.RETIRED, MemberCategory.MOBILE)
_CATEGORY_WEIGHTS = (0.65, 0.25, 0.10)
"""Members by category. 党内统计公报 2022 (end of 2021), farmers and students left aside: those in
work (workers, professionals, managers, officials) 60 %, retired 29 %, others 11 %; Xiamen is
younger than China (七普: 9.9 % aged 60 or more against 18.7 %), so fewer of its members are
retired."""
_PARTY_YEARS: dict[MemberCategory, tuple[int, int]] = {
    MemberCategory.RETIRED: (20, 55),
    MemberCategory.IN_SERVICE: (2, 30),
    MemberCategory.MOBILE: (2, 20),
}
"""The range of a full member's years in the party, by category."""
_REGISTERED_HERE: dict[MemberCategory, float] = {
    MemberCategory.IN_SERVICE: 0.02,
    MemberCategory.RETIRED: 0.20,
    MemberCategory.MOBILE: 0.0,
}
"""Chance that a member's relation is held where they live (在册), by category: most in-service
members are registered where they work, and many retired members stay in their former unit's
branch for retirees; the seed's threshold of three registered full members for a standalone
branch [建强-2] bites because few are registered where they live."""
_IDENTITY_SHOWN, _IDENTITY_UNKNOWN_FROM = 0.78, 0.93
"""Members who have shown identity (亮身份), who have not (up to the second share), and of whom
it is not known (the rest)."""


def add_people(draft: CityDraft) -> None:
    """The party members living in every compound, each in a building or lane drawn by its
    households."""
    rng = draft.rng
    random_ = rng.random
    homes = draft.homes
    reference = draft.reference_ordinal
    for compound in draft.compounds:
        residents = compound.households * RESIDENTS_PER_HOUSEHOLD
        share = _MEMBER_SHARE[compound.kind]
        expected = residents * share
        count = max(0, round(rng.gauss(expected, math.sqrt(expected * (1 - share)))))
        cumulative = _cumulative_households(draft, compound)
        community = draft.communities[compound.community].id
        for _ in range(count):
            part_index = compound.parts[
                bisect.bisect_right(cumulative, int(random_() * compound.households))
            ]
            part = draft.parts[part_index]
            person = len(homes)
            homes.append(part_index)
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
            if category is MemberCategory.IN_SERVICE and random_() >= UNREPORTED_IN_SERVICE_SHARE:
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


def _cumulative_households(draft: CityDraft, compound: CompoundDraft) -> list[int]:
    """The households of a compound's buildings or lanes up to each but the last."""
    total = 0
    cumulative = []
    for part_index in compound.parts[:-1]:
        total += draft.parts[part_index].households
        cumulative.append(total)
    return cumulative


def new_resident(draft: CityDraft, compound: CompoundDraft) -> int:
    """Record a resident of the compound who is not a party member (to hold a post), in one of
    its buildings or lanes drawn by households; return their person index."""
    cumulative = _cumulative_households(draft, compound)
    part_index = compound.parts[
        bisect.bisect_right(cumulative, int(draft.rng.random() * compound.households))
    ]
    person = len(draft.homes)
    draft.homes.append(part_index)
    compound.non_members.append(person)
    return person


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
    """A new non-member resident of one of the compounds, if any of them has households."""
    rng = draft.rng
    for _ in range(20):
        compound = draft.compounds[compounds[rng.randrange(len(compounds))]]
        if compound.households and compound.parts:
            return new_resident(draft, compound)
    return None
