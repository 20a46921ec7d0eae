"""Tests of the points system, one module per module of ``neighborparty.points``; what
they share: the seed's days and a short way to write records and dated values."""

from datetime import date

from neighborparty import Activity, ActivityKind
from neighborparty.points import DatedValue, Period

K = ActivityKind
FROM = date(2020, 1, 1)
Q3 = Period.quarter(2020, 3)
Q4 = Period.quarter(2020, 4)
YEAR = Period.year(2020)


def since(value: float, day: date = FROM) -> DatedValue:
    return DatedValue.since(day, value)


def act(
    id: str, kind: ActivityKind, on: date, *, person: str = "p-chen", **extra: object
) -> Activity:
    return Activity(id=id, person=person, kind=kind, on=on, **extra)  # type: ignore[arg-type]
