"""NP207–NP212: organisational life by the book (组织生活) — the branch general meeting, the
branch committee's and the groups' meetings, the theme party day, the party lecture, and the
yearly organisational-life meeting and democratic appraisal, read from the activity records.

A meeting is recorded as the activities of the members who attended it: the organisation that
held it is the activity's ``ref``, or the member's branch when the record names none. A city
that records no activity of a kind at all is not judged to have held none: the rules reading
that kind are undetermined there (the fact is not recorded). An organisation with no record of
its own counts from the day its committee (or secretary) was elected, if that is recorded.

The frequencies are periods, not calendar quarters: a branch general meeting due "quarterly"
fails once more than the set number of months (3) have passed since the last one, counted as
the terms of NP206 and the six months of NP405 are (:func:`neighborparty.rules.days.add_months`:
the same day of the month, or the month's last day when it has no such day).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from neighborparty.model import ActivityKind, City, PartyOrganization, Role, Severity
from neighborparty.rules.conditions import all_of, span_at_most
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Verdict
from neighborparty.rules.np._reads import MEMBERSHIPS
from neighborparty.rules.reads import kinds_recorded
from neighborparty.rules.rule import Judged, Outcome, rule

__all__ = ["held_days"]

_UNDETERMINED = Verdict.UNDETERMINED

_Held = dict[tuple[str, ActivityKind], list[date]]

_READS = ("activities", "organizations.kind", "organizations.elected_on", *MEMBERSHIPS)


def _held(ctx: Context) -> _Held:
    """Per organisation and kind of activity: the days it held one, sorted."""
    city = ctx.city
    found: dict[tuple[str, ActivityKind], set[date]] = defaultdict(set)
    organizations = {o.id for o in city.organizations}
    for activity in city.activities:
        org = activity.ref if activity.ref in organizations else None
        if org is None:
            branch = city.branch_of(activity.person)
            if branch is None:
                continue
            org = branch.id
        found[org, activity.kind].add(activity.on)
    return {key: sorted(days) for key, days in found.items()}


def _recorded(ctx: Context) -> frozenset[ActivityKind]:
    """The kinds of activity the city records at all."""
    return frozenset(kinds_recorded(ctx.city))


def held_days(city: City, organization: str, kind: ActivityKind) -> tuple[date, ...]:
    """The days an organisation held an activity of a kind, from the city's activity records
    (the activity's ``ref``, else the attending member's branch).

    Examples:
        >>> from neighborparty import ActivityKind, examples
        >>> held_days(examples.seed_city(), "br-jinan", ActivityKind.THEME_PARTY_DAY)
        (datetime.date(2020, 9, 5),)
    """
    ctx = Context(city, date.max, {})
    return tuple(ctx.city_fact(_held).get((organization, kind), ()))


def _last(
    ctx: Context, org: PartyOrganization, kind: ActivityKind
) -> tuple[date | None, str | None]:
    """The last day on or before the day judged that ``org`` held ``kind``, and what it counts
    from: the activity, else the organisation's election; ``(None, None)`` when the city
    records no such activity or the organisation has neither."""
    if kind not in ctx.city_fact(_recorded):
        return None, None
    days = ctx.city_fact(_held).get((org.id, kind), ())
    at = bisect.bisect_right(days, ctx.on)
    if at:
        return days[at - 1], kind.value
    if org.elected_on is not None and org.elected_on <= ctx.on:
        return org.elected_on, "election"
    return None, None


def _judged(
    ctx: Context, orgs: Iterable[PartyOrganization], kind: ActivityKind
) -> Iterator[Judged | Outcome]:
    recorded = kind in ctx.city_fact(_recorded)
    for org in orgs:
        last, counted_from = _last(ctx, org, kind)
        if last is None:
            missing = (
                f"a {kind.value}, or the day {org.id} was elected"
                if recorded
                else f"any {kind.value} among the activity records"
            )
            yield org.id, _UNDETERMINED, {"kind": kind.value, "missing": [missing]}
        else:
            yield org.id, (kind.value, last.isoformat(), counted_from)


_COMMON = {
    "pass_en": "{subject}: the last {kind} on {last}",
    "fail_en": "{subject}: no {kind} since {last} ({counted_from})",
    "pass_zh": "{subject}：最近一次 {kind} 于 {last}",
    "fail_zh": "{subject}：自 {last}（{counted_from}）以来未开展 {kind}",
    "facts": ("kind", "last", "counted_from"),
    "reads": _READS,
    "local": True,
}


@rule(
    code="NP207",
    title_en="A branch general meeting within the set months",
    title_zh="党支部党员大会按期召开",
    citation="支部工作条例 art. 15 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("life.branch_meeting_months",),
    statement_zh="党支部党员大会一般每季度召开1次。",
    condition=span_at_most("last", "life.branch_meeting_months", "months"),
    **_COMMON,  # type: ignore[arg-type]
)
def np207(ctx: Context) -> Iterator[Judged | Outcome]:
    """A branch holds a general meeting of its members (党员大会) at least once in every set
    number of months (a quarter): no more than that many months pass since the last one."""
    return _judged(ctx, ctx.branches, ActivityKind.BRANCH_MEETING)


def _with_committee(ctx: Context) -> Iterator[PartyOrganization]:
    for branch in ctx.branches:
        if any(a.role is Role.BRANCH_COMMITTEE_MEMBER for a in ctx.posts(branch.id)):
            yield branch


@rule(
    code="NP208",
    title_en="A branch committee meeting within the set months",
    title_zh="党支部委员会会议按期召开",
    citation="支部工作条例 art. 15 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("life.committee_meeting_months",),
    statement_zh="设立支部委员会的党支部，支部委员会会议一般每月召开1次。",
    condition=span_at_most("last", "life.committee_meeting_months", "months"),
    **(_COMMON | {"reads": (*_READS, "appointments")}),  # type: ignore[arg-type]
)
def np208(ctx: Context) -> Iterator[Judged | Outcome]:
    """A branch with a branch committee (a committee member in post, as NP204 judges) holds a
    committee meeting (支部委员会会议) at least once in every set number of months (one)."""
    return _judged(ctx, _with_committee(ctx), ActivityKind.BRANCH_COMMITTEE_MEETING)


@rule(
    code="NP209",
    title_en="A group meeting within the set months",
    title_zh="党小组会按期召开",
    citation="支部工作条例 art. 15 (secondary)",
    severity=Severity.WARNING,
    subject="organisation",
    parameters=("life.group_meeting_months",),
    statement_zh="党小组会一般每月召开1次。",
    condition=span_at_most("last", "life.group_meeting_months", "months"),
    **_COMMON,  # type: ignore[arg-type]
)
def np209(ctx: Context) -> Iterator[Judged | Outcome]:
    """Each building or lane party group (党小组) holds a group meeting at least once in every
    set number of months (one)."""
    groups = (o for o in ctx.city.organizations if o.kind.is_group)
    return _judged(ctx, groups, ActivityKind.GROUP_MEETING)


@rule(
    code="NP210",
    title_en="A theme party day within the set months",
    title_zh="按月开展主题党日",
    citation="支部工作条例 art. 16 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("life.theme_day_months",),
    statement_zh="党支部以每月相对固定1天开展主题党日。",
    condition=span_at_most("last", "life.theme_day_months", "months"),
    **_COMMON,  # type: ignore[arg-type]
)
def np210(ctx: Context) -> Iterator[Judged | Outcome]:
    """A branch holds a theme party day (主题党日) at least once in every set number of
    months (one)."""
    return _judged(ctx, ctx.branches, ActivityKind.THEME_PARTY_DAY)


@rule(
    code="NP211",
    title_en="A party lecture within the set months",
    title_zh="按期上党课",
    citation="支部工作条例 art. 16 (secondary); frequency a library default",
    severity=Severity.INFO,
    subject="branch",
    parameters=("life.lecture_months",),
    statement_zh="党支部按期组织党员上党课（条例未定次数，本库默认每季度至少1次）。",
    condition=span_at_most("last", "life.lecture_months", "months"),
    **_COMMON,  # type: ignore[arg-type]
)
def np211(ctx: Context) -> Iterator[Judged | Outcome]:
    """A branch gives its members a party lecture (党课) at least once in every set number of
    months. The 支部工作条例 asks for lectures "按期" (at set times) without a number; the
    library's default, a quarter, is the common local 三会一课 practice."""
    return _judged(ctx, ctx.branches, ActivityKind.PARTY_LECTURE)


@rule(
    code="NP212",
    title_en="The yearly organisational-life meeting and democratic appraisal",
    title_zh="每年召开组织生活会、开展民主评议党员",
    citation="支部工作条例 arts. 17–18 (secondary)",
    severity=Severity.WARNING,
    subject="branch",
    parameters=("life.review_months", "life.appraisal_months"),
    statement_zh="党支部每年至少召开1次组织生活会，一般每年开展1次民主评议党员。",
    pass_en="{subject}: the last organisational-life meeting on {last_review}, the last "
    "appraisal on {last_appraisal}",
    fail_en="{subject}: the last organisational-life meeting on {last_review}, the last "
    "appraisal on {last_appraisal}: one is overdue",
    pass_zh="{subject}：最近一次组织生活会 {last_review}，民主评议 {last_appraisal}",
    fail_zh="{subject}：最近一次组织生活会 {last_review}，民主评议 {last_appraisal}，已逾期",
    facts=("last_review", "last_appraisal"),
    condition=all_of(
        span_at_most("last_review", "life.review_months", "months"),
        span_at_most("last_appraisal", "life.appraisal_months", "months"),
    ),
    reads=_READS,
    local=True,
)
def np212(ctx: Context) -> Iterator[Judged | Outcome]:
    """A branch holds an organisational-life meeting (组织生活会) and a democratic appraisal of
    its members (民主评议党员) at least once in every set number of months (twelve each)."""
    for branch in ctx.branches:
        review, _ = _last(ctx, branch, ActivityKind.ORGANIZATIONAL_LIFE_MEETING)
        appraisal, _ = _last(ctx, branch, ActivityKind.DEMOCRATIC_APPRAISAL)
        yield branch.id, (_text(review), _text(appraisal))


def _text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
