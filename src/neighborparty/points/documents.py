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
"""

from __future__ import annotations

import enum
import math
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from neighborparty.convert import make_converter, problems_from
from neighborparty.errors import DocumentError, Problem
from neighborparty.points.period import PeriodUnit
from neighborparty.points.scheme import (
    Cap,
    DatedValue,
    EarningRule,
    InactivityRule,
    PointsScheme,
    RequiredActivity,
)

__all__ = ["SCHEME_FORMAT_VERSION", "scheme_from_dict", "scheme_to_dict"]

SCHEME_FORMAT_VERSION = 1
"""The version of the scheme document format this library writes and reads."""

_CLASSES = (EarningRule, Cap, RequiredActivity, InactivityRule, PointsScheme)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    names = {bool: "bool", int: "int", float: "float", str: "str", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _structure_dated(converter: cattrs.Converter) -> Callable[[object, Any], DatedValue]:
    structure_day = converter.get_structure_hook(date)

    def structure(value: object, _: Any) -> DatedValue:
        if type(value) is not dict:
            raise TypeError(f"expected an object from days to numbers, got {_type_name(value)}")
        if not value:
            raise ValueError("expected at least one day and value")
        steps: dict[date, float | None] = {}
        for key, number in value.items():
            try:
                day = structure_day(key, date)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"key {key!r}: {exc}") from None
            if number is not None and not (type(number) in (int, float) and math.isfinite(number)):
                raise TypeError(f"{key}: expected a finite number or null, got {number!r}")
            steps[day] = number
        return DatedValue(steps)

    return structure


def _unstructure_dated(value: DatedValue) -> dict[str, float | None]:
    return {day.isoformat(): number for day, number in value.steps}


def _structure_unit(value: object, _: Any) -> PeriodUnit:
    if type(value) is str:
        try:
            return PeriodUnit(value)
        except ValueError:
            pass
    choices = ", ".join(repr(u.value) for u in PeriodUnit)
    if type(value) is not str:
        raise TypeError(f"expected one of {choices}, got {_type_name(value)}")
    raise ValueError(f"expected one of {choices}, got {value!r}")


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _object_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    structure = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

    def structure_object(value: object, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected object, got {_type_name(value)}")
        return structure(value, cls)

    return structure_object


def _make_scheme_converter() -> cattrs.Converter:
    converter = make_converter()
    converter.register_structure_hook(DatedValue, _structure_dated(converter))
    converter.register_unstructure_hook(DatedValue, _unstructure_dated)
    converter.register_structure_hook(PeriodUnit, _structure_unit)
    converter.register_unstructure_hook(PeriodUnit, _enum_value)
    # The document converter reads and writes tuples of plain values; a scheme's tuples also
    # hold rules, whose problems need their index in the path and which must be unstructured.
    # (Registered before the class hooks, which look their fields' hooks up when made.)
    converter.register_structure_hook_factory(_is_rule_tuple, _rule_tuple_hook(converter))
    converter.register_unstructure_hook_func(
        _is_tuple, lambda items: [converter.unstructure(item) for item in items]
    )
    for cls in _CLASSES:
        converter.register_structure_hook(cls, _object_hook(cls, converter))
    return converter


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _is_rule_tuple(cls: Any) -> bool:
    return _is_tuple(cls) and typing.get_args(cls)[0] in _CLASSES


def _rule_tuple_hook(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[object, Any], tuple[Any, ...]]]:
    def factory(cls: Any) -> Callable[[object, Any], tuple[Any, ...]]:
        element = typing.get_args(cls)[0]
        hook = converter.get_structure_hook(element)

        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected array, got {_type_name(value)}")
            items, errors = [], []
            for i, item in enumerate(value):
                try:
                    items.append(hook(item, element))
                except Exception as exc:  # noqa: BLE001 - every failure becomes a problem
                    exc.add_note(cattrs.IterableValidationNote(f"@ index {i}", i, element))
                    errors.append(exc)
            if errors:
                raise cattrs.IterableValidationError(f"while structuring {cls}", errors, cls)
            return tuple(items)

        return structure

    return factory


_CONVERTER = _make_scheme_converter()


def scheme_to_dict(scheme: PointsScheme) -> dict[str, Any]:
    """The document of a scheme, as plain dicts, lists, strings and numbers.

    Examples:
        >>> from neighborparty.points import EXAMPLE_SCHEME
        >>> doc = scheme_to_dict(EXAMPLE_SCHEME)
        >>> doc["caps"][1]
        {'code': 'volunteer_service_month', 'kind': 'volunteer_service', 'per': 'month', 'points': {'2020-01-01': 8}}
    """
    doc: dict[str, Any] = {"format_version": SCHEME_FORMAT_VERSION}
    doc.update(_CONVERTER.unstructure(scheme))
    return doc


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
    if not isinstance(data, Mapping):
        raise DocumentError([Problem(path="", message=f"expected object, got {_type_name(data)}")])
    version = data.get("format_version")
    if "format_version" not in data:
        message = f"required key missing (expected {SCHEME_FORMAT_VERSION})"
    elif type(version) is not int:
        message = f"expected int, got {_type_name(version)}"
    elif version != SCHEME_FORMAT_VERSION:
        message = (
            f"unsupported version {version}; this version of neighborparty reads scheme "
            f"version {SCHEME_FORMAT_VERSION}"
        )
    else:
        message = ""
    if message:
        raise DocumentError([Problem(path="format_version", message=message)])
    body = {key: value for key, value in data.items() if key != "format_version"}
    try:
        scheme: PointsScheme = _CONVERTER.structure(body, PointsScheme)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a problem
        raise DocumentError(list(problems_from(exc, ""))) from None
    return scheme
