"""Conditions: one statement gives the verdict, the compiled check, the tipping point and the
distance to passing, and they agree."""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty.errors import InvalidArgumentError
from neighborparty.rules import (
    DEFAULT_POLICY,
    Verdict,
    all_of,
    any_of,
    at_least,
    at_most,
    between,
    less_than,
    more_than,
    present,
    share_at_least,
    share_more_than,
    span_at_least,
    span_at_most,
    span_less_than,
    until,
    when,
)
from neighborparty.rules.conditions import Condition

DAY = date(2020, 10, 26)
FACTS = ("a", "b", "start", "flag", "part", "whole")

_facts = st.fixed_dictionaries(
    {
        "a": st.none() | st.integers(0, 12),
        "b": st.none() | st.integers(0, 12),
        "start": st.none() | st.dates(date(2010, 1, 1), date(2021, 12, 31)).map(date.isoformat),
        "flag": st.none() | st.booleans(),
        "part": st.integers(0, 12),
        "whole": st.integers(0, 12),
    }
)


def _leaf(parameter: str) -> st.SearchStrategy[Condition]:
    return st.one_of(
        st.sampled_from([at_least, at_most, more_than, less_than]).flatmap(
            lambda make: st.sampled_from(["a", "b"]).map(lambda fact: make(fact, parameter))
        ),
        st.sampled_from([span_at_least, span_at_most, span_less_than]).flatmap(
            lambda make: st.sampled_from(["years", "months", "days"]).map(
                lambda unit: make("start", parameter, unit)
            )
        ),
        st.sampled_from([share_at_least, share_more_than]).map(
            lambda make: make("part", "whole", parameter)
        ),
        st.just(present("flag")),
    )


_conditions: st.SearchStrategy[Condition] = st.recursive(
    _leaf("p") | _leaf("q"),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: all_of(*parts)),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: any_of(*parts)),
        st.tuples(inner, inner).map(lambda pair: when("flag", *pair)),
    ),
    max_leaves=5,
)
_values = st.fixed_dictionaries({"p": st.integers(0, 12), "q": st.integers(0, 12)})


@given(_conditions, _facts, _values, st.sampled_from([dict, tuple]))
def test_a_compiled_condition_judges_as_the_condition_does(
    condition: Condition, facts: dict[str, Any], values: dict[str, float], shape: type
) -> None:
    index = {f: f for f in FACTS} if shape is dict else {f: i for i, f in enumerate(FACTS)}
    evidence = facts if shape is dict else tuple(facts[f] for f in FACTS)
    held = condition.holds(facts, values, DAY)
    assert condition.compile(values, DAY, index)(evidence) == held
    expected = Verdict.PASS if held else Verdict.FAIL if held is False else Verdict.UNDETERMINED
    assert condition.judge(values, DAY, index)(evidence) is expected


@given(
    _conditions | _leaf("p"),
    st.lists(st.tuples(st.sampled_from("stuvw"), _facts), max_size=12),
    _values,
    st.booleans(),
)
def test_a_check_keeps_equal_facts_once_and_judges_each_subject_as_alone(
    condition: Condition,
    items: list[tuple[str, dict[str, Any]]],
    values: dict[str, float],
    unhashable: bool,
) -> None:
    index = {f: i for i, f in enumerate(FACTS)}
    # Each subject twice, with equal facts in tuples of their own.
    yielded = [
        (s, (*(f[name] for name in FACTS), [] if unhashable else ())) for s, f in [*items, *items]
    ]
    run = condition.outcomes(values, DAY, index, lambda s, e: (s, Verdict.UNDETERMINED, e))
    outcomes = run(iter(yielded))
    judge = condition.judge(values, DAY, index)
    assert [(s, v, e) for s, v, e in outcomes] == [(s, judge(e), e) for s, e in yielded]
    distinct = {id(e) for _, _, e in outcomes}
    assert len(distinct) == (len(yielded) if unhashable else len({e for _, e in yielded}))


@given(_conditions, _facts, _values)
def test_a_tipping_point_says_exactly_where_the_subject_fails(
    condition: Condition, facts: dict[str, Any], values: dict[str, float]
) -> None:
    """Fast path = slow truth: where the threshold says the subject fails, judging it with that
    value of the parameter says so too, for every value."""
    threshold = condition.failing("p", facts, values, DAY)
    if threshold is None:
        return
    for v in range(14):
        assert threshold.fails(v) == (condition.holds(facts, {**values, "p": v}, DAY) is False)


@given(_conditions, _facts, _values)
def test_the_distance_to_passing_is_zero_exactly_when_it_passes(
    condition: Condition, facts: dict[str, Any], values: dict[str, float]
) -> None:
    held = condition.holds(facts, values, DAY)
    gap = condition.gap(facts, values, DAY)
    if held:
        assert gap == 0
    elif held is False:
        assert gap > 0


@given(
    st.sampled_from([at_least, more_than, at_most, less_than]),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_moving_a_count_by_its_gap_meets_the_comparison_and_one_less_does_not(
    make: Any, value: int, at: int
) -> None:
    c = make("a", "p")
    gap = c.gap({"a": value}, {"p": at}, DAY)
    step = 1 if make in (at_least, more_than) else -1
    assert c.holds({"a": value + step * int(gap)}, {"p": at}, DAY)
    if gap:
        assert not c.holds({"a": value + step * (int(gap) - 1)}, {"p": at}, DAY)


@given(
    st.sampled_from([share_at_least, share_more_than]),
    st.integers(0, 12),
    st.integers(0, 12),
    st.fractions(0, 1, max_denominator=12),
)
def test_adding_a_shares_gap_to_its_part_meets_it_and_one_less_does_not(
    make: Any, part: int, whole: int, at: Any
) -> None:
    c = make("part", "whole", "p")
    values = {"p": float(at)}
    gap = c.gap({"part": part, "whole": whole}, values, DAY)
    if gap == float("inf"):
        assert whole == 0
        assert not c.holds({"part": part, "whole": whole}, values, DAY)
        return
    assert c.holds({"part": part + int(gap), "whole": whole}, values, DAY)
    if gap:
        assert not c.holds({"part": part + int(gap) - 1, "whole": whole}, values, DAY)


@given(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20))
def test_a_larger_minimum_never_passes_a_subject_a_smaller_one_fails(
    n: int, low: int, high: int
) -> None:
    """Threshold monotonicity: raising ``at_least``'s parameter only turns passes into fails."""
    c = at_least("a", "p")
    lo, hi = sorted((low, high))
    if not c.holds({"a": n}, {"p": lo}, DAY):
        assert not c.holds({"a": n}, {"p": hi}, DAY)


def test_shares_compare_exactly() -> None:
    c = share_at_least("part", "whole", "p")
    assert c.holds({"part": 200, "whole": 300}, {"p": 2 / 3}, DAY)
    assert not c.holds({"part": 199, "whole": 300}, {"p": 2 / 3}, DAY)
    assert c.holds({"part": 0.3, "whole": 0.4}, {"p": 0.75}, DAY)  # 0.3 / 0.4 is 3/4 exactly
    assert not share_more_than("part", "whole", "p").holds({"part": 1, "whole": 2}, {"p": 0.5}, DAY)


@pytest.mark.parametrize(
    ("condition", "on", "held"),
    [
        (span_at_most("start", "p", "years"), date(2023, 10, 26), True),  # the term's last day
        (span_at_most("start", "p", "years"), date(2023, 10, 27), False),
        (span_at_least("start", "p", "years"), date(2023, 10, 25), False),
        (span_at_least("start", "p", "years"), date(2023, 10, 26), True),
        (span_less_than("start", "p", "years"), date(2023, 10, 26), False),
        (until("start"), date(2020, 10, 26), True),
        (until("start"), date(2020, 10, 27), False),
    ],
)
def test_spans_of_time_at_their_boundaries(condition: Condition, on: date, held: bool) -> None:
    assert condition.holds({"start": "2020-10-26"}, {"p": 3}, on) is held


def test_three_valued_facts_leave_a_condition_open_unless_the_rest_decides() -> None:
    unknown = {"a": None, "flag": False}
    assert present("a").holds(unknown, {}, DAY) is None
    assert all_of(present("a"), present("flag")).holds(unknown, {}, DAY) is False
    assert any_of(present("a"), present("flag")).holds(unknown, {}, DAY) is None
    assert present("a").unknown(unknown) == ["a"]


def test_conditions_say_what_they_require_and_what_they_saw() -> None:
    c = between("claims", "service.min_claims", "service.max_claims")
    assert c.describe() == "service.min_claims ≤ claims ≤ service.max_claims"
    values = DEFAULT_POLICY.values()
    assert c.explain({"claims": 3}, values, DAY) == (
        "claims (3) ≥ service.min_claims (1): met\nclaims (3) ≤ service.max_claims (2): not met"
    )


def test_a_condition_refuses_what_is_not_one() -> None:
    with pytest.raises(InvalidArgumentError, match="all_of takes conditions"):
        all_of("a")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="any_of needs at least one"):
        any_of()
    with pytest.raises(InvalidArgumentError, match="a span counts in years, months, days"):
        span_at_least("start", "p", "weeks")


def test_every_built_in_threshold_rule_states_its_condition() -> None:
    plain = {r.code for r in DEFAULT_POLICY.rules if r.condition is None}
    assert plain == {"NP104", "NP202", "NP401", "NP402", "NP501", "NP503"}
    for r in DEFAULT_POLICY.rules:
        assert not r.explicit_tipping, r.code
        if r.condition is None:
            assert "Plain code" in (inspect.getdoc(r.latest.function) or ""), r.code
            assert "Plain code" not in r.statement_en
        assert r.reads is not None, r.code


def test_a_rule_judges_by_the_values_of_each_context_even_when_they_change_in_place() -> None:
    from neighborparty import DEFAULT_POLICY, examples
    from neighborparty.rules import NP_CATALOGUE
    from neighborparty.rules.context import Context

    np103 = next(r for r in NP_CATALOGUE.rules if r.code == "NP103")
    city, day = examples.seed_city(), date(2020, 10, 8)
    values = dict(DEFAULT_POLICY.values(day))  # one mapping, changed between the judgements
    before = {s: v for s, v, _ in np103.evaluate(Context(city, day, values))}
    values["branch.min_full_members"] = 100
    after = {s: v for s, v, _ in np103.evaluate(Context(city, day, values))}
    assert Verdict.PASS in before.values()
    assert set(after.values()) == {Verdict.FAIL}
