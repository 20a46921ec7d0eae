"""Single entities: valid alone, with their options honoured."""

import pytest
from hypothesis import given
from hypothesis.errors import InvalidArgument

import neighborparty as np_
from neighborparty import strategies


def test_a_negative_cover_count_is_an_invalid_argument() -> None:
    with pytest.raises(InvalidArgument):
        strategies.organizations(max_covers=-1)


@given(strategies.people(home="b-1", members=False))
def test_people_options_are_honoured(person: np_.Person) -> None:
    assert (person.home, person.party) == ("b-1", None)
