"""What points keeps of a City: kept per City, and dropped with it."""

import gc

from neighborparty import examples
from neighborparty.model import _cache
from neighborparty.points._cache import per_city


def test_what_is_kept_of_a_city_is_its_own_and_goes_with_it() -> None:
    city = examples.seed_city()
    kept = per_city(city, "probe", lambda c: [c.id])
    assert per_city(city, "probe", lambda c: []) is kept
    assert per_city(city, "another", lambda c: []) == []
    assert per_city(examples.seed_city(), "probe", lambda c: []) == []
    ident = id(city)
    assert ident in _cache._CACHES
    del city
    gc.collect()
    assert ident not in _cache._CACHES
