"""Schemes: dated values, rules that cannot be ambiguous, reforms as new schemes."""

from datetime import date

import attrs
import pytest

import neighborparty as np_
from neighborparty import City
from neighborparty.points import EXAMPLE_SCHEME, DatedValue, score
from tests.points import FROM, Q3, since


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
