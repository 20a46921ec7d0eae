"""Structural validators shared by the entity classes.

They check what a value must be to mean anything at all (a count is not negative, an end is not
before its start). Policy is never checked here: that is the rules' work.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from neighborparty.errors import InvalidFieldError

__all__ = [
    "after_start",
    "as_float",
    "finite_pair",
    "float_pair",
    "ids",
    "non_negative",
    "optional_float",
    "optional_non_negative",
    "unique_ids",
]


def _why(value: float) -> str:
    return f"must be >= 0, got {value!r}" if value < 0 else f"must be finite, got {value!r}"


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    """Reject a negative, infinite or not-a-number count or measure."""
    if not 0 <= value < math.inf:
        raise InvalidFieldError(attribute.name, _why(value))


def optional_non_negative(
    instance: Any, attribute: attrs.Attribute[Any], value: float | None
) -> None:
    """Reject a negative, infinite or not-a-number measure, allowing ``None`` (not known)."""
    if value is not None and not 0 <= value < math.inf:
        raise InvalidFieldError(attribute.name, _why(value))


def after_start(start_field: str) -> Any:
    """A validator that rejects an end date before the start date held in ``start_field``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: date | None) -> None:
        start = getattr(instance, start_field)
        if value is not None and start is not None and value < start:
            raise InvalidFieldError(
                attribute.name, f"must not be before {start_field} {start.isoformat()}, got {value}"
            )

    check.start_field = start_field  # type: ignore[attr-defined]
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


def finite_pair(
    instance: Any, attribute: attrs.Attribute[Any], value: tuple[float, float] | None
) -> None:
    """Reject coordinates that are not two finite numbers, allowing ``None``."""
    if value is not None and (len(value) != 2 or not all(math.isfinite(v) for v in value)):
        raise InvalidFieldError(attribute.name, f"must be two finite numbers, got {value!r}")


def float_pair(value: Any) -> Any:
    """A pair of numbers as a pair of floats (so that an equal value writes the same document),
    anything else as it is for the validator to judge.

    Examples:
        >>> float_pair((118, 24.5)), float_pair(None)
        ((118.0, 24.5), None)
    """
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
    ):
        return (float(value[0]), float(value[1]))
    return value


def optional_float(value: Any) -> Any:
    """A number as a float (so that an equal value writes the same document), ``None`` and
    anything else as it is for the validator to judge.

    Examples:
        >>> optional_float(2), optional_float(None), optional_float("x")
        (2.0, None, 'x')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def as_float(value: Any) -> Any:
    """A number as a float, anything else as it is for the validator to judge.

    Examples:
        >>> as_float(120), as_float(1.5)
        (120.0, 1.5)
    """
    return optional_float(value)
