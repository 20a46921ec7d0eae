"""NP2xx: leadership — the secretary, the branch committee and its term."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neighborparty.model import OrgKind, PartyOrganization, Person, Role, Severity, Standing
from neighborparty.rules.conditions import (
    all_of,
    any_of,
    at_least,
    between,
    less_than,
    present,
    span_at_least,
    span_at_most,
    when,
)
from neighborparty.rules.context import Context
from neighborparty.rules.days import span_end
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import POSTS
from neighborparty.rules.rule import Judged, Outcome, rule

__all__: list[str] = []

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED
_COMMITTEE_ROLES = (Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.BRANCH_COMMITTEE_MEMBER)

_STANDING = all_of(
    present("all_full"),
    span_at_least("standing_from", "secretary.min_standing_years", "years"),
)
"""NP205's requirement, of a secretary and of a branch's secretaries together: full members
only, and the latest of them a full member the set years (unknown when a full member's day of
becoming one is not recorded)."""


def _posts(ctx: Context, org: PartyOrganization, roles: tuple[Role, ...]) -> list[tuple[str, bool]]:
    """The holders of these posts in an organisation, with whether each was dispatched."""
    return [(a.person, a.dispatched) for a in ctx.posts(org.id) if a.role in roles]


def _person(ctx: Context, id: str) -> Person:
    found = ctx.city.get(id)
    assert isinstance(found, Person)
    return found


@rule(
    code="NP201",
    title_en="A secretary in office",
    title_zh="支部书记在任",
    citation="支部工作条例",
    severity=Severity.ERROR,
    subject="branch",
    statement_zh="每个党支部都有在任的书记。",
    pass_en="branch {subject} has secretary {secretaries}",
    fail_en="branch {subject} has no secretary in office",
    pass_zh="党支部 {subject} 书记为 {secretaries}",
    fail_zh="党支部 {subject} 没有在任书记",
    condition=present("secretaries"),
    reads=POSTS,
    local=True,
)
def np201(ctx: Context) -> Iterator[Judged]:
    """Every branch has a secretary in office."""
    for branch in ctx.branches:
        holders = sorted({p for p, _ in _posts(ctx, branch, (Role.SECRETARY,))})
        yield branch.id, {"secretaries": holders}


@rule(
    code="NP202",
    title_en="A secretary of the four haves",
    title_zh="书记符合“四有”标准",
    citation="seed [建强-3]",
    severity=Severity.WARNING,
    subject="branch",
    statement_zh="书记经评定符合有能力、有威望、有公心、有热情的“四有”标准，或为社区下派的工作人员。",
    pass_en="branch {subject}: secretary {secretary} {how}",
    fail_en="branch {subject}: secretary {secretary} was not assessed as meeting all four haves "
    "({unmet} unmet) and was not dispatched by the community",
    pass_zh="党支部 {subject}：书记 {secretary} {how}",
    fail_zh="党支部 {subject}：书记 {secretary} 未达“四有”标准（{unmet}），也非社区下派",
    reads=(*POSTS, "people.four_haves"),
    local=True,
)
def np202(ctx: Context) -> Iterator[Outcome]:
    """Every secretary of a branch in office is assessed as meeting all four haves — capability,
    prestige, public spirit, enthusiasm — or is a staffer the community dispatched. A branch
    without a secretary is left to NP201.

    Plain code: the verdict is the worst over several
    secretaries, each judged on a record of four assessments."""
    for branch in ctx.branches:
        posts = sorted(set(_posts(ctx, branch, (Role.SECRETARY,))))
        if not posts:
            continue
        judged: list[tuple[Verdict, dict[str, Any]]] = []
        for secretary, dispatched in posts:
            evidence: dict[str, Any] = {"secretary": secretary}
            assessment = _person(ctx, secretary).four_haves
            if dispatched:
                judged.append((_PASS, {**evidence, "how": "was dispatched by the community"}))
            elif assessment is None:
                missing = [f"four-haves assessment of {secretary}"]
                judged.append((_UNDETERMINED, {**evidence, "missing": missing}))
            else:
                unmet = [
                    name
                    for name in ("capability", "prestige", "public_spirit", "enthusiasm")
                    if not getattr(assessment, name)
                ]
                how = {"how": "meets the four haves", "unmet": unmet}
                judged.append((_FAIL if unmet else _PASS, {**evidence, **how}))
        yield branch.id, *_worst(judged, [p for p, _ in posts])


def _worst(
    judged: list[tuple[Verdict, dict[str, Any]]], secretaries: list[str]
) -> tuple[Verdict, dict[str, Any]]:
    """The branch's verdict over its secretaries: a fail if any fails, else undetermined if any
    cannot be judged, else a pass; with the evidence of the secretary that decided it."""
    for verdict in (_FAIL, _UNDETERMINED, _PASS):
        for v, evidence in judged:
            if v is verdict:
                return verdict, {**evidence, "secretaries": secretaries}
    raise AssertionError("no secretary judged")  # pragma: no cover


def _committee(ctx: Context, branch: PartyOrganization) -> list[str]:
    return sorted({p for p, _ in _posts(ctx, branch, _COMMITTEE_ROLES)})


@rule(
    code="NP203",
    title_en="A branch committee from the set number of full members",
    title_zh="正式党员达到规定人数设支委会",
    citation="支部工作条例 ch. 6 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("committee.required_from_full_members", "committee.min_size"),
    statement_zh="正式党员达到规定人数的党支部设立支部委员会（书记和至少两名委员）。",
    pass_en="branch {subject}: {full_members} full members, committee of {committee_size}",
    fail_en="branch {subject} has {full_members} full members (>= {required_from}) but no "
    "branch committee (only {committee_size} of at least {min_size})",
    pass_zh="党支部 {subject}：正式党员 {full_members} 名，支委会 {committee_size} 人",
    fail_zh="党支部 {subject} 有正式党员 {full_members} 名（≥{required_from}），"
    "却未设支委会（仅 {committee_size} 人，少于 {min_size} 人）",
    condition=any_of(
        less_than("full_members", "committee.required_from_full_members"),
        all_of(present("secretary"), at_least("committee_size", "committee.min_size")),
    ),
    reads=(*POSTS, "people.party"),
    local=True,
)
def np203(ctx: Context) -> Iterator[Judged]:
    """A branch with at least the set number of full members has a branch committee: a
    secretary in office and committee members, at least the committee's smallest size in all."""
    required = ctx.values["committee.required_from_full_members"]
    smallest = ctx.values["committee.min_size"]
    for branch in ctx.branches:
        full = ctx.registered_full_of_branch.get(branch.id, 0)
        size = len(_committee(ctx, branch))
        secretary = bool(_posts(ctx, branch, (Role.SECRETARY,)))
        evidence = {
            "full_members": full,
            "committee_size": size,
            "secretary": secretary,
            "required_from": required,
            "min_size": smallest,
        }
        yield branch.id, evidence


@rule(
    code="NP204",
    title_en="A branch committee of the set size",
    title_zh="支委会人数符合规定",
    citation="支部工作条例 ch. 6 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("committee.min_size", "committee.max_size"),
    statement_zh="设有支委会的党支部，支委会人数在规定范围内。",
    pass_en="branch {subject}: a committee of {committee_size}",
    fail_en="branch {subject}: a committee of {committee_size}, outside {min_size}–{max_size}",
    pass_zh="党支部 {subject}：支委会 {committee_size} 人",
    fail_zh="党支部 {subject}：支委会 {committee_size} 人，不在 {min_size}–{max_size} 人之间",
    condition=between("committee_size", "committee.min_size", "committee.max_size"),
    reads=POSTS,
    local=True,
)
def np204(ctx: Context) -> Iterator[Judged]:
    """A branch that has a committee — anyone holding a committee member's post — has between
    the set smallest and largest number of committee members, the secretary and deputies
    included."""
    smallest = ctx.values["committee.min_size"]
    largest = ctx.values["committee.max_size"]
    for branch in ctx.branches:
        if not _posts(ctx, branch, (Role.BRANCH_COMMITTEE_MEMBER,)):
            continue
        size = len(_committee(ctx, branch))
        yield branch.id, {"committee_size": size, "min_size": smallest, "max_size": largest}


@rule(
    code="NP205",
    title_en="A secretary of the set years' standing",
    title_zh="书记党龄达到规定年限",
    citation="支部工作条例 art. 23 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("secretary.min_standing_years",),
    statement_zh="书记应为正式党员，且党龄（自转正之日起）达到规定年限。",
    pass_en="branch {subject}: secretary {secretary} is a full member since {full_since}",
    fail_en="branch {subject}: secretary {secretary} is {problem}",
    pass_zh="党支部 {subject}：书记 {secretary} 自 {full_since} 起为正式党员",
    fail_zh="党支部 {subject}：书记 {secretary} {problem}",
    condition=_STANDING,
    reads=(*POSTS, "people.party"),
    local=True,
)
def np205(ctx: Context) -> Iterator[Judged]:
    """Every secretary of a branch in office is a full member with at least the set years of
    party standing, counted from the day they became a full member."""
    years = int(ctx.values["secretary.min_standing_years"])
    judge = _STANDING.judge(ctx.values, ctx.on, {f: f for f in _STANDING.facts})
    for branch in ctx.branches:
        secretaries = sorted({p for p, _ in _posts(ctx, branch, (Role.SECRETARY,))})
        if not secretaries:
            continue
        judged: list[tuple[Verdict, dict[str, Any]]] = []
        every = [_standing(ctx, s) for s in secretaries]
        for secretary, facts in zip(secretaries, every, strict=True):
            verdict = judge(facts)
            evidence: dict[str, Any] = {"secretary": secretary, "min_standing_years": years}
            since = facts["standing_from"]
            if since is not None:
                evidence["full_since"] = since
            if since is None and facts["all_full"]:
                evidence["missing"] = [f"full_since of {secretary}"]
            elif verdict is _FAIL:
                evidence["problem"] = facts["problem"] or (
                    f"a full member only since {since}, less than {years} year(s)"
                )
            judged.append((verdict, evidence))
        worst, evidence = _worst(judged, secretaries)
        evidence["all_full"] = all(f["all_full"] for f in every)
        # The latest day any of them became a full member (the most junior decides), unknown
        # when one's day is not recorded and no other fails.
        known = [f["standing_from"] for f in every if f["standing_from"] is not None]
        evidence["standing_from"] = None if worst is _UNDETERMINED or not known else max(known)
        yield branch.id, evidence


def _standing(ctx: Context, secretary: str) -> dict[str, Any]:
    """What NP205 reads of one secretary: whether a full member, since when (ISO, ``None``
    when not recorded), and what else is wrong."""
    party = _person(ctx, secretary).party
    if party is None or party.standing is Standing.PROBATIONARY:
        problem = "not a party member" if party is None else "a probationary member"
        return {
            "all_full": False,
            "standing_from": None,
            "problem": problem,
        }
    since = party.full_since
    return {
        "all_full": True,
        "standing_from": None if since is None else since.isoformat(),
        "problem": None,
    }


_COMMUNITY_KINDS = (OrgKind.COMMUNITY_COMMITTEE, OrgKind.COMMUNITY_BRANCH)


@rule(
    code="NP206",
    title_en="A committee within its term",
    title_zh="支委会按期换届",
    citation="支部工作条例; 关于党的基层组织任期的意见 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("term.community_branch_years", "term.branch_years"),
    statement_zh="党组织按期换届：社区党组织任期五年，其他党支部一般三年，届满之日后即为超期。",
    pass_en="{subject}: elected {elected_on}, term to {term_end}",
    fail_en="{subject}: elected {elected_on}, the {term_years}-year term ran out on {term_end}",
    pass_zh="{subject}：{elected_on} 选举，任期至 {term_end}",
    fail_zh="{subject}：{elected_on} 选举，{term_years} 年任期已于 {term_end} 届满",
    condition=when(
        "community",
        span_at_most("elected_on", "term.community_branch_years", "years"),
        span_at_most("elected_on", "term.branch_years", "years"),
    ),
    reads=("organizations.kind", "organizations.elected_on"),
    local=True,
)
def np206(ctx: Context) -> Iterator[Outcome | Judged]:
    """A branch — and a community's party organisation — holds its next election by the end of
    its term: the set years for a community's organisation, the set years for other
    branches, counted from the day it was elected. On the term's last day it is still within
    its term."""
    community_years = int(ctx.values["term.community_branch_years"])
    branch_years = int(ctx.values["term.branch_years"])
    for org in ctx.city.organizations:
        if not (org.kind.is_branch or org.kind in _COMMUNITY_KINDS):
            continue
        years = community_years if org.kind in _COMMUNITY_KINDS else branch_years
        if org.elected_on is None:
            yield org.id, _UNDETERMINED, {"missing": [f"elected_on of {org.id}"]}
            continue
        end = span_end(org.elected_on, years, "years")
        evidence = {
            "elected_on": org.elected_on.isoformat(),
            "term_years": years,
            "term_end": end.isoformat(),
            "community": org.kind in _COMMUNITY_KINDS,
        }
        yield org.id, evidence
