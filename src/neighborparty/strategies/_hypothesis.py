"""The hook Hypothesis calls through its ``hypothesis`` entry point, when it is imported.

It registers the library's types so that ``st.from_type(neighborparty.City)`` works. The
strategies module is imported only when a strategy is first asked for: Hypothesis runs this hook
while it is itself being imported, possibly on behalf of :mod:`neighborparty.strategies`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from neighborparty import model

__all__: list[str] = []

_REGISTERED = {
    model.City: "cities",
    model.Compound: "compounds",
    model.Person: "people",
    model.PartyOrganization: "organizations",
    model.Appointment: "appointments",
}


def _lazy(name: str) -> Callable[[type[Any]], Any]:
    def resolve(_: type[Any]) -> Any:
        return getattr(importlib.import_module("neighborparty.strategies"), name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register the library's types with Hypothesis.

    Examples:
        >>> from hypothesis import find, strategies as st
        >>> import neighborparty
        >>> _hypothesis_setup_hook()
        >>> find(st.from_type(neighborparty.Compound), lambda c: True).__class__.__name__
        'Compound'
    """
    from hypothesis import strategies as st

    for cls, name in _REGISTERED.items():
        st.register_type_strategy(cls, _lazy(name))
