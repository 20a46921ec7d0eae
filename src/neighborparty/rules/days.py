"""Counting days as the rules do: the same day some years or months later."""

from __future__ import annotations

import calendar
import functools
from datetime import date

__all__ = ["add_months", "add_years"]


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year).

    Examples:
        >>> add_years(date(2020, 2, 29), 1), add_years(date(2019, 6, 1), 5)
        (datetime.date(2021, 2, 28), datetime.date(2024, 6, 1))
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@functools.lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter.

    Examples:
        >>> add_months(date(2020, 8, 31), 6), add_months(date(2020, 1, 15), 6)
        (datetime.date(2021, 2, 28), datetime.date(2020, 7, 15))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, day.day if day.day <= last else last)
