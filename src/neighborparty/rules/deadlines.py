"""What falls due: terms running out, whistles awaiting answers, members nearing the months
without organisational life, dues or assigned work, and the meetings a branch owes.

One mechanism serves the rules and the deadlines. The obligations the catalogue judges — a
branch committee's term (NP206), an owners' committee's term (NP502), a whistle's answer
window (NP603), six months without each of organisational life, dues and assigned work
(NP405), the meetings of organisational life (NP207–NP212) — are read from those rules' own
findings: the day each span starts, as the rule
recorded it, and the day it ends by :func:`~neighborparty.rules.days.span_end`, the function
the rules' conditions count with. A rule fails on a subject exactly when its deadline is past.

The meetings of organisational life are the same: NP207–NP212 judge how long since a branch
or group last held each (支部工作条例 arts. 15–18), and the next one falls due where the span of
the rule's own condition ends. A kind of meeting the city records for no organisation leaves
those rules undetermined, and gives no deadline.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.model._gc import paused_gc
from neighborparty.rules.check import check
from neighborparty.rules.conditions import _Span
from neighborparty.rules.days import add_days, span_end
from neighborparty.rules.findings import Verdict
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.rule import Rule

__all__ = [
    "DEADLINE_CODES",
    "DEFAULT_WITHIN",
    "Deadline",
    "DeadlineStatus",
    "deadlines",
    "status_of",
    "to_ics",
]

DEFAULT_WITHIN = timedelta(days=90)
"""How far ahead a deadline counts as due soon, unless told otherwise."""


class DeadlineStatus(enum.StrEnum):
    """Where a deadline stands on the day asked about.

    Examples:
        >>> DeadlineStatus("due_soon").label("zh")
        '即将到期'
    """

    OK = "ok"
    """Due after the window asked about."""
    DUE_SOON = "due_soon"
    """Due within the window: today or later, but not after its end."""
    OVERDUE = "overdue"
    """Past due, but within its grace period (or past due with none defined)."""
    BEYOND_GRACE = "beyond_grace"
    """Past due and past the last day of its grace period."""

    def label(self, lang: str = "en") -> str:
        """The status in words, in English (``"en"``) or Chinese (``"zh"``).

        Examples:
            >>> DeadlineStatus.BEYOND_GRACE.label()
            'beyond its grace period'
        """
        return _STATUS_WORDS[self][_lang(lang)]


_STATUS_WORDS = {
    DeadlineStatus.OK: ("not due yet", "未到期"),
    DeadlineStatus.DUE_SOON: ("due soon", "即将到期"),
    DeadlineStatus.OVERDUE: ("overdue", "已逾期"),
    DeadlineStatus.BEYOND_GRACE: ("beyond its grace period", "已超过宽限期"),
}


def _lang(lang: str) -> int:
    if lang not in ("en", "zh"):
        raise InvalidArgumentError(f"lang is 'en' or 'zh', not {lang!r}")
    return 0 if lang == "en" else 1


@attrs.frozen(kw_only=True)
class _Obligation:
    """What one kind of deadline is, in words, and which grace it has."""

    what_en: str
    what_zh: str
    grace: str | None = None
    """The parameter of its grace period, in ``grace_unit``; ``None``: no source gives one."""
    grace_unit: str = "years"


_OBLIGATIONS: dict[str, _Obligation] = {
    "branch_term": _Obligation(
        what_en="the branch committee's term ends",
        what_zh="支委会任期届满",
        grace="term.postponement_years",
    ),
    "owners_term": _Obligation(
        what_en="the owners' committee's term ends", what_zh="业委会任期届满"
    ),
    "whistle_answer": _Obligation(
        what_en="a department's answer to the whistle is due", what_zh="部门回应吹哨期限届满"
    ),
    "organizational_life": _Obligation(
        what_en="the months without organisational life run out",
        what_zh="连续未参加组织生活的期限届满",
    ),
    "dues": _Obligation(
        what_en="the months without paying dues run out", what_zh="连续未交纳党费的期限届满"
    ),
    "assigned_work": _Obligation(
        what_en="the months without doing assigned work run out",
        what_zh="连续未做分配的工作的期限届满",
    ),
    "general_meeting": _Obligation(
        what_en="the next branch general meeting is due", what_zh="下一次支部党员大会应召开"
    ),
    "committee_meeting": _Obligation(
        what_en="the next branch committee meeting is due", what_zh="下一次支委会会议应召开"
    ),
    "group_meeting": _Obligation(
        what_en="the next group meeting is due", what_zh="下一次党小组会应召开"
    ),
    "theme_party_day": _Obligation(
        what_en="the next theme party day is due", what_zh="下一次主题党日应开展"
    ),
    "party_lecture": _Obligation(
        what_en="the next party lecture is due", what_zh="下一次党课应讲授"
    ),
    "organizational_life_meeting": _Obligation(
        what_en="the next organisational-life meeting is due", what_zh="下一次组织生活会应召开"
    ),
    "democratic_appraisal": _Obligation(
        what_en="the next democratic appraisal of members is due",
        what_zh="下一次民主评议党员应开展",
    ),
}

_LAPSES = (
    ("last_life", "organizational_life"),
    ("last_dues", "dues"),
    ("last_work", "assigned_work"),
)
"""NP405's facts, one per lapse, and the obligation each ends."""

_MEETINGS: dict[str, dict[str, str]] = {
    "NP207": {"last": "general_meeting"},
    "NP208": {"last": "committee_meeting"},
    "NP209": {"last": "group_meeting"},
    "NP210": {"last": "theme_party_day"},
    "NP211": {"last": "party_lecture"},
    "NP212": {
        "last_review": "organizational_life_meeting",
        "last_appraisal": "democratic_appraisal",
    },
}
"""The rules of organisational life (NP207–NP212) and, per fact their conditions count the
months from, the meeting that falls due: a deadline is the end of the rule's own span."""

_JUDGED = ("NP206", "NP405", "NP502", "NP603", *_MEETINGS)
"""The rules whose findings give deadlines."""

DEADLINE_CODES: tuple[str, ...] = tuple(sorted(_JUDGED))
"""The codes a deadline can have: the rules that judge terms, windows, inactivity and the
meetings of organisational life.

Examples:
    >>> DEADLINE_CODES
    ('NP206', 'NP207', 'NP209', 'NP210', 'NP211', 'NP212', 'NP405', 'NP502', 'NP603')
"""


@attrs.frozen(kw_only=True)
class Deadline:
    """An obligation falling due: what, for whom, by which day, and where it stands.

    Args:
        code: The rule that judges it (NP206, NP405, NP502, NP603), or the code reserved for
            the rule of a meeting (NP207 general meeting, NP209 group meeting, NP210 theme
            party day, NP211 party lecture, NP212 organisational-life meeting).
        subject: The branch, owners' committee, whistle, member or group owing it.
        obligation: What falls due, a key such as ``"branch_term"``, ``"dues"``,
            ``"theme_party_day"``.
        since: The day the span runs from (an election, a last record or meeting).
        due: The last day to meet it: on this day it is still in time.
        status: Where it stands on the day asked about.
        grace: The parameter of its grace period, or ``None`` where no source gives one.
        grace_until: The last day of the grace period (``due`` with none).
        source: The citation of the grace period (or of the obligation, with none).
        on: The day asked about.

    Examples:
        >>> from neighborparty import examples
        >>> d = next(d for d in deadlines(examples.seed_city()) if d.code == "NP206")
        >>> d.subject, d.due.isoformat(), d.status.value, d.grace_until.isoformat()
        ('br-grid-old', '2022-06-01', 'ok', '2023-06-01')
        >>> d.message()
        "br-grid-old: the branch committee's term ends on 2022-06-01 (not due yet)"
    """

    code: str
    subject: str
    obligation: str
    since: date
    due: date
    status: DeadlineStatus
    grace: str | None
    grace_until: date
    source: str
    on: date

    def message(self, lang: str = "en") -> str:
        """The deadline in one sentence, in English (``"en"``) or Chinese (``"zh"``).

        Examples:
            >>> from neighborparty import examples
            >>> d = next(d for d in deadlines(examples.seed_city()) if d.code == "NP206")
            >>> d.message("zh")
            'br-grid-old：支委会任期届满，期限 2022-06-01（未到期）'
        """
        what = _OBLIGATIONS[self.obligation]
        zh = _lang(lang)
        status = self.status.label(lang)
        due = self.due.isoformat()
        grace = ""
        if self.status is DeadlineStatus.OVERDUE and self.grace is not None:
            grace = (
                f"; grace to {self.grace_until.isoformat()}"
                if not zh
                else f"；宽限至 {self.grace_until.isoformat()}"
            )
        elif self.status is DeadlineStatus.BEYOND_GRACE:
            grace = (
                f"; the grace ran out on {self.grace_until.isoformat()}"
                if not zh
                else f"；宽限期已于 {self.grace_until.isoformat()} 届满"
            )
        if zh:
            return f"{self.subject}：{what.what_zh}，期限 {due}（{status}{grace}）"
        return f"{self.subject}: {what.what_en} on {due} ({status}{grace})"

    def to_dict(self) -> dict[str, Any]:
        """The deadline as plain data for JSON, with both messages.

        Examples:
            >>> from neighborparty import examples
            >>> doc = next(d for d in deadlines(examples.seed_city()) if d.code == "NP206").to_dict()
            >>> doc["due"], doc["status"], doc["grace"]
            ('2022-06-01', 'ok', 'term.postponement_years')
        """
        return {
            "code": self.code,
            "subject": self.subject,
            "obligation": self.obligation,
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "status": self.status.value,
            "grace": self.grace,
            "grace_until": self.grace_until.isoformat(),
            "source": self.source,
            "message_en": self.message("en"),
            "message_zh": self.message("zh"),
        }


def status_of(due: date, grace_until: date, on: date, within: timedelta) -> DeadlineStatus:
    """Where a deadline due on ``due``, with a grace to ``grace_until``, stands on ``on``,
    counting ``within`` ahead as due soon: a day past ``due`` but not past ``grace_until`` is
    overdue, a later one beyond grace (a deadline with no grace passes ``date.max``).

    Examples:
        >>> day = date(2020, 10, 26)
        >>> [status_of(d, date(2021, 10, 26), day, timedelta(days=90)).value
        ...  for d in (date(2021, 1, 25), date(2021, 1, 24), day, date(2020, 10, 25))]
        ['ok', 'due_soon', 'due_soon', 'overdue']
        >>> status_of(date(2019, 1, 1), date(2020, 1, 1), day, timedelta(0)).value
        'beyond_grace'
    """
    return _status(due, grace_until, on, _plus(on, within))


def _status(due: date, grace_until: date, on: date, soon: date) -> DeadlineStatus:
    """:func:`status_of`, with ``soon`` the last day counted as due soon."""
    if on <= due:
        return DeadlineStatus.DUE_SOON if due <= soon else DeadlineStatus.OK
    return DeadlineStatus.OVERDUE if on <= grace_until else DeadlineStatus.BEYOND_GRACE


def _plus(day: date, within: timedelta) -> date:
    return add_days(day, within.days)


def deadlines(
    city: City,
    *,
    on: date | None = None,
    within: timedelta = DEFAULT_WITHIN,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Deadline, ...]:
    """Every obligation of the city with a due day, and where it stands on a day.

    Branch committees' and owners' committees' terms, whistles not yet answered, each
    member's six months without organisational life, without dues and without assigned work
    (one deadline each, the last record of each kind counting on its own), and the next
    meeting of each kind of organisational life each branch and group owes. A deadline is
    ``due_soon`` from ``within`` before its due day to that day, ``overdue`` after it while a
    grace period runs (and for good where no source gives one), ``beyond_grace`` after that,
    and ``ok`` before.

    A rule and its deadline never disagree: NP206, NP405 and NP603 fail on a subject exactly
    when one of its deadlines is past (overdue or beyond grace); NP502 fails on a sitting
    committee whose term is past, and on one whose recorded term is longer than allowed
    (whose deadline is the day the allowed term ends).

    Args:
        city: The city.
        on: The day asked about; ``None`` takes the latest day the city records, as
            :func:`~neighborparty.check` does.
        within: How far ahead counts as due soon (a ``timedelta`` of whole days, not negative).
        policy: The rules and parameters; a rule the policy leaves out gives no deadlines.

    Returns:
        The deadlines in order of due day, then code and subject.

    Raises:
        InvalidArgumentError: ``within`` is not a ``timedelta`` of zero or more days.

    Notes:
        It costs a check of the four rules and one pass over the activity records: well under
        a full check.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import examples
        >>> soon = deadlines(examples.seed_city(), on=date(2022, 5, 1))
        >>> [(d.code, d.subject, d.status.value) for d in soon if d.code in ("NP206", "NP502")]
        [('NP206', 'br-grid-old', 'due_soon'), ('NP206', 'br-jinan', 'due_soon'), ('NP206', 'br-joint', 'due_soon'), ('NP502', 'oc-jinan', 'ok')]
    """
    if not isinstance(within, timedelta) or within < timedelta(0):
        raise InvalidArgumentError(f"within takes a timedelta of zero or more days, not {within!r}")
    codes = [r.code for r in policy.rules if r.code in _JUDGED]
    report = check(city, policy, on=on, select=codes)
    make = _Maker(policy, report.day, within)
    with paused_gc():  # many small objects, none of them garbage
        found = list(_from_rules(report.outcomes, city, make))
        found.sort(key=_order)
    return tuple(found)


def _order(d: Deadline) -> tuple[date, str, str, str]:
    return d.due, d.code, d.subject, d.obligation


class _Maker:
    """Makes the deadlines of one call: the day, the window and each obligation's grace,
    looked up once."""

    def __init__(self, policy: Policy, day: date, within: timedelta) -> None:
        self.policy = policy
        self.day = day
        self.values = policy.values(day)
        self.soon = _plus(day, within)
        self.graces: dict[str, tuple[str, int, str, str] | None] = {}
        for key, what in _OBLIGATIONS.items():
            if what.grace is not None and what.grace in self.values:
                source = policy.parameter(what.grace).citation_on(day)
                amount = int(self.values[what.grace])
                self.graces[key] = (what.grace, amount, what.grace_unit, source)
            else:
                self.graces[key] = None

    def __call__(
        self, code: str, subject: str, obligation: str, since: date, due: date, source: str
    ) -> Deadline:
        day = self.day
        grace = self.graces[obligation]
        if grace is None:
            name, until, status_until = None, due, date.max
        else:
            name, amount, unit, source = grace
            until = status_until = span_end(due, amount, unit)
        status = _status(due, status_until, day, self.soon)
        return Deadline(
            code=code,
            subject=subject,
            obligation=obligation,
            since=since,
            due=due,
            status=status,
            grace=name,
            grace_until=until,
            source=source,
            on=day,
        )


def _from_rules(
    outcomes: Iterable[tuple[Rule, str, Verdict, Any]], city: City, make: _Maker
) -> Iterator[Deadline]:
    """The deadlines of the judged rules, from each outcome's evidence."""
    day, values = make.day, make.values
    open_whistles = {w.id for w in city.whistles if w.answered_on is None or w.answered_on > day}
    fromisoformat = date.fromisoformat
    months = int(values.get("membership.inactive_months", 0))
    lapses: list[tuple[int, str]] = []
    citations: dict[str, str] = {}
    for r, subject, _, raw in outcomes:
        code = r.code
        citation = citations.get(code) or citations.setdefault(code, r.citation)
        if code == "NP405":
            if raw.__class__ is not tuple:
                raw = tuple(r.evidence(raw).get(fact) for fact in r.facts)
                if all(v is None for v in raw[:3]):
                    continue
            if not lapses:
                lapses = [(r.facts.index(fact), obligation) for fact, obligation in _LAPSES]
            for i, obligation in lapses:
                last = raw[i]
                if last is not None:
                    since = fromisoformat(last)
                    due = span_end(since, months, "months")
                    yield make(code, subject, obligation, since, due, citation)
            continue
        evidence = r.evidence(raw)
        if "missing" in evidence:
            continue
        meetings = _MEETINGS.get(code)
        if meetings is not None:
            yield from _meetings(r, subject, evidence, meetings, citation, make)
        elif code == "NP206":
            since = fromisoformat(evidence["elected_on"])
            due = fromisoformat(evidence["term_end"])
            yield make(code, subject, "branch_term", since, due, citation)
        elif code == "NP502":
            since = fromisoformat(evidence["term_start"])
            end = fromisoformat(evidence["term_end"])
            allowed = span_end(since, int(values["owners.max_term_years"]), "years")
            yield make(code, subject, "owners_term", since, min(end, allowed), citation)
        elif code == "NP603" and subject in open_whistles:
            since = fromisoformat(evidence["raised_on"])
            due = span_end(since, int(values["whistle.answer_days"]), "days")
            yield make(code, subject, "whistle_answer", since, due, citation)


def _meetings(
    r: Rule,
    subject: str,
    evidence: dict[str, Any],
    meetings: dict[str, str],
    citation: str,
    make: _Maker,
) -> Iterator[Deadline]:
    """The meetings an organisation owes next, from the spans of its rule's own condition: each
    falls due where the span from the last one (or from the election) ends."""
    condition = r.version_for(evidence).condition
    for leaf in () if condition is None else condition.leaves():
        if not (
            isinstance(leaf, _Span)
            and leaf.op == ">="
            and leaf.end is None
            and leaf.start in meetings
        ):
            continue
        last = evidence.get(leaf.start)
        amount = make.values.get(leaf.parameter)
        if last is None or amount is None:
            continue
        since = date.fromisoformat(last)
        due = span_end(since, int(amount), leaf.unit)
        yield make(r.code, subject, meetings[leaf.start], since, due, citation)


def to_ics(found: Iterable[Deadline], *, lang: str = "en", name: str = "neighborparty") -> str:
    """Deadlines as an iCalendar feed (RFC 5545) a calendar can subscribe to: one all-day event
    per deadline on its due day, its message as the summary, its status, grace and source as
    the description.

    Each event's ``UID`` is made of the code, subject and obligation, so a calendar that
    fetches the feed again updates an event rather than adding one; ``DTSTAMP`` is the day
    asked about, so the same city and day give the same text. Lines end in CRLF and fold at
    75 octets, as the standard asks.

    Args:
        found: The deadlines, as :func:`deadlines` gives them.
        lang: The language of summaries and descriptions, ``"en"`` or ``"zh"``.
        name: The calendar's name (``X-WR-CALNAME``).

    Raises:
        InvalidArgumentError: ``lang`` is neither ``"en"`` nor ``"zh"``.

    Examples:
        >>> from neighborparty import examples
        >>> text = to_ics(d for d in deadlines(examples.seed_city()) if d.code == "NP502")
        >>> lines = text.split("\\r\\n")
        >>> print("\\n".join(lines[:11]))
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//neighborparty//deadlines//EN
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:neighborparty
        BEGIN:VEVENT
        UID:NP502.oc-jinan.owners_term@neighborparty
        DTSTAMP:20201008T000000Z
        DTSTART;VALUE=DATE:20240531
        DTEND;VALUE=DATE:20240601
        >>> lines[12], max(len(line.encode()) for line in lines)
        (' yet)', 75)
    """
    zh = _lang(lang)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//neighborparty//deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for d in found:
        if d.grace is None:
            grace = "无宽限期" if zh else "no grace period"
        else:
            until = d.grace_until.isoformat()
            grace = f"宽限至 {until}（{d.grace}）" if zh else f"grace to {until} ({d.grace})"
        status = f"状态 {d.status.value}" if zh else f"status {d.status.value}"
        description = f"{d.code} · {status} · {grace} · {d.source}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(f'{d.code}.{d.subject}.{d.obligation}')}@neighborparty",
            f"DTSTAMP:{d.on.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{_ics_day(d.due)}",
            f"DTEND;VALUE=DATE:{_ics_day(add_days(d.due, 1))}",
            f"SUMMARY:{_ics_text(d.message(lang))}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"CATEGORIES:{d.status.value}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _ics_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a character (RFC 5545 section 3.1)."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)
