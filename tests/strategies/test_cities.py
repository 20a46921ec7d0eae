"""Whole cities: valid by construction, shrinking well, with their bounds checked."""

import pytest
from hypothesis import find, given
from hypothesis.errors import InvalidArgument

import neighborparty as np_
from neighborparty import strategies


@given(strategies.cities())
def test_generated_cities_pass_integrity_and_round_trip(city: np_.City) -> None:
    assert np_.from_json(np_.to_json(city)) == city


def test_a_failing_property_shrinks_to_exactly_two_compounds() -> None:
    city = find(strategies.cities(max_size=6), lambda c: len(c.compounds) >= 2)
    assert len(city.compounds) == 2
    assert len(city.people) == 0


@pytest.mark.parametrize("kwargs", [{"min_size": 0}, {"min_size": 3, "max_size": 2}])
def test_bad_bounds_are_invalid_arguments(kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidArgument):
        strategies.cities(**kwargs)


@given(strategies.cities())
def test_every_compound_of_a_generated_city_has_a_branch(city: np_.City) -> None:
    assert all(city.branches_covering(c.id) for c in city.compounds)
