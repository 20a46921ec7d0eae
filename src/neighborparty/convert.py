"""Documents: a :class:`~neighborparty.City` to and from plain dicts and JSON text.

A document is one JSON object::

    {"format_version": 1, "id": "xm", "name": "厦门",
     "districts": [{"id": "d-1", "name": "思明区"}, ...],
     "compounds": [{"id": "c-1", "name": "...", "community": "cm-1",
                    "households": 120, "kind": "managed"}, ...],
     ...}

Each collection of the City is a key holding a list of objects whose keys are the entity's
fields. Enums are written as their string values, dates as ``YYYY-MM-DD`` strings. A field
left at its default, and an empty collection, may be left out (and :func:`to_dict` leaves them
out).

Reading is strict: no coercion (``"120"`` is not ``120``, ``1`` is not ``true``), no unknown
keys, a known ``format_version``. Any malformed input raises :class:`~neighborparty.DocumentError`
listing every problem with its path; a well-formed document whose parts do not fit together
raises :class:`~neighborparty.IntegrityError`.
"""

from __future__ import annotations

import enum
import json
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from neighborparty._fastpath import fast_reader, fast_writer
from neighborparty._gc import paused_gc
from neighborparty.errors import DocumentError, InvalidFieldError, Problem
from neighborparty.model import enums
from neighborparty.model.city import COLLECTIONS, City
from neighborparty.model.people import FourHaves, Membership

__all__ = ["FORMAT_VERSION", "from_dict", "from_json", "make_converter", "to_dict", "to_json"]

FORMAT_VERSION = 1
"""The version of the document format this library writes and reads."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _ElementError(ValueError):
    """A problem with one element of a list inside an entity."""

    def __init__(self, index: int, message: str) -> None:
        self.index = index
        super().__init__(message)


def _type_name(value: object) -> str:
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
    return TypeError(f"expected {what}, got {_type_name(value)}")


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _expected("str", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _expected("int", value)
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
                    raise _ElementError(i, str(exc)) from None
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


_CONVERTER = make_converter()
_FAST_WRITERS = {cls: fast_writer(cls) for cls in COLLECTIONS.values()}
_FAST_READERS = {
    cls: fast_reader(cls, _CONVERTER.get_structure_hook) for cls in COLLECTIONS.values()
}
_TOP_KEYS = frozenset({"format_version", "id", "name", *COLLECTIONS})


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


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
            yield Problem(path=_join(path, key), message="unknown key")
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, cattrs.AttributeValidationNote):
                    sub_path = _join(path, note.name)
                elif isinstance(note, cattrs.IterableValidationNote):
                    sub_path = _join(path, note.index)
            yield from problems_from(sub, sub_path)
    elif isinstance(exc, KeyError):
        yield Problem(path=path, message="required key missing")
    elif isinstance(exc, InvalidFieldError):
        yield Problem(path=_join(path, exc.field), message=exc.reason)
    elif isinstance(exc, _ElementError):
        yield Problem(path=_join(path, exc.index), message=str(exc))
    else:
        yield Problem(path=path, message=str(exc) or type(exc).__name__)


def to_dict(city: City) -> dict[str, Any]:
    """The document of a city, as plain dicts, lists, strings, numbers and booleans.

    Fields at their defaults and empty collections are left out.

    Examples:
        >>> from neighborparty import examples
        >>> doc = to_dict(examples.seed_city())
        >>> doc["format_version"], doc["compounds"][0]
        (1, {'id': 'c-jinan', 'name': '金安小区', 'community': 'cm-jinan', 'households': 120, 'kind': 'managed', 'residents': 350})
    """
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "id": city.id, "name": city.name}
    with paused_gc():
        for name, cls in COLLECTIONS.items():
            entities = getattr(city, name)
            if entities:
                write = _FAST_WRITERS[cls]
                doc[name] = [write(e) for e in entities]
    return doc


def from_dict(data: Mapping[str, Any]) -> City:
    """The city a document describes.

    Args:
        data: A document, as :func:`to_dict` writes it or :func:`json.loads` reads it.

    Raises:
        DocumentError: The document is malformed; the message lists every problem with its
            path, e.g. ``compounds[3].households: expected int, got str``.
        IntegrityError: The document is well formed but its parts do not fit together.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> from_dict(to_dict(city)) == city
        True
        >>> from_dict({"format_version": 1, "id": "x", "name": "x",
        ...            "compounds": [{"id": "c", "name": "c", "community": "cm",
        ...                           "households": "120", "kind": "big", "gate": 2}]})
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (3 problems):
          compounds[0].households: expected int, got str
          compounds[0].kind: expected one of 'managed', 'resettlement', 'unmanaged', 'old_quarter', got 'big'
          compounds[0].gate: unknown key
    """
    with paused_gc():
        return _from_dict(data)


def _from_dict(data: Mapping[str, Any]) -> City:
    if not isinstance(data, Mapping):
        raise DocumentError([Problem(path="", message=f"expected object, got {_type_name(data)}")])
    _check_version(data)
    problems: list[Problem] = []
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(Problem(path=str(key), message="unknown key"))
    head: dict[str, str] = {}
    for key in ("id", "name"):
        if key not in data:
            problems.append(Problem(path=key, message="required key missing"))
        elif type(data[key]) is not str:
            problems.append(Problem(path=key, message=f"expected str, got {_type_name(data[key])}"))
        else:
            head[key] = data[key]
    collections: dict[str, Any] = {}
    for name, cls in COLLECTIONS.items():
        items = data.get(name, [])
        if type(items) is not list:
            problems.append(Problem(path=name, message=f"expected array, got {_type_name(items)}"))
            continue
        hook = _CONVERTER.get_structure_hook(cls)
        fast = _FAST_READERS[cls]
        structured = []
        for i, item in enumerate(items):
            try:
                structured.append(fast(item))
            except Exception:  # noqa: BLE001 - the converter says what is wrong
                try:
                    structured.append(hook(item, cls))
                except Exception as exc:  # noqa: BLE001 - every failure becomes a problem
                    problems.extend(problems_from(exc, f"{name}[{i}]"))
        collections[name] = structured
    if problems:
        raise DocumentError(problems)
    return City(id=head["id"], name=head["name"], **collections)


def _check_version(data: Mapping[str, Any]) -> None:
    if "format_version" not in data:
        raise DocumentError(
            [
                Problem(
                    path="format_version",
                    message=f"required key missing (expected {FORMAT_VERSION})",
                )
            ]
        )
    version = data["format_version"]
    if type(version) is not int:
        raise DocumentError(
            [Problem(path="format_version", message=f"expected int, got {_type_name(version)}")]
        )
    if version != FORMAT_VERSION:
        raise DocumentError(
            [
                Problem(
                    path="format_version",
                    message=f"unsupported version {version}; "
                    f"this version of neighborparty reads version {FORMAT_VERSION}",
                )
            ]
        )


def to_json(city: City, *, indent: int | None = None) -> str:
    """The document of a city as JSON text: compact, or indented by ``indent`` spaces; UTF-8
    characters are kept as they are.

    Examples:
        >>> from neighborparty import examples
        >>> text = to_json(examples.seed_city())
        >>> text[:36]
        '{"format_version":1,"id":"xm-demo","'
    """
    doc = to_dict(city)
    with paused_gc():
        return json.dumps(
            doc,
            ensure_ascii=False,
            indent=indent,
            separators=(",", ": ") if indent is not None else (",", ":"),
            allow_nan=False,
        )


def from_json(text: str | bytes) -> City:
    """The city a JSON document describes.

    Raises:
        DocumentError: The text is not JSON, or the document is malformed.
        IntegrityError: The document is well formed but its parts do not fit together.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> from_json(to_json(city)) == city
        True
        >>> from_json('{"format_version": 1,')
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (1 problem):
          not valid JSON: Expecting property name enclosed in double quotes: line 1 column 22 (char 21)
    """
    with paused_gc():
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, TypeError) as exc:
            raise DocumentError([Problem(path="", message=f"not valid JSON: {exc}")]) from None
        return from_dict(data)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")
