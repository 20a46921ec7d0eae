"""What the layers above derive from a City alone, kept per City for as long as it lives.

A check derives facts that depend on the city only (members per branch, standalone branches,
the latest day recorded ...), scoring reads a City's activities as a ledger; a second check or
scoring of the same City, a comparison or a sweep reads them again instead of deriving them
anew. The City itself holds none of this state and knows nothing of it: each layer keys its
entries by what derives them (the rules by the function, points by a tagged name). Entries are
keyed by the City's identity (equal cities are not hashed, which would cost a pass over every
entity) and dropped when the City is collected.
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
    """The cache of what other layers derive from this City alone.

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
