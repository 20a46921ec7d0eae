"""Points schemes as plain dicts: what an app stores in its database or a JSON file.

A scheme document is one object::

    {"format_version": 1, "name": "example", "title": "...",
     "base": {"2020-01-01": 80}, "flag_below": {"2020-01-01": 60},
     "earning": [{"code": "theme_party_day", "kind": "theme_party_day",
                  "points": {"2020-01-01": 2}}, ...],
     "caps": [{"code": "volunteer_service_month", "kind": "volunteer_service",
               "per": "month", "points": {"2020-01-01": 8}}, ...],
     "required": [{"code": "missed_theme_party_day", "kinds": ["theme_party_day"],
                   "per": "month", "points": {"2020-01-01": 1}}],
     "inactivity": [{"code": "no_organizational_life", "kinds": ["dues_paid", ...],
                     "months": 6, "points": {"2020-01-01": 10}}]}

A dated value is an object from the day a value comes into force (``YYYY-MM-DD``) to the value
(a number, or ``null`` to end it). Enums are their string values. Fields at their defaults may be
left out. Reading is as strict as for cities and goes through the same converter
(:func:`neighborparty.make_converter`): no coercion, no unknown keys, a known
``format_version``; a malformed document raises :class:`~neighborparty.DocumentError` listing
every problem with its path.

:meth:`PointsScheme.to_dict <neighborparty.points.PointsScheme.to_dict>` and
:meth:`PointsScheme.from_dict <neighborparty.points.PointsScheme.from_dict>` do the same as the
two functions here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neighborparty.points._converter import SCHEME_FORMAT_VERSION
from neighborparty.points.scheme import PointsScheme

__all__ = ["SCHEME_FORMAT_VERSION", "scheme_from_dict", "scheme_to_dict"]


def scheme_to_dict(scheme: PointsScheme) -> dict[str, Any]:
    """The document of a scheme, as plain dicts, lists, strings and numbers.

    Examples:
        >>> from neighborparty.points import EXAMPLE_SCHEME
        >>> doc = scheme_to_dict(EXAMPLE_SCHEME)
        >>> doc["caps"][1]
        {'code': 'volunteer_service_month', 'kind': 'volunteer_service', 'per': 'month', 'points': {'2020-01-01': 8}}
    """
    return scheme.to_dict()


def scheme_from_dict(data: Mapping[str, Any]) -> PointsScheme:
    """The scheme a document describes.

    Raises:
        DocumentError: The document is malformed; the message lists every problem with its
            path, e.g. ``caps[0].per: expected one of 'month', 'quarter', 'year', got 'week'``.

    Examples:
        >>> from neighborparty.points import EXAMPLE_SCHEME
        >>> scheme_from_dict(scheme_to_dict(EXAMPLE_SCHEME)) == EXAMPLE_SCHEME
        True
        >>> scheme_from_dict({"format_version": 1, "name": "x",
        ...     "base": {"2020-01-01": "80"}, "flag_below": {"2020-13-01": 60},
        ...     "caps": [{"code": "c", "kind": "dues_paid", "per": "week",
        ...               "points": {"2020-01-01": 1}, "limit": 2}]})
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (4 problems):
          base: 2020-01-01: expected a finite number or null, got '80'
          flag_below: key '2020-13-01': not a calendar date: '2020-13-01'
          caps[0].per: expected one of 'month', 'quarter', 'year', got 'week'
          caps[0].limit: unknown key
    """
    return PointsScheme.from_dict(data)
