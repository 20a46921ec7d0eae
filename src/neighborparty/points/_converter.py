"""The converter of scheme documents: reading and writing them, given the classes of a scheme.

Private. :mod:`neighborparty.points.documents` describes the format; this module reads and writes
it through the library's document converter (:func:`neighborparty.make_converter`), strictly.
It names no class of :mod:`neighborparty.points.scheme`, which hands its classes over when it
makes its converter (:func:`make_scheme_converter`): a scheme reads and writes its own documents
without the two modules importing each other.
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
from neighborparty.convert._converter import int_problem, type_name
from neighborparty.errors import DocumentError, Problem
from neighborparty.points.period import PeriodUnit

__all__ = ["SCHEME_FORMAT_VERSION", "make_scheme_converter", "read", "write"]

SCHEME_FORMAT_VERSION = 1
"""The version of the scheme document format this library writes and reads."""


def _structure_dated(converter: cattrs.Converter, dated: type[Any]) -> Callable[[object, Any], Any]:
    structure_day = converter.get_structure_hook(date)

    def structure(value: object, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected an object from days to numbers, got {type_name(value)}")
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
        return dated(steps)

    return structure


def _unstructure_dated(value: Any) -> dict[str, float | None]:
    return {day.isoformat(): number for day, number in value.steps}


def _structure_unit(value: object, _: Any) -> PeriodUnit:
    if type(value) is str:
        try:
            return PeriodUnit(value)
        except ValueError:
            pass
    choices = ", ".join(repr(u.value) for u in PeriodUnit)
    if type(value) is not str:
        raise TypeError(f"expected one of {choices}, got {type_name(value)}")
    raise ValueError(f"expected one of {choices}, got {value!r}")


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _object_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    structure = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

    def structure_object(value: object, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected object, got {type_name(value)}")
        return structure(value, cls)

    return structure_object


def make_scheme_converter(*, dated: type[Any], classes: tuple[type[Any], ...]) -> cattrs.Converter:
    """The converter of scheme documents.

    Args:
        dated: The class of dated values (an object from ISO days to numbers in a document),
            made from a mapping of days to values and holding them as ``steps``.
        classes: The scheme's classes, read strictly as objects (no unknown keys); a tuple of
            them is an array whose problems carry their index.
    """
    converter = make_converter()
    converter.register_structure_hook(dated, _structure_dated(converter, dated))
    converter.register_unstructure_hook(dated, _unstructure_dated)
    converter.register_structure_hook(PeriodUnit, _structure_unit)
    converter.register_unstructure_hook(PeriodUnit, _enum_value)
    # The document converter reads and writes tuples of plain values; a scheme's tuples also
    # hold rules, whose problems need their index in the path and which must be unstructured.
    # (Registered before the class hooks, which look their fields' hooks up when made.)
    converter.register_structure_hook_factory(
        lambda cls: _is_tuple(cls) and typing.get_args(cls)[0] in classes,
        _rule_tuple_hook(converter),
    )
    converter.register_unstructure_hook_func(
        _is_tuple, lambda items: [converter.unstructure(item) for item in items]
    )
    for cls in classes:
        converter.register_structure_hook(cls, _object_hook(cls, converter))
    return converter


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _rule_tuple_hook(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[object, Any], tuple[Any, ...]]]:
    def factory(cls: Any) -> Callable[[object, Any], tuple[Any, ...]]:
        element = typing.get_args(cls)[0]
        hook = converter.get_structure_hook(element)

        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected array, got {type_name(value)}")
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


def write(converter: cattrs.Converter, scheme: object) -> dict[str, Any]:
    """The document of a scheme, its ``format_version`` first."""
    doc: dict[str, Any] = {"format_version": SCHEME_FORMAT_VERSION}
    doc.update(converter.unstructure(scheme))
    return doc


_T = typing.TypeVar("_T")


def read(converter: cattrs.Converter, data: Mapping[str, Any], cls: type[_T]) -> _T:
    """The scheme a document describes.

    Raises:
        DocumentError: The document is malformed; every problem is listed with its path.
    """
    if not isinstance(data, Mapping):
        raise DocumentError([Problem(path="", message=f"expected object, got {type_name(data)}")])
    version = data.get("format_version")
    if "format_version" not in data:
        message = f"required key missing (expected {SCHEME_FORMAT_VERSION})"
    elif type(version) is not int:
        message = f"expected int, got {type_name(version)}"
    elif version != SCHEME_FORMAT_VERSION:
        message = int_problem(version) or (
            f"unsupported version {version}; this version of neighborparty reads scheme "
            f"version {SCHEME_FORMAT_VERSION}"
        )
    else:
        message = ""
    if message:
        raise DocumentError([Problem(path="format_version", message=message)])
    body = {key: value for key, value in data.items() if key != "format_version"}
    try:
        return converter.structure(body, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a problem
        raise DocumentError(list(problems_from(exc, ""))) from None
