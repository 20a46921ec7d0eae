"""Who leads the branches [建强-3]: secretaries (resident, dispatched, or gone), branch
committees, the four-haves assessment, and division-level cadres as secretary or first
secretary."""

from __future__ import annotations

from datetime import date

from neighborparty.model import (
    CadreLevel,
    Formation,
    FourHaves,
    MemberCategory,
    OrgKind,
    Role,
    Standing,
)
from neighborparty.synth._builder.draft import DAY, BranchDraft, CityDraft, weighted_sample
from neighborparty.synth.breaches import (
    NO_BRANCH_COMMITTEE_SHARE,
    UNASSESSED_SECRETARY_SHARE,
    VACANT_SECRETARY_SHARE,
)

__all__ = ["add_leadership"]

_DISPATCHED_SECRETARY_SHARE = 0.06
_CADRE_AS_SECRETARY_SHARE = 0.55
_MOST_COMMITTEE_MEMBERS_BESIDES_SECRETARY = 4
_DEPUTY_SHARE = 0.25
"""The share of branch committees whose first member is a deputy secretary."""
_DIVISION_SHARE = 0.85
"""The share of cadres placed in compound branches who are of division level (the others are
of bureau level)."""
_CADRES_WITHOUT_POST = ((0.02, CadreLevel.SECTION), (0.023, CadreLevel.DIVISION))
"""Cumulative chances that an in-service member holding no compound post is a cadre of a
level; they do not count among the published division-level cadres."""


def add_leadership(draft: CityDraft) -> None:
    """Each branch's secretary and committee, cadres placed in compound branches, and the
    cadres who hold no compound post."""
    rng = draft.rng
    thresholds = draft.thresholds
    secretary_since: dict[int, date] = {}
    for i, branch in enumerate(draft.branches):
        registered, managed = draft.placed_in(branch)
        candidates = registered or managed
        r = rng.random()
        if r < VACANT_SECRETARY_SHARE:
            if candidates:
                left = draft.day(rng.randint(20, 250))
                former = candidates[rng.randrange(len(candidates))]
                draft.appoint(
                    former,
                    branch.id,
                    Role.SECRETARY,
                    left - rng.randint(365, 1500) * DAY,
                    left,
                )
            continue
        staff = draft.staff_of_community[branch.community]
        if staff and (not candidates or r < VACANT_SECRETARY_SHARE + _DISPATCHED_SECRETARY_SHARE):
            branch.secretary = staff[rng.randrange(len(staff))]
            branch.secretary_dispatched = True
        elif candidates:
            branch.secretary = candidates[rng.randrange(len(candidates))]
            if rng.random() >= UNASSESSED_SECRETARY_SHARE:
                _assess(draft, branch.secretary, branch.elected_on, met=True)
            elif rng.random() < 1 / 3:
                _assess(draft, branch.secretary, branch.elected_on, met=False)
        else:
            continue
        secretary_since[i] = branch.elected_on
        # A branch committee for branches of enough registered full members.
        if (
            len(registered) >= thresholds.branch_committee_from
            and rng.random() >= NO_BRANCH_COMMITTEE_SHARE
        ):
            pool = [p for p in registered if p != branch.secretary]
            besides_secretary = rng.randint(
                thresholds.branch_committee_min_size - 1, _MOST_COMMITTEE_MEMBERS_BESIDES_SECRETARY
            )
            chosen = rng.sample(pool, min(len(pool), besides_secretary))
            draft.branch_committee_members.update(chosen)
            for k, person in enumerate(chosen):
                role = (
                    Role.DEPUTY_SECRETARY
                    if k == 0 and rng.random() < _DEPUTY_SHARE
                    else Role.BRANCH_COMMITTEE_MEMBER
                )
                draft.appoint(person, branch.id, role, branch.elected_on)
    _place_cadres(draft)
    for i, start in secretary_since.items():
        branch = draft.branches[i]
        assert branch.secretary is not None
        draft.appoint(
            branch.secretary,
            branch.id,
            Role.SECRETARY,
            start,
            dispatched=branch.secretary_dispatched,
        )
    # Some cadres hold no compound post; they do not count among the published ones.
    secretaries = {b.secretary for b in draft.branches}
    for person, member in draft.members.items():
        if (
            member.category is MemberCategory.IN_SERVICE
            and person not in draft.cadre_levels
            and person not in secretaries
        ):
            r = rng.random()
            for chance, level in _CADRES_WITHOUT_POST:
                if r < chance:
                    draft.cadre_levels[person] = level
                    break


def _assess(draft: CityDraft, person: int, before: date, *, met: bool) -> None:
    """A four-haves assessment (四有) made shortly before ``before``: met in full, or short of
    prestige."""
    draft.four_haves[person] = FourHaves(
        capability=True,
        prestige=met,
        public_spirit=True,
        enthusiasm=True,
        assessed_on=before - draft.rng.randint(10, 60) * DAY,
    )


def _place_cadres(draft: CityDraft) -> None:
    """Division-level cadres as secretary or first secretary of compound branches [建强-3]."""
    rng = draft.rng
    wanted = draft.quota(draft.targets.division_cadres)
    candidates = [
        b for b in draft.branches if b.kind is OrgKind.COMPOUND_BRANCH and b.secretary is not None
    ]
    weights = [
        3.0 if b.formation is Formation.STANDALONE and not b.secretary_dispatched else 1.0
        for b in candidates
    ]
    placed = 0
    for branch in weighted_sample(rng, candidates, weights, len(candidates)):
        if placed == wanted:
            break
        pool = _cadre_pool(draft, branch)
        if not pool:
            continue
        cadre = pool[rng.randrange(len(pool))]
        draft.cadre_levels[cadre] = (
            CadreLevel.DIVISION if rng.random() < _DIVISION_SHARE else CadreLevel.BUREAU
        )
        if rng.random() < _CADRE_AS_SECRETARY_SHARE:
            branch.secretary = cadre
            branch.secretary_dispatched = False
            _assess(draft, cadre, branch.elected_on, met=True)
        else:
            draft.appoint(cadre, branch.id, Role.FIRST_SECRETARY, branch.elected_on)
        placed += 1


def _cadre_pool(draft: CityDraft, branch: BranchDraft) -> list[int]:
    """The in-service full members of a branch who hold none of its posts yet."""
    members = draft.members
    return [
        p
        for c in branch.compounds
        for p in draft.compounds[c].members
        if members[p].standing is Standing.FULL
        and members[p].category is MemberCategory.IN_SERVICE
        and p != branch.secretary
        and p not in draft.cadre_levels
        and p not in draft.branch_committee_members
        and branch.id in (members[p].registered_in, members[p].managed_in)
    ]
