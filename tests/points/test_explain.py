"""Explained scores: the seed's member event by event (what counted, what a cap cut, what
was deducted and why), and the explanation always giving the fast score."""

from datetime import date

import attrs
from hypothesis import given

from neighborparty import City
from neighborparty.points import (
    EXAMPLE_SCHEME,
    Cap,
    Ledger,
    Period,
    PeriodUnit,
    PointsScheme,
    RequiredActivity,
    Score,
    explain_score,
    score,
    scores,
)
from tests.points import Q3, Q4, YEAR, K, act, since
from tests.points.strategies import MEMBERS, SEED, cases, total


def test_a_member_who_does_two_claimed_items_and_checks_in_earns_for_each(two_items: City) -> None:
    explained = explain_score(two_items, "p-chen", Q3, EXAMPLE_SCHEME)
    assert [(e.activity.id, e.rule, e.points) for e in explained.counted] == [
        ("ac-1", "theme_party_day", 2.0),
        ("ac-2", "service_item_done", 3.0),
        ("ac-3", "project_sign_up", 1.0),
        ("ac-6", "service_item_done", 3.0),
    ]
    assert explained.capped == ()
    assert [(str(x.window), x.rule, x.points) for x in explained.lapses] == [
        ("2020-07", "missed_theme_party_day", 1.0),
        ("2020-08", "missed_theme_party_day", 1.0),
    ]
    assert explained.score == Score(
        person="p-chen",
        period=Q3,
        branch="br-jinan",
        base=80.0,
        earned=9.0,
        cut=0.0,
        deducted=2.0,
        total=87.0,
        flag_below=60.0,
    )
    assert score(two_items, "p-chen", Q3, EXAMPLE_SCHEME) == explained.score


def test_the_check_in_counts_in_its_own_quarter(two_items: City) -> None:
    q4 = explain_score(two_items, "p-chen", Q4, EXAMPLE_SCHEME)
    assert [(e.activity.id, e.points) for e in q4.counted] == [("ac-4", 2.0)]
    assert q4.score.total == 80 + 2 - 3


def test_a_member_who_pays_dues_each_quarter_is_never_six_months_inactive(two_items: City) -> None:
    year = explain_score(two_items, "p-chen", YEAR, EXAMPLE_SCHEME)
    assert {x.rule for x in year.lapses} == {"missed_theme_party_day"}
    assert (year.score.earned, year.score.deducted, year.score.total) == (11.0, 11.0, 80.0)


def test_each_month_that_ends_six_empty_months_loses_points(city: City) -> None:
    # In the seed, p-chen's only organisational life of 2020 is the theme party day of September.
    year = explain_score(city, "p-chen", YEAR, EXAMPLE_SCHEME)
    inactive = [x for x in year.lapses if x.rule == "no_organizational_life"]
    assert [(x.window, x.points) for x in inactive] == [
        (Period(date(2020, 1, 1), date(2020, 6, 30)), 5.0),
        (Period(date(2020, 2, 1), date(2020, 7, 31)), 5.0),
        (Period(date(2020, 3, 1), date(2020, 8, 31)), 5.0),
    ]
    assert (year.score.earned, year.score.deducted, year.score.total) == (8.0, 26.0, 62.0)
    assert score(city, "p-chen", YEAR, EXAMPLE_SCHEME) == year.score


def test_a_sign_up_without_a_check_in_earns_nothing(city: City) -> None:
    no_check_in = city.without(["ac-4"])
    explained = explain_score(no_check_in, "p-chen", Q3, EXAMPLE_SCHEME)
    assert [(i.activity.id, i.reason) for i in explained.ignored] == [
        ("ac-3", "signed up to sp-meals but never checked in there")
    ]
    assert score(no_check_in, "p-chen", Q3, EXAMPLE_SCHEME).earned == 5.0
    assert score(city, "p-chen", Q3, EXAMPLE_SCHEME).earned == 6.0


def test_a_check_in_at_another_project_does_not_make_a_sign_up_count(city: City) -> None:
    ledger = Ledger(
        [
            act("x-1", K.PROJECT_SIGN_UP, date(2020, 9, 20), ref="sp-meals"),
            act("x-2", K.PROJECT_CHECK_IN, date(2020, 9, 21), ref="sp-other"),
            act("x-3", K.PROJECT_SIGN_UP, date(2020, 9, 22)),
        ]
    )
    explained = explain_score(city, "p-chen", Q3, EXAMPLE_SCHEME, ledger=ledger)
    assert [e.activity.id for e in explained.counted] == ["x-2"]
    assert [i.reason for i in explained.ignored] == [
        "signed up to sp-meals but never checked in there",
        "a sign-up that names no project",
    ]
    assert score(city, "p-chen", Q3, EXAMPLE_SCHEME, ledger=ledger).earned == 2.0


def test_an_activity_outside_the_period_does_not_count(city: City) -> None:
    september = Period.month(2020, 9)
    explained = explain_score(city, "p-chen", september, EXAMPLE_SCHEME)
    assert "ac-4" not in {e.activity.id for e in explained.counted}
    october = explain_score(city, "p-chen", Period.month(2020, 10), EXAMPLE_SCHEME)
    assert [e.activity.id for e in october.counted] == ["ac-4"]


def test_a_cap_cuts_the_latest_events_of_its_window_first(two_items: City) -> None:
    third = act("ac-7", K.SERVICE_ITEM_DONE, date(2020, 9, 28), ref="si-haircut")
    same_day = act("ac-0", K.SERVICE_ITEM_DONE, date(2020, 9, 28), ref="si-haircut")
    ledger = Ledger.of_city(two_items).appended([third, same_day])
    explained = explain_score(two_items, "p-chen", Q3, EXAMPLE_SCHEME, ledger=ledger)
    # Four items of 3 points in one quarter, capped at 6: the two of 28 September are cut, the
    # greater id first (events order by day, then id, and the cut takes from the end).
    assert [(c.activity.id, c.cap, str(c.window), c.cut) for c in explained.capped] == [
        ("ac-0", "service_item_done_quarter", "2020-Q3", 3.0),
        ("ac-7", "service_item_done_quarter", "2020-Q3", 3.0),
    ]
    kept = {e.activity.id: (e.gross, e.points) for e in explained.counted}
    assert kept["ac-0"] == (3.0, 0.0)
    assert kept["ac-7"] == (3.0, 0.0)
    assert (explained.score.earned, explained.score.cut) == (9.0, 6.0)
    assert score(two_items, "p-chen", Q3, EXAMPLE_SCHEME, ledger=ledger) == explained.score


def test_a_cap_can_cut_part_of_an_event_and_caps_nest(city: City) -> None:
    hours = [(date(2020, 3, 2), 5.0), (date(2020, 3, 9), 5.0), (date(2020, 4, 6), 2.0)]
    ledger = Ledger(
        act(f"v-{i}", K.VOLUNTEER_SERVICE, on, hours=spent) for i, (on, spent) in enumerate(hours)
    )
    strict = EXAMPLE_SCHEME.with_rules(
        Cap(
            code="volunteer_quarter",
            kind=K.VOLUNTEER_SERVICE,
            per=PeriodUnit.QUARTER,
            points=since(9),
        )
    )
    explained = explain_score(city, "p-chen", YEAR, strict, ledger=ledger)
    # March: 10 points, the month cap of 8 cuts 2 from 9 March; Q1 keeps 8 <= 9.
    assert [(c.activity.id, c.cap, c.cut) for c in explained.capped] == [
        ("v-1", "volunteer_service_month", 2.0)
    ]
    assert [(e.activity.id, e.points) for e in explained.counted] == [
        ("v-0", 5.0),
        ("v-1", 3.0),
        ("v-2", 2.0),
    ]
    tighter = strict.with_rules(
        Cap(
            code="volunteer_quarter",
            kind=K.VOLUNTEER_SERVICE,
            per=PeriodUnit.QUARTER,
            points=since(6),
        )
    )
    explained = explain_score(city, "p-chen", YEAR, tighter, ledger=ledger)
    assert [(c.activity.id, c.cap, c.cut) for c in explained.capped] == [
        ("v-1", "volunteer_service_month", 2.0),
        ("v-1", "volunteer_quarter", 2.0),
    ]
    assert explained.score == score(city, "p-chen", YEAR, tighter, ledger=ledger)


def test_a_member_is_held_to_windows_only_from_joining(city: City) -> None:
    # p-huang joined on 2020-03-01 and has no records.
    explained = explain_score(city, "p-huang", YEAR, EXAMPLE_SCHEME)
    missed = [str(x.window) for x in explained.lapses if x.rule == "missed_theme_party_day"]
    assert missed[0] == "2020-03"
    assert len(missed) == 10
    inactive = [x.window for x in explained.lapses if x.rule == "no_organizational_life"]
    assert inactive == [
        Period(date(2020, m, 1), Period.month(2020, m + 5).end) for m in range(3, 8)
    ]


def test_a_window_that_starts_before_joining_is_not_required(city: City) -> None:
    quarterly = EXAMPLE_SCHEME.with_rules(
        RequiredActivity(
            code="missed_branch_meeting",
            kinds=[K.BRANCH_MEETING],
            per=PeriodUnit.QUARTER,
            points=since(2),
        )
    )
    # p-huang joined on 2020-03-01: Q1 started before, so only Q2 to Q4 are required.
    explained = explain_score(city, "p-huang", YEAR, quarterly)
    windows = [str(x.window) for x in explained.lapses if x.rule == "missed_branch_meeting"]
    assert windows == ["2020-Q2", "2020-Q3", "2020-Q4"]
    assert score(city, "p-huang", YEAR, quarterly) == explained.score


def test_inactivity_looks_back_before_the_period(city: City) -> None:
    scheme = EXAMPLE_SCHEME.with_rules(
        attrs.evolve(
            EXAMPLE_SCHEME.rule("no_organizational_life"), points=since(10, date(2019, 1, 1))
        )
    )
    ledger = Ledger([act("d-1", K.DUES_PAID, date(2019, 10, 5))])
    # Empty from November 2019: the sixth empty month is April 2020, in Q2.
    q1 = explain_score(city, "p-chen", Period.quarter(2020, 1), scheme, ledger=ledger)
    q2 = explain_score(city, "p-chen", Period.quarter(2020, 2), scheme, ledger=ledger)
    assert [x.rule for x in q1.lapses if x.rule == "no_organizational_life"] == []
    assert [x.window for x in q2.lapses if x.rule == "no_organizational_life"] == [
        Period(date(2019, 11, 1), date(2020, 4, 30)),
        Period(date(2019, 12, 1), date(2020, 5, 31)),
        Period(date(2020, 1, 1), date(2020, 6, 30)),
    ]
    assert score(city, "p-chen", Period.quarter(2020, 2), scheme, ledger=ledger) == q2.score


def test_a_partial_month_at_the_end_of_a_period_is_not_deducted(city: City) -> None:
    to_date = Period(date(2020, 1, 1), date(2020, 10, 26))
    explained = explain_score(city, "p-chen", to_date, EXAMPLE_SCHEME)
    windows = [str(x.window) for x in explained.lapses if x.rule == "missed_theme_party_day"]
    assert windows[-1] == "2020-08"
    assert len(windows) == 8


@given(cases())
def test_the_fast_score_is_the_explained_score(case: tuple[Ledger, PointsScheme, Period]) -> None:
    ledger, scheme, period = case
    table = scores(SEED, period, scheme, ledger=ledger)
    for person in MEMBERS:
        explained = explain_score(SEED, person, period, scheme, ledger=ledger)
        assert total(ledger, period, scheme, person) == explained.score
        assert table[person] == explained.score
        s = explained.score
        assert round(sum(e.points for e in explained.counted), 2) == s.earned
        gross = sum(e.gross for e in explained.counted)
        assert round(gross - sum(c.cut for c in explained.capped), 2) == s.earned
        assert round(sum(x.points for x in explained.lapses), 2) == s.deducted
        assert s.total == round(s.base + s.earned - s.deducted, 2)


@given(cases())
def test_a_cap_is_never_exceeded(case: tuple[Ledger, PointsScheme, Period]) -> None:
    ledger, scheme, period = case
    for person in MEMBERS:
        explained = explain_score(SEED, person, period, scheme, ledger=ledger)
        for cap in scheme.caps:
            kept: dict[Period, int] = {}
            for e in explained.counted:
                if e.activity.kind is cap.kind:
                    window = Period.containing(e.activity.on, cap.per)
                    kept[window] = kept.get(window, 0) + round(e.points * 100)
            for window, points in kept.items():
                limit = cap.points.at(window.start)
                if limit is not None:
                    assert points <= round(limit * 100)
