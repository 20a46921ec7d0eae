"""Staff sink to compounds [凝聚-1]: community staffers as compound secretaries (Huli's "1+N")
and sub-district leaders linked to compound contact points."""

from __future__ import annotations

import math

from neighborparty.model import Role
from neighborparty.synth._builder.draft import CityDraft
from neighborparty.synth._builder.people import make_member, pick_resident
from neighborparty.synth.breaches import UNLINKED_COMPOUND_SHARE

__all__ = ["add_staff"]

_COMPOUNDS_PER_STAFFER = (3, 6)
"""The fewest and most compounds one community staffer serves."""
_LEADERS_PER_SUBDISTRICT = 3
_CONTACT_POINTS_PER_LEADER = (2, 5)


def add_staff(draft: CityDraft) -> None:
    """Each community's staffers (the first its secretary) serving its compounds as compound
    secretaries, and each sub-district's leaders linked to compounds the staffers serve."""
    rng = draft.rng
    for community, compound_indexes in enumerate(draft.compounds_of_community):
        n_staff = math.ceil(len(compound_indexes) / rng.randint(*_COMPOUNDS_PER_STAFFER))
        staff: list[int] = []
        for _ in range(n_staff):
            person = pick_resident(draft, compound_indexes)
            if person is None:
                continue
            home = draft.compounds[draft.parts[draft.homes[person]].compound]
            make_member(
                draft, person, draft.community_committees[community], draft.branch_id_of(home)
            )
            staff.append(person)
        draft.staff_of_community.append(staff)
        if not staff:
            continue
        start = draft.day(rng.randint(200, 2000))
        draft.appoint(staff[0], draft.community_committees[community], Role.SECRETARY, start)
        served = sorted(compound_indexes, key=lambda i: draft.compounds[i].coordinates)
        for j, index in enumerate(served):
            compound = draft.compounds[index]
            if compound.reach != "none" and rng.random() < UNLINKED_COMPOUND_SHARE:
                continue
            staffer = staff[j * len(staff) // len(served)]
            draft.appoint(
                staffer,
                compound.id,
                Role.COMPOUND_SECRETARY,
                draft.day(rng.randint(30, 1500)),
                dispatched=True,
            )
    # Sub-district leaders linked to compound contact points.
    linked = {a.body for a in draft.appointments if a.role is Role.COMPOUND_SECRETARY}
    working_committees = draft.working_committees
    for s, communities in enumerate(draft.communities_of_subdistrict):
        compounds = [i for k in communities for i in draft.compounds_of_community[k]]
        points = [i for i in compounds if draft.compounds[i].id in linked]
        for j in range(_LEADERS_PER_SUBDISTRICT):
            person = pick_resident(draft, compounds)
            if person is None:
                continue
            home = draft.compounds[draft.parts[draft.homes[person]].compound]
            make_member(draft, person, working_committees[s], draft.branch_id_of(home))
            start = draft.day(rng.randint(200, 2000))
            if j == 0:
                draft.appoint(person, working_committees[s], Role.SECRETARY, start)
            for index in rng.sample(
                points, min(len(points), rng.randint(*_CONTACT_POINTS_PER_LEADER))
            ):
                draft.appoint(person, draft.compounds[index].id, Role.LIAISON, start)
