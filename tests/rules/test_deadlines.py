"""What falls due (:func:`neighborparty.rules.deadlines`): terms, answer windows, the months
without organisational life, dues and assigned work, and the meetings a branch owes — and a
rule and its deadline never disagree."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, Activity, ActivityKind, City, check, examples
from neighborparty.errors import InvalidArgumentError
from neighborparty.rules import Deadline, DeadlineStatus, Verdict, deadlines
from neighborparty.rules.conditions import span_at_most
from neighborparty.rules.days import span_end
from neighborparty.rules.deadlines import status_of
from neighborparty.strategies import cities

OK, SOON, OVERDUE, BEYOND = (
    DeadlineStatus.OK,
    DeadlineStatus.DUE_SOON,
    DeadlineStatus.OVERDUE,
    DeadlineStatus.BEYOND_GRACE,
)


def seed() -> City:
    return examples.seed_city()


def one(found: tuple[Deadline, ...], code: str, subject: str, obligation: str) -> Deadline:
    [d] = [d for d in found if (d.code, d.subject, d.obligation) == (code, subject, obligation)]
    return d


def status(city: City, on: date, code: str, subject: str, obligation: str, **kw: object) -> str:
    return one(deadlines(city, on=on, **kw), code, subject, obligation).status.value  # type: ignore[arg-type]


# --------------------------------------------------------------------------- branch terms


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2022, 3, 2), OK),  # 91 days before the term's last day
        (date(2022, 3, 3), SOON),  # 90 days before
        (date(2022, 6, 1), SOON),  # the term's last day
        (date(2022, 6, 2), OVERDUE),  # the day after: within the year's postponement
        (date(2023, 6, 1), OVERDUE),  # the postponement's last day
        (date(2023, 6, 2), BEYOND),
    ],
)
def test_a_branch_term_falls_due_on_its_last_day_with_a_year_of_grace(
    on: date, expected: DeadlineStatus
) -> None:
    d = one(deadlines(seed(), on=on), "NP206", "br-jinan", "branch_term")
    assert (d.since, d.due, d.grace, d.grace_until) == (
        date(2019, 6, 1),
        date(2022, 6, 1),
        "term.postponement_years",
        date(2023, 6, 1),
    )
    assert d.status is expected
    assert d.source == DEFAULT_POLICY.parameter("term.postponement_years").citation


def test_the_window_ahead_is_what_counts_as_due_soon() -> None:
    on = date(2022, 5, 2)  # 30 days before
    assert (
        status(seed(), on, "NP206", "br-jinan", "branch_term", within=timedelta(days=30))
        == "due_soon"
    )
    assert status(seed(), on, "NP206", "br-jinan", "branch_term", within=timedelta(days=29)) == "ok"
    assert (
        status(seed(), date(2022, 6, 1), "NP206", "br-jinan", "branch_term", within=timedelta(0))
        == "due_soon"
    )


def test_a_longer_postponement_moves_the_end_of_grace() -> None:
    policy = DEFAULT_POLICY.with_parameters(
        {"term.postponement_years": 2}, effective=date(2000, 1, 1)
    )
    d = one(
        deadlines(seed(), on=date(2023, 6, 2), policy=policy), "NP206", "br-jinan", "branch_term"
    )
    assert (d.grace_until, d.status) == (date(2024, 6, 1), OVERDUE)


# --------------------------------------------------------------------------- owners' committees


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2024, 5, 31), SOON), (date(2024, 6, 1), OVERDUE), (date(2030, 1, 1), OVERDUE)],
)
def test_an_owners_committee_term_has_no_grace(on: date, expected: DeadlineStatus) -> None:
    d = one(deadlines(seed(), on=on), "NP502", "oc-jinan", "owners_term")
    assert (d.due, d.grace, d.grace_until, d.status) == (date(2024, 5, 31), None, d.due, expected)


def test_an_owners_committee_recorded_with_too_long_a_term_is_due_when_the_allowed_one_ends() -> (
    None
):
    city = seed()
    committee = city.get("oc-jinan")
    longer = city.with_updates(committees=[attrs.evolve(committee, term_end=date(2026, 5, 31))])
    d = one(deadlines(longer, on=date(2024, 6, 1)), "NP502", "oc-jinan", "owners_term")
    assert d.due == span_end(date(2019, 6, 1), 5, "years") == date(2024, 6, 1)
    assert d.status is SOON


# --------------------------------------------------------------------------- whistles


def unanswered() -> City:
    city = seed()
    return city.with_updates(whistles=[attrs.evolve(w, answered_on=None) for w in city.whistles])


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2020, 5, 30), SOON), (date(2020, 5, 31), SOON), (date(2020, 6, 1), OVERDUE)],
)
def test_a_whistle_is_due_an_answer_on_its_thirtieth_day(
    on: date, expected: DeadlineStatus
) -> None:
    d = one(deadlines(unanswered(), on=on), "NP603", "w-lamp", "whistle_answer")
    assert (d.since, d.due, d.status) == (date(2020, 5, 1), date(2020, 5, 31), expected)


def test_an_answered_whistle_owes_nothing() -> None:
    assert not [d for d in deadlines(seed(), on=date(2020, 5, 20)) if d.code == "NP603"]
    # answered after the day asked about: still owed that day
    assert [d.subject for d in deadlines(seed(), on=date(2020, 5, 3)) if d.code == "NP603"] == [
        "w-lamp"
    ]


# --------------------------------------------------------------------------- members


def active(person: str, day: date, **days: date) -> City:
    """The seed city with the person's organisational life, dues and assigned work on ``day``
    (or on the day given for ``life``, ``dues``, ``work``)."""
    kinds = {
        "life": ActivityKind.THEME_PARTY_DAY,
        "dues": ActivityKind.DUES_PAID,
        "work": ActivityKind.ASSIGNED_WORK,
    }
    records = [
        Activity(id=f"ac-{person}-{name}", person=person, kind=kind, on=days.get(name, day))
        for name, kind in kinds.items()
    ]
    return attrs.evolve(seed(), activities=tuple(records))


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2020, 10, 25), SOON), (date(2020, 10, 26), SOON), (date(2020, 10, 27), OVERDUE)],
)
def test_each_lapse_of_a_member_falls_due_six_months_on(on: date, expected: DeadlineStatus) -> None:
    found = deadlines(active("p-wang", date(2020, 4, 26)), on=on)
    for obligation in ("organizational_life", "dues", "assigned_work"):
        d = one(found, "NP405", "p-wang", obligation)
        assert (d.since, d.due, d.status, d.grace) == (
            date(2020, 4, 26),
            date(2020, 10, 26),
            expected,
            None,
        )


def test_paying_dues_does_not_move_the_deadline_of_organisational_life() -> None:
    found = deadlines(
        active("p-wang", date(2020, 10, 1), life=date(2020, 4, 26)), on=date(2020, 10, 27)
    )
    assert one(found, "NP405", "p-wang", "organizational_life").status is OVERDUE
    assert one(found, "NP405", "p-wang", "dues").status is OK
    assert one(found, "NP405", "p-wang", "dues").due == date(2021, 4, 1)


def test_a_kind_of_record_the_city_keeps_for_nobody_gives_no_deadline() -> None:
    found = deadlines(seed())  # the seed records no assigned work
    assert not [d for d in found if d.obligation == "assigned_work"]
    assert one(found, "NP405", "p-lin", "dues").due == date(2021, 4, 8)


# --------------------------------------------------------------------------- meetings


def test_the_next_theme_party_day_falls_due_a_month_after_the_last() -> None:
    """br-jinan's theme party day of 5 September: the next is due on 5 October, as NP210's
    span of one month ends (the same day of the next month)."""
    d = one(deadlines(seed(), on=date(2020, 9, 30)), "NP210", "br-jinan", "theme_party_day")
    assert (d.since, d.due, d.status) == (date(2020, 9, 5), date(2020, 10, 5), SOON)
    assert status(seed(), date(2020, 10, 5), "NP210", "br-jinan", "theme_party_day") == "due_soon"
    assert status(seed(), date(2020, 10, 6), "NP210", "br-jinan", "theme_party_day") == "overdue"


def test_a_branch_that_never_held_a_meeting_counts_from_its_election() -> None:
    found = deadlines(seed(), on=date(2020, 9, 4))  # the day before br-jinan's theme party day
    d = one(found, "NP210", "br-jinan", "theme_party_day")
    assert (d.since, d.due, d.status) == (date(2019, 6, 1), date(2019, 7, 1), OVERDUE)


@pytest.mark.parametrize(("months", "due"), [(1, date(2020, 10, 5)), (3, date(2020, 12, 5))])
def test_a_meeting_falls_due_where_the_rules_span_ends(months: int, due: date) -> None:
    policy = DEFAULT_POLICY.with_parameters(
        {"life.theme_day_months": months}, effective=date(2000, 1, 1)
    )
    found = deadlines(seed(), on=date(2020, 9, 30), policy=policy)
    assert one(found, "NP210", "br-jinan", "theme_party_day").due == due


def test_meetings_the_city_records_for_no_organisation_are_not_reported() -> None:
    found = deadlines(seed())
    assert {d.obligation for d in found if d.code.startswith("NP2") and d.code != "NP206"} == {
        "theme_party_day"
    }
    assert not [d for d in deadlines(attrs.evolve(seed(), activities=())) if d.code == "NP210"]


# --------------------------------------------------------------------------- the whole


def test_deadlines_come_in_order_of_due_day_with_both_messages() -> None:
    found = deadlines(seed())
    assert [d.due for d in found] == sorted(d.due for d in found)
    doc = one(found, "NP206", "br-jinan", "branch_term").to_dict()
    assert (
        doc["message_en"]
        == "br-jinan: the branch committee's term ends on 2022-06-01 (not due yet)"
    )
    assert doc["message_zh"] == "br-jinan：支委会任期届满，期限 2022-06-01（未到期）"
    late = one(deadlines(seed(), on=date(2023, 7, 1)), "NP206", "br-jinan", "branch_term")
    assert late.message() == (
        "br-jinan: the branch committee's term ends on 2022-06-01 (beyond its grace period; the "
        "grace ran out on 2023-06-01)"
    )
    assert late.message("zh").endswith("（已超过宽限期；宽限期已于 2023-06-01 届满）")


def test_a_policy_without_a_rule_gives_none_of_its_deadlines() -> None:
    policy = attrs.evolve(
        DEFAULT_POLICY, rules=[r for r in DEFAULT_POLICY.rules if r.code != "NP206"]
    )
    assert not [d for d in deadlines(seed(), policy=policy) if d.code == "NP206"]


@pytest.mark.parametrize("within", [timedelta(days=-1), 90, None])
def test_within_must_be_a_timedelta_not_negative(within: object) -> None:
    with pytest.raises(InvalidArgumentError, match="within takes a timedelta"):
        deadlines(seed(), within=within)  # type: ignore[arg-type]


def test_a_message_in_an_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="lang"):
        deadlines(seed())[0].message("fr")


# --------------------------------------------------------------------------- rule = deadline

JUDGED = ("NP206", "NP207", "NP208", "NP209", "NP210", "NP211", "NP212", "NP405", "NP502", "NP603")
PAST = {OVERDUE, BEYOND}


def agree(city: City, on: date) -> None:
    """Every rule that judges a term, a window or inactivity fails on a subject exactly when
    one of its deadlines is past (NP502 also when its recorded term is too long)."""
    report = check(city, on=on, select=list(JUDGED))
    found = deadlines(city, on=on)
    past: dict[tuple[str, str], bool] = {}
    for d in found:
        if d.code in JUDGED:
            assert d.on == report.day
            key = (d.code, d.subject)
            past[key] = past.get(key, False) or d.status in PAST
    whistles = {w.id: w for w in city.whistles}
    for f in report.findings:
        key = (f.code, f.subject)
        if f.code == "NP603":
            w = whistles[f.subject]
            if w.answered_on is not None and w.answered_on <= report.day:
                assert key not in past  # answered: nothing owed
                continue
        if f.verdict is Verdict.UNDETERMINED:
            if f.code != "NP405":
                assert key not in past
            else:
                assert not past.get(key, False)  # a lapse past would have failed it
            continue
        if f.code == "NP502" and "longer than" in f.evidence.get("problem", ""):
            assert f.verdict is Verdict.FAIL
            continue
        assert key in past, f.message
        assert past[key] is (f.verdict is Verdict.FAIL), f.message


calendar_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=60, deadline=None)
@given(cities(max_size=3), calendar_days)
def test_a_rule_and_its_deadline_never_disagree(city: City, on: date) -> None:
    agree(city, on)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(JUDGED).flatmap(lambda code: cities(breaking=code)), calendar_days)
def test_a_rule_and_its_deadline_agree_on_cities_that_break_the_rule(city: City, on: date) -> None:
    agree(city, on)


@pytest.mark.parametrize(
    "on", [date(2020, 10, 26), date(2020, 10, 27), date(2022, 6, 2), date(2024, 6, 1)]
)
def test_a_rule_and_its_deadline_agree_on_the_seed_city(on: date) -> None:
    agree(seed(), on)
    agree(active("p-wang", date(2020, 4, 26)), on)


# --------------------------------------------------------------------------- one count of days

ORDER = [OK, SOON, OVERDUE, BEYOND]


@given(calendar_days, calendar_days, st.integers(0, 400), st.integers(0, 800))
def test_a_deadline_only_moves_forward_as_the_days_pass(
    due: date, on: date, within: int, grace: int
) -> None:
    grace_until = due + timedelta(days=grace)
    now = status_of(due, grace_until, on, timedelta(days=within))
    later = status_of(due, grace_until, on + timedelta(days=1), timedelta(days=within))
    assert ORDER.index(later) >= ORDER.index(now)
    assert (now in PAST) is (on > due)


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    calendar_days,
    st.integers(0, 240),
    st.sampled_from(["years", "months", "days"]),
)
def test_a_span_ends_where_the_rules_conditions_say_it_runs_out(
    start: date, on: date, amount: int, unit: str
) -> None:
    within = span_at_most("start", "p", unit)
    held = within.holds({"start": start.isoformat()}, {"p": amount}, on)
    assert held is (on <= span_end(start, amount, unit))
    test = within.compile({"p": amount}, on, {"start": 0})
    assert test((start.isoformat(),)) is held
