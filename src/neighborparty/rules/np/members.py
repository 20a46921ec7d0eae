"""NP4xx: the members."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from neighborparty.model import (
    MemberCategory,
    Severity,
    enums,
)
from neighborparty.rules.conditions import between, present, span_less_than
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import COVERING, MEMBERSHIPS
from neighborparty.rules.rule import Judged, Outcome, rule

__all__ = ["ORGANIZATIONAL_LIFE"]

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
    for person, party, compound in ctx.memberships:
        branches = covering.get(compound, nothing)
        placed = (
            party.registered_in
            if party.registered_in in branches
            else party.managed_in
            if party.managed_in in branches
            else None
        )
        yield person, _PASS if placed else _FAIL, (compound, placed)


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
    for person, party, compound in ctx.memberships:
        if party.category is not in_service:
            continue
        community = community_of[compound]
        verdict = _PASS if party.reported_to == community else _FAIL
        yield person, verdict, (community, party.reported_to)


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
    for person_id, claims in ctx.city_fact(_demand_lists):
        n = 0
        for day, compound in claims:
            if day <= on and compound:
                n += 1
        yield person_id, (n, smallest, largest)


def _demand_lists(ctx: Context) -> tuple[tuple[str, tuple[tuple[date, bool], ...]], ...]:
    """Per member of a compound branch, by id: each of their claims' day, and whether the item
    is on the demand list of a compound their branches cover."""
    city = ctx.city
    lists: dict[str, set[str]] = defaultdict(set)
    members_of, compounds_of = ctx.members_of_branch, ctx.compounds_of_branch
    for branch in ctx.compound_branches:
        for person in members_of.get(branch.id, ()):
            lists[person.id].update(compounds_of.get(branch.id, ()))
    item_compound = {item.id: item.compound for item in city.service_items}
    claimed: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for claim in city.claims:
        claimed[claim.person].append((claim.claimed_on, item_compound[claim.item]))
    return tuple(
        (person, tuple((day, compound in compounds) for day, compound in claimed.get(person, ())))
        for person, compounds in sorted(lists.items())
    )


@rule(
    code="NP405",
    title_en="Organisational life within the set months",
    title_zh="规定月数内参加组织生活",
    citation="党章 art. 9",
    severity=Severity.WARNING,
    subject="person",
    parameters=("membership.inactive_months",),
    statement_zh="党员连续规定月数不参加组织生活、不交纳党费或不做分配的工作，视为自行脱党；以最近一次记录起算。",
    pass_en="member {subject}: last organisational life on {last}",
    fail_en="member {subject}: no organisational life, dues or assigned work since {last} "
    "({months} months or more)",
    pass_zh="党员 {subject}：最近一次组织生活 {last}",
    fail_zh="党员 {subject}：自 {last} 起已连续 {months} 个月以上未参加组织生活、交纳党费或完成工作",
    condition=span_less_than("last", "membership.inactive_months", "months"),
    facts=("last", "months"),
    reads=("activities", *MEMBERSHIPS),
    local=True,
)
def np405(ctx: Context) -> Iterator[Outcome | Judged]:
    """A member has organisational life, pays dues or does assigned work at least once in every
    stretch of the set number of consecutive months: it fails when the day of the check is that
    many months or more after the last such record (or after joining, with none). A city that
    records no activities at all cannot be judged."""
    months = int(ctx.values["membership.inactive_months"])
    if not ctx.city.activities:
        for member, _, _ in ctx.memberships:
            yield member, _UNDETERMINED, {"missing": ["activity records"]}
        return
    on = ctx.on
    for (person, party, _), (days, last) in zip(
        ctx.memberships, ctx.city_fact(_organizational_life), strict=True
    ):
        if days and days[-1] <= on:
            yield person, (last, months)
            continue
        since = _last_by(days, on) or party.joined
        if since is None:
            yield person, _UNDETERMINED, {"missing": [f"activities or joined of {person}"]}
            continue
        yield person, (since.isoformat(), months)


def _organizational_life(ctx: Context) -> tuple[tuple[tuple[date, ...], str | None], ...]:
    """Per party member, as :attr:`Context.memberships`: the days of their organisational
    life, dues and assigned work, in order, and the last of them as ISO text."""
    days: dict[str, list[date]] = defaultdict(list)
    for activity in ctx.city.activities:
        if activity.kind in ORGANIZATIONAL_LIFE:
            days[activity.person].append(activity.on)
    rows = []
    for person, _, _ in ctx.memberships:
        found = tuple(sorted(days.get(person, ())))
        rows.append((found, found[-1].isoformat() if found else None))
    return tuple(rows)


def _last_by(days: tuple[date, ...], day: date) -> date | None:
    """The last of these days (in order) on or before ``day``."""
    i = bisect.bisect_right(days, day)
    return days[i - 1] if i else None
