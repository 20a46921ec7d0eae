"""NP3xx and NP4xx: the chain below the branch, and the members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from neighborparty.model import ActivityKind, MemberCategory, Role, Severity
from neighborparty.rules.base import Context, Outcome, Threshold, add_months, rule
from neighborparty.rules.findings import Verdict

__all__ = ["ORGANIZATIONAL_LIFE"]

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

ORGANIZATIONAL_LIFE = frozenset(
    {
        ActivityKind.THEME_PARTY_DAY,
        ActivityKind.BRANCH_MEETING,
        ActivityKind.GROUP_MEETING,
        ActivityKind.PARTY_LECTURE,
        ActivityKind.ORGANIZATIONAL_LIFE_MEETING,
        ActivityKind.DUES_PAID,
        ActivityKind.ASSIGNED_WORK,
    }
)
"""The activities that count as organisational life, dues or assigned work (党章 art. 9)."""


@rule(
    code="NP301",
    title_en="Every members' building served",
    title_zh="党员楼栋有人联系",
    citation="seed [建强-2]",
    severity=Severity.WARNING,
    subject="building",
    parameters=("chain.min_members_per_building",),
    statement_zh="有党员居住的楼栋（街巷）由楼栋（街巷）党小组、党员楼栋长或党员中心户联系服务。",
    pass_en="building {subject}: {members} members, served by {served_by}",
    fail_en="building {subject}: {members} members live there but no group, building head or "
    "central household serves it",
    pass_zh="楼栋 {subject}：党员 {members} 名，由 {served_by} 联系",
    fail_zh="楼栋 {subject}：有党员 {members} 名，却无党小组、楼栋长或中心户联系",
)
def np301(ctx: Context) -> Iterator[Outcome]:
    """A building or lane where at least the set number of party members live is served by a
    building or lane group, a party-member building head or a central household."""
    minimum = ctx.values["chain.min_members_per_building"]
    city = ctx.city
    grouped: dict[str, list[str]] = defaultdict(list)
    for org in city.organizations:
        if org.kind.is_group:
            for place in org.covers:
                grouped[place].append(org.id)
    parts = [b.id for b in city.buildings] + [ln.id for ln in city.lanes]
    at_home = ctx.members_at_home
    for part in parts:
        members = at_home.get(part, 0)
        if members < minimum:
            continue
        served = list(grouped.get(part, ())) + [
            f"{a.role.value} {a.person}"
            for a in city.appointments_in(part)
            if a.role in (Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD) and ctx.held(a.start, a.end)
        ]
        evidence = {"members": members, "served_by": served}
        yield part, _PASS if served else _FAIL, evidence


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
)
def np401(ctx: Context) -> Iterator[Outcome]:
    """A party member living in a compound is placed in a branch covering it: registered there,
    or managed there as a non-registered member."""
    home = ctx.home_compound
    covering = ctx.branches_of_compound
    nothing: frozenset[str] = frozenset()
    for person in ctx.city.people:
        party = person.party
        if party is None:
            continue
        compound = home[person.id]
        branches = covering.get(compound, nothing)
        placed = next((o for o in (party.registered_in, party.managed_in) if o in branches), None)
        evidence = {"compound": compound, "branch": placed}
        yield person.id, _PASS if placed else _FAIL, evidence


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
)
def np402(ctx: Context) -> Iterator[Outcome]:
    """An in-service member has reported to the community they live in (双报到)."""
    home = ctx.home_compound
    community_of = {c.id: c.community for c in ctx.city.compounds}
    for person in ctx.city.people:
        party = person.party
        if party is None or party.category is not MemberCategory.IN_SERVICE:
            continue
        community = community_of[home[person.id]]
        evidence = {"community": community, "reported_to": party.reported_to}
        yield person.id, _PASS if party.reported_to == community else _FAIL, evidence


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
)
def np403(ctx: Context) -> Iterator[Outcome]:
    """A member has shown identity (亮身份), e.g. with a party-member household plaque."""
    for person in ctx.city.people:
        party = person.party
        if party is None:
            continue
        if party.identity_shown is None:
            yield person.id, _UNDETERMINED, {"missing": [f"identity_shown of {person.id}"]}
        else:
            yield person.id, _PASS if party.identity_shown else _FAIL, {}


@rule(
    code="NP404",
    title_en="One or two service items claimed",
    title_zh="党员认领一至两项服务",
    citation="seed [凝聚-2]",
    severity=Severity.INFO,
    subject="person",
    parameters=("service.min_claims", "service.max_claims"),
    statement_zh="小区党支部的党员从小区需求清单中认领规定数量的服务项目。",
    pass_en="member {subject} claims {claims} service item(s)",
    fail_en="member {subject} claims {claims} service item(s), outside {min_claims}–{max_claims}",
    pass_zh="党员 {subject} 认领服务 {claims} 项",
    fail_zh="党员 {subject} 认领服务 {claims} 项，不在 {min_claims}–{max_claims} 项之间",
    tipping={
        "service.min_claims": lambda e, v, day: (
            Threshold("always")
            if e["claims"] > v["service.max_claims"]
            else Threshold(">", e["claims"])
        ),
        "service.max_claims": lambda e, v, day: (
            Threshold("always")
            if e["claims"] < v["service.min_claims"]
            else Threshold("<", e["claims"])
        ),
    },
)
def np404(ctx: Context) -> Iterator[Outcome]:
    """A member of a compound branch — registered or managed there — has claimed between the set
    fewest and most service items of the demand lists of the compounds their branches cover,
    counting claims made by the day of the check."""
    smallest = ctx.values["service.min_claims"]
    largest = ctx.values["service.max_claims"]
    item_compound = {item.id: item.compound for item in ctx.city.service_items}
    claimed: dict[str, list[str]] = defaultdict(list)
    for claim in ctx.city.claims:
        if claim.claimed_on <= ctx.on:
            claimed[claim.person].append(item_compound[claim.item])
    lists: dict[str, set[str]] = defaultdict(set)
    for branch in ctx.compound_branches:
        for person in ctx.members_of_branch.get(branch.id, ()):
            lists[person.id].update(ctx.compounds_of_branch.get(branch.id, ()))
    for person_id, compounds in sorted(lists.items()):
        n = sum(1 for compound in claimed.get(person_id, ()) if compound in compounds)
        evidence = {"claims": n, "min_claims": smallest, "max_claims": largest}
        yield person_id, _PASS if smallest <= n <= largest else _FAIL, evidence


def _inactivity_tip(evidence: Mapping[str, Any], day: date) -> Threshold:
    """Inactivity fails for month counts ``n`` with ``add_months(last, n) <= day``."""
    since = date.fromisoformat(evidence["last"])
    n = (day.year - since.year) * 12 + day.month - since.month
    while n >= 0 and add_months(since, n) > day:
        n -= 1
    return Threshold("<=", n)


@rule(
    code="NP405",
    title_en="Organisational life within six months",
    title_zh="六个月内参加组织生活",
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
    tipping={"membership.inactive_months": lambda e, v, day: _inactivity_tip(e, day)},
)
def np405(ctx: Context) -> Iterator[Outcome]:
    """A member has organisational life, pays dues or does assigned work at least once in every
    stretch of the set number of consecutive months: it fails when the day of the check is that
    many months or more after the last such record (or after joining, with none). A city that
    records no activities at all cannot be judged."""
    months = int(ctx.values["membership.inactive_months"])
    city = ctx.city
    if not city.activities:
        for person in city.people:
            if person.party is not None:
                yield person.id, _UNDETERMINED, {"missing": ["activity records"]}
        return
    last: dict[str, date] = {}
    for activity in city.activities:
        if activity.kind in ORGANIZATIONAL_LIFE and activity.on <= ctx.on:
            previous = last.get(activity.person)
            if previous is None or activity.on > previous:
                last[activity.person] = activity.on
    for person in city.people:
        party = person.party
        if party is None:
            continue
        since = last.get(person.id) or party.joined
        if since is None:
            yield person.id, _UNDETERMINED, {"missing": [f"activities or joined of {person.id}"]}
            continue
        evidence = {"last": since.isoformat(), "months": months}
        overdue = ctx.on >= add_months(since, months)
        yield person.id, _FAIL if overdue else _PASS, evidence
