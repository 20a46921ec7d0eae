"""Structural validators shared by the entity classes.

They check what a value must be to mean anything at all (a count is not negative, an end is not
before its start). Policy is never checked here: that is the rules' work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from neighborparty.errors import InvalidFieldError

__all__ = ["after_start", "ids", "non_negative", "optional_non_negative", "unique_ids"]


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    """Reject a negative count or measure."""
    if value < 0:
        raise InvalidFieldError(attribute.name, f"must be >= 0, got {value!r}")


def optional_non_negative(
    instance: Any, attribute: attrs.Attribute[Any], value: float | None
) -> None:
    """Reject a negative count or measure, allowing ``None`` (not known)."""
    if value is not None and value < 0:
        raise InvalidFieldError(attribute.name, f"must be >= 0, got {value!r}")


def after_start(start_field: str) -> Any:
    """A validator that rejects an end date before the start date held in ``start_field``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: date | None) -> None:
        start = getattr(instance, start_field)
        if value is not None and start is not None and value < start:
            raise InvalidFieldError(
                attribute.name, f"must not be before {start_field} {start.isoformat()}, got {value}"
            )

    return check


def unique_ids(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """Reject a list of ids that names one id twice."""
    if len(set(value)) != len(value):
        twice = sorted(v for v, n in Counter(value).items() if n > 1)
        raise InvalidFieldError(
            attribute.name, f"lists {', '.join(map(repr, twice))} more than once"
        )


def ids(value: Iterable[str]) -> tuple[str, ...]:
    """Convert a collection of ids to a tuple, refusing a lone string (a common slip)."""
    if isinstance(value, str):
        raise TypeError(f"expected a collection of ids, got the string {value!r}")
    return tuple(value)
