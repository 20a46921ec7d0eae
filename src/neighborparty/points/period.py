"""Periods (考核周期): the spans of days a score is reported for, and the calendar windows of caps
and deductions.

A :class:`Period` is a span of whole days, both ends included. The calendar gives the windows a
scheme counts in: a month, a quarter (Q1 is January to March) or a year, named by
:class:`PeriodUnit`. A period made with :meth:`Period.year`, :meth:`Period.quarter` or
:meth:`Period.month` is such a window; any other span (a year to date, say) is allowed too, and
:meth:`Period.split` cuts it along the calendar.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date, timedelta

import attrs

from neighborparty.errors import InvalidArgumentError, InvalidFieldError

__all__ = ["Period", "PeriodUnit"]


class PeriodUnit(enum.StrEnum):
    """A calendar unit that caps and required activities count in: month, quarter or year.

    Units order from the shortest to the longest, which is the order caps apply in.

    Examples:
        >>> PeriodUnit("quarter")
        <PeriodUnit.QUARTER: 'quarter'>
        >>> sorted([PeriodUnit.YEAR, PeriodUnit.MONTH], key=lambda u: u.months)
        [<PeriodUnit.MONTH: 'month'>, <PeriodUnit.YEAR: 'year'>]
    """

    MONTH = "month"
    """A calendar month (月)."""
    QUARTER = "quarter"
    """A calendar quarter (季度): January to March, April to June, and so on."""
    YEAR = "year"
    """A calendar year (年度)."""

    @property
    def months(self) -> int:
        """How many months the unit spans: 1, 3 or 12."""
        return _MONTHS[self]


_MONTHS = {PeriodUnit.MONTH: 1, PeriodUnit.QUARTER: 3, PeriodUnit.YEAR: 12}


def _month_index(day: date) -> int:
    """A month as one integer, so that consecutive months are consecutive integers."""
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    """The first day of the month :func:`_month_index` numbers."""
    return date(index // 12, index % 12 + 1, 1)


def _check_end(instance: Period, attribute: attrs.Attribute[date], end: date) -> None:
    if end < instance.start:
        raise InvalidFieldError("end", f"must not be before start {instance.start}, got {end}")


@attrs.frozen(order=True)
class Period:
    """A span of whole days, ``start`` to ``end``, both included.

    Periods order by start, then end. ``str()`` names calendar windows the usual way
    (``2020``, ``2020-Q3``, ``2020-10``) and any other span by its two ends.

    Args:
        start: The first day.
        end: The last day, included; not before ``start``.

    Raises:
        InvalidFieldError: ``end`` is before ``start`` (a ``ValueError``).

    Examples:
        >>> from datetime import date
        >>> q3 = Period.quarter(2020, 3)
        >>> q3
        Period(start=datetime.date(2020, 7, 1), end=datetime.date(2020, 9, 30))
        >>> str(q3), date(2020, 9, 30) in q3, date(2020, 10, 1) in q3
        ('2020-Q3', True, False)
        >>> [str(m) for m in q3.months()]
        ['2020-07', '2020-08', '2020-09']
        >>> str(Period(date(2020, 1, 1), date(2020, 10, 26)))
        '2020-01-01..2020-10-26'
    """

    start: date
    end: date = attrs.field(validator=_check_end)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year.

        Examples:
            >>> str(Period.year(2020)), Period.year(2020).days
            ('2020', 366)
        """
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A calendar quarter, 1 to 4.

        Raises:
            InvalidArgumentError: ``quarter`` is not 1 to 4.

        Examples:
            >>> Period.quarter(2020, 4).start
            datetime.date(2020, 10, 1)
        """
        if quarter not in (1, 2, 3, 4):
            raise InvalidArgumentError(f"quarter must be 1 to 4, got {quarter}")
        first = year * 12 + 3 * (quarter - 1)
        return cls(_month_start(first), _month_start(first + 3) - timedelta(days=1))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month, 1 to 12.

        Examples:
            >>> Period.month(2020, 2).end
            datetime.date(2020, 2, 29)
        """
        first = date(year, month, 1)
        return cls(first, _month_start(_month_index(first) + 1) - timedelta(days=1))

    @classmethod
    def containing(cls, day: date, unit: PeriodUnit) -> Period:
        """The calendar month, quarter or year a day lies in.

        Examples:
            >>> from datetime import date
            >>> str(Period.containing(date(2020, 8, 15), PeriodUnit.QUARTER))
            '2020-Q3'
        """
        if unit is PeriodUnit.YEAR:
            return cls.year(day.year)
        if unit is PeriodUnit.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.month(day.year, day.month)

    @property
    def days(self) -> int:
        """How many days the period holds.

        Examples:
            >>> Period.quarter(2021, 1).days
            90
        """
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        for unit in PeriodUnit:
            if Period.containing(self.start, unit) == self:
                if unit is PeriodUnit.YEAR:
                    return f"{self.start.year}"
                if unit is PeriodUnit.QUARTER:
                    return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
                return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def is_window(self, unit: PeriodUnit) -> bool:
        """Whether the period is exactly one calendar window of the unit.

        Examples:
            >>> Period.quarter(2020, 1).is_window(PeriodUnit.QUARTER)
            True
            >>> Period.quarter(2020, 1).is_window(PeriodUnit.MONTH)
            False
        """
        return Period.containing(self.start, unit) == self

    def split(self, unit: PeriodUnit, *, whole: bool = False) -> tuple[Period, ...]:
        """The period cut along the calendar's months, quarters or years, in order.

        Args:
            unit: Where to cut.
            whole: Only the calendar windows that lie wholly in the period; by default a window
                the period only partly covers is included, cut to the period, so that the
                pieces cover the period exactly.

        Examples:
            >>> from datetime import date
            >>> [str(q) for q in Period.year(2020).split(PeriodUnit.QUARTER)]
            ['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']
            >>> ytd = Period(date(2020, 1, 1), date(2020, 10, 26))
            >>> [str(q) for q in ytd.split(PeriodUnit.QUARTER)][-1]
            '2020-10-01..2020-10-26'
            >>> len(ytd.split(PeriodUnit.MONTH, whole=True))
            9
        """
        pieces = []
        for window in self._windows(unit):
            piece = Period(max(window.start, self.start), min(window.end, self.end))
            if piece == window or not whole:
                pieces.append(piece)
        return tuple(pieces)

    def months(self) -> tuple[Period, ...]:
        """The period cut into calendar months (``split(PeriodUnit.MONTH)``).

        Examples:
            >>> [str(m) for m in Period.quarter(2020, 4).months()]
            ['2020-10', '2020-11', '2020-12']
        """
        return self.split(PeriodUnit.MONTH)

    def quarters(self) -> tuple[Period, ...]:
        """The period cut into calendar quarters (``split(PeriodUnit.QUARTER)``).

        Examples:
            >>> [str(q) for q in Period.year(2020).quarters()]
            ['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']
        """
        return self.split(PeriodUnit.QUARTER)

    def _windows(self, unit: PeriodUnit) -> Iterator[Period]:
        window = Period.containing(self.start, unit)
        while window.start <= self.end:
            yield window
            window = Period.containing(window.end + timedelta(days=1), unit)
