"""NP2xx: leadership — the secretary, the branch committee and its term."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from neighborparty.model import OrgKind, PartyOrganization, Person, Role, Severity, Standing
from neighborparty.rules.context import Context
from neighborparty.rules.days import add_years, reached
from neighborparty.rules.findings import Verdict
from neighborparty.rules.rule import Outcome, Threshold, rule

__all__: list[str] = []

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED
_COMMITTEE_ROLES = (Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.BRANCH_COMMITTEE_MEMBER)


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
)
def np201(ctx: Context) -> Iterator[Outcome]:
    """Every branch has a secretary in office."""
    for branch in ctx.branches:
        holders = sorted({p for p, _ in _posts(ctx, branch, (Role.SECRETARY,))})
        yield branch.id, _PASS if holders else _FAIL, {"secretaries": holders}


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
)
def np202(ctx: Context) -> Iterator[Outcome]:
    """Every secretary of a branch in office is assessed as meeting all four haves — capability,
    prestige, public spirit, enthusiasm — or is a staffer the community dispatched. A branch
    without a secretary is left to NP201."""
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
    title_en="A branch committee from seven full members",
    title_zh="正式党员七人以上设支委会",
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
    tipping={
        "committee.required_from_full_members": lambda e, v, day: (
            Threshold("<=", e["full_members"])
            if not e["secretary"] or e["committee_size"] < v["committee.min_size"]
            else Threshold("never")
        ),
        "committee.min_size": lambda e, v, day: (
            Threshold("never")
            if e["full_members"] < v["committee.required_from_full_members"]
            else Threshold("always")
            if not e["secretary"]
            else Threshold(">", e["committee_size"])
        ),
    },
)
def np203(ctx: Context) -> Iterator[Outcome]:
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
        has_committee = secretary and size >= smallest
        yield branch.id, _FAIL if full >= required and not has_committee else _PASS, evidence


@rule(
    code="NP204",
    title_en="A branch committee of three to seven",
    title_zh="支委会三至七人",
    citation="支部工作条例 ch. 6 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("committee.min_size", "committee.max_size"),
    statement_zh="设有支委会的党支部，支委会人数在规定范围内。",
    pass_en="branch {subject}: a committee of {committee_size}",
    fail_en="branch {subject}: a committee of {committee_size}, outside {min_size}–{max_size}",
    pass_zh="党支部 {subject}：支委会 {committee_size} 人",
    fail_zh="党支部 {subject}：支委会 {committee_size} 人，不在 {min_size}–{max_size} 人之间",
    tipping={
        "committee.min_size": lambda e, v, day: (
            Threshold("always")
            if e["committee_size"] > v["committee.max_size"]
            else Threshold(">", e["committee_size"])
        ),
        "committee.max_size": lambda e, v, day: (
            Threshold("always")
            if e["committee_size"] < v["committee.min_size"]
            else Threshold("<", e["committee_size"])
        ),
    },
)
def np204(ctx: Context) -> Iterator[Outcome]:
    """A branch that has a committee — anyone holding a committee member's post — has between
    the set smallest and largest number of committee members, the secretary and deputies
    included."""
    smallest = ctx.values["committee.min_size"]
    largest = ctx.values["committee.max_size"]
    for branch in ctx.branches:
        if not _posts(ctx, branch, (Role.BRANCH_COMMITTEE_MEMBER,)):
            continue
        size = len(_committee(ctx, branch))
        evidence = {"committee_size": size, "min_size": smallest, "max_size": largest}
        yield branch.id, _PASS if smallest <= size <= largest else _FAIL, evidence


@rule(
    code="NP205",
    title_en="A secretary of a year's standing",
    title_zh="书记党龄一年以上",
    citation="支部工作条例 art. 23 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("secretary.min_standing_years",),
    statement_zh="书记应为正式党员，且党龄（自转正之日起）达到规定年限。",
    pass_en="branch {subject}: secretary {secretary} is a full member since {full_since}",
    fail_en="branch {subject}: secretary {secretary} is {problem}",
    pass_zh="党支部 {subject}：书记 {secretary} 自 {full_since} 起为正式党员",
    fail_zh="党支部 {subject}：书记 {secretary} {problem}",
    tipping={"secretary.min_standing_years": lambda e, v, day: _standing_tip(e, day)},
)
def np205(ctx: Context) -> Iterator[Outcome]:
    """Every secretary of a branch in office is a full member with at least the set years of
    party standing, counted from the day they became a full member."""
    years = int(ctx.values["secretary.min_standing_years"])
    for branch in ctx.branches:
        secretaries = sorted({p for p, _ in _posts(ctx, branch, (Role.SECRETARY,))})
        if not secretaries:
            continue
        judged: list[tuple[Verdict, dict[str, Any]]] = []
        for secretary in secretaries:
            party = _person(ctx, secretary).party
            evidence: dict[str, Any] = {"secretary": secretary, "min_standing_years": years}
            if party is None:
                judged.append((_FAIL, {**evidence, "problem": "not a party member"}))
            elif party.standing is Standing.PROBATIONARY:
                judged.append((_FAIL, {**evidence, "problem": "a probationary member"}))
            elif party.full_since is None:
                judged.append(
                    (_UNDETERMINED, {**evidence, "missing": [f"full_since of {secretary}"]})
                )
            else:
                evidence["full_since"] = party.full_since.isoformat()
                if not reached(party.full_since, ctx.on, years=years):
                    evidence["problem"] = (
                        f"a full member only since {party.full_since.isoformat()}, "
                        f"less than {years} year(s)"
                    )
                judged.append((_FAIL if "problem" in evidence else _PASS, evidence))
        verdict, evidence = _worst(judged, secretaries)
        known = [e["full_since"] for v, e in judged if "full_since" in e]
        if verdict is not _UNDETERMINED:
            evidence["standing_from"] = max(known) if known else None
            evidence["not_full"] = any("full_since" not in e for _, e in judged)
        yield branch.id, verdict, evidence


_COMMUNITY_KINDS = (OrgKind.COMMUNITY_COMMITTEE, OrgKind.COMMUNITY_BRANCH)


def _whole_years(since: date, day: date) -> int:
    """The most whole years ``n`` with ``add_years(since, n) <= day`` (-1 if ``since`` is later)."""
    n = day.year - since.year
    while n >= 0 and not reached(since, day, years=n):
        n -= 1
    return n


def _term_tip(evidence: Mapping[str, Any], day: date, *, community: bool) -> Threshold:
    """The term fails for lengths ``y`` with ``add_years(elected_on, y) < day``."""
    if evidence["community"] != community:  # the other parameter decides: the verdict stays
        ran_out = day > date.fromisoformat(evidence["term_end"])
        return Threshold("always" if ran_out else "never")
    elected = date.fromisoformat(evidence["elected_on"])
    n = _whole_years(elected, day)
    # add_years(elected, y) < day holds for y <= n, except when the n-th anniversary is the day.
    return Threshold("<=", n - 1) if add_years(elected, n) == day else Threshold("<=", n)


def _standing_tip(evidence: Mapping[str, Any], day: date) -> Threshold:
    """Standing fails for required years ``y`` with ``add_years(full_since, y) > day`` for the
    most recent full member among the secretaries, and always with a non-full secretary."""
    if evidence["not_full"] or evidence["standing_from"] is None:
        return Threshold("always")
    return Threshold(">", _whole_years(date.fromisoformat(evidence["standing_from"]), day))


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
    tipping={
        "term.community_branch_years": lambda e, v, day: _term_tip(e, day, community=True),
        "term.branch_years": lambda e, v, day: _term_tip(e, day, community=False),
    },
)
def np206(ctx: Context) -> Iterator[Outcome]:
    """A branch — and a community's party organisation — holds its next election by the end of
    its term: five years for a community's organisation, three for other branches, counted
    from the day it was elected. On the term's last day it is still within its term."""
    community_years = int(ctx.values["term.community_branch_years"])
    branch_years = int(ctx.values["term.branch_years"])
    for org in ctx.city.organizations:
        if not (org.kind.is_branch or org.kind in _COMMUNITY_KINDS):
            continue
        years = community_years if org.kind in _COMMUNITY_KINDS else branch_years
        if org.elected_on is None:
            yield org.id, _UNDETERMINED, {"missing": [f"elected_on of {org.id}"]}
            continue
        end = add_years(org.elected_on, years)
        evidence = {
            "elected_on": org.elected_on.isoformat(),
            "term_years": years,
            "term_end": end.isoformat(),
            "community": org.kind in _COMMUNITY_KINDS,
        }
        yield org.id, _FAIL if ctx.on > end else _PASS, evidence
