"""NP6xx: service and co-governance — linked staff, co-building units, whistles, stations."""

from __future__ import annotations

from collections.abc import Iterator

from neighborparty.model import Role, Severity, StationKind
from neighborparty.rules.conditions import at_most, present
from neighborparty.rules.context import Context
from neighborparty.rules.days import DayTexts
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import COVERING
from neighborparty.rules.rule import Judged, rule

__all__: list[str] = []

_PASS, _FAIL = Verdict.PASS, Verdict.FAIL


@rule(
    code="NP601",
    title_en="Staff linked to every compound",
    title_zh="干部挂钩联系小区",
    citation="seed [凝聚-1]",
    severity=Severity.WARNING,
    subject="compound",
    statement_zh="每个小区都有街道、社区领导挂钩联系，或有社区工作人员担任小区秘书。",
    pass_en="compound {subject} is linked to {linked}",
    fail_en="compound {subject} has no sub-district or community leader or staffer linked to it",
    pass_zh="小区 {subject} 由 {linked} 挂钩联系",
    fail_zh="小区 {subject} 没有街道、社区领导或工作人员挂钩联系",
    condition=present("linked"),
    reads=("compounds", "appointments"),
    local=True,
)
def np601(ctx: Context) -> Iterator[Judged]:
    """Every compound has a sub-district or community leader linked to it, or a community
    staffer serving it as compound secretary."""
    for compound in ctx.city.compounds:
        linked = sorted(
            {
                a.person
                for a in ctx.posts(compound.id)
                if a.role in (Role.LIAISON, Role.COMPOUND_SECRETARY)
            }
        )
        yield compound.id, {"linked": linked}


@rule(
    code="NP602",
    title_en="Reporting units co-build",
    title_zh="报到单位签订共建协议",
    citation="seed [健全-3]",
    severity=Severity.INFO,
    subject="unit",
    statement_zh="到社区报到的单位与社区内的党组织签订共建协议。",
    pass_en="unit {subject} reported to {community} and co-builds with {partners}",
    fail_en="unit {subject} reported to {community} but has no co-building agreement there",
    pass_zh="单位 {subject} 已向 {community} 报到，并与 {partners} 共建",
    fail_zh="单位 {subject} 已向 {community} 报到，却未与社区党组织签订共建协议",
    condition=present("partners"),
    reads=("units", "agreements", "compounds", "organizations.kind", *COVERING),
    local=True,
)
def np602(ctx: Context) -> Iterator[Judged]:
    """A unit that reported to a community (双报到) has a co-building agreement in force with a
    party organisation serving that community or one of its compounds."""
    city = ctx.city
    agreements: dict[str, list[str]] = {}
    for ag in city.agreements:
        if ag.signed_on <= ctx.on and (ag.ends_on is None or ctx.on <= ag.ends_on):
            agreements.setdefault(ag.unit, []).append(ag.organization)
    serving_of = ctx.city_fact(_serving)
    for unit in city.units:
        if unit.reported_on is None or unit.community is None or unit.reported_on > ctx.on:
            continue
        serving = serving_of[unit.community]
        partners = sorted(o for o in agreements.get(unit.id, ()) if o in serving)
        yield unit.id, {"community": unit.community, "partners": partners}


def _serving(ctx: Context) -> dict[str, frozenset[str]]:
    """Per community: the party organisations serving it or one of its compounds."""
    city = ctx.city
    found: dict[str, frozenset[str]] = {}
    for community in city.communities:
        serving = {o.id for o in city.organizations_covering(community.id)}
        for compound in city.compounds_in(community.id):
            serving.update(o.id for o in city.organizations_covering(compound.id))
        found[community.id] = frozenset(serving)
    return found


@rule(
    code="NP603",
    title_en="Departments answer whistles",
    title_zh="部门及时回应小区吹哨",
    citation="seed [健全-3]",
    severity=Severity.WARNING,
    subject="whistle",
    parameters=("whistle.answer_days",),
    statement_zh="小区吹哨后，责任部门在规定天数内回应（规定天数为本库默认值）。",
    pass_en="whistle {subject} raised {raised_on}: {status}",
    fail_en="whistle {subject} raised {raised_on}: {status}, beyond {days} days",
    pass_zh="吹哨 {subject}（{raised_on}）：{status}",
    fail_zh="吹哨 {subject}（{raised_on}）：{status}，超过 {days} 天",
    condition=at_most("waited_days", "whistle.answer_days"),
    facts=("raised_on", "status", "days", "waited_days"),
    reads=("whistles",),
    local=True,
)
def np603(ctx: Context) -> Iterator[Judged]:
    """A department answers a compound's whistle within the set number of days: an answer on
    the last day is in time; an unanswered whistle fails once that day has passed."""
    days = int(ctx.values["whistle.answer_days"])
    on = ctx.on
    iso = DayTexts()
    for whistle in ctx.city.whistles:
        raised = whistle.raised_on
        if raised > on:
            continue
        answered = whistle.answered_on
        if answered is not None and answered <= on:
            status = "answered " + iso[answered]
            waited = (answered - raised).days
        else:
            status = "not answered"
            waited = (on - raised).days
        yield whistle.id, (iso[raised], status, days, waited)


@rule(
    code="NP604",
    title_en="A service station in every compound",
    title_zh="小区建有党群服务站",
    citation="seed [打造-1]",
    severity=Severity.INFO,
    subject="compound",
    statement_zh="小区建有党群服务站。",
    pass_en="compound {subject} has the station {stations}",
    fail_en="compound {subject} has no party-and-masses service station",
    pass_zh="小区 {subject} 建有党群服务站 {stations}",
    fail_zh="小区 {subject} 没有党群服务站",
    condition=present("stations"),
    reads=("compounds", "stations.kind", "stations.place"),
    local=True,
)
def np604(ctx: Context) -> Iterator[Judged]:
    """A compound has a party-and-masses service station (advice)."""
    stations: dict[str, list[str]] = {}
    for s in ctx.city.stations:
        if s.kind is StationKind.COMPOUND_STATION:
            stations.setdefault(s.place, []).append(s.id)
    for compound in ctx.city.compounds:
        found = stations.get(compound.id, [])
        yield compound.id, {"stations": found}
