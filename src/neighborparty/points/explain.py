"""Explained scores: every event, cut and deduction behind a score, with the rule that applied.

:func:`explain_score` scores one member the way :func:`~neighborparty.points.score` does, event
by event, and keeps the reasons: the events that counted and what each earned, the events a cap
cut and by how much, the deductions with the window they belong to, and the events of the
period that earned nothing and why. Its score is always the one ``score`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import attrs

from neighborparty.model import Activity, ActivityKind, City
from neighborparty.points._engine import centi, event_centi, months_from, value_or_raise
from neighborparty.points.ledger import Ledger
from neighborparty.points.period import Period, _month_index, _month_start
from neighborparty.points.scheme import PointsScheme
from neighborparty.points.scoring import Score, _branch_id, _member

__all__ = ["CappedEvent", "CountedEvent", "Explanation", "IgnoredEvent", "Lapse", "explain_score"]


@attrs.frozen(kw_only=True)
class CountedEvent:
    """An event an earning rule scored.

    Args:
        activity: The record.
        rule: The code of the earning rule.
        gross: The points the rule gave it.
        points: The points it keeps after the caps (0 when a cap cut them all).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> e = explain_score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> e.counted[0].activity.id, e.counted[0].rule, e.counted[0].points
        ('ac-1', 'theme_party_day', 2.0)
    """

    activity: Activity
    rule: str
    gross: float
    points: float


@attrs.frozen(kw_only=True)
class CappedEvent:
    """Points a cap cut from an event.

    Args:
        activity: The record.
        cap: The code of the cap.
        window: The calendar window the cap counted in, cut to the scored period.
        cut: The points cut.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import Activity, ActivityKind
        >>> from neighborparty.points import Period
        >>> a = Activity(id="ac-9", person="p-1", kind=ActivityKind.THEME_PARTY_DAY, on=date(2020, 9, 20))
        >>> CappedEvent(activity=a, cap="theme_party_day_month", window=Period.month(2020, 9), cut=2.0).cut
        2.0
    """

    activity: Activity
    cap: str
    window: Period
    cut: float


@attrs.frozen(kw_only=True)
class Lapse:
    """A deduction: a window without a required activity, or a month that ends a run of months
    without organisational life.

    Args:
        rule: The code of the required-activity or inactivity rule.
        window: The calendar window of the requirement, or the run of empty months (its last
            month is the one the deduction belongs to).
        points: The points deducted, as a positive number.
        reason: What was missing, in words.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> e = explain_score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> [(str(x.window), x.rule, x.points) for x in e.lapses]
        [('2020-07', 'missed_theme_party_day', 1.0), ('2020-08', 'missed_theme_party_day', 1.0), ('2020-02-01..2020-07-31', 'no_organizational_life', 5.0), ('2020-03-01..2020-08-31', 'no_organizational_life', 5.0)]
    """

    rule: str
    window: Period
    points: float
    reason: str


@attrs.frozen(kw_only=True)
class IgnoredEvent:
    """An event of the period that earned nothing, and why.

    Args:
        activity: The record.
        reason: Why it earned nothing: no earning rule for its kind, a rule not in force on its
            day, a sign-up without a check-in.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> e = explain_score(examples.seed_city(), "p-lin", Period.quarter(2020, 4), EXAMPLE_SCHEME)
        >>> e.ignored[0].reason
        'no earning rule for dues_paid'
    """

    activity: Activity
    reason: str


@attrs.frozen(kw_only=True)
class Explanation:
    """A score with everything behind it. ``str()`` gives :meth:`text`.

    The parts add up: ``sum(e.points for e in counted) == score.earned``, ``sum(e.gross for e
    in counted) - sum(c.cut for c in capped) == score.earned``, and ``sum(x.points for x in
    lapses) == score.deducted``.

    Args:
        score: The score, equal to what :func:`~neighborparty.points.score` gives.
        scheme: The scheme's name.
        counted: The events an earning rule scored, by day then id.
        capped: The cuts, by day then id of the event, shorter windows first.
        lapses: The deductions, by rule then window.
        ignored: The events of the period that earned nothing, by day then id.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> e = explain_score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> e.score.total, len(e.counted), len(e.lapses)
        (74.0, 3, 4)
    """

    score: Score
    scheme: str
    counted: tuple[CountedEvent, ...]
    capped: tuple[CappedEvent, ...]
    lapses: tuple[Lapse, ...]
    ignored: tuple[IgnoredEvent, ...]

    def text(self) -> str:
        """The explanation as readable text, one line per event, cut and deduction.

        Examples:
            >>> from neighborparty import examples
            >>> from neighborparty.points import EXAMPLE_SCHEME, Period
            >>> city = examples.seed_city()
            >>> print(explain_score(city, "p-chen", Period.quarter(2020, 4), EXAMPLE_SCHEME).text())
            p-chen, 2020-Q4, scheme 'example': 79.00 = base 80.00 + earned 2.00 - deducted 3.00 (flagged below 60.00: no)
            counted:
              2020-10-01  ac-4  project_check_in  +2.00  by project_check_in
            deducted:
              2020-10  -1.00  by missed_theme_party_day: no theme_party_day in 2020-10
              2020-11  -1.00  by missed_theme_party_day: no theme_party_day in 2020-11
              2020-12  -1.00  by missed_theme_party_day: no theme_party_day in 2020-12
        """
        s = self.score
        lines = [
            f"{s.person}, {s.period}, scheme {self.scheme!r}: {s.total:.2f} = base {s.base:.2f}"
            f" + earned {s.earned:.2f} - deducted {s.deducted:.2f}"
            f" (flagged below {s.flag_below:.2f}: {'yes' if s.flagged else 'no'})"
        ]
        if self.counted:
            lines.append("counted:")
            lines.extend(
                _columns(
                    (
                        e.activity.on.isoformat(),
                        e.activity.id,
                        e.activity.kind.value,
                        f"{e.points:+.2f}" + (f" of {e.gross:.2f}" if e.points != e.gross else ""),
                        f"by {e.rule}",
                    )
                    for e in self.counted
                )
            )
        if self.capped:
            lines.append("cut by caps:")
            lines.extend(
                _columns(
                    (
                        c.activity.on.isoformat(),
                        c.activity.id,
                        c.activity.kind.value,
                        f"{-c.cut:+.2f}",
                        f"by {c.cap} in {c.window}",
                    )
                    for c in self.capped
                )
            )
        if self.lapses:
            lines.append("deducted:")
            lines.extend(
                _columns(
                    (str(x.window), f"{-x.points:+.2f}", f"by {x.rule}: {x.reason}")
                    for x in self.lapses
                )
            )
        if self.ignored:
            lines.append("earned nothing:")
            lines.extend(
                _columns(
                    (i.activity.on.isoformat(), i.activity.id, i.activity.kind.value, i.reason)
                    for i in self.ignored
                )
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def _columns(rows: Iterable[tuple[str, ...]]) -> list[str]:
    table = list(rows)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]


@attrs.define
class _Scored:
    """An event an earning rule scored, while the caps cut it (points in hundredths)."""

    activity: Activity
    rule: str
    gross: int
    kept: int


def explain_score(
    city: City,
    person: str,
    period: Period,
    scheme: PointsScheme,
    *,
    ledger: Ledger | None = None,
) -> Explanation:
    """A member's score with every event, cut and deduction behind it.

    The arguments are those of :func:`~neighborparty.points.score`, and so is the score.

    Raises:
        UnknownIdError: The city has no party member with this id.
        NotInForceError: The scheme has no base score or threshold on the period's first day.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> e = explain_score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> [(c.activity.id, c.points) for c in e.counted]
        [('ac-1', 2.0), ('ac-2', 3.0), ('ac-3', 1.0)]
    """
    member = _member(city, person)
    source = ledger if ledger is not None else Ledger.of_city(city)
    events = source.of_person(person)
    base = centi(value_or_raise(scheme.base, scheme, "base", period.start))
    flag = centi(value_or_raise(scheme.flag_below, scheme, "flag_below", period.start))
    scored, ignored = _scored(events, period, scheme)
    capped = _capped(scored, period, scheme)
    lapses = _lapses(member.party.joined if member.party else None, events, period, scheme)
    earned = sum(e.kept for e in scored)
    gross = sum(e.gross for e in scored)
    deducted = sum(centi(x.points) for x in lapses)
    return Explanation(
        score=Score(
            person=person,
            period=period,
            branch=_branch_id(city, person),
            base=base / 100,
            earned=earned / 100,
            cut=(gross - earned) / 100,
            deducted=deducted / 100,
            total=(base + earned - deducted) / 100,
            flag_below=flag / 100,
        ),
        scheme=scheme.name,
        counted=tuple(
            CountedEvent(activity=e.activity, rule=e.rule, gross=e.gross / 100, points=e.kept / 100)
            for e in scored
        ),
        capped=capped,
        lapses=lapses,
        ignored=ignored,
    )


def _by_day(activity: Activity) -> tuple[date, str]:
    return (activity.on, activity.id)


def _scored(
    events: Sequence[Activity], period: Period, scheme: PointsScheme
) -> tuple[list[_Scored], tuple[IgnoredEvent, ...]]:
    """The period's events an earning rule scores, by day then id, and those it does not."""
    checked_in = {a.ref for a in events if a.kind is ActivityKind.PROJECT_CHECK_IN}
    earning = {rule.kind: rule for rule in scheme.earning}
    scored: list[_Scored] = []
    ignored: list[IgnoredEvent] = []
    for activity in sorted((a for a in events if a.on in period), key=_by_day):
        rule = earning.get(activity.kind)
        points = rule.points.at(activity.on) if rule is not None else None
        if rule is None:
            reason = f"no earning rule for {activity.kind.value}"
        elif points is None:
            reason = f"{rule.code} is not in force on {activity.on.isoformat()}"
        elif activity.kind is ActivityKind.PROJECT_SIGN_UP and activity.ref is None:
            reason = "a sign-up that names no project"
        elif activity.kind is ActivityKind.PROJECT_SIGN_UP and activity.ref not in checked_in:
            reason = f"signed up to {activity.ref} but never checked in there"
        else:
            per_hour = rule.per_hour.at(activity.on) if rule.per_hour is not None else None
            gross = event_centi(points, per_hour, activity.hours)
            scored.append(_Scored(activity=activity, rule=rule.code, gross=gross, kept=gross))
            continue
        ignored.append(IgnoredEvent(activity=activity, reason=reason))
    return scored, tuple(ignored)


def _capped(
    scored: Sequence[_Scored], period: Period, scheme: PointsScheme
) -> tuple[CappedEvent, ...]:
    """Apply the caps, shorter windows first, cutting the latest events of a window first."""
    cuts: list[tuple[tuple[date, str, int], CappedEvent]] = []
    for cap in sorted(scheme.caps, key=lambda c: c.per.months):
        windows: dict[Period, list[_Scored]] = {}
        for entry in scored:
            if entry.activity.kind is cap.kind:
                window = Period.containing(entry.activity.on, cap.per)
                windows.setdefault(window, []).append(entry)
        for window, entries in windows.items():
            limit = cap.points.at(window.start)
            if limit is None:
                continue
            excess = sum(e.kept for e in entries) - centi(limit)
            inside = Period(max(window.start, period.start), min(window.end, period.end))
            for entry in reversed(entries):
                if excess <= 0:
                    break
                cut = min(entry.kept, excess)
                if cut:
                    entry.kept -= cut
                    excess -= cut
                    cuts.append(
                        (
                            (*_by_day(entry.activity), cap.per.months),
                            CappedEvent(
                                activity=entry.activity, cap=cap.code, window=inside, cut=cut / 100
                            ),
                        )
                    )
    cuts.sort(key=lambda pair: pair[0])
    return tuple(cut for _, cut in cuts)


def _lapses(
    joined: date | None, events: Sequence[Activity], period: Period, scheme: PointsScheme
) -> tuple[Lapse, ...]:
    """The deductions of required activities and inactivity rules, rule by rule."""
    lapses: list[Lapse] = []
    for required in scheme.required:
        names = " or ".join(k.value for k in required.kinds)
        for window in period.split(required.per, whole=True):
            points = required.points.at(window.start)
            if points is None or (joined is not None and joined > window.start):
                continue
            if not any(a.kind in required.kinds and a.on in window for a in events):
                lapses.append(
                    Lapse(
                        rule=required.code,
                        window=window,
                        points=centi(points) / 100,
                        reason=f"no {names} in {window}",
                    )
                )
    first_whole = months_from(period.start)
    last_whole = _month_index(period.end + timedelta(days=1)) - 1
    for rule in scheme.inactivity:
        first = rule.points.first_in_force
        if first is None:
            continue
        counted_from = months_from(first)
        if joined is not None:
            counted_from = max(counted_from, months_from(joined))
        active = {_month_index(a.on) for a in events if a.kind in rule.kinds}
        for month in range(max(first_whole, counted_from + rule.months - 1), last_whole + 1):
            run = range(month - rule.months + 1, month + 1)
            if any(m in active for m in run):
                continue
            points = rule.points.at(_month_start(month))
            if points is not None:
                lapses.append(
                    Lapse(
                        rule=rule.code,
                        window=Period(
                            _month_start(run[0]), _month_start(month + 1) - timedelta(days=1)
                        ),
                        points=centi(points) / 100,
                        reason=f"no organisational life for {rule.months} months in a row",
                    )
                )
    return tuple(lapses)
