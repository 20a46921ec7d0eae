"""The one preconfigured cattrs converter of the library's documents, and the reading of its
errors into problems with paths.

Reading is strict: no coercion (``"120"`` is not ``120``, ``1`` is not ``true``), no unknown
keys, dates only as ``YYYY-MM-DD``, no non-finite numbers. Every reader of documents in the
library (cities, points schemes) uses :func:`make_converter` and :func:`problems_from`.
"""

from __future__ import annotations

import enum
import math
import re
import typing
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from neighborparty.errors import InvalidFieldError, Problem
from neighborparty.model import COLLECTIONS, enums
from neighborparty.model.people import FourHaves, Membership

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "LONE_SURROGATE",
    "ElementError",
    "int_problem",
    "join",
    "make_converter",
    "printable",
    "problems_from",
    "string_problem",
    "type_name",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ElementError(ValueError):
    """A problem with one element of a list inside an entity."""

    def __init__(self, index: int, message: str) -> None:
        self.index = index
        super().__init__(message)


def type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "bool",
        int: "int",
        float: "float",
        str: "str",
        list: "array",
        dict: "object",
    }.get(type(value), type(value).__name__)


def _expected(what: str, value: object) -> TypeError:
    return TypeError(f"expected {what}, got {type_name(value)}")


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate standing alone: a string holding one cannot be written as UTF-8."""

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""The integers a document may hold: the signed 64-bit range, which every language reading or
writing the format can represent."""


def string_problem(value: str) -> str | None:
    """What is wrong with a string a document holds, or ``None``: a lone surrogate.

    Examples:
        >>> string_problem("金安小区") is None
        True
        >>> string_problem("a" + chr(0xD800))
        'holds a lone surrogate (U+D800) at character 1, which is not text and cannot be written as UTF-8'
    """
    if value.isascii():
        return None
    found = LONE_SURROGATE.search(value)
    if found is None:
        return None
    return (
        f"holds a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}, "
        "which is not text and cannot be written as UTF-8"
    )


def int_problem(value: int) -> str | None:
    """What is wrong with an integer a document holds, or ``None``: outside 64 bits.

    The integer itself is not written out: one of a million digits would make the message
    a megabyte long.

    Examples:
        >>> int_problem(120) is None
        True
        >>> int_problem(10**30)
        'an integer of 31 digits, outside the 64-bit range a document may hold'
    """
    if INT_MIN <= value <= INT_MAX:
        return None
    digits = int(abs(value).bit_length() * 0.30103) + 1
    return f"an integer of {digits:,} digits, outside the 64-bit range a document may hold"


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _expected("str", value)
    problem = string_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _expected("int", value)
    problem = int_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _structure_float(value: object, _: type) -> float:
    if type(value) is int:
        return float(value)
    if type(value) is not float:
        raise _expected("number", value)
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _expected("bool", value)
    return value


def _structure_date(value: object, _: type) -> date:
    if type(value) is not str:
        raise _expected("date string YYYY-MM-DD", value)
    if not _DATE.fullmatch(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a calendar date: {value!r}") from None


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if type(value) is str:
        try:
            return cls(value)
        except ValueError:
            pass
    choices = ", ".join(repr(m.value) for m in cls)
    if type(value) is not str:
        raise _expected(f"one of {choices}", value)
    raise ValueError(f"expected one of {choices}, got {value!r}")


def _enum_value(member: enum.Enum) -> Any:
    return member.value


_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    obj
    for obj in vars(enums).values()
    if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == enums.__name__
)


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, Any], Any]]:
    def factory(cls: Any) -> Callable[[object, Any], Any]:
        args = typing.get_args(cls)
        homogeneous = len(args) == 2 and args[1] is Ellipsis
        element_types = [args[0]] if homogeneous else list(args)
        hooks = [converter.get_structure_hook(t) for t in element_types]

        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _expected("array", value)
            if not homogeneous and len(value) != len(hooks):
                raise ValueError(f"expected an array of {len(hooks)} items, got {len(value)}")
            out = []
            for i, item in enumerate(value):
                hook, target = (
                    (hooks[0], element_types[0]) if homogeneous else (hooks[i], element_types[i])
                )
                try:
                    out.append(hook(item, target))
                except (TypeError, ValueError) as exc:
                    raise ElementError(i, str(exc)) from None
            return tuple(out)

        return structure

    return factory


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for this library's documents.

    It structures every entity class strictly (no coercion, no unknown keys) and unstructures
    enums to their values, dates to ISO strings and tuples to lists, leaving out fields at
    their defaults. Each call returns a new converter, so callers may add hooks of their own.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> conv = make_converter()
        >>> doc = {"id": "c-1", "name": "x", "community": "cm-1", "households": 120, "kind": "managed"}
        >>> conv.structure(doc, Compound).kind
        <CompoundKind.MANAGED: 'managed'>
        >>> conv.unstructure(conv.structure(doc, Compound)) == doc
        True
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=True
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    for enum_cls in _ENUMS:
        converter.register_structure_hook(enum_cls, _structure_enum)
        converter.register_unstructure_hook(enum_cls, _enum_value)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook(converter))
    converter.register_unstructure_hook_func(_is_tuple, list)
    for cls in (*COLLECTIONS.values(), Membership, FourHaves):
        converter.register_structure_hook(cls, _object_hook(cls, converter))
    return converter


def _object_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    structure = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

    def structure_object(value: object, _: Any) -> Any:
        if type(value) is not dict:
            raise _expected("object", value)
        return structure(value, cls)

    return structure_object


def join(path: str, key: str | int) -> str:
    """A path one step further: ``compounds`` and 3 give ``compounds[3]``, ``compounds[3]`` and
    ``households`` give ``compounds[3].households``; a key that is not text is escaped.

    Examples:
        >>> join("compounds", 3), join("compounds[3]", "households"), join("", "a" + chr(0xD800))
        ('compounds[3]', 'compounds[3].households', 'a\\\\ud800')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = printable(key)
    return f"{path}.{key}" if path else key


def printable(text: str) -> str:
    """A string as it can be shown and written as UTF-8: lone surrogates escaped.

    Examples:
        >>> printable("ok"), printable(chr(0xDC80))
        ('ok', '\\\\udc80')
    """
    if string_problem(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def problems_from(exc: BaseException, path: str) -> Iterator[Problem]:
    """Every problem an exception raised while structuring stands for, with its path.

    Shared by every reader of documents in the library (cities, points schemes).

    Examples:
        >>> from neighborparty import Compound
        >>> try:
        ...     make_converter().structure({"id": 1}, Compound)
        ... except Exception as exc:
        ...     print([str(p) for p in problems_from(exc, "compounds[0]")][:2])
        ['compounds[0].id: expected str, got int', 'compounds[0].name: required key missing']
    """
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(map(str, exc.extra_fields)):
            yield Problem(path=join(path, key), message="unknown key")
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, cattrs.AttributeValidationNote):
                    sub_path = join(path, note.name)
                elif isinstance(note, cattrs.IterableValidationNote):
                    sub_path = join(path, note.index)
            yield from problems_from(sub, sub_path)
    elif isinstance(exc, KeyError):
        yield Problem(path=path, message="required key missing")
    elif isinstance(exc, InvalidFieldError):
        yield Problem(path=join(path, exc.field), message=exc.reason)
    elif isinstance(exc, ElementError):
        yield Problem(path=join(path, exc.index), message=str(exc))
    else:
        yield Problem(path=path, message=str(exc) or type(exc).__name__)
