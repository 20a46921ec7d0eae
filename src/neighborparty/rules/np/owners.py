"""NP5xx: owners' bodies — the owners' committee, its election, and the owners' votes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from neighborparty.model import ElectionLead, MatterKind, OwnersCommittee, Severity
from neighborparty.rules.conditions import (
    Condition,
    all_of,
    exact,
    present,
    share_at_least,
    share_more_than,
    share_value,
    span_at_most,
    until,
    when,
)
from neighborparty.rules.context import Context
from neighborparty.rules.days import span_end
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import COVERING
from neighborparty.rules.rule import Judged, Outcome, rule

__all__ = ["THREE_QUARTER_MATTERS", "TWO_THIRDS_MATTERS"]

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

THREE_QUARTER_MATTERS = frozenset(
    {MatterKind.RAISE_MAINTENANCE_FUND, MatterKind.REBUILD, MatterKind.CHANGE_COMMON_PARTS}
)
"""The matters of 民法典 art. 278 items 6–8, which need three quarters of the participants."""

TWO_THIRDS_MATTERS = frozenset(
    {MatterKind.RAISE_MAINTENANCE_FUND, MatterKind.USE_MAINTENANCE_FUND, MatterKind.REBUILD}
)
"""The matters of 物权法 (2007) art. 76 items 5–6 (raising or using maintenance funds,
rebuilding), which needed two thirds of the whole area and of all owners until 2020."""


_ALLOWANCE = ("owners.small_committee_size", "owners.small_compound_households")
"""The parameters of the small compounds' allowance of NP501."""


def _seats(ctx: Context, committee: OwnersCommittee) -> list[str]:
    return sorted({a.person for a in ctx.posts(committee.id) if a.role.is_owners_post})


@rule(
    code="NP501",
    title_en="An owners' committee of the set odd size",
    title_zh="业委会人数为规定范围内的单数",
    citation="指导规则 art. 31 (secondary); 北京市物业管理条例 art. 39",
    severity=Severity.WARNING,
    subject="owners' committee",
    parameters=(
        "owners.committee_min_size",
        "owners.committee_max_size",
        "owners.small_committee_size",
        "owners.small_compound_households",
    ),
    statement_zh="业主委员会委员人数为五至十一人的单数；户数不超过规定户数的小区可为三人。",
    pass_en="owners' committee {subject} has {size} members",
    fail_en="owners' committee {subject} has {size} members: {problem}",
    pass_zh="业委会 {subject} 有委员 {size} 人",
    fail_zh="业委会 {subject} 有委员 {size} 人：{problem}",
    reads=("committees", "appointments", "compounds.households"),
    local=True,
    optional=_ALLOWANCE,
)
def np501(ctx: Context) -> Iterator[Outcome]:
    """A sitting owners' committee has an odd number of members between the set smallest and
    largest size; a compound of at most the set number of households may have the small size
    instead. Committees with nobody in post (past terms) are not judged. On a day the small
    compounds' allowance has no value in force (it dates from 北京市物业管理条例, 2024), a
    smaller odd committee is undetermined: the allowance is not applied backwards.

    Plain code: oddness
    and the small compounds' allowance are no single comparison, so no parameter has one
    tipping point."""
    smallest = int(ctx.values["owners.committee_min_size"])
    largest = int(ctx.values["owners.committee_max_size"])
    small = int(ctx.values["owners.small_committee_size"])
    small_households = ctx.values["owners.small_compound_households"]
    no_allowance = sorted(set(_ALLOWANCE) & ctx.absent)
    for committee in ctx.city.committees:
        size = len(_seats(ctx, committee))
        if not size:
            continue
        households = ctx.compound(committee.compound).households
        if no_allowance and size % 2 and size < smallest:
            day = ctx.on.isoformat()
            missing = [f"a value of {name} in force on {day}" for name in no_allowance]
            yield committee.id, _UNDETERMINED, {"missing": missing}
            continue
        problem = None
        if size % 2 == 0:
            problem = "an even number"
        elif size > largest:
            problem = f"more than {largest}"
        elif size < smallest and not (size == small and households <= small_households):
            problem = f"fewer than {smallest}" + (
                f" ({small} only for compounds of at most {small_households:g} households)"
                if size == small
                else ""
            )
        evidence: dict[str, Any] = {"size": size, "households": households}
        if problem:
            evidence["problem"] = problem
        yield committee.id, _FAIL if problem else _PASS, evidence


@rule(
    code="NP502",
    title_en="An owners' committee within its term",
    title_zh="业委会任期不超过规定年限且未届满",
    citation="指导规则 art. 32 (secondary)",
    severity=Severity.WARNING,
    subject="owners' committee",
    parameters=("owners.max_term_years",),
    statement_zh="业主委员会每届任期不超过规定年限，任期届满仍在任的应换届；任期最后一天仍在任期内。",
    pass_en="owners' committee {subject}: term {term_start} to {term_end}",
    fail_en="owners' committee {subject}: term {term_start} to {term_end}, {problem}",
    pass_zh="业委会 {subject}：任期 {term_start} 至 {term_end}",
    fail_zh="业委会 {subject}：任期 {term_start} 至 {term_end}，{problem}",
    condition=all_of(
        span_at_most("term_start", "owners.max_term_years", "years", end="term_end"),
        until("term_end"),
    ),
    reads=("committees", "appointments"),
    local=True,
)
def np502(ctx: Context) -> Iterator[Outcome | Judged]:
    """A sitting owners' committee has a term of at most the set number of years, and the term
    has not run out: on its last day it is still within its term."""
    years = int(ctx.values["owners.max_term_years"])
    for committee in ctx.city.committees:
        if not _seats(ctx, committee):
            continue
        if committee.term_end is None:
            yield committee.id, _UNDETERMINED, {"missing": [f"term_end of {committee.id}"]}
            continue
        evidence: dict[str, Any] = {
            "term_start": committee.term_start.isoformat(),
            "term_end": committee.term_end.isoformat(),
            "max_term_years": years,
        }
        if committee.term_end > span_end(committee.term_start, years, "years"):
            evidence["problem"] = f"longer than {years} years"
        elif committee.term_end < ctx.on:
            evidence["problem"] = f"ran out before {ctx.on.isoformat()}"
        yield committee.id, evidence


@rule(
    code="NP503",
    title_en="The branch leads the committee's election",
    title_zh="党支部领导业委会换届",
    citation="seed [健全-1]",
    severity=Severity.WARNING,
    subject="owners' committee",
    statement_zh="小区党支部领导业主委员会的组建和换届选举筹备工作。",
    pass_en="owners' committee {subject}: the compound branch led the election",
    fail_en="owners' committee {subject}: the election was led by {led_by}, not the compound "
    "branch",
    pass_zh="业委会 {subject}：由小区党支部领导选举",
    fail_zh="业委会 {subject}：选举由 {led_by} 主导，而非小区党支部",
    reads=("committees.election_led_by",),
    local=True,
)
def np503(ctx: Context) -> Iterator[Outcome]:
    """Every owners' committee is formed or re-elected with the compound branch leading the
    preparation.

    Plain code: it compares a recorded choice with one of its values."""
    for committee in ctx.city.committees:
        led = committee.election_led_by
        if led is None:
            yield committee.id, _UNDETERMINED, {"missing": [f"election_led_by of {committee.id}"]}
        else:
            verdict = _PASS if led is ElectionLead.COMPOUND_BRANCH else _FAIL
            yield committee.id, verdict, {"led_by": led.value}


@rule(
    code="NP504",
    title_en="The branch deliberates first",
    title_zh="党支部先议",
    citation="seed [健全-1]",
    severity=Severity.WARNING,
    subject="vote",
    statement_zh="小区重大事项在业主表决前先经党支部研究讨论。",
    pass_en="vote {subject} on {matter} was deliberated first by {deliberated_by}",
    fail_en="vote {subject} on the major matter {matter} was not deliberated first by a branch "
    "of the compound",
    pass_zh="表决 {subject}（{matter}）已由 {deliberated_by} 先议",
    fail_zh="表决 {subject}（重大事项 {matter}）未经小区党支部先议",
    condition=present("deliberated_by"),
    reads=("votes", "deliberations", "compounds", *COVERING),
    local=True,
)
def np504(ctx: Context) -> Iterator[Judged]:
    """Before the owners decide a major matter (one of 民法典 art. 278's items), a branch
    covering the compound deliberates it, on or before the day of the vote."""
    first: dict[str, list[tuple[str, Any]]] = {}
    for d in ctx.city.deliberations:
        first.setdefault(d.vote, []).append((d.organization, d.held_on))
    for vote in ctx.city.votes:
        if not vote.matter.is_major:
            continue
        branches = {b.id for b in ctx.city.branches_covering(vote.compound)}
        by = sorted(
            org for org, day in first.get(vote.id, ()) if org in branches and day <= vote.held_on
        )
        yield vote.id, {"matter": vote.matter.value, "deliberated_by": by}


_CARRIES = all_of(
    share_at_least("participating_area", "total_area", "vote.min_participation"),
    share_at_least("participating_owners", "total_owners", "vote.min_participation"),
    when(
        "major",
        all_of(
            share_at_least("area_for", "participating_area", "vote.major_majority"),
            share_at_least("owners_for", "participating_owners", "vote.major_majority"),
        ),
        all_of(
            share_more_than("area_for", "participating_area", "vote.ordinary_majority"),
            share_more_than("owners_for", "participating_owners", "vote.ordinary_majority"),
        ),
    ),
)
"""What an owners' vote needs to carry from 2021-01-01 (民法典 art. 278): participation, then
approval of three quarters or of more than half of those taking part, by area and by number."""

_CARRIED_2007 = when(
    "major",
    all_of(
        share_at_least("area_for", "total_area", "vote.property_law_major_share"),
        share_at_least("owners_for", "total_owners", "vote.property_law_major_share"),
    ),
    all_of(
        share_more_than("area_for", "total_area", "vote.property_law_ordinary_share"),
        share_more_than("owners_for", "total_owners", "vote.property_law_ordinary_share"),
    ),
)
"""What an owners' vote needed to carry until 2020-12-31 (物权法 art. 76): no participation
quorum; the consent of two thirds, or of more than half, of the compound's whole area and of
all its owners."""

_EXCEEDED = frozenset({"vote.ordinary_majority", "vote.property_law_ordinary_share"})
"""The shares a vote must exceed (过半数), not merely reach."""

_LABEL = {
    "participating_area": "participating area",
    "participating_owners": "participating owners",
    "area_for": "approving area",
    "owners_for": "approving owners",
}

_FACTS = (
    "matter",
    "major",
    "total_area",
    "total_owners",
    "participating_area",
    "participating_owners",
    "area_for",
    "owners_for",
    "detail",
)


def _detail(facts: Mapping[str, Any], ctx: Context, condition: Condition) -> str:
    """What the vote's numbers say, in words: each share that falls short, or the turnout."""
    failed = condition.failed(facts, ctx.values, ctx.on)
    if not failed:
        return (
            f"{facts['participating_owners']} of {facts['total_owners']} owners took part, "
            f"{facts['owners_for']} approved"
        )
    words = []
    for leaf in failed:
        part, whole = leaf.facts
        parameter = leaf.parameters[0]
        share = float(exact(facts[part]) / exact(facts[whole])) if facts[whole] else 0.0
        at = float(share_value(ctx.values[parameter]))
        word = "not above" if parameter in _EXCEEDED else "below"
        of = (
            " of the total"
            if whole.startswith("total") and part in ("area_for", "owners_for")
            else ""
        )
        words.append(f"{_LABEL[part]} {share:.4g}{of}, {word} {at:.4g}")
    return "; ".join(words)


def _votes(
    ctx: Context, major: frozenset[MatterKind], condition: Condition
) -> Iterator[Outcome | Judged]:
    """Each vote's facts, ``major`` for the matters of the law's higher bar."""
    for vote in ctx.city.votes:
        if not vote.total_owners or not vote.total_area:
            yield vote.id, _UNDETERMINED, {"missing": [f"total owners and area of {vote.id}"]}
            continue
        facts: dict[str, Any] = {
            "matter": vote.matter.value,
            "major": vote.matter in major,
            "total_area": vote.total_area,
            "total_owners": vote.total_owners,
            "participating_area": vote.participating_area,
            "participating_owners": vote.participating_owners,
            "area_for": vote.area_for,
            "owners_for": vote.owners_for,
        }
        facts["detail"] = _detail(facts, ctx, condition)
        yield vote.id, facts


@rule(
    code="NP505",
    title_en="The owners' vote carries",
    title_zh="业主表决符合法定比例",
    citation="物权法 (2007) art. 76 (secondary)",
    severity=Severity.ERROR,
    subject="vote",
    parameters=(
        "vote.property_law_ordinary_share",
        "vote.property_law_major_share",
        "vote.min_participation",
        "vote.ordinary_majority",
        "vote.major_majority",
    ),
    statement_zh="筹集和使用维修资金、改建重建建筑物须经专有部分占建筑物总面积三分之二以上的业主且占总人数"
    "三分之二以上的业主同意；其他事项须经总面积过半数且总人数过半数的业主同意；不设参与表决比例。",
    pass_en="vote {subject} ({matter}) carries: {detail}",
    fail_en="vote {subject} ({matter}) does not carry: {detail}",
    pass_zh="表决 {subject}（{matter}）通过：{detail}",
    fail_zh="表决 {subject}（{matter}）未通过：{detail}",
    condition=_CARRIED_2007,
    reads=("votes",),
    local=True,
    subject_day="held_on",
    since=date(2007, 10, 1),
)
def np505(ctx: Context) -> Iterator[Outcome | Judged]:
    """An owners' vote held before 2021 has the consent of owners holding at least the set
    share (two thirds) of the compound's whole exclusive area and of all its owners for raising
    or using maintenance funds and rebuilding (物权法 art. 76 items 5–6), and of more than the
    set share (half) of each for any other matter; it sets no participation quorum. Shares are
    compared exactly, so exactly two thirds consents and exactly half does not.

    A vote is judged by the version in force on the day it was held (``held_on``)."""
    return _votes(ctx, TWO_THIRDS_MATTERS, _CARRIED_2007)


@np505.version(  # type: ignore[no-redef]  # the same rule, with its next version
    since=date(2021, 1, 1),
    citation="民法典 art. 278",
    statement_zh="业主共同决定须专有部分面积和人数均占三分之二以上的业主参与表决；筹集维修资金、改建重建、"
    "改变共有部分用途或经营须经参与表决面积和人数均四分之三以上同意，其他事项须过半数同意。",
    condition=_CARRIES,
)
def np505(ctx: Context) -> Iterator[Outcome | Judged]:
    """An owners' vote has the participation of owners holding at least the set share (two
    thirds) of the exclusive area and of the owners, and the approval it needs of those
    taking part: at least the set share (three quarters) of their area and number for raising
    maintenance funds, rebuilding and changing common parts (民法典 art. 278 items 6–8); more
    than the set share (half) for any other matter. Shares are compared exactly, so exactly
    two thirds participates and exactly three quarters approves."""
    return _votes(ctx, THREE_QUARTER_MATTERS, _CARRIES)
