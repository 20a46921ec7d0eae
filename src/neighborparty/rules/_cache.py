"""What the rules derive from a City alone, kept per City for as long as the City lives.

A check derives facts that depend on the city only (members per branch, standalone branches,
the latest day recorded ...); a second check of the same City, a comparison or a sweep reads
them again instead of deriving them anew. The cache is the rules' own: the City knows nothing
of it. Entries are keyed by the City's identity (equal cities are not hashed, which would cost
a pass over every entity) and dropped when the City is collected.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from neighborparty.model import City

__all__ = ["derived"]

_CACHES: dict[int, dict[Any, Any]] = {}
_LOCK = threading.Lock()


def derived(city: City) -> dict[Any, Any]:
    """The rules' cache of facts derived from this City alone.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> derived(city) is derived(city), derived(city) is derived(examples.seed_city())
        (True, False)
    """
    key = id(city)
    found = _CACHES.get(key)
    if found is None:
        with _LOCK:
            found = _CACHES.get(key)
            if found is None:
                found = _CACHES[key] = {}
                weakref.finalize(city, _CACHES.pop, key, None)
    return found
