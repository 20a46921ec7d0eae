"""Owners' bodies: owners' committees with their seats (一肩挑, 交叉任职, "red" committees) and
the property companies of the managed compounds."""

from __future__ import annotations

import math

from neighborparty.model import (
    CompoundKind,
    ElectionLead,
    OrgKind,
    OwnersCommittee,
    PropertyCompany,
    Role,
)
from neighborparty.rules.days import add_years
from neighborparty.synth import names
from neighborparty.synth._builder.draft import DAY, CityDraft, CompoundDraft, weighted_sample
from neighborparty.synth._builder.people import new_resident
from neighborparty.synth.breaches import (
    ELECTION_NOT_LED_SHARE,
    EVEN_COMMITTEE_SHARE,
    OUT_OF_TERM_COMMITTEE_SHARE,
)

__all__ = ["add_companies", "add_owners_committees"]

_PREVIOUS_TERM_SHARE = 0.35
"""The share of committees in term that keep the record of the term before."""
_OTHER_LEADS = (
    ElectionLead.COMMUNITY,
    ElectionLead.SUBDISTRICT,
    ElectionLead.OWNERS,
    ElectionLead.DEVELOPER,
    None,
)
_OTHER_LEAD_WEIGHTS = (0.45, 0.15, 0.2, 0.15, 0.05)
_LARGE_COMPOUND_WEIGHT = 3.0
"""How much likelier a compound large enough to stand alone is to have a committee."""
_RED_CHAIR_WEIGHT = 3.0
"""How much likelier a committee whose chair is a member is to be red."""
_COMMITTEE_SIZE_WEIGHTS = (0.35, 0.4, 0.18, 0.07)
"""How often each odd size from the smallest a committee may have to the largest is chosen."""
_OVERDUE_YEARS = 3
"""A committee out of term began up to this many years before its term would have."""


def add_owners_committees(draft: CityDraft) -> None:
    """Owners' committees in the published number of managed compounds, seated so that the
    published numbers of secretary chairs, member chairs, members on committees and red
    committees come out."""
    rng = draft.rng
    targets = draft.targets
    thresholds = draft.thresholds
    managed = [c for c in draft.compounds if c.kind is CompoundKind.MANAGED]
    chosen = weighted_sample(
        rng,
        managed,
        [
            _LARGE_COMPOUND_WEIGHT if c.households >= thresholds.standalone_households else 1.0
            for c in managed
        ],
        min(draft.quota(targets.committees), len(managed)),
    )
    chosen.sort(key=lambda c: c.index)
    # The secretaries in office of the branch covering each compound.
    secretary_of: dict[int, int] = {}
    for branch in draft.branches:
        if branch.secretary is not None:
            for index in branch.compounds:
                secretary_of[index] = branch.secretary
    small_sizes = (thresholds.small_committee_size, thresholds.owners_committee_min_size)
    odd_sizes = tuple(
        range(thresholds.owners_committee_min_size, thresholds.owners_committee_max_size + 1, 2)
    )
    sizes: list[int] = []
    for compound in chosen:
        if compound.households <= thresholds.small_compound_households:
            size = rng.choice(small_sizes)
        else:
            size = rng.choices(odd_sizes, _COMMITTEE_SIZE_WEIGHTS)[0]
        if rng.random() < EVEN_COMMITTEE_SHARE:
            size += 1
        sizes.append(min(size, compound.households))
    committee_count = len(chosen)
    secretary_lives_there = [
        c.index in secretary_of and draft.members[secretary_of[c.index]].compound == c.index
        for c in chosen
    ]
    usable = [[p for p in c.members if p != secretary_of.get(c.index)] for c in chosen]
    candidates = [k for k in range(committee_count) if secretary_lives_there[k]]
    secretary_chairs = set(
        rng.sample(candidates, min(len(candidates), draft.quota(targets.secretary_chairs)))
    )
    candidates = [k for k in range(committee_count) if k not in secretary_chairs and usable[k]]
    member_chairs = set(
        rng.sample(
            candidates,
            min(
                len(candidates),
                max(0, draft.quota(targets.member_chairs) - len(secretary_chairs)),
            ),
        )
    )
    chaired_by_member = secretary_chairs | member_chairs
    available = [
        len(usable[k]) + (1 if k in secretary_chairs else 0) for k in range(committee_count)
    ]
    half = [math.ceil(thresholds.red_committee_share * size) for size in sizes]
    candidates = [k for k in range(committee_count) if available[k] >= half[k]]
    red = set(
        weighted_sample(
            rng,
            candidates,
            [_RED_CHAIR_WEIGHT if k in chaired_by_member else 1.0 for k in candidates],
            draft.quota(targets.red_committees),
        )
    )
    low = [
        half[k] if k in red else (1 if k in chaired_by_member else 0)
        for k in range(committee_count)
    ]
    # A red committee may be all members only when its chair is one.
    high = [
        min(
            (sizes[k] if k in chaired_by_member else sizes[k] - 1)
            if k in red
            else (sizes[k] - 1) // 2,
            available[k],
        )
        for k in range(committee_count)
    ]
    high = [max(h, lo) for h, lo in zip(high, low, strict=True)]
    member_seats = list(low)
    slots = [k for k in range(committee_count) for _ in range(high[k] - low[k])]
    for k in rng.sample(
        slots, min(len(slots), max(0, draft.quota(targets.committee_members) - sum(low)))
    ):
        member_seats[k] += 1
    for k, compound in enumerate(chosen):
        _add_committee(
            draft,
            compound,
            sizes[k],
            member_seats[k],
            secretary_of.get(compound.index) if k in secretary_chairs else None,
            k in member_chairs,
            usable[k],
        )


def _add_committee(
    draft: CityDraft,
    compound: CompoundDraft,
    size: int,
    member_seats: int,
    secretary: int | None,
    member_chair: bool,
    usable: list[int],
) -> None:
    """One compound's committee (and, for some, the term before), its chair and seats."""
    rng = draft.rng
    years = draft.thresholds.owners_term_years
    expired = rng.random() < OUT_OF_TERM_COMMITTEE_SHARE
    if expired:
        start = draft.day(rng.randint(years * 365 + 30, (years + _OVERDUE_YEARS) * 365))
    else:
        start = draft.day(rng.randint(30, years * 365 - 30))
    covered = (
        compound.branch is not None
        and draft.branches[compound.branch].kind is OrgKind.COMPOUND_BRANCH
    )

    def lead() -> ElectionLead | None:
        if covered and rng.random() >= ELECTION_NOT_LED_SHARE:
            return ElectionLead.COMPOUND_BRANCH
        return rng.choices(_OTHER_LEADS, _OTHER_LEAD_WEIGHTS)[0]

    if not expired and rng.random() < _PREVIOUS_TERM_SHARE:
        draft.committees.append(
            OwnersCommittee(
                id=draft.new_id("oc", len(draft.committees) + 1),
                compound=compound.id,
                term_start=add_years(start, -years),
                term_end=start - DAY,
                election_led_by=lead(),
            )
        )
    committee = draft.new_id("oc", len(draft.committees) + 1)
    draft.committees.append(
        OwnersCommittee(
            id=committee,
            compound=compound.id,
            term_start=start,
            term_end=add_years(start, years) - DAY,
            election_led_by=lead(),
        )
    )
    pool = list(usable)
    rng.shuffle(pool)
    others = [new_resident(draft, compound) for _ in range(size - member_seats)]
    if secretary is not None:
        chair, members = secretary, pool[: member_seats - 1]
    elif member_chair:
        chair, members = pool[0], pool[1:member_seats]
    else:
        chair, others = others[0], others[1:]
        members = pool[:member_seats]
    seated = members + others
    rng.shuffle(seated)
    vice_chairs = 2 if size >= 7 else 1
    draft.appoint(chair, committee, Role.OWNERS_CHAIR, start)
    for j, person in enumerate(seated):
        draft.appoint(
            person,
            committee,
            Role.OWNERS_VICE_CHAIR if j < vice_chairs else Role.OWNERS_MEMBER,
            start,
        )


def add_companies(draft: CityDraft) -> None:
    """Property companies managing every managed compound, a few managing many; some with a
    party organisation."""
    rng = draft.rng
    targets = draft.targets
    managed = [c for c in draft.compounds if c.kind is CompoundKind.MANAGED]
    company_count = min(len(managed), max(1, draft.quota(targets.companies)))
    if not managed:
        return
    order = list(managed)
    rng.shuffle(order)
    owner = list(range(company_count)) + rng.choices(
        range(company_count),
        [rng.paretovariate(1.5) for _ in range(company_count)],
        k=len(order) - company_count,
    )
    served: list[list[str]] = [[] for _ in range(company_count)]
    for compound, k in sorted(zip(order, owner, strict=True), key=lambda pair: pair[0].index):
        served[k].append(compound.id)
    with_organization = set(
        rng.sample(
            range(company_count),
            min(company_count, draft.quota(targets.companies_with_organisation)),
        )
    )
    companies_before = draft.plan.before(targets.companies, draft.number)
    for k in range(company_count):
        name = names.company_name(k + companies_before)
        organization = (
            draft.new_org("po", f"{name}党支部", OrgKind.COMPANY_ORGANIZATION)
            if k in with_organization
            else None
        )
        draft.companies.append(
            PropertyCompany(
                id=draft.new_id("pm", k + 1),
                name=name,
                compounds=served[k],
                party_organization=organization,
            )
        )
