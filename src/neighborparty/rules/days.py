"""Counting days as the rules do: the same day some years, months or days later.

The arithmetic saturates at the ends of the calendar (``date.min``, 0001-01-01, and
``date.max``, 9999-12-31) instead of stepping off it: a term that would end after 9999-12-31
ends on 9999-12-31, which no check day can pass. Whether a day some years or months later has
come by a check day is :func:`reached`, which knows that a day beyond the calendar never comes,
not even on 9999-12-31. Open-ended posts recorded as ending on
9999-12-31 (a common convention), cities whose days are all 0001-01-01, and checks on
``date.max`` or ``date.min`` are thus judged like any other.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta

from neighborparty.errors import InvalidArgumentError

__all__ = [
    "UNITS",
    "DayTexts",
    "add_days",
    "add_months",
    "add_years",
    "latest_start",
    "reached",
    "span_end",
]

UNITS = ("years", "months", "days")
"""The units a span of time counts in."""


class DayTexts(dict[date, str]):
    """Each day's ISO text, made the first time the day is asked for and shared after: the
    findings of a rule judging many subjects on few days hold one string per day.

    Examples:
        >>> texts = DayTexts()
        >>> texts[date(2020, 10, 26)]
        '2020-10-26'
        >>> texts[date(2020, 10, 26)] is texts[date(2020, 10, 26)]
        True
    """

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year), or the
    end of the calendar it would step off.

    Examples:
        >>> add_years(date(2020, 2, 29), 1), add_years(date(2019, 6, 1), 5)
        (datetime.date(2021, 2, 28), datetime.date(2024, 6, 1))
        >>> add_years(date(9998, 6, 1), 5), add_years(date(2, 6, 1), -5)
        (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    year = day.year + years
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@functools.lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter, or the end of
    the calendar it would step off.

    Examples:
        >>> add_months(date(2020, 8, 31), 6), add_months(date(2020, 1, 15), 6)
        (datetime.date(2021, 2, 28), datetime.date(2020, 7, 15))
        >>> add_months(date(9999, 10, 1), 6), add_months(date(1, 3, 1), -6)
        (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, day.day if day.day <= last else last)


def add_days(day: date, days: int) -> date:
    """The day ``days`` later (earlier if negative), or the end of the calendar it would step
    off.

    Examples:
        >>> add_days(date(2020, 12, 31), 1), add_days(date(9999, 12, 30), 30)
        (datetime.date(2021, 1, 1), datetime.date(9999, 12, 31))
        >>> add_days(date(1, 1, 5), -30)
        datetime.date(1, 1, 1)
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def span_end(start: date, amount: int, unit: str) -> date:
    """The last day of a span of ``amount`` years, months or days from ``start``: the same day
    that many units later, or the month's last day where it has no such day (民法典 arts.
    201–202: the start day does not count; the corresponding day of the last month ends the
    span, the month's last day where there is none).

    A term, an answer window or six months without organisational life all end on this day,
    and are still running on it: what ends on it has run out from the next day. Every rule
    judging a span to its last day (NP206, NP405, NP502, NP603) and every
    :func:`~neighborparty.rules.deadlines` due day is this one function.

    Raises:
        InvalidArgumentError: ``unit`` is not one of :data:`UNITS`.

    Examples:
        >>> span_end(date(2017, 10, 26), 3, "years"), span_end(date(2020, 8, 31), 6, "months")
        (datetime.date(2020, 10, 26), datetime.date(2021, 2, 28))
        >>> span_end(date(2020, 5, 1), 30, "days")
        datetime.date(2020, 5, 31)
        >>> span_end(date(2020, 5, 1), 30, "weeks")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: a span counts in years, months, days, not 'weeks'
    """
    if unit == "years":
        return add_years(start, amount)
    if unit == "months":
        return add_months(start, amount)
    if unit == "days":
        return add_days(start, amount)
    raise InvalidArgumentError(f"a span counts in {', '.join(UNITS)}, not {unit!r}")


def reached(day: date, on: date, *, years: int = 0, months: int = 0) -> bool:
    """Whether the day ``years`` and ``months`` after ``day`` has come by ``on``: it is on or
    before ``on``. A day beyond the calendar's end never comes (where the saturated
    :func:`add_months` would give 9999-12-31, which a check on 9999-12-31 would count as come).

    Examples:
        >>> reached(date(2020, 1, 31), date(2020, 7, 30), months=6)
        False
        >>> reached(date(2020, 1, 31), date(2020, 7, 31), months=6)
        True
        >>> reached(date(9999, 12, 30), date.max, months=6), reached(date(9999, 6, 1), date.max, years=1)
        (False, False)
    """
    total = day.year * 12 + day.month - 1 + years * 12 + months
    if total > date.max.year * 12 + date.max.month - 1:
        return False
    return add_months(day, years * 12 + months) <= on


def latest_start(on: date, amount: int, unit: str) -> date | None:
    """The latest day whose day ``amount`` ``unit`` later (years, months or days) has come by
    ``on`` (see :func:`reached`); ``None`` when no day of the calendar is that far before it.
    Every earlier day has come too: the later day never decreases as the start grows.

    Examples:
        >>> latest_start(date(2020, 10, 26), 6, "months")
        datetime.date(2020, 4, 26)
        >>> latest_start(date(2021, 2, 28), 1, "years")   # 29 February 2020 counts as 28 February
        datetime.date(2020, 2, 29)
        >>> latest_start(date(1, 3, 1), 1, "years") is None
        True
    """
    if unit == "days":
        return None if (on - date.min).days < amount else add_days(on, -amount)
    months = amount * 12 if unit == "years" else amount

    def come(day: date) -> bool:
        return reached(day, on, months=months)

    day = add_months(on, -months)
    while not come(day):
        if day == date.min:
            return None
        day = add_days(day, -1)
    while day < date.max and come(add_days(day, 1)):
        day = add_days(day, 1)
    return day
