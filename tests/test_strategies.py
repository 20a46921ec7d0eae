"""The public Hypothesis strategies: valid by construction, registered, shrinking well."""

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import neighborparty as np_
from neighborparty import strategies
from neighborparty.rules import all_rules


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


def test_a_negative_cover_count_is_an_invalid_argument() -> None:
    with pytest.raises(InvalidArgument):
        strategies.organizations(max_covers=-1)


@given(st.from_type(np_.City))
def test_city_is_registered_with_hypothesis(city: np_.City) -> None:
    assert isinstance(city, np_.City)


@given(
    st.from_type(np_.Compound),
    st.from_type(np_.Person),
    st.from_type(np_.PartyOrganization),
    st.from_type(np_.Appointment),
)
def test_entities_are_registered_and_valid_alone(
    compound: np_.Compound,
    person: np_.Person,
    org: np_.PartyOrganization,
    post: np_.Appointment,
) -> None:
    assert compound.households >= 0
    assert person.id
    assert org.formation is None or org.kind.is_branch
    assert post.end is None or post.end >= post.start


@given(strategies.people(home="b-1", members=False))
def test_people_options_are_honoured(person: np_.Person) -> None:
    assert (person.home, person.party) == ("b-1", None)


@given(strategies.cities())
def test_every_compound_of_a_generated_city_has_a_branch(city: np_.City) -> None:
    assert all(city.branches_covering(c.id) for c in city.compounds)


@given(strategies.cities(breaking="NP101"))
def test_breaking_np101_leaves_exactly_one_compound_without_a_branch(city: np_.City) -> None:
    assert sum(1 for c in city.compounds if not city.branches_covering(c.id)) == 1


def test_breaking_an_unknown_rule_is_an_invalid_argument() -> None:
    with pytest.raises(
        InvalidArgument, match="no strategy breaks rule 'NP999'; available: NP101, "
    ):
        strategies.cities(breaking="NP999")


def test_every_rule_of_the_catalogue_has_a_breaker() -> None:
    assert {r.code for r in all_rules()} == set(strategies._BREAKERS)


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
