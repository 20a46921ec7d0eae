"""The points system: periods, schemes and their documents, the ledger, scores and explanations."""

import functools
import pickle
from datetime import date, timedelta
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import Activity, ActivityKind, City, DocumentError, examples, synth
from neighborparty.points import (
    EXAMPLE_SCHEME,
    Cap,
    DatedValue,
    DuplicateActivityError,
    EarningRule,
    InactivityRule,
    Ledger,
    NotInForceError,
    Period,
    PeriodUnit,
    PointsScheme,
    Rank,
    RequiredActivity,
    Score,
    branch_totals,
    explain_score,
    flagged_members,
    ranking,
    score,
    scores,
)

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


@pytest.fixture(scope="module")
def city() -> City:
    return examples.seed_city()


@pytest.fixture(scope="module")
def two_items(city: City) -> City:
    """The seed's p-chen claims a second service item and does it too, and pays dues quarterly."""
    dues = [act(f"dues-{m}", K.DUES_PAID, date(2020, m, 10)) for m in (1, 4, 7, 10)]
    return city.with_updates(
        service_items=[np_.ServiceItem(id="si-shopping", compound="c-jinan", name="代购")],
        claims=[
            np_.ServiceClaim(
                id="cl-2", person="p-chen", item="si-shopping", claimed_on=date(2020, 4, 1)
            )
        ],
        activities=[act("ac-6", K.SERVICE_ITEM_DONE, date(2020, 9, 26), ref="si-shopping"), *dues],
    )


# --------------------------------------------------------------------------- the seed's member


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


def test_the_same_activity_twice_counts_once(city: City) -> None:
    doubled = Ledger([*city.activities, *city.activities])
    assert len(doubled) == len(city.activities)
    assert score(city, "p-chen", Q3, EXAMPLE_SCHEME, ledger=doubled) == score(
        city, "p-chen", Q3, EXAMPLE_SCHEME
    )


def test_two_different_records_under_one_id_are_an_error(city: City) -> None:
    first = city.activities[1]
    second = attrs.evolve(first, on=date(2020, 9, 13))
    with pytest.raises(DuplicateActivityError) as info:
        Ledger([first, second])
    err = info.value
    assert (err.id, err.first, err.second) == ("ac-2", first, second)
    assert isinstance(err, ValueError)
    assert isinstance(err, np_.NeighborPartyError)
    assert "'ac-2'" in str(err)
    assert repr(first) in str(err)
    assert repr(second) in str(err)
    with pytest.raises(DuplicateActivityError):
        Ledger.of_city(city).appended([second])


def test_the_points_errors_live_with_the_library_s_errors(city: City) -> None:
    assert DuplicateActivityError is np_.errors.DuplicateActivityError
    assert NotInForceError is np_.errors.NotInForceError
    assert issubclass(NotInForceError, np_.NeighborPartyError)
    first = city.activities[1]
    duplicate = DuplicateActivityError(first, attrs.evolve(first, on=date(2020, 9, 13)))
    again = pickle.loads(pickle.dumps(duplicate))
    assert (type(again), again.id, again.first, again.second, str(again)) == (
        DuplicateActivityError,
        duplicate.id,
        duplicate.first,
        duplicate.second,
        str(duplicate),
    )
    missing = NotInForceError("example", "base", date(2019, 1, 1))
    again_missing = pickle.loads(pickle.dumps(missing))
    assert (again_missing.scheme, again_missing.what, again_missing.day) == (
        "example",
        "base",
        date(2019, 1, 1),
    )
    assert str(again_missing) == str(missing)


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


def test_a_scheme_not_yet_in_force_is_an_error(city: City) -> None:
    with pytest.raises(NotInForceError) as info:
        score(city, "p-chen", Period.year(2019), EXAMPLE_SCHEME)
    assert (info.value.what, info.value.day) == ("base", date(2019, 1, 1))
    assert isinstance(info.value, ValueError)


def test_only_party_members_are_scored(city: City) -> None:
    with pytest.raises(np_.UnknownIdError):
        score(city, "p-zhou", Q3, EXAMPLE_SCHEME)  # a resident, not a member
    with pytest.raises(np_.UnknownIdError):
        explain_score(city, "nobody", Q3, EXAMPLE_SCHEME)
    with pytest.raises(np_.UnknownIdError):
        scores(city, Q3, EXAMPLE_SCHEME, branch="c-jinan")


# --------------------------------------------------------------------------- tables


def test_scores_of_every_member_and_of_one_branch(city: City) -> None:
    table = scores(city, Q3, EXAMPLE_SCHEME)
    assert list(table) == [p.id for p in city.people if p.party is not None]
    assert table["p-huang"].branch is None
    for person, entry in table.items():
        assert entry == score(city, person, Q3, EXAMPLE_SCHEME)
    jinan = scores(city, Q3, EXAMPLE_SCHEME, branch="br-jinan")
    assert jinan == {p: s for p, s in table.items() if s.branch == "br-jinan"}
    assert list(jinan) == ["p-lin", "p-chen", "p-wang", "p-zhao"]


def test_branch_totals_and_averages(city: City) -> None:
    totals = branch_totals(scores(city, Q3, EXAMPLE_SCHEME))
    assert list(totals) == ["br-grid-old", "br-jinan", "br-joint"]
    assert totals["br-jinan"] == np_.points.BranchTotal(
        branch="br-jinan", members=4, total=260.0, average=65.0
    )


def test_ranking_shares_places_between_equal_scores() -> None:
    def entry(person: str, total: float) -> Score:
        return Score(
            person=person,
            period=Q3,
            branch=None,
            base=80.0,
            earned=0.0,
            cut=0.0,
            deducted=0.0,
            total=total,
            flag_below=60.0,
        )

    table = {
        p: entry(p, t) for p, t in [("p-d", 70.0), ("p-b", 90.0), ("p-c", 90.0), ("p-a", 85.0)]
    }
    assert ranking(table) == (
        Rank(rank=1, id="p-b", value=90.0),
        Rank(rank=1, id="p-c", value=90.0),
        Rank(rank=3, id="p-a", value=85.0),
        Rank(rank=4, id="p-d", value=70.0),
    )
    assert ranking({}) == ()


def test_flagged_members_are_those_strictly_below_the_threshold(city: City) -> None:
    at_threshold = EXAMPLE_SCHEME.with_rules(flag_below=since(48))
    table = scores(city, YEAR, at_threshold)
    assert [(s.person, s.total) for s in flagged_members(table)] == [
        ("p-liu", 33.0),
        ("p-ma", 33.0),
        ("p-sun", 33.0),
        ("p-wang", 33.0),
        ("p-xu", 33.0),
        ("p-zhao", 33.0),
        ("p-huang", 45.0),
    ]
    assert table["p-lin"].total == 48.0
    assert not table["p-lin"].flagged


def test_a_member_counts_in_the_branch_the_city_places_them_in(city: City) -> None:
    # p-lin is registered in br-jinan and also managed in br-joint: one of br-joint's members
    # (City.members_of), but of br-jinan's branch (City.branch_of).
    lin = city.get("p-lin")
    assert isinstance(lin, np_.Person)
    assert lin.party is not None
    edited = city.with_updates(
        people=[attrs.evolve(lin, party=attrs.evolve(lin.party, managed_in="br-joint"))]
    )
    assert "p-lin" in [p.id for p in edited.members_of("br-joint")]
    assert list(scores(edited, Q3, EXAMPLE_SCHEME, branch="br-joint")) == ["p-liu", "p-sun", "p-ma"]
    assert "p-lin" in scores(edited, Q3, EXAMPLE_SCHEME, branch="br-jinan")
    assert score(edited, "p-lin", Q3, EXAMPLE_SCHEME).branch == "br-jinan"
    assert explain_score(edited, "p-lin", Q3, EXAMPLE_SCHEME).score.branch == "br-jinan"
    assert branch_totals(scores(edited, Q3, EXAMPLE_SCHEME))["br-joint"].members == 3


def test_scores_and_totals_per_branch_group_the_members_by_their_branch() -> None:
    small = synth.city(seed=2, scale=0.01)
    table = scores(small, YEAR, EXAMPLE_SCHEME)
    members = [p.id for p in small.people if p.party is not None]
    grouped: dict[str | None, list[str]] = {}
    for person in members:
        branch = small.branch_of(person)
        grouped.setdefault(None if branch is None else branch.id, []).append(person)
    assert list(table) == members
    assert {p: s.branch for p, s in table.items()} == {
        p: branch for branch, people in grouped.items() for p in people
    }
    assert grouped.get(None), "the city should hold members in no branch"
    for organization in small.organizations:
        if organization.kind.is_branch:
            expected = {p: table[p] for p in grouped.get(organization.id, [])}
            assert scores(small, YEAR, EXAMPLE_SCHEME, branch=organization.id) == expected
    totals = branch_totals(table)
    assert list(totals) == sorted(b for b in grouped if b is not None)
    for branch, total in totals.items():
        people = grouped[branch]
        assert total.members == len(people)
        assert total.total == pytest.approx(sum(table[p].total for p in people))
        assert total.average == pytest.approx(total.total / len(people))


def test_the_synthetic_city_scores_as_explained() -> None:
    small = synth.city(seed=2, scale=0.01)
    table = scores(small, YEAR, EXAMPLE_SCHEME)
    assert len(table) == sum(p.party is not None for p in small.people)
    for person, entry in list(table.items())[::7]:
        assert explain_score(small, person, YEAR, EXAMPLE_SCHEME).score == entry
    some_branch = next(s.branch for s in table.values() if s.branch is not None)
    assert scores(small, YEAR, EXAMPLE_SCHEME, branch=some_branch) == {
        p: s for p, s in table.items() if s.branch == some_branch
    }


# --------------------------------------------------------------------------- periods and schemes


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


def test_a_dated_value_is_the_latest_change_not_after_the_day() -> None:
    value = DatedValue({date(2021, 1, 1): 3, date(2020, 1, 1): 2, date(2022, 1, 1): None})
    assert [value.at(date(y, 6, 1)) for y in (2019, 2020, 2021, 2022)] == [None, 2, 3, None]
    assert value.first_in_force == date(2020, 1, 1)
    with pytest.raises(np_.InvalidFieldError):
        DatedValue({})
    with pytest.raises(np_.InvalidFieldError):
        DatedValue([(FROM, 1), (FROM, 2)])
    with pytest.raises(np_.InvalidFieldError):
        DatedValue({FROM: float("nan")})


def test_schemes_refuse_ambiguous_rules() -> None:
    rule = EXAMPLE_SCHEME.earning[0]
    with pytest.raises(np_.InvalidFieldError, match="already scored"):
        EXAMPLE_SCHEME.with_rules(attrs.evolve(rule, code="second"))
    with pytest.raises(np_.InvalidFieldError, match="already capped"):
        EXAMPLE_SCHEME.with_rules(attrs.evolve(EXAMPLE_SCHEME.caps[0], code="second"))
    with pytest.raises(np_.InvalidFieldError, match="cannot be replaced"):
        EXAMPLE_SCHEME.with_rules(attrs.evolve(EXAMPLE_SCHEME.caps[0], code=rule.code))
    with pytest.raises(np_.InvalidFieldError, match=">= 0"):
        attrs.evolve(rule, points=since(-1))
    with pytest.raises(np_.UnknownIdError):
        EXAMPLE_SCHEME.without_rules("nothing")


def test_a_reform_leaves_the_scheme_it_came_from_unchanged(city: City) -> None:
    rule = EXAMPLE_SCHEME.rule("service_item_done")
    reform = EXAMPLE_SCHEME.with_rules(
        attrs.evolve(rule, points=rule.points.with_value(date(2020, 9, 1), 5)), name="reform"
    )
    assert reform.rule("service_item_done").points.at(date(2020, 9, 12)) == 5
    assert EXAMPLE_SCHEME.rule("service_item_done").points.at(date(2020, 9, 12)) == 3
    assert (
        score(city, "p-chen", Q3, reform).earned
        == score(city, "p-chen", Q3, EXAMPLE_SCHEME).earned + 2
    )
    assert [r.code for r in reform.rules] == [r.code for r in EXAMPLE_SCHEME.rules]


def test_the_example_scheme_says_it_is_an_example() -> None:
    assert EXAMPLE_SCHEME.name == "example"
    assert "not an official scheme" in EXAMPLE_SCHEME.title


def test_a_scheme_document_round_trips() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    assert doc["format_version"] == 1
    assert doc["required"] == [
        {
            "code": "missed_theme_party_day",
            "kinds": ["theme_party_day"],
            "per": "month",
            "points": {"2020-01-01": 1},
            "title": "每月主题党日 a theme party day every month",
        }
    ]
    assert PointsScheme.from_dict(doc) == EXAMPLE_SCHEME


def test_a_malformed_scheme_document_lists_every_problem_with_its_path() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    doc["base"] = {"2020-01-01": True}
    doc["earning"][2]["kind"] = "karaoke"
    doc["earning"][4]["points"] = {"2020-01-01": "3"}
    doc["inactivity"][0]["months"] = 6.0
    doc["caps"][1]["limit"] = 1
    del doc["flag_below"]
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)
    paths = sorted(p.path for p in info.value.problems)
    assert paths == [
        "base",
        "caps[1].limit",
        "earning[2].kind",
        "earning[4].points",
        "flag_below",
        "inactivity[0].months",
    ]


@pytest.mark.parametrize(
    ("doc", "path", "message"),
    [
        ([], "", "expected object, got array"),
        ({"name": "x"}, "format_version", "required key missing (expected 1)"),
        ({"format_version": 2}, "format_version", "unsupported version 2"),
        ({"format_version": "1"}, "format_version", "expected int, got str"),
        (
            {"format_version": 1, "name": "x", "base": {}, "flag_below": {"2020-01-01": 1}},
            "base",
            "at least one",
        ),
        (
            {
                "format_version": 1,
                "name": "x",
                "base": {"2020-01-01": 1},
                "flag_below": {"2020-01-01": 1},
                "caps": {},
            },
            "caps",
            "expected array",
        ),
    ],
)
def test_scheme_documents_are_read_strictly(doc: object, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert problem.path == path
    assert message in problem.message


def test_a_duplicate_code_in_a_document_is_a_document_error() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    doc["caps"][0]["code"] = "theme_party_day"
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("caps[0].code", "duplicate code 'theme_party_day', first used at earning[0]")
    ]


# --------------------------------------------------------------------------- properties

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


@given(cases(), st.randoms(use_true_random=False))
def test_the_score_does_not_depend_on_the_order_of_events(
    case: tuple[Ledger, PointsScheme, Period], random: Random
) -> None:
    ledger, scheme, period = case
    shuffled = list(ledger)
    random.shuffle(shuffled)
    again = Ledger(shuffled)
    assert scores(SEED, period, scheme, ledger=again) == scores(SEED, period, scheme, ledger=ledger)
    for person in MEMBERS:
        assert explain_score(SEED, person, period, scheme, ledger=again) == explain_score(
            SEED, person, period, scheme, ledger=ledger
        )


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


@given(cases(), st.data())
def test_adding_an_event_never_lowers_a_score(
    case: tuple[Ledger, PointsScheme, Period], data: st.DataObject
) -> None:
    before, scheme, period = case
    after = before.appended(data.draw(events(prefix="new", max_size=3, around=period)))
    for person in MEMBERS:
        assert (
            total(after, period, scheme, person).total
            >= total(before, period, scheme, person).total
        )


@given(
    events(max_size=60, around=Period.year(2020)),
    schemes(units=(PeriodUnit.MONTH, PeriodUnit.QUARTER)),
)
def test_with_quarterly_caps_a_year_is_the_sum_of_its_quarters(
    records: list[Activity], scheme: PointsScheme
) -> None:
    ledger = Ledger(records)
    whole = total(ledger, YEAR, scheme)
    parts = [total(ledger, q, scheme) for q in YEAR.quarters()]
    assert whole.earned == round(sum(p.earned for p in parts), 2)
    assert whole.cut == round(sum(p.cut for p in parts), 2)
    assert whole.deducted == round(sum(p.deducted for p in parts), 2)
    assert round(whole.total - whole.base, 2) == round(sum(p.total - p.base for p in parts), 2)


@given(events(max_size=60, around=Period.year(2020)), schemes())
def test_yearly_caps_can_only_lower_a_year_below_its_quarters(
    records: list[Activity], scheme: PointsScheme
) -> None:
    yearly = [r.code for r in scheme.required if r.per is PeriodUnit.YEAR]
    scheme = scheme.without_rules(*yearly)
    ledger = Ledger(records)
    whole = total(ledger, YEAR, scheme)
    parts = [total(ledger, q, scheme) for q in YEAR.quarters()]
    assert whole.earned <= round(sum(p.earned for p in parts), 2)
    assert whole.deducted == round(sum(p.deducted for p in parts), 2)


@given(schemes())
def test_any_scheme_round_trips_through_its_document(scheme: PointsScheme) -> None:
    assert PointsScheme.from_dict(scheme.to_dict()) == scheme
