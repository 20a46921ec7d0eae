"""The ledger: records as events, one per id, and the error for two records under one id."""

import pickle
from datetime import date

import attrs
import pytest

import neighborparty as np_
from neighborparty import City
from neighborparty.points import (
    EXAMPLE_SCHEME,
    DuplicateActivityError,
    Ledger,
    NotInForceError,
    score,
)
from tests.points import Q3


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
