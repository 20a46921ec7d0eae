"""What points reads of a City, kept per City for as long as the City lives.

Private. Scoring reads the same things of a City on every call (its activities as a ledger,
its members with their branches); a second scoring of the same City, a reform or a ranking
reads them again instead of asking the City anew. The facts stay the City's: this cache only
keeps its answers, in the per-City store of :mod:`neighborparty.model._cache`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from neighborparty.model import City
from neighborparty.model._cache import derived

__all__ = ["per_city"]

_T = TypeVar("_T")


def per_city(city: City, key: str, make: Callable[[City], _T]) -> _T:
    """What ``make`` reads of a City: made on the first call for this key, then kept.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> first = per_city(city, "people", lambda c: list(c.people))
        >>> per_city(city, "people", lambda c: []) is first
        True
        >>> per_city(examples.seed_city(), "people", lambda c: []) is first
        False
    """
    kept = derived(city)
    tagged = ("points", key)
    if tagged not in kept:
        kept[tagged] = make(city)
    return cast(_T, kept[tagged])
