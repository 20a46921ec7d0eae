"""What points reads of a City, kept per City for as long as the City lives.

Private. Scoring reads the same things of a City on every call (its activities as a ledger,
its members with their branches); a second scoring of the same City, a reform or a ranking
reads them again instead of asking the City anew. The facts stay the City's: this cache only
keeps its answers. Entries are keyed by the City's identity (equal cities are not hashed, which
would cost a pass over every entity) and dropped when the City is collected.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from neighborparty.model import City

__all__ = ["per_city"]

_T = TypeVar("_T")

_CACHES: dict[int, dict[str, Any]] = {}
"""What was kept of each living City, by the City's ``id()``."""
_LOCK = threading.Lock()


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
    ident = id(city)
    kept = _CACHES.get(ident)
    if kept is None:
        with _LOCK:
            kept = _CACHES.get(ident)
            if kept is None:
                kept = _CACHES[ident] = {}
                weakref.finalize(city, _CACHES.pop, ident, None)
    if key not in kept:
        kept[key] = make(city)
    return cast(_T, kept[key])
