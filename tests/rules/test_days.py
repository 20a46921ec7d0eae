"""Days at the ends of the calendar are days like any other: arithmetic saturates, and a check
of a city recording them, or made on them, gives a report instead of raising."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import City, check, examples, from_json, to_json
from neighborparty.rules import Verdict
from neighborparty.rules.days import add_days, add_months, add_years, reached

days = st.dates(min_value=date.min, max_value=date.max)


@given(days, st.integers(-20_000, 20_000))
def test_add_months_stays_on_the_calendar_and_never_decreases(day: date, months: int) -> None:
    later = add_months(day, months)
    assert date.min <= later <= date.max
    if day < date.max:
        assert add_months(day + timedelta(days=1), months) >= later
    assert (later >= day) if months >= 0 else (later <= day)


@given(days, st.integers(-20_000, 20_000))
def test_add_years_stays_on_the_calendar_and_never_decreases(day: date, years: int) -> None:
    later = add_years(day, years)
    assert date.min <= later <= date.max
    if day < date.max:
        assert add_years(day + timedelta(days=1), years) >= later


@given(days, st.integers(-(10**7), 10**7))
def test_add_days_is_exact_inside_the_calendar_and_saturates_outside(day: date, n: int) -> None:
    expected = day.toordinal() + n
    if date.min.toordinal() <= expected <= date.max.toordinal():
        assert add_days(day, n) == date.fromordinal(expected)
    else:
        assert add_days(day, n) == (date.max if n > 0 else date.min)


def test_saturation_at_the_ends() -> None:
    assert add_years(date(9999, 12, 31), 1) == date.max
    assert add_months(date(9999, 12, 31), 1) == date.max
    assert add_months(date(1, 1, 1), -1) == date.min
    assert add_years(date(1, 6, 1), -1) == date.min
    assert add_days(date.max, 1) == date.max


def _all_days(city: City, day: str) -> City:
    text = re.sub(r'"\d{4}-\d{2}-\d{2}"', json.dumps(day), to_json(city))
    return from_json(text)


def test_posts_ending_on_the_last_day_of_the_calendar_are_checked() -> None:
    """An appointment ending 9999-12-31 (a common way to say "open-ended") is in force."""
    city = examples.seed_city()
    forever = city.with_updates(
        appointments=[attrs.evolve(a, end=date.max) for a in city.appointments]
    )
    on = date(2020, 10, 26)
    report = check(forever, on=on)
    assert all(a.in_force(on) for a in forever.appointments if a.start <= on)
    assert {f.code for f in report.findings} == {f.code for f in check(city, on=on).findings}
    assert report.findings_for("br-jinan")[0].verdict is Verdict.PASS  # a secretary in office
    # The default day is the latest recorded one, here the calendar's end: the check holds.
    assert check(forever).day == date.max


def test_a_check_on_the_first_and_the_last_day_of_the_calendar() -> None:
    city = examples.seed_city()
    for day in (date.min, date.max):
        report = check(city, on=day)
        assert report.day == day
        report.to_dict()
        report.summary()
        for finding in report.findings:
            finding.explain()
    # On the first day nothing is six months overdue; on the last day every member is.
    assert check(city, on=date.min, select=["NP405"]).counts()["NP405"]["fail"] == 0
    late = check(city, on=date.max, select=["NP405"])
    assert late.counts()["NP405"]["pass"] == 0


def test_a_city_whose_days_are_all_the_first_or_the_last_of_the_calendar() -> None:
    city = examples.seed_city()
    for day in ("0001-01-01", "9999-12-31"):
        edge = _all_days(city, day)
        for on in (None, date.min, date.max):
            report = check(edge, on=on)
            assert all(f.verdict in Verdict for f in report.findings)
            json.dumps(report.to_dict())


@given(days, days, st.integers(0, 200))
def test_reached_agrees_with_exact_month_arithmetic(day: date, on: date, months: int) -> None:
    year = (day.year * 12 + day.month - 1 + months) // 12
    if year > date.max.year:
        assert not reached(day, on, months=months)
    else:
        assert reached(day, on, months=months) == (add_months(day, months) <= on)


def _member_last_active(city: City, day: date) -> City:
    from neighborparty import Activity, ActivityKind

    member = next(p for p in city.people if p.party is not None)
    others = [a for a in city.activities if a.person != member.id]
    kinds = (ActivityKind.BRANCH_MEETING, ActivityKind.DUES_PAID, ActivityKind.ASSIGNED_WORK)
    records = [
        Activity(id=f"act-edge-{kind.value}", person=member.id, kind=kind, on=day) for kind in kinds
    ]  # each lapse is judged on its own (NP405)
    return attrs.evolve(city, activities=[*others, *records])


def test_a_member_active_the_day_before_the_calendar_ends_is_not_six_months_idle() -> None:
    city = _member_last_active(examples.seed_city(), date(9999, 12, 30))
    member = next(p.id for p in city.people if p.party is not None)
    report = check(city, on=date.max, select=["NP405"])
    assert report.findings_for(member)[0].verdict is Verdict.PASS


def test_a_secretary_full_since_the_calendars_last_year_lacks_a_years_standing() -> None:
    city = examples.seed_city()
    lin = city.get("p-lin")
    late = attrs.evolve(lin, party=attrs.evolve(lin.party, full_since=date(9999, 6, 1)))  # type: ignore[union-attr, arg-type]
    report = check(city.with_updates(people=[late]), on=date.max, select=["NP205"])
    assert report.findings_for("br-jinan")[0].verdict is Verdict.FAIL


def test_tipping_points_end_for_a_term_of_one_day_at_the_calendars_start() -> None:
    from neighborparty.rules import tipping_points

    city = examples.seed_city()
    committee = city.committees[0]
    one_day = attrs.evolve(committee, term_start=date.min, term_end=date.min)
    edited = city.with_updates(committees=[one_day])
    assert tipping_points(edited, "owners.max_term_years", on=date.min) is not None
