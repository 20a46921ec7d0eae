"""NP4xx: the members."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import cast

from neighborparty.model import (
    Activity,
    MemberCategory,
    Severity,
    enums,
)
from neighborparty.rules.conditions import between, present, span_at_most
from neighborparty.rules.context import Context
from neighborparty.rules.days import DayTexts, span_end
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import COVERING, MEMBERSHIPS
from neighborparty.rules.reads import kinds_recorded
from neighborparty.rules.rule import Judged, Outcome, rule

__all__ = ["LAPSES", "ORGANIZATIONAL_LIFE"]

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

ORGANIZATIONAL_LIFE = frozenset(enums.ORGANIZATIONAL_LIFE)
"""The activities that count as organisational life, dues or assigned work (党章 art. 9; one list,
:data:`neighborparty.model.enums.ORGANIZATIONAL_LIFE`)."""


@rule(
    code="NP401",
    title_en="Every member placed in a compound branch",
    title_zh="党员全部编入小区党支部",
    citation="seed [建强-3]",
    severity=Severity.WARNING,
    subject="person",
    statement_zh="居住在小区的党员都编入所在小区的党支部：组织关系在此（在册），或作为非在册党员纳入管理。",
    pass_en="member {subject} is placed in {branch}",
    fail_en="member {subject}, living in compound {compound}, is placed in no branch covering it",
    pass_zh="党员 {subject} 编入 {branch}",
    fail_zh="党员 {subject} 居住在小区 {compound}，却未编入该小区的党支部",
    facts=("compound", "branch"),
    reads=("compounds", *COVERING, *MEMBERSHIPS),
    local=True,
)
def np401(ctx: Context) -> Iterator[Outcome]:
    """A party member living in a compound is placed in a branch covering it: registered there,
    or managed there as a non-registered member.

    Plain code: the branch it gives is ``None``
    when there is none, a fact known, not unknown."""
    covering = ctx.branches_of_compound
    nothing: frozenset[str] = frozenset()
    same: dict[tuple[str, str | None], tuple[str, str | None]] = {}  # the members of a branch
    for person, party, compound in ctx.memberships:
        branches = covering.get(compound, nothing)
        placed = (
            party.registered_in
            if party.registered_in in branches
            else party.managed_in
            if party.managed_in in branches
            else None
        )
        facts = (compound, placed)
        yield person, _PASS if placed else _FAIL, same.setdefault(facts, facts)


@rule(
    code="NP402",
    title_en="In-service members report where they live",
    title_zh="在职党员到社区报到",
    citation="seed [健全-3]",
    severity=Severity.WARNING,
    subject="person",
    statement_zh="在职党员到居住地社区报到（双报到）。",
    pass_en="in-service member {subject} reported to {community}",
    fail_en="in-service member {subject} has not reported to {community}, where they live "
    "(reported to: {reported_to})",
    pass_zh="在职党员 {subject} 已向 {community} 报到",
    fail_zh="在职党员 {subject} 未向居住地社区 {community} 报到（报到：{reported_to}）",
    facts=("community", "reported_to"),
    reads=("compounds.community", *MEMBERSHIPS),
    local=True,
)
def np402(ctx: Context) -> Iterator[Outcome]:
    """An in-service member has reported to the community they live in (双报到).

    Plain code:
    it compares two places, which no helper does."""
    community_of = {c.id: c.community for c in ctx.city.compounds}
    in_service = MemberCategory.IN_SERVICE
    same: dict[tuple[str, str | None], tuple[str, str | None]] = {}  # a community's members
    for person, party, compound in ctx.memberships:
        if party.category is not in_service:
            continue
        community = community_of[compound]
        verdict = _PASS if party.reported_to == community else _FAIL
        facts = (community, party.reported_to)
        yield person, verdict, same.setdefault(facts, facts)


@rule(
    code="NP403",
    title_en="Members show identity",
    title_zh="党员亮明身份",
    citation="seed [凝聚-2]",
    severity=Severity.INFO,
    subject="person",
    statement_zh="党员亮明身份（如“党员家庭户”标牌）。",
    pass_en="member {subject} has shown identity",
    fail_en="member {subject} has not shown identity",
    pass_zh="党员 {subject} 已亮明身份",
    fail_zh="党员 {subject} 未亮明身份",
    facts=("identity_shown",),
    condition=present("identity_shown"),
    reads=MEMBERSHIPS,
    local=True,
)
def np403(ctx: Context) -> Iterator[Judged]:
    """A member has shown identity (亮身份), e.g. with a party-member household plaque."""
    for person, party, _ in ctx.memberships:
        yield person, (party.identity_shown,)


@rule(
    code="NP404",
    title_en="The set number of service items claimed",
    title_zh="党员认领规定数量的服务项目",
    citation="seed [凝聚-2]",
    severity=Severity.INFO,
    subject="person",
    parameters=("service.min_claims", "service.max_claims"),
    statement_zh="小区党支部的党员从小区需求清单中认领规定数量的服务项目。",
    pass_en="member {subject} claims {claims} service item(s)",
    fail_en="member {subject} claims {claims} service item(s), outside {min_claims}–{max_claims}",
    pass_zh="党员 {subject} 认领服务 {claims} 项",
    fail_zh="党员 {subject} 认领服务 {claims} 项，不在 {min_claims}–{max_claims} 项之间",
    condition=between("claims", "service.min_claims", "service.max_claims"),
    reads=("claims", "service_items", "organizations", *COVERING, *MEMBERSHIPS),
    local=True,
    facts=("claims", "min_claims", "max_claims"),
    order="id",
)
def np404(ctx: Context) -> Iterator[Judged]:
    """A member of a compound branch — registered or managed there — has claimed between the set
    fewest and most service items of the demand lists of the compounds their branches cover,
    counting claims made by the day of the check."""
    smallest = ctx.values["service.min_claims"]
    largest = ctx.values["service.max_claims"]
    on = ctx.on
    people, claimed = ctx.city_fact(_demand_lists)
    for person_id, days in zip(people, claimed, strict=True):
        yield person_id, (bisect.bisect_right(days, on), smallest, largest)


def _demand_lists(ctx: Context) -> tuple[tuple[str, ...], tuple[tuple[date, ...], ...]]:
    """The members of compound branches, by id, and for each the days, in order, of their
    claims of items on the demand list of a compound their branches cover (the claims NP404
    counts up to a day); members who claimed on the same days share one tuple of them."""
    city = ctx.city
    lists: dict[str, set[str]] = defaultdict(set)
    members_of, compounds_of = ctx.members_of_branch, ctx.compounds_of_branch
    for branch in ctx.compound_branches:
        covered = compounds_of.get(branch.id, ())
        for person in members_of.get(branch.id, ()):
            lists[person.id].update(covered)
    item_compound = {item.id: item.compound for item in city.service_items}
    claimed: dict[str, list[date]] = defaultdict(list)
    for claim in city.claims:
        compounds = lists.get(claim.person)
        if compounds is not None and item_compound[claim.item] in compounds:
            claimed[claim.person].append(claim.claimed_on)
    people = tuple(sorted(lists))
    same: dict[tuple[date, ...], tuple[date, ...]] = {}
    days = []
    for member in people:
        found = tuple(sorted(claimed.get(member, ())))
        days.append(same.setdefault(found, found))
    return people, tuple(days)


LAPSES: dict[str, frozenset[enums.ActivityKind]] = {
    "life": ORGANIZATIONAL_LIFE - {enums.ActivityKind.DUES_PAID, enums.ActivityKind.ASSIGNED_WORK},
    "dues": frozenset({enums.ActivityKind.DUES_PAID}),
    "work": frozenset({enums.ActivityKind.ASSIGNED_WORK}),
}
"""The three things 党章 art. 9 joins with 或, each judged on its own: organisational life
(meetings, the theme party day, party lectures, the organisational-life meeting), paying dues,
doing assigned work. No kind of record stands in for another."""


@rule(
    code="NP405",
    title_en="Organisational life, dues and assigned work within the set months",
    title_zh="规定月数内参加组织生活、交纳党费、做党所分配的工作",
    citation="党章 art. 9; 民法典 arts. 201–202 (counting the months)",
    severity=Severity.WARNING,
    subject="person",
    parameters=("membership.inactive_months",),
    statement_zh="党员连续规定月数不参加党的组织生活，或不交纳党费，或不做党所分配的工作，视为自行脱党："
    "三者各自起算，交纳党费不能代替参加组织生活；自最近一次记录（无记录的自入党之日）起算，"
    "期满之日仍在期限内。",
    pass_en="member {subject}: organisational life {last_life}, dues {last_dues}, assigned work "
    "{last_work}, each within {months} months",
    fail_en="member {subject}: more than {months} months since {last} without organisational "
    "life, dues or assigned work (last organisational life {last_life}, dues {last_dues}, "
    "assigned work {last_work})",
    pass_zh="党员 {subject}：最近组织生活 {last_life}、交纳党费 {last_dues}、完成工作 {last_work}，"
    "均在 {months} 个月内",
    fail_zh="党员 {subject}：自 {last} 起连续 {months} 个月以上未参加组织生活、未交纳党费或未做分配的工作"
    "（最近组织生活 {last_life}、党费 {last_dues}、工作 {last_work}）",
    condition=span_at_most("last", "membership.inactive_months", "months"),
    facts=("last", "last_life", "last_dues", "last_work", "months"),
    reads=("activities.person", "activities.kind", "activities.on", *MEMBERSHIPS),
    local=True,
)
def np405(ctx: Context) -> Iterator[Outcome | Judged]:
    """A member has organisational life, pays dues and does assigned work, each at least once
    in every stretch of the set number of consecutive months, counted from the latest record
    of that kind on or before the day of the check (from joining, with none). The months end
    on the same day of the last month (or its last day), as a term does (民法典 arts. 201–202,
    :func:`~neighborparty.rules.days.span_end`): on that day the member is still within them,
    from the next day not. Each lapse fails on its own: the span judged runs from ``last``, the
    earliest of the three days, the lapse that runs out first.

    A city that records no activities at all cannot be judged. A kind of record the city keeps
    for nobody (no dues paid anywhere) leaves that lapse unknown: the member fails if another
    lapse has run out, and cannot be judged otherwise (the one case decided here in code, by
    the condition's own count of the months, :func:`~neighborparty.rules.days.span_end`)."""
    months = int(ctx.values["membership.inactive_months"])
    if not kinds_recorded(ctx.city):
        for member, _, _ in ctx.memberships:
            yield member, _UNDETERMINED, {"missing": ["activity records"]}
        return
    on = ctx.on
    last = (months,)
    life = ctx.city_fact(_organizational_life)
    for (person, party, _), (latest, facts, lasts) in zip(ctx.memberships, life.rows, strict=True):
        if facts is not None and (latest is None or latest <= on):
            yield person, facts + last  # every lapse known, no record after the day
            continue
        lapses = life.lapses(person)
        if latest is not None and latest > on:
            # a record after the day: each lapse from its last record by then
            joined = party.joined
            found: list[str | None] = []
            for days in lapses:
                since = None if days is None else _last_by(days, on) or joined
                found.append(None if since is None else since.isoformat())
            lasts = tuple(found)
        elif lasts is None:
            lasts = cast(tuple[str, ...], facts)[1:]
        known = [day for day in lasts if day is not None]
        earliest = min(known) if known else None  # ISO days sort as the days do
        if len(known) < len(lasts) and (
            earliest is None or span_end(date.fromisoformat(earliest), months, "months") >= on
        ):
            missing = [
                f"{_RECORDS[name]} records" if days is None else f"activities or joined of {person}"
                for name, days, day in zip(LAPSES, lapses, lasts, strict=True)
                if day is None
            ]
            # ``last``, the lapse to run out first of those known, gives the span at which the
            # member fails: a sweep or a tipping point reads it from the condition.
            yield (
                person,
                _UNDETERMINED,
                {
                    "last": earliest,
                    **dict(zip(_LAST, lasts, strict=True)),
                    "missing": missing,
                },
            )
            continue
        yield person, (earliest, *lasts, months)


_LAST = ("last_life", "last_dues", "last_work")
_RECORDS = {"life": "organisational life", "dues": "dues", "work": "assigned work"}


_Row = tuple[date | None, tuple[str, ...] | None, tuple[str | None, ...] | None]


class _Life:
    """What NP405 reads of the city's records, per party member as :attr:`Context.memberships`
    gives them, in ``rows``: the day of their latest record of any lapse of :data:`LAPSES`;
    when every lapse is known, the facts NP405 judges but the months (``last``, the earliest
    of the days each lapse is counted from, then each, as ISO text), else ``None`` and the days
    alone (``None`` for a lapse the city records for nobody, or with neither a record nor a
    day joined). A lapse is counted from the member's last record of it, else the day they
    joined, on any day after their latest record; :meth:`lapses` gives the days of each for a
    day before it, read from the records when first asked (a check on the day of the latest
    records never asks)."""

    __slots__ = ("_activities", "_days", "_lapse_of", "rows")

    def __init__(
        self,
        activities: Sequence[Activity],
        lapse_of: Mapping[enums.ActivityKind, int],
        rows: tuple[_Row, ...],
    ) -> None:
        self._activities = activities
        self._lapse_of = lapse_of
        self._days: tuple[dict[str, list[date]] | None, ...] | None = None
        self.rows = rows

    def lapses(self, person: str) -> tuple[Sequence[date] | None, ...]:
        """Per lapse, the days of a member's records of it in order (``None`` for a lapse the
        city records for nobody, which stays unknown)."""
        days = self._days
        if days is None:
            days = self._days = self._read_days()
        return tuple(None if found is None else found.get(person, ()) for found in days)

    def _read_days(self) -> tuple[dict[str, list[date]] | None, ...]:
        recorded = set(self._lapse_of.values())
        days: tuple[defaultdict[str, list[date]] | None, ...] = tuple(
            defaultdict(list) if i in recorded else None for i in range(len(LAPSES))
        )
        into = {
            kind: cast(defaultdict[str, list[date]], days[i]) for kind, i in self._lapse_of.items()
        }
        for activity in self._activities:
            into_kind = into.get(activity.kind)
            if into_kind is not None:
                into_kind[activity.person].append(activity.on)
        for found in days:
            for records in found.values() if found is not None else ():
                records.sort()
        return days


def _organizational_life(ctx: Context) -> _Life:
    """Per party member, what NP405 judges (:class:`_Life`), from one pass over the city's
    activity records keeping each member's latest day of each lapse (a day's ISO text made
    once)."""
    recorded = kinds_recorded(ctx.city)
    lapse_of = {
        kind: i
        for i, kinds in enumerate(LAPSES.values())
        if not kinds.isdisjoint(recorded)
        for kind in kinds
    }
    latest_of: tuple[dict[str, date] | None, ...] = tuple(
        {} if i in lapse_of.values() else None for i in range(len(LAPSES))
    )
    into = {kind: latest_of[i] for kind, i in lapse_of.items()}
    for activity in ctx.city.activities:
        into_kind = into.get(activity.kind)
        if into_kind is not None:
            person = activity.person
            before = into_kind.get(person)
            if before is None or before < activity.on:
                into_kind[person] = activity.on
    iso = DayTexts()
    same: dict[tuple[str | None, ...], tuple[str | None, ...]] = {}  # members alike share
    rows: list[_Row] = []
    for person, party, _ in ctx.memberships:
        joined = party.joined
        lasts: list[str | None] = []
        latest: date | None = None
        for found in latest_of:
            if found is None:
                lasts.append(None)
                continue
            day = found.get(person)
            if day is not None:
                if latest is None or day > latest:
                    latest = day
            else:
                day = joined
            lasts.append(None if day is None else iso[day])
        if None in lasts:
            partly = tuple(lasts)
            rows.append((latest, None, same.setdefault(partly, partly)))
        else:
            known = cast(list[str], lasts)
            whole: tuple[str, ...] = (min(known), *known)
            rows.append((latest, cast(tuple[str, ...], same.setdefault(whole, whole)), None))
    return _Life(ctx.city.activities, lapse_of, tuple(rows))


def _last_by(days: Sequence[date], day: date) -> date | None:
    """The last of these days (in order) on or before ``day``."""
    i = bisect.bisect_right(days, day)
    return days[i - 1] if i else None
