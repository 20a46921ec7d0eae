"""Hypothesis strategies for the properties: records of the seed's members, schemes of
dated rules, and periods."""

import functools
from datetime import date, timedelta

from hypothesis import strategies as st

from neighborparty import Activity, examples
from neighborparty.points import (
    Cap,
    DatedValue,
    EarningRule,
    InactivityRule,
    Ledger,
    Period,
    PeriodUnit,
    PointsScheme,
    RequiredActivity,
    Score,
    score,
)
from tests.points import K

MEMBERS = ("p-chen", "p-lin", "p-huang")
START = date(2019, 10, 1)
SPAN = 540  # to 2021-03-24
SCHEMES_FROM = date(2019, 7, 1)
CHANGES = (date(2020, 1, 1), date(2020, 4, 15), date(2021, 1, 1))


def days() -> st.SearchStrategy[date]:
    return st.integers(0, SPAN).map(lambda i: START + timedelta(days=i))


@st.composite
def events(
    draw: st.DrawFn, *, prefix: str = "e", max_size: int = 40, around: Period | None = None
) -> list[Activity]:
    """Records of the seed's members, most of them p-chen's, valid by construction.

    With ``around``, the records fall in the period or in the seven months before it (which
    inactivity rules look back at), so that most of them matter.
    """
    size = draw(st.integers(0, max_size))
    if around is None:
        first, last = START, START + timedelta(days=SPAN)
    else:
        first, last = around.start - timedelta(days=210), around.end
    spread = (last - first).days
    record = st.tuples(
        st.sampled_from(("p-chen", "p-chen", "p-chen", "p-lin", "p-huang")),
        st.sampled_from(list(K)),
        st.integers(0, spread).map(lambda i: first + timedelta(days=i)),
        st.sampled_from([None, "sp-1", "sp-2"]),
        st.sampled_from([None, 0.5, 1.0, 1.5, 3.0]),
    )
    drawn = draw(st.lists(record, min_size=size, max_size=size))
    return [
        Activity(id=f"{prefix}-{i}", person=p, kind=k, on=on, ref=ref, hours=hours)
        for i, (p, k, on, ref, hours) in enumerate(drawn)
    ]


@functools.cache
def dated(*, max_value: int = 6) -> st.SearchStrategy[DatedValue]:
    """A value in force from mid-2019, with up to two later changes, which may end it."""
    number = st.integers(0, max_value) | st.sampled_from([0.5, 1.25])
    changes = st.dictionaries(st.sampled_from(CHANGES), st.none() | number, max_size=2)
    return st.tuples(number, changes).map(lambda t: DatedValue({SCHEMES_FROM: t[0], **t[1]}))


@st.composite
def schemes(draw: st.DrawFn, *, units: tuple[PeriodUnit, ...] = tuple(PeriodUnit)) -> PointsScheme:
    """Schemes with earning rules for most kinds, small caps and a few deductions."""
    kinds = list(K)
    earning = [
        EarningRule(
            code=f"earn-{kind.value}",
            kind=kind,
            points=draw(dated()),
            per_hour=draw(st.none() | dated()),
        )
        for kind in draw(st.lists(st.sampled_from(kinds), unique=True, min_size=7))
    ]
    caps = [
        Cap(
            code=f"cap-{kind.value}-{per.value}",
            kind=kind,
            per=per,
            points=draw(dated(max_value=8)),
        )
        for kind, per in draw(
            st.lists(
                st.tuples(st.sampled_from(kinds), st.sampled_from(units)), unique=True, max_size=8
            )
        )
    ]
    required = [
        RequiredActivity(
            code=f"required-{i}",
            kinds=draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3, unique=True)),
            per=draw(st.sampled_from(units)),
            points=draw(dated(max_value=3)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    inactivity = [
        InactivityRule(
            code=f"inactive-{i}",
            kinds=draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4, unique=True)),
            months=draw(st.integers(1, 7)),
            points=draw(dated(max_value=10)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return PointsScheme(
        name="drawn",
        base=DatedValue.since(date(2019, 1, 1), draw(st.integers(0, 100))),
        flag_below=DatedValue.since(date(2019, 1, 1), 60),
        earning=earning,
        caps=caps,
        required=required,
        inactivity=inactivity,
    )


periods = st.one_of(
    st.sampled_from([Period.year(2020), Period.quarter(2020, 2), Period.month(2020, 6)]),
    st.tuples(days(), st.integers(0, 400)).map(lambda t: Period(t[0], t[0] + timedelta(days=t[1]))),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Ledger, PointsScheme, Period]:
    """A period, records around it, and a scheme."""
    period = draw(periods)
    return Ledger(draw(events(around=period))), draw(schemes()), period


SEED = examples.seed_city()


def total(ledger: Ledger, period: Period, scheme: PointsScheme, person: str = "p-chen") -> Score:
    return score(SEED, person, period, scheme, ledger=ledger)
