"""The records of the year: members' activities, owners' votes with the branch's prior
deliberation (党支部先议), and compounds' whistles (小区吹哨)."""

from __future__ import annotations

from datetime import date

from neighborparty.model import (
    Activity,
    ActivityKind,
    Deliberation,
    MatterKind,
    OwnersVote,
    Whistle,
)
from neighborparty.rules.np.members import LAPSES
from neighborparty.rules.np.owners import THREE_QUARTER_MATTERS, TWO_THIRDS_MATTERS
from neighborparty.synth import names
from neighborparty.synth._builder.draft import DAY, CityDraft, fraction
from neighborparty.synth.breaches import (
    FAILED_VOTE_SHARE,
    INACTIVE_MEMBER_SHARE,
    UNANSWERED_WHISTLE_SHARE,
    UNDELIBERATED_MAJOR_VOTE_SHARE,
)

__all__ = ["add_activities", "add_votes", "add_whistles"]

_MATTER_WEIGHTS: tuple[tuple[MatterKind, float], ...] = (
    (MatterKind.ORDINARY, 0.30),
    (MatterKind.USE_MAINTENANCE_FUND, 0.22),
    (MatterKind.PROPERTY_SERVICE, 0.10),
    (MatterKind.MANAGEMENT_STATUTE, 0.08),
    (MatterKind.CHANGE_COMMON_PARTS, 0.10),
    (MatterKind.RAISE_MAINTENANCE_FUND, 0.07),
    (MatterKind.COMMITTEE_ELECTION, 0.06),
    (MatterKind.REBUILD, 0.03),
    (MatterKind.OTHER_MAJOR, 0.04),
)
"""How often owners vote on each kind of matter."""
_VOTES_PER_COMMITTEE = ((0, 1, 2), (0.35, 0.45, 0.2))
_LONGEST_ANSWER_DAYS = 20
"""A department answers a whistle within this many days (the few never answered aside)."""
_INACTIVE_MARGIN_DAYS = 14
"""An inactive member's last record lies this many days beyond the inactive months, counted as
31 days each."""
_SHORT_TURNOUT = (0.45, 0.64)
_TURNOUT = (0.68, 0.95)
"""The turnout of votes short of the participation they need and of the others, kept at least
a point clear of it."""
_MARGIN = 0.01
_LAPSES = tuple(LAPSES.values())
"""The kinds of record of each thing NP405 judges on its own."""
_THEME_DAY_ATTENDANCE = 0.9
"""The share of members at each month's theme party day (主题党日)."""


def add_activities(draft: CityDraft) -> None:
    """Member activities of the year from 1 January to the reference date: quarterly dues, the
    monthly theme party day (most members attend each), a piece of assigned work each quarter,
    a branch meeting for half the members, volunteer service for 40 %, service items done,
    project sign-up and check-in.

    The city records those of the reference day's month and, for each of the three things
    NP405 judges on its own (organisational life, dues, assigned work) that a member has none of
    in it, the last before: about three records a member. Every active member pays the
    quarter's dues in October; older records would be read only by :mod:`neighborparty.points`,
    and would be most of the city's entities."""
    rng = draft.rng
    random_ = rng.random
    first, last = draft.year_start_ordinal, draft.reference_ordinal
    span = last - first + 1
    recorded_from = draft.reference_day.replace(day=1).toordinal()
    year = draft.year
    dues = [date(year, month, 1).toordinal() for month in (1, 4, 7, 10)]
    months = [date(year, month, 1).toordinal() for month in range(1, draft.reference_day.month + 1)]
    inactive_until = last - (draft.thresholds.inactive_months * 31 + _INACTIVE_MARGIN_DAYS)
    activities = draft.activities
    kinds = ActivityKind
    lapses = _LAPSES
    fromordinal = date.fromordinal
    for p, member in draft.members.items():
        person = draft.person_id(p)
        branch = member.managed_in or member.registered_in
        until = inactive_until if random_() < INACTIVE_MEMBER_SHARE else last
        events: list[tuple[int, ActivityKind, str | None, float | None]] = [
            (month + 2 + int(random_() * 23), kinds.DUES_PAID, None, None) for month in dues
        ]
        for month in months:
            if random_() < _THEME_DAY_ATTENDANCE:
                events.append((month + int(random_() * 28), kinds.THEME_PARTY_DAY, branch, None))
        for quarter in dues:
            events.append((quarter + int(random_() * 89), kinds.ASSIGNED_WORK, branch, None))
        if random_() < 0.5:
            events.append((first + int(random_() * span), kinds.BRANCH_MEETING, branch, None))
        if random_() < 0.4:
            hours = (1.0, 1.5, 2.0, 3.0, 4.0)[int(random_() * 5)]
            events.append((first + int(random_() * span), kinds.VOLUNTEER_SERVICE, None, hours))
        for item, claimed in draft.claims_of_person.get(p, ()):
            if random_() < 0.6:
                on = claimed.toordinal()
                done = on + int(random_() * (last - on + 1))
                events.append((done, kinds.SERVICE_ITEM_DONE, item, None))
        if random_() < 0.2:
            projects = draft.projects_of_community[draft.compounds[member.compound].community]
            project, held = projects[int(random_() * len(projects))]
            signed = max(first, held.toordinal() - 1 - int(random_() * 14))
            events.append((signed, kinds.PROJECT_SIGN_UP, project, None))
            if random_() < 0.85:
                events.append((held.toordinal(), kinds.PROJECT_CHECK_IN, project, None))
        events.sort(key=lambda e: e[0])
        kept = [e for e in events if recorded_from <= e[0] <= until]
        for lapse in lapses:
            if not any(e[1] in lapse for e in kept):
                before = [
                    e for e in events if e[0] < recorded_from and e[0] <= until and e[1] in lapse
                ]
                kept[:0] = before[-1:]
        kept.sort(key=lambda e: e[0])
        for on, kind, ref, spent in kept:
            activities.append(
                Activity(
                    id=draft.new_id("ac", len(activities) + 1),
                    person=person,
                    kind=kind,
                    on=fromordinal(on),
                    ref=ref,
                    hours=spent,
                )
            )


def add_votes(draft: CityDraft) -> None:
    """Owners' votes of the year in compounds with a committee (0–2 each), a few short of what
    they need; the branch deliberates most major matters first."""
    rng = draft.rng
    thresholds = draft.thresholds
    participation = thresholds.min_participation
    short_turnout = (_SHORT_TURNOUT[0], min(_SHORT_TURNOUT[1], participation - _MARGIN))
    turnout_range = (max(_TURNOUT[0], participation + _MARGIN), _TURNOUT[1])
    matters = [m for m, _ in _MATTER_WEIGHTS]
    weights = [w for _, w in _MATTER_WEIGHTS]
    with_committee = {oc.compound for oc in draft.committees}
    civil_code = thresholds.civil_code_from
    for compound in draft.compounds:
        if compound.id not in with_committee:
            continue
        for _ in range(rng.choices(*_VOTES_PER_COMMITTEE)[0]):
            matter = rng.choices(matters, weights)[0]
            held = draft.day_this_year()
            needed = (
                thresholds.major_majority
                if matter in THREE_QUARTER_MATTERS
                else thresholds.ordinary_majority
            )
            failed = rng.random() < FAILED_VOTE_SHARE
            if civil_code is not None and held < civil_code:
                # 物权法 art. 76: no quorum; the owners for, as a share of all owners and of
                # the whole area, reach two thirds (funds, rebuilding) or exceed a half
                whole = (
                    thresholds.property_law_major
                    if matter in TWO_THIRDS_MATTERS
                    else thresholds.property_law_ordinary
                )
                turnout = fraction(rng, max(_TURNOUT[0], whole + 0.1), _TURNOUT[1])
                of_whole = (
                    fraction(rng, max(0.1, whole - 0.2), whole - 0.05)
                    if failed
                    else fraction(rng, whole + 0.05, turnout - 0.01)
                )
                support = of_whole / turnout
            else:
                short_of_owners = failed and rng.random() < 0.5
                turnout = fraction(rng, *(short_turnout if short_of_owners else turnout_range))
                support = (
                    fraction(rng, max(0.2, needed - 0.2), needed - 0.01)
                    if failed and not short_of_owners
                    else fraction(rng, needed + 0.02, 0.97)
                )
            area = round(compound.households * fraction(rng, 75.0, 110.0), 1)
            voters = round(compound.households * turnout)
            voted_area = min(area, round(area * (turnout + rng.uniform(-0.02, 0.02)), 1))
            vote = draft.new_id("v", len(draft.votes) + 1)
            draft.votes.append(
                OwnersVote(
                    id=vote,
                    compound=compound.id,
                    matter=matter,
                    held_on=held,
                    total_area=area,
                    total_owners=compound.households,
                    participating_area=voted_area,
                    participating_owners=voters,
                    area_for=min(voted_area, round(voted_area * support, 1)),
                    owners_for=min(voters, round(voters * support)),
                    title=names.MATTER_TITLES[matter],
                )
            )
            if compound.branch is None:
                continue
            deliberate = (
                rng.random() >= UNDELIBERATED_MAJOR_VOTE_SHARE
                if matter.is_major
                else rng.random() < 0.3
            )
            if deliberate:
                draft.deliberations.append(
                    Deliberation(
                        id=draft.new_id("dl", len(draft.deliberations) + 1),
                        organization=draft.branches[compound.branch].id,
                        vote=vote,
                        held_on=held - rng.randint(3, 20) * DAY,
                    )
                )


def add_whistles(draft: CityDraft) -> None:
    """Whistles (小区吹哨) of the years the city records, from :attr:`~neighborparty.synth.
    YearTargets.whistles_since` to the reference date, each in a compound drawn at random: the
    published number answered within 20 days, those of the last days still waiting, and a few
    raised long ago and never answered."""
    rng = draft.rng
    first = draft.targets.whistles_since.toordinal()
    last = draft.reference_ordinal
    wait = _LONGEST_ANSWER_DAYS
    answered_count = draft.quota(draft.targets.answered_whistles)
    pending_count = round(answered_count * wait / max(1, last - wait - first))
    late_share = UNANSWERED_WHISTLE_SHARE
    late_count = round((answered_count + pending_count) * late_share / (1 - late_share))
    late_until = last - draft.thresholds.whistle_answer_days - 1
    compound_count = len(draft.compounds)
    drawn: list[tuple[int, int, int | None]] = []
    for _ in range(answered_count):
        raised = rng.randint(first, last - wait)
        drawn.append((rng.randrange(compound_count), raised, raised + rng.randint(1, wait)))
    for _ in range(pending_count):
        drawn.append((rng.randrange(compound_count), rng.randint(last - wait + 1, last), None))
    for _ in range(late_count):
        drawn.append((rng.randrange(compound_count), rng.randint(first, late_until), None))
    drawn.sort(key=lambda w: (w[0], w[1]))
    fromordinal = date.fromordinal
    for index, raised, answered in drawn:
        draft.whistles.append(
            Whistle(
                id=draft.new_id("w", len(draft.whistles) + 1),
                compound=draft.compounds[index].id,
                raised_on=fromordinal(raised),
                matter=names.WHISTLE_MATTERS[rng.randrange(len(names.WHISTLE_MATTERS))],
                department=names.DEPARTMENTS[rng.randrange(len(names.DEPARTMENTS))],
                answered_on=None if answered is None else fromordinal(answered),
            )
        )
