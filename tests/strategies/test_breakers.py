"""Cities that break one rule: every rule has one breaker, and a broken city fails that rule and
no other error-level rule."""

import pytest
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument

import neighborparty as np_
from neighborparty import strategies
from neighborparty.rules import all_rules
from neighborparty.strategies._breakers import _BREAKERS


@given(strategies.cities(breaking="NP101"))
def test_breaking_np101_leaves_exactly_one_compound_without_a_branch(city: np_.City) -> None:
    assert sum(1 for c in city.compounds if not city.branches_covering(c.id)) == 1


def test_breaking_an_unknown_rule_is_an_invalid_argument() -> None:
    with pytest.raises(
        InvalidArgument, match="no strategy breaks rule 'NP999'; available: NP101, "
    ):
        strategies.cities(breaking="NP999")


def test_every_rule_of_the_catalogue_has_a_breaker() -> None:
    assert {r.code for r in all_rules()} == set(_BREAKERS)


ERRORS = {r.code for r in all_rules() if r.severity is np_.Severity.ERROR}


@pytest.mark.parametrize("code", [r.code for r in all_rules()])
def test_a_broken_city_fails_that_rule_and_no_other_error_level_rule(code: str) -> None:
    @settings(max_examples=8)
    @given(strategies.cities(max_size=3, breaking=code))
    def run(city: np_.City) -> None:
        failing = {f.code for f in np_.check(city).failures()}
        assert code in failing
        allowed = {code, "NP101"} if code == "NP106" else {code}
        assert not (failing & ERRORS) - allowed

    run()


def test_a_rule_has_one_breaker() -> None:
    with pytest.raises(ValueError, match="already registered"):
        strategies.breaks("NP101")(lambda draw, city: city)
