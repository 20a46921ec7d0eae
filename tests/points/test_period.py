"""Periods: calendar windows and splitting a span into them."""

from datetime import date

import pytest

import neighborparty as np_
from neighborparty.points import Period, PeriodUnit
from tests.points import YEAR


def test_periods_follow_the_calendar() -> None:
    assert Period.month(2021, 2) == Period(date(2021, 2, 1), date(2021, 2, 28))
    assert Period.quarter(2020, 1).end == date(2020, 3, 31)
    assert [str(p) for p in YEAR.split(PeriodUnit.QUARTER)] == [
        "2020-Q1",
        "2020-Q2",
        "2020-Q3",
        "2020-Q4",
    ]
    assert len(YEAR.months()) == 12
    assert Period(date(2020, 2, 15), date(2020, 4, 10)).split(PeriodUnit.MONTH, whole=True) == (
        Period.month(2020, 3),
    )
    assert Period.containing(date(2020, 12, 31), PeriodUnit.YEAR) == YEAR
    with pytest.raises(np_.InvalidFieldError):
        Period(date(2020, 2, 1), date(2020, 1, 31))
    with pytest.raises(ValueError, match="quarter"):
        Period.quarter(2020, 5)
