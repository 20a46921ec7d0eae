"""Hypothesis strategies for neighborparty: valid cities and entities, built by construction.

Install the extra (``pip install "neighborparty[testing]"``) to use them. Strategies are plural
nouns with keyword-only options, in the style of Hypothesis itself; every city they generate is
valid by construction (never by filtering) and shrinks towards a small, readable one. The types
are registered with Hypothesis through its ``hypothesis`` entry point, so
``st.from_type(neighborparty.City)`` works too.

Every collection of the City is exercised and every optional field is sometimes set, so that
properties over these cities see the whole document format.

Examples:
    >>> from hypothesis import given
    >>> from neighborparty import strategies, to_dict, from_dict
    >>> @given(strategies.cities(max_size=2))
    ... def test_round_trip(city):
    ...     assert from_dict(to_dict(city)) == city
    >>> test_round_trip()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

try:
    import hypothesis  # noqa: F401 - the extra, checked before anything else
except ImportError as exc:  # pragma: no cover - run in a subprocess by the tests
    raise ImportError(
        'neighborparty.strategies needs Hypothesis: pip install "neighborparty[testing]"'
    ) from exc

if TYPE_CHECKING:
    from neighborparty.strategies import _breakers
    from neighborparty.strategies._breakers import breaks
    from neighborparty.strategies._cities import cities
    from neighborparty.strategies._entities import appointments, compounds, organizations, people
    from neighborparty.strategies._values import DAY0 as DAY0
    from neighborparty.strategies._values import areas as areas
    from neighborparty.strategies._values import counts as counts
    from neighborparty.strategies._values import dates as dates
    from neighborparty.strategies._values import ids as ids
    from neighborparty.strategies._values import names as names
    from neighborparty.strategies._values import optional_dates as optional_dates

    # Stated here as well, for Sphinx reads a value's docstring in the module it documents.
    Breaker = _breakers.Breaker
    """A function that turns a valid city into one failing a given rule, drawing what it needs."""

__all__ = ["Breaker", "appointments", "breaks", "cities", "compounds", "organizations", "people"]

_HOMES = {
    "Breaker": "_breakers",
    "breaks": "_breakers",
    "cities": "_cities",
    "appointments": "_entities",
    "compounds": "_entities",
    "organizations": "_entities",
    "people": "_entities",
    **dict.fromkeys(
        ["DAY0", "areas", "counts", "dates", "ids", "names", "optional_dates"], "_values"
    ),
}
"""The module of this package each public name is defined in.

The names are imported when first asked for: Hypothesis imports this package while it is itself
being imported (its entry point runs :mod:`._hypothesis`), in every process where this library
is installed, and most of them never draw a city.
"""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{home}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
