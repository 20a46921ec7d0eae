"""The types are registered with Hypothesis, through its entry point."""

from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_


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
