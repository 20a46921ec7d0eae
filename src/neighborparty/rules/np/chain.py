"""NP3xx: the chain below the branch — building and lane groups, party-member building heads
(党员楼栋长) and party members' central households (党员中心户)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from neighborparty.model import Appointment, Role, Severity
from neighborparty.rules.conditions import present
from neighborparty.rules.context import Context
from neighborparty.rules.rule import Judged, rule

__all__ = ["CHAIN_POSTS", "SERVING_POSTS"]

SERVING_POSTS = frozenset({Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD})
"""The posts in a building or lane that serve it: the party-member building head and the party
member's central household (seed [建强-2])."""

CHAIN_POSTS = frozenset({*SERVING_POSTS, Role.GROUP_LEADER})
"""The posts of the chain below the branch, each one for a party member: the building head, the
central household and the leader of a building or lane group."""


@rule(
    code="NP301",
    title_en="Every members' building served",
    title_zh="党员楼栋有人联系",
    citation="seed [建强-2]",
    severity=Severity.WARNING,
    subject="building",
    parameters=("chain.min_members_per_building",),
    statement_zh="有党员居住的楼栋（街巷）由楼栋（街巷）党小组、党员楼栋长或党员中心户联系服务；"
    "非党员担任的楼栋长、中心户不算。",
    pass_en="building {subject}: {members} members, served by {served_by}",
    fail_en="building {subject}: {members} members live there but no group, party-member "
    "building head or central household serves it",
    pass_zh="楼栋 {subject}：党员 {members} 名，由 {served_by} 联系",
    fail_zh="楼栋 {subject}：有党员 {members} 名，却无党小组、党员楼栋长或党员中心户联系",
    facts=("members", "served_by"),
    condition=present("served_by"),
    reads=(
        "buildings",
        "lanes",
        "appointments",
        "organizations.kind",
        "organizations.covers",
        "people.home",
        "people.party",
    ),
    local=True,
)
def np301(ctx: Context) -> Iterator[Judged]:
    """A building or lane where at least the set number of party members live is served by a
    building or lane group, a party-member building head or a party member's central
    household. A building head or central household who is not a party member does not serve
    it (see NP302). (The number chooses the buildings judged; it is no threshold of the
    verdict.)"""
    minimum = ctx.values["chain.min_members_per_building"]
    held = ctx.held
    rows = ctx.city_fact(_served_parts if minimum <= 0 else _served_parts_with_members)
    for part, members, groups, heads in rows:
        if members < minimum:
            continue
        served = list(groups)
        for a in heads:
            if held(a.start, a.end):
                served.append(f"{a.role.value} {a.person}")
        yield part, (members, served)


_PartRow = tuple[str, int, tuple[str, ...], tuple[Appointment, ...]]


def _member_ids(ctx: Context) -> frozenset[str]:
    """The ids of the party members, full or probationary."""
    return frozenset(p.id for p in ctx.members)


def _served_parts(ctx: Context) -> tuple[_PartRow, ...]:
    """Per building, then per lane, in document order: its id, the members living there, the
    groups covering it, and the posts of its party-member building heads and central
    households."""
    city = ctx.city
    grouped: dict[str, list[str]] = defaultdict(list)
    for org in city.organizations:
        if org.kind.is_group:
            for place in org.covers:
                grouped[place].append(org.id)
    members = ctx.city_fact(_member_ids)
    heads: dict[str, list[Appointment]] = defaultdict(list)
    for a in city.appointments:
        if a.role in SERVING_POSTS and a.person in members:
            heads[a.body].append(a)
    at_home = ctx.members_at_home
    parts = [b.id for b in city.buildings] + [ln.id for ln in city.lanes]
    return tuple(
        (part, at_home.get(part, 0), tuple(grouped.get(part, ())), tuple(heads.get(part, ())))
        for part in parts
    )


def _served_parts_with_members(ctx: Context) -> tuple[_PartRow, ...]:
    """The rows of :func:`_served_parts` of the parts where a member lives."""
    return tuple(row for row in ctx.city_fact(_served_parts) if row[1])


@rule(
    code="NP302",
    title_en="The chain's posts held by party members",
    title_zh="楼栋长、中心户、党小组长由党员担任",
    citation="seed [建强-2]",
    severity=Severity.WARNING,
    subject="person",
    statement_zh="党员楼栋（道）长、党员中心户和党小组长由党员担任；非党员担任的，不算联系服务楼栋。",
    pass_en="{subject} holds {posts} as a party member",
    fail_en="{subject} holds {posts} but is not a party member: the post does not serve the "
    "building",
    pass_zh="{subject} 以党员身份担任 {posts}",
    fail_zh="{subject} 担任 {posts}，但不是党员：该职务不算联系服务楼栋",
    facts=("posts", "party_member"),
    condition=present("party_member"),
    reads=("appointments", "people.party"),
    local=True,
    order="id",
)
def np302(ctx: Context) -> Iterator[Judged]:
    """Whoever holds a post of the chain below the branch — a building head (党员楼栋长), a
    central household (党员中心户) or a building or lane group's leader (党小组长) — is a party
    member, full or probationary: the seed names these posts for members, and a post held by
    someone else does not serve the building."""
    held = ctx.held
    members = ctx.city_fact(_member_ids)
    for person, posts in ctx.city_fact(_chain_posts):
        shown = [text for start, end, text in posts if held(start, end)]
        if shown:
            yield person, (shown, person in members)


_Post = tuple[date, date | None, str]


def _chain_posts(ctx: Context) -> tuple[tuple[str, tuple[_Post, ...]], ...]:
    """Per person holding a post of the chain, by id: each post's first and last day and the
    post in words."""
    posts: dict[str, list[_Post]] = defaultdict(list)
    for a in ctx.city.appointments:
        if a.role in CHAIN_POSTS:
            posts[a.person].append((a.start, a.end, f"{a.role.value} {a.body}"))
    return tuple((person, tuple(posts[person])) for person in sorted(posts))
