"""The scoring engine: a scheme compiled for one period, and one pass over the records.

Private. :mod:`neighborparty.points.scoring` states what a score is; this module computes it fast
enough for a whole city (about a million records a second), and
:mod:`neighborparty.points.explain` computes it again event by event, the slow and plain way the
tests hold this engine to.

Points are whole hundredths (``int``) throughout, so sums are exact and order-free. A member's
months with activity are the bits of one ``int``: ``width`` bits per deduction rule, bit 0 being
the plan's ``first_month``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import attrs

from neighborparty.errors import NotInForceError
from neighborparty.model import Activity, ActivityKind
from neighborparty.points.period import Period, PeriodUnit, _month_index, _month_start
from neighborparty.points.scheme import (
    DatedValue,
    InactivityRule,
    PointsScheme,
    RequiredActivity,
)

SIGN_UP = ActivityKind.PROJECT_SIGN_UP
CHECK_IN = ActivityKind.PROJECT_CHECK_IN


def centi(value: float) -> int:
    """A number of points in whole hundredths (rounded half to even)."""
    return round(value * 100)


def event_centi(points: float, per_hour: float | None, hours: float | None) -> int:
    """An event's points in hundredths: the points, plus the points per hour times the hours."""
    if not per_hour or not hours:
        return centi(points)
    return centi(points) + centi(per_hour * hours)


def months_from(day: date) -> int:
    """The index of the first month that starts on or after a day."""
    index = _month_index(day)
    return index if day.day == 1 else index + 1


def value_or_raise(value: DatedValue, scheme: PointsScheme, what: str, day: date) -> float:
    """A scheme's value on a day, which must be in force."""
    number = value.at(day)
    if number is None:
        raise NotInForceError(scheme.name, what, day)
    return number


# --------------------------------------------------------------------------- the plan

# How a record is handled in the hot loop; 0 is an uncapped earning rule in force that day.
_CAPPED = 1
_HOURLY = 2
_SIGN_UP_ROW = 4
_CHECK_IN_ROW = 8
_NO_POINTS = 16
"""No earning rule is in force that day (the record may still count as activity)."""

NO_CAP = 1 << 62
"""The cap of a window no cap is in force in."""

Window = tuple[ActivityKind, int, int]
"""A capped kind, the months of one of its caps' unit, and the index of a window of that unit
(months since year 0 divided by the unit's months)."""

Chain = tuple[tuple[Window, int], ...]
"""The windows a capped kind's record falls in, one per cap, shortest first, each with its cap
(``NO_CAP`` where none is in force)."""

Row = tuple[int, float, Chain, int, int]
"""For one kind and day: points in hundredths (0 with ``_NO_POINTS``), points per hour, the
chain of cap windows (empty for an uncapped kind), the kind's deduction bits for that month, and
the handling flags."""


@attrs.frozen
class _Required:
    """A required activity compiled for a period."""

    shift: int
    monthly: tuple[tuple[int, int], ...]
    """For monthly windows: each number of points deducted, with the bits of its months."""
    windows: tuple[tuple[int, int, int], ...]
    """For longer windows: the offset of the first month, the window's bits, the points."""


@attrs.frozen
class _Inactivity:
    """An inactivity rule compiled for a period."""

    shift: int
    months: int
    counts_from: int
    """The offset of the first month counted (the rule's first month in force)."""
    span: int
    """The bits of the months counted, from ``counts_from`` to the last whole month."""
    starts: tuple[tuple[int, int], ...]
    """Each number of points deducted, with the bits of the first months of the runs that end
    in a month wholly in the period deducting that many."""


@attrs.frozen
class Plan:
    """A scheme compiled for one period: every dated value read once, for the hot loop."""

    period: Period
    base: int
    flag_below: int
    rows: dict[ActivityKind, dict[date, Row]]
    lookback_bits: dict[ActivityKind, int]
    """The deduction bits of each kind at offset 0, for records before the period."""
    first_month: int
    first_day: date
    """The first day of ``first_month``."""
    width: int
    whole: tuple[int, int]
    """The offsets of the first and last month that lie wholly in the period."""
    required: tuple[_Required, ...]
    inactivity: tuple[_Inactivity, ...]


def _daily(value: DatedValue | None, days: Sequence[date]) -> list[float | None]:
    """The value on each of a run of days (in order, at least one), walking the changes once."""
    if value is None:
        return [None] * len(days)
    found: list[float | None] = []
    current = value.at(days[0])
    later = iter([step for step in value.steps if step[0] > days[0]])
    change = next(later, None)
    for day in days:
        while change is not None and change[0] <= day:
            current = change[1]
            change = next(later, None)
        found.append(current)
    return found


def compile_plan(scheme: PointsScheme, period: Period) -> Plan:
    """The plan of a scheme for a period.

    Raises:
        NotInForceError: No base score or threshold is in force on the period's first day.
    """
    start, end = period.start, period.end
    base = centi(value_or_raise(scheme.base, scheme, "base", start))
    flag = centi(value_or_raise(scheme.flag_below, scheme, "flag_below", start))
    start_month, end_month = _month_index(start), _month_index(end)
    counts_from: dict[str, int] = {}
    lookback = [start_month]
    for inactive in scheme.inactivity:
        first = inactive.points.first_in_force
        if first is not None:
            counts_from[inactive.code] = months_from(first)
            lookback.append(max(months_from(first), start_month - inactive.months + 1))
    first_month = min(lookback)
    width = end_month - first_month + 1
    whole = (
        months_from(start) - first_month,
        _month_index(end + timedelta(days=1)) - 1 - first_month,
    )

    deductions: list[RequiredActivity | InactivityRule] = [*scheme.required, *scheme.inactivity]
    kind_bits: dict[ActivityKind, int] = {}
    for j, deduction in enumerate(deductions):
        for kind in deduction.kinds:
            kind_bits[kind] = kind_bits.get(kind, 0) | 1 << (j * width)

    caps: dict[ActivityKind, list[tuple[int, dict[int, int]]]] = {}
    for cap in sorted(scheme.caps, key=lambda c: c.per.months):
        values: dict[int, int] = {}
        for piece in period.split(cap.per):
            key = _month_index(piece.start) // cap.per.months
            number = cap.points.at(_month_start(key * cap.per.months))
            values[key] = NO_CAP if number is None else centi(number)
        caps.setdefault(cap.kind, []).append((cap.per.months, values))

    earning = {rule.kind: rule for rule in scheme.earning}
    days = [start + timedelta(days=i) for i in range(period.days)]
    months = [_month_index(day) for day in days]
    rows: dict[ActivityKind, dict[date, Row]] = {}
    for kind in ActivityKind:
        earn = earning.get(kind)
        bits = kind_bits.get(kind, 0)
        if earn is None and not bits and kind is not CHECK_IN:
            continue
        flags = (
            (_CAPPED if kind in caps else 0)
            | (_HOURLY if earn is not None and earn.per_hour is not None else 0)
            | (_SIGN_UP_ROW if kind is SIGN_UP else 0)
            | (_CHECK_IN_ROW if kind is CHECK_IN else 0)
        )
        points_by_day = _daily(earn.points if earn is not None else None, days)
        per_hour_by_day = _daily(earn.per_hour if earn is not None else None, days)
        chains: dict[int, Chain] = {}  # one chain per month, shared by its days
        kind_rows: dict[date, Row] = {}
        for day, month, points, per_hour in zip(
            days, months, points_by_day, per_hour_by_day, strict=True
        ):
            chain = chains.get(month)
            if chain is None:
                chain = chains[month] = tuple(
                    ((kind, unit, month // unit), values[month // unit])
                    for unit, values in caps.get(kind, ())
                )
            kind_rows[day] = (
                0 if points is None else centi(points),
                per_hour or 0.0,
                chain,
                bits << (month - first_month),
                flags | (_NO_POINTS if points is None else 0),
            )
        rows[kind] = kind_rows

    required = []
    for j, rule in enumerate(scheme.required):
        monthly: dict[int, int] = {}
        longer = []
        for window_period in period.split(rule.per, whole=True):
            number = rule.points.at(window_period.start)
            if number is None:
                continue
            offset = _month_index(window_period.start) - first_month
            window_bits = ((1 << rule.per.months) - 1) << (j * width + offset)
            if rule.per is PeriodUnit.MONTH:
                monthly[centi(number)] = monthly.get(centi(number), 0) | window_bits
            else:
                longer.append((offset, window_bits, centi(number)))
        required.append(
            _Required(shift=j * width, monthly=tuple(monthly.items()), windows=tuple(longer))
        )

    inactivity = []
    for j, inactive in enumerate(scheme.inactivity, start=len(scheme.required)):
        if inactive.code not in counts_from:
            continue
        starts: dict[int, int] = {}
        for offset in range(whole[0], whole[1] + 1):
            number = inactive.points.at(_month_start(first_month + offset))
            run_start = offset - inactive.months + 1
            if number is not None and run_start >= 0:
                starts[centi(number)] = starts.get(centi(number), 0) | 1 << run_start
        counted_from = max(counts_from[inactive.code] - first_month, 0)
        inactivity.append(
            _Inactivity(
                shift=j * width,
                months=inactive.months,
                counts_from=counted_from,
                span=_span(counted_from, whole[1]),
                starts=tuple(starts.items()),
            )
        )
    return Plan(
        period=period,
        base=base,
        flag_below=flag,
        rows=rows,
        lookback_bits={kind: bits for kind, bits in kind_bits.items() if bits},
        first_month=first_month,
        first_day=_month_start(first_month),
        width=width,
        whole=whole,
        required=tuple(required),
        inactivity=tuple(inactivity),
    )


def _span(first: int, last: int) -> int:
    """The bits from ``first`` to ``last``, both included."""
    return ((1 << (last + 1)) - 1) >> first << first if first <= last else 0


# --------------------------------------------------------------------------- the tally


class Tally:
    """What the records of one member add up to in a period, while they are read."""

    __slots__ = ("capped", "checked_in", "cut", "earned", "mask", "sign_ups")

    def __init__(self) -> None:
        self.earned = 0
        """Points kept, in hundredths."""
        self.cut = 0
        """Points the caps cut."""
        self.mask = 0
        """The member's months with activity, as deduction bits."""
        self.capped: dict[Window, int] | None = None
        """For each cap window, the points that reached it (before its cap)."""
        self.sign_ups: list[tuple[str, int, Chain]] | None = None
        """Project sign-ups, which earn if the member checked in at the project."""
        self.checked_in: set[str | None] | None = None
        """The projects the member checked in at, on any day."""

    def add_capped(self, chain: Chain, points: int) -> None:
        """Add a record's points through the caps of its kind, shortest first.

        Each window keeps the sum of what reached it; what its cap lets through is
        ``min(cap, sum)``, so a record passes on the growth of that minimum to the next window
        and the rest is cut. The sums, and so the points kept, do not depend on the order of
        the records: they are the nested minimums of the scoring module's documentation.
        """
        capped = self.capped
        if capped is None:
            capped = self.capped = {}
        for window, cap in chain:
            before = capped.get(window, 0)
            after = capped[window] = before + points
            if after > cap:
                passed = cap - before if before < cap else 0
                self.cut += points - passed
                points = passed
                if not points:
                    return
        self.earned += points

    def points(self) -> tuple[int, int]:
        """The points after the caps, and the points the caps cut."""
        if self.sign_ups is not None:
            checked_in = self.checked_in or set()
            for ref, points, chain in self.sign_ups:
                if ref in checked_in:  # a sign-up without a check-in earns nothing
                    self.add_capped(chain, points)
            self.sign_ups = None
        return self.earned, self.cut


def tally(activities: Iterable[Activity], plan: Plan) -> dict[str, Tally]:
    """One pass over the records: what they add up to for each member they name.

    The hot loop of scoring: per record, a dict lookup for the kind, one for the day and one
    for the member, then a few additions. Nothing is made per record.
    """
    rows_of = plan.rows
    tallies: dict[str, Tally] = {}
    person: str | None = None
    member = Tally()
    for activity in activities:
        kind = activity.kind
        rows = rows_of.get(kind)
        if rows is None:
            continue
        row = rows.get(activity.on)
        if activity.person is not person:  # records often come member by member
            person = activity.person
            found = tallies.get(person)
            if found is None:
                found = tallies[person] = Tally()
            member = found
        if row is None:  # outside the period: only a check-in or an earlier month matters
            if kind is CHECK_IN:
                member.checked_in = member.checked_in or set()
                member.checked_in.add(activity.ref)
            member.mask |= _earlier_bits(activity, plan)
            continue
        points, per_hour, chain, bits, flags = row
        member.mask |= bits
        if not flags:  # the common case: an uncapped rule in force
            member.earned += points
        elif flags == _NO_POINTS:  # organisational life that earns nothing (dues)
            pass
        elif flags == _CAPPED:
            if len(chain) == 1:  # one cap: add_capped, inlined for the hot loop
                capped = member.capped
                if capped is None:
                    capped = member.capped = {}
                window, cap = chain[0]
                before = capped.get(window, 0)
                after = capped[window] = before + points
                if after <= cap:
                    member.earned += points
                elif before >= cap:
                    member.cut += points
                else:
                    member.earned += cap - before
                    member.cut += after - cap
            else:
                member.add_capped(chain, points)
        else:
            if flags & _CHECK_IN_ROW:
                member.checked_in = member.checked_in or set()
                member.checked_in.add(activity.ref)
            if flags & _NO_POINTS:  # no rule in force that day (nor its points per hour)
                continue
            if flags & _HOURLY and activity.hours:
                points += centi(per_hour * activity.hours)
            if flags & _SIGN_UP_ROW:
                if activity.ref is not None:
                    member.sign_ups = member.sign_ups or []
                    member.sign_ups.append((activity.ref, points, chain))
            else:
                member.add_capped(chain, points)  # an empty chain adds to the points kept
    return tallies


def _earlier_bits(activity: Activity, plan: Plan) -> int:
    """The deduction bits of a record before the period, which inactivity looks back at."""
    bits = plan.lookback_bits.get(activity.kind)
    day = activity.on
    if not bits or day >= plan.period.start:
        return 0
    offset = day.year * 12 + day.month - 1 - plan.first_month
    return bits << offset if offset >= 0 else 0


def joined_offset(joined: date | None, plan: Plan) -> int:
    """The offset of the first month a member is held to, or -1 when held to every month."""
    if joined is None or joined <= plan.first_day:
        return -1
    return months_from(joined) - plan.first_month


def deducted(mask: int, joined_from: int, plan: Plan) -> int:
    """The points a member loses for lapses, from the member's months with activity and the
    first month the member is held to (:func:`joined_offset`)."""
    total = 0
    for required in plan.required:
        held = -1 if joined_from <= 0 else -1 << (required.shift + joined_from)
        for points, bits in required.monthly:
            total += points * (bits & held & ~mask).bit_count()
        for first, bits, points in required.windows:
            if first >= joined_from and not mask & bits:
                total += points
    for rule in plan.inactivity:
        late = joined_from > rule.counts_from  # joined after the rule came into force
        span = _span(joined_from, plan.whole[1]) if late else rule.span
        empty = ~(mask >> rule.shift) & span
        if empty.bit_count() < rule.months:
            continue  # too few empty months for a run
        runs = empty  # bit i: the months i to i + months - 1 are all empty
        for step in range(1, rule.months):
            runs &= empty >> step
        for points, starts in rule.starts:
            total += points * (runs & starts).bit_count()
    return total
