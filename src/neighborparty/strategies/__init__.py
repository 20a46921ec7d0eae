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

try:
    import hypothesis  # noqa: F401 - the extra, checked before anything else
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ImportError(
        'neighborparty.strategies needs Hypothesis: pip install "neighborparty[testing]"'
    ) from exc

from neighborparty.strategies import _breakers
from neighborparty.strategies._breakers import breaks
from neighborparty.strategies._cities import cities
from neighborparty.strategies._entities import appointments, compounds, organizations, people
from neighborparty.strategies._values import (  # noqa: F401 - the values, public as before
    DAY0,
    areas,
    counts,
    dates,
    ids,
    names,
    optional_dates,
)

# Stated here as well, for Sphinx reads a value's docstring in the module it documents.
Breaker = _breakers.Breaker
"""A function that turns a valid city into one failing a given rule, drawing what it needs."""

__all__ = ["Breaker", "appointments", "breaks", "cities", "compounds", "organizations", "people"]
