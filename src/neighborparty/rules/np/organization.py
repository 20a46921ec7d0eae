"""NP1xx: the organisation — one compound, one branch; formation; coverage; branch size."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neighborparty.graph.coverage import is_organized, is_worked
from neighborparty.model import CompoundKind, Formation, OrgKind, Severity
from neighborparty.rules.conditions import (
    any_of,
    at_least,
    at_most,
    less_than,
    present,
    share_at_least,
)
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import COVERING, MEMBERSHIPS
from neighborparty.rules.rule import Judged, Outcome, rule

__all__: list[str] = []

_PASS, _FAIL = Verdict.PASS, Verdict.FAIL


def _own_standalone(ctx: Context) -> dict[str, str]:
    """Per compound that has one: the compound branch of this compound alone, formed standalone
    (or with no formation)."""
    found: dict[str, str] = {}
    for compound in ctx.city.compounds:
        for branch in ctx.city.branches_covering(compound.id):
            if (
                branch.kind is OrgKind.COMPOUND_BRANCH
                and branch.formation is not Formation.JOINT
                and ctx.compounds_of_branch.get(branch.id) == (compound.id,)
            ):
                found[compound.id] = branch.id
                break
    return found


def _covering_branches(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Per compound: the ids of the branches covering it, in document order."""
    return {c.id: tuple(b.id for b in ctx.city.branches_covering(c.id)) for c in ctx.city.compounds}


@rule(
    code="NP101",
    title_en="One compound, one branch",
    title_zh="一小区一支部",
    citation="seed [建强-2]",
    severity=Severity.ERROR,
    subject="compound",
    statement_zh="每个小区都有党支部覆盖：单独或联合组建的小区党支部，或院落、网格党支部。",
    pass_en="compound {subject} is covered by {branches}",
    fail_en="compound {subject} is covered by no branch",
    pass_zh="小区 {subject} 由 {branches} 覆盖",
    fail_zh="小区 {subject} 没有党支部覆盖",
    condition=present("branches"),
    reads=("compounds", *COVERING),
    local=True,
)
def np101(ctx: Context) -> Iterator[Judged]:
    """Every compound is covered by a branch: a compound branch of its own or a joint one, or a
    courtyard or grid branch."""
    covering = ctx.city_fact(_covering_branches)
    for compound in ctx.city.compounds:
        yield compound.id, {"branches": list(covering[compound.id])}


@rule(
    code="NP102",
    title_en="Standalone branch where the compound qualifies",
    title_zh="符合条件的小区单独组建",
    citation="seed [建强-2]",
    severity=Severity.ERROR,
    subject="compound",
    parameters=("formation.standalone_min_full_members", "formation.standalone_min_households"),
    statement_zh="成熟物业小区在册正式党员达到规定人数、居民户数达到规定户数的，单独组建小区党支部。",
    pass_en="compound {subject} has {full_members} registered full members and {households} "
    "households; standalone branch: {standalone_branches}",
    fail_en="compound {subject} has {full_members} registered full members (>= {min_full_members}) "
    "and {households} households (>= {min_households}) but no standalone branch of its own",
    pass_zh="小区 {subject} 在册正式党员 {full_members} 名、{households} 户；单独支部：{standalone_branches}",
    fail_zh="小区 {subject} 在册正式党员 {full_members} 名（≥{min_full_members}）、"
    "{households} 户（≥{min_households}），却没有单独组建的党支部",
    condition=any_of(
        present("standalone_branches"),
        less_than("full_members", "formation.standalone_min_full_members"),
        less_than("households", "formation.standalone_min_households"),
    ),
    reads=("compounds", "organizations", *COVERING, *MEMBERSHIPS),
    local=True,
)
def np102(ctx: Context) -> Iterator[Judged]:
    """A mature managed compound with at least the set number of registered full members living
    in it and at least the set number of households forms a standalone branch of its own. A
    member is registered there when a branch covering the compound, or the community's party
    organisation, holds the relation — not a company's or a unit's organisation."""
    min_members = ctx.values["formation.standalone_min_full_members"]
    min_households = ctx.values["formation.standalone_min_households"]
    standalone = ctx.city_fact(_own_standalone)
    registered = ctx.full_registered_living_in
    for compound in ctx.city.compounds:
        if compound.kind is not CompoundKind.MANAGED:
            continue
        own = standalone.get(compound.id)
        evidence: dict[str, Any] = {
            "full_members": registered.get(compound.id, 0),
            "households": compound.households,
            "min_full_members": min_members,
            "min_households": min_households,
            "standalone_branches": [] if own is None else [own],
        }
        yield compound.id, evidence


@rule(
    code="NP103",
    title_en="A branch of at least the set number of full members",
    title_zh="支部正式党员不少于规定人数",
    citation="党章 art. 30; 支部工作条例 art. 4",
    severity=Severity.ERROR,
    subject="branch",
    parameters=("branch.min_full_members",),
    statement_zh="党支部应有不少于规定人数的正式党员（其组织关系在本支部）。",
    pass_en="branch {subject} holds {full_members} full members",
    fail_en="branch {subject} holds {full_members} full members, fewer than {min_full_members}",
    pass_zh="党支部 {subject} 有正式党员 {full_members} 名",
    fail_zh="党支部 {subject} 仅有正式党员 {full_members} 名，少于 {min_full_members} 名",
    condition=at_least("full_members", "branch.min_full_members"),
    reads=("organizations.kind", "people.party"),
    local=True,
)
def np103(ctx: Context) -> Iterator[Judged]:
    """A branch (compound, courtyard or grid) holds the relations of at least the set number of
    full members."""
    minimum = ctx.values["branch.min_full_members"]
    for branch in ctx.branches:
        full = ctx.registered_full_of_branch.get(branch.id, 0)
        yield branch.id, {"full_members": full, "min_full_members": minimum}


@rule(
    code="NP104",
    title_en="Open areas by courtyard or grid",
    title_zh="开放松散区域按院落网格建支部",
    citation="seed [建强-2]",
    severity=Severity.INFO,
    subject="compound",
    statement_zh="拆迁安置区、无物业小区和老城街巷宜划分院落网格，建立院落、网格党支部，而非单独组建小区党支部。",
    pass_en="compound {subject} ({kind}) is not organised as a standalone compound branch",
    fail_en="compound {subject} ({kind}) is organised as the standalone compound branch "
    "{standalone_branch} rather than by courtyard or grid branches",
    reads=("compounds", "organizations", *COVERING),
    local=True,
    pass_zh="小区 {subject}（{kind}）未单独组建小区党支部",
    fail_zh="小区 {subject}（{kind}）单独组建了小区党支部 {standalone_branch}，宜按院落网格组建",
)
def np104(ctx: Context) -> Iterator[Outcome]:
    """An open resettlement area, a compound without property management or an old-town quarter
    is organised by courtyard or grid branches, not as a standalone compound branch (advice).

    Plain code: it fails on a branch that is there, which no helper states as a requirement."""
    standalone = ctx.city_fact(_own_standalone)
    for compound in ctx.city.compounds:
        if compound.kind is CompoundKind.MANAGED:
            continue
        own = standalone.get(compound.id)
        evidence = {"kind": compound.kind.value, "standalone_branch": own}
        yield compound.id, _FAIL if own else _PASS, evidence


_LEVELS = ("community", "subdistrict", "district", "city")

_COVERAGE_READS = (
    "districts",
    "subdistricts",
    "communities",
    "compounds",
    "appointments",
    *COVERING,
)
"""What coverage reads: the places, what covers them, and the posts of compound secretaries."""


def _coverage_rows(ctx: Context) -> tuple[tuple[str, tuple[str, ...], bool, bool], ...]:
    """Per compound, in document order: its id, its community, sub-district, district and
    city, whether it is organised, and whether a branch covers it (then it is worked)."""
    city = ctx.city
    rows = []
    for c in city.compounds:
        places = (*city.ancestors(c.id), city.id)
        rows.append((c.id, places, is_organized(city, c.id), bool(city.branches_covering(c.id))))
    return tuple(rows)


def _coverage_outcomes(ctx: Context, *, work: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """Coverage (see :func:`~neighborparty.graph.coverage.coverage`) of every place with
    compounds, level by level, places in the order of their first compound."""
    target = ctx.values["coverage.work_target" if work else "coverage.organization_target"]
    on = None if ctx.open_posts else ctx.on
    city = ctx.city
    rows = [
        (places, (branch or is_worked(city, compound, on=on)) if work else organized)
        for compound, places, organized, branch in ctx.city_fact(_coverage_rows)
    ]
    for i, level in enumerate(_LEVELS):
        totals: dict[str, list[int]] = {}
        for places, reached in rows:
            counts = totals.get(places[i])
            if counts is None:
                counts = totals[places[i]] = [0, 0]
            counts[0] += 1
            counts[1] += reached
        for place, (compounds, covered) in totals.items():
            yield _coverage_outcome(level, place, compounds, covered, target)


def _coverage_outcome(
    level: str, place: str, compounds: int, covered: int, target: float
) -> tuple[str, dict[str, Any]]:
    """The coverage facts of a place with compounds, ``covered`` of which are reached: its
    condition judges the share exactly (the rate shown is rounded)."""
    evidence = {
        "level": level,
        "compounds": compounds,
        "covered": covered,
        "rate": round(covered / compounds, 4),
        "target": target,
    }
    return place, evidence


@rule(
    code="NP105",
    title_en="Organisation coverage",
    title_zh="组织覆盖率",
    citation="seed [建强-2]",
    severity=Severity.WARNING,
    subject="place",
    parameters=("coverage.organization_target",),
    statement_zh="社区、街道、区和全市的小区党组织覆盖率（有单独或联合组建小区党支部的小区占比）达到目标。",
    pass_en="{level} {subject}: {covered} of {compounds} compounds have a compound branch "
    "({rate:.1%}, target {target:.0%})",
    fail_en="{level} {subject}: only {covered} of {compounds} compounds have a compound branch "
    "({rate:.1%}, below the target {target:.0%})",
    pass_zh="{subject}：{compounds} 个小区中 {covered} 个有小区党支部（{rate:.1%}，目标 {target:.0%}）",
    fail_zh="{subject}：{compounds} 个小区中仅 {covered} 个有小区党支部（{rate:.1%}，低于目标 {target:.0%}）",
    condition=share_at_least("covered", "compounds", "coverage.organization_target"),
    reads=_COVERAGE_READS,
)
def np105(ctx: Context) -> Iterator[tuple[str, dict[str, Any]]]:
    """Organisation coverage — the share of compounds covered by a compound branch, standalone or
    joint — reaches the target in every community, sub-district, district and the city."""
    return _coverage_outcomes(ctx, work=False)


@rule(
    code="NP106",
    title_en="Work coverage",
    title_zh="工作覆盖率",
    citation="seed [建强-2]",
    severity=Severity.WARNING,
    subject="place",
    parameters=("coverage.work_target",),
    statement_zh="社区、街道、区和全市的党的工作覆盖率（党支部或下派人员覆盖的小区占比）达到目标。",
    pass_en="{level} {subject}: party work reaches {covered} of {compounds} compounds "
    "({rate:.1%}, target {target:.0%})",
    fail_en="{level} {subject}: party work reaches only {covered} of {compounds} compounds "
    "({rate:.1%}, below the target {target:.0%})",
    pass_zh="{subject}：党的工作覆盖 {compounds} 个小区中的 {covered} 个（{rate:.1%}，目标 {target:.0%}）",
    fail_zh="{subject}：党的工作仅覆盖 {compounds} 个小区中的 {covered} 个（{rate:.1%}，低于目标 {target:.0%}）",
    condition=share_at_least("covered", "compounds", "coverage.work_target"),
    reads=_COVERAGE_READS,
)
def np106(ctx: Context) -> Iterator[tuple[str, dict[str, Any]]]:
    """Work coverage — the share of compounds that a branch of any kind, or a staffer the
    community dispatched, reaches — reaches the target in every community, sub-district,
    district and the city."""
    return _coverage_outcomes(ctx, work=True)


@rule(
    code="NP107",
    title_en="A branch of at most the set number of members",
    title_zh="支部党员一般不超过规定人数",
    citation="支部工作条例 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("branch.max_members",),
    statement_zh="党支部党员人数一般不超过规定人数，过多的宜分设。",
    pass_en="branch {subject} holds {members} members",
    fail_en="branch {subject} holds {members} members, more than {max_members}",
    pass_zh="党支部 {subject} 有党员 {members} 名",
    fail_zh="党支部 {subject} 有党员 {members} 名，超过 {max_members} 名",
    condition=at_most("members", "branch.max_members"),
    reads=("organizations.kind", "people.party.registered_in"),
    local=True,
)
def np107(ctx: Context) -> Iterator[Judged]:
    """A branch holds the relations of at most the set number of members, full or
    probationary."""
    maximum = ctx.values["branch.max_members"]
    for branch in ctx.branches:
        members = len(ctx.city.members_registered_in(branch.id))
        yield branch.id, {"members": members, "max_members": maximum}


@rule(
    code="NP108",
    title_en="A joint branch of at most the set number of compounds",
    title_zh="联合党支部覆盖小区一般不超过规定个数",
    citation="支部工作条例 (secondary)",
    severity=Severity.WARNING,
    subject="joint branch",
    parameters=("branch.joint_max_compounds",),
    statement_zh="联合党支部覆盖的小区一般不超过规定个数。",
    pass_en="joint branch {subject} covers {compounds} compounds",
    fail_en="joint branch {subject} covers {compounds} compounds, more than {max_compounds}",
    pass_zh="联合党支部 {subject} 覆盖 {compounds} 个小区",
    fail_zh="联合党支部 {subject} 覆盖 {compounds} 个小区，超过 {max_compounds} 个",
    condition=at_most("compounds", "branch.joint_max_compounds"),
    reads=("organizations", *COVERING),
    local=True,
)
def np108(ctx: Context) -> Iterator[Judged]:
    """A joint compound branch covers at most the set number of compounds."""
    maximum = ctx.values["branch.joint_max_compounds"]
    for branch in ctx.compound_branches:
        if branch.formation is not Formation.JOINT:
            continue
        count = len(ctx.compounds_of_branch.get(branch.id, ()))
        yield branch.id, {"compounds": count, "max_compounds": maximum}
