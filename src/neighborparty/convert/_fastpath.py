"""Fast paths for reading and writing entities of documents.

:mod:`neighborparty.convert` reads entities with a cattrs converter that checks every value and
names every problem with its path. That costs a function call per field, which adds up over a
city of a million records. For each entity class this module generates one plain function that
checks the same things inline and builds the entity, or gives up at the first doubt by raising
:class:`Defer`; the caller then reads that entity through the converter, which says exactly what
is wrong (or, should the two ever disagree, simply reads it). Only well-formed input takes the
fast path, so errors are never reported from here. Writing has a generated function too, which
the tests hold to the converter's output.
"""

from __future__ import annotations

import contextlib
import enum
import json
import math
import operator
import re
import typing
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date
from json.encoder import encode_basestring as _encode_string
from types import NoneType, UnionType
from typing import Any

import attrs

from neighborparty.model import _validators as v

__all__ = [
    "SHARED",
    "Defer",
    "fast_columns",
    "fast_reader",
    "fast_text_writer",
    "fast_writer",
    "json_dumps",
    "nested_fields",
    "sharing",
]


class Defer(Exception):
    """The fast path cannot read this value; the converter must."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATES: dict[str, date] = {}


def _date(value: object) -> date:
    found: date | None = _DATES.get(value)  # type: ignore[call-overload]
    if found is None:
        if type(value) is not str or not _DATE.fullmatch(value):
            raise Defer
        found = date.fromisoformat(value)
        _DATES[value] = found
        if len(_DATES) > 100_000:
            _DATES.clear()
    return found


SHARED: dict[str, str] = {}
"""The ids read so far, each as the one string every field naming it holds: a document repeats
an id wherever something names it, and the JSON reader makes a string of each repetition. Kept
while a document is read (:func:`sharing`), emptied after; a field's value is the same string,
equal or shared."""


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """Share the ids of what is read within the block (:data:`SHARED`), and forget them after.

    Examples:
        >>> with sharing():
        ...     a = SHARED.setdefault("p-1", "p-1")
        >>> SHARED
        {}
    """
    try:
        yield
    finally:
        SHARED.clear()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> bool:
    """Whether a string holds no lone surrogate (the converter says what is wrong if not)."""
    return _LONE_SURROGATE.search(value) is None


def _finite(value: object) -> float:
    if type(value) is int:
        return float(value)
    if type(value) is not float or not math.isfinite(value):
        raise Defer
    return value


def _split_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


def nested_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of an entity class whose values are entities of their own (objects in a
    document).

    Examples:
        >>> from neighborparty import Compound, Person
        >>> nested_fields(Person), nested_fields(Compound)
        (('party', 'four_haves'), ())
    """
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in attrs.fields(cls) if attrs.has(_split_optional(hints[f.name])[0]))


def fast_reader(
    cls: type[Any],
    slow: Callable[[type[Any]], Callable[[Any, Any], Any]],
    shared: Collection[str] = (),
) -> Callable[[Any], Any]:
    """A function reading a dict into a ``cls`` entity, raising :class:`Defer` at any doubt.

    ``slow(type)`` gives the converter's hook for a type the fast path does not check inline
    (a fixed-length tuple): it is called, and any error it raises becomes :class:`Defer`.
    The fields named in ``shared`` (ids and references; a nested entity's as ``party.field``)
    hold one string per id among everything read (:data:`SHARED`).

    Examples:
        >>> import cattrs
        >>> from neighborparty import Compound
        >>> read = fast_reader(Compound, cattrs.Converter().get_structure_hook)
        >>> read({"id": "c", "name": "c", "community": "cm", "households": 9, "kind": "managed"})
        Compound(id='c', name='c', community='cm', households=9, kind=<CompoundKind.MANAGED: 'managed'>, residents=None, coordinates=None)
        >>> read({"id": "c", "name": "c", "community": "cm", "households": "9", "kind": "managed"})
        Traceback (most recent call last):
        ...
        neighborparty.convert._fastpath.Defer
    """
    hints = typing.get_type_hints(cls)
    scope: dict[str, Any] = {
        "Defer": Defer,
        "cls": cls,
        "date_": _date,
        "DATES": _DATES,
        "finite": _finite,
        "TEXT": _text,
        "INT_MIN": -(2**63),
        "INT_MAX": 2**63 - 1,
        "INF": math.inf,
        "KNOWN": frozenset(f.name for f in attrs.fields(cls)),
        "SHARE": SHARED.setdefault,
    }
    lines = [
        "def read(d):",
        "    if type(d) is not dict or not KNOWN.issuperset(d):",
        "        raise Defer",
    ]
    arguments = []
    for field in attrs.fields(cls):
        name = field.name
        var = f"v_{name}"
        hint, optional = _split_optional(hints[name])
        if field.default is attrs.NOTHING:
            lines.append(f"    {var} = d[{name!r}]")
            guard = ""
        else:
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise TypeError(f"{cls.__name__}.{name}: a factory default is not supported")
            scope[f"D_{name}"] = field.default
            lines.append(f"    {var} = d.get({name!r}, D_{name})")
            guard = f"{var} is not D_{name} and "
        if optional:
            guard += f"{var} is not None and "
        nested = [f[len(name) + 1 :] for f in shared if f.startswith(name + ".")]
        check = _check(name, var, hint, scope, slow, name in shared, nested)
        if check:
            lines.append(f"    if {guard}True:" if guard else "    if True:")
            lines.extend("        " + line for line in check)
        arguments.append(name)
    lines.extend(_build(cls, scope, arguments))
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), scope, namespace)
    read: Callable[[Any], Any] = namespace["read"]
    return read


_SAME_AFTER_READING: frozenset[Any] = frozenset({v.ids, v.float_pair, v.optional_float, v.as_float})
"""Converters that give back what the fast path reads as it is (a tuple of ids, a number read
as a float, a pair of floats)."""


def _build(
    cls: type[Any], scope: dict[str, Any], names: list[str], *, validate: bool = True
) -> list[str]:
    """The lines that make the entity of the values read, and run its validators.

    The entity is made as an instance of a subclass that adds nothing but plain attribute
    setting, then given its own class: what ``cls(...)`` makes, at a fraction of the cost of
    a frozen class's ``__init__`` (which sets each field through ``object.__setattr__``).
    Converters are those that keep what the fast path reads; a validator that fails sends the
    entity to the converter, which says why.
    """
    fields = attrs.fields_dict(cls)
    if (
        "__slots__" not in cls.__dict__
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
        or any(
            f.converter is not None and f.converter not in _SAME_AFTER_READING
            for f in fields.values()
        )
    ):
        return [f"    return cls({', '.join(f'{n}=v_{n}' for n in names)})"]
    scope["NEW"] = object.__new__
    scope["TWIN"] = type(
        f"_{cls.__name__}Reading",
        (cls,),
        {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )
    lines = ["    o = NEW(TWIN)"]
    lines.extend(f"    o.{n} = v_{n}" for n in names)
    for name, field in fields.items():
        if validate and field.validator is not None:
            lines.extend("    " + line for line in _validate(name, field, scope))
    lines.extend(["    o.__class__ = cls", "    return o"])
    return lines


def _validate(name: str, field: attrs.Attribute[Any], scope: dict[str, Any]) -> list[str]:
    """The lines that run a field's validator on ``o``, inline for the usual ones."""
    validator = field.validator
    var = f"v_{name}"
    if validator is v.non_negative:
        return [f"if not 0 <= {var} < INF: raise Defer"]
    if validator is v.optional_non_negative:
        return [f"if {var} is not None and not 0 <= {var} < INF: raise Defer"]
    if validator is v.unique_ids:
        return [f"if len(set({var})) != len({var}): raise Defer"]
    start = getattr(validator, "start_field", None)
    if start is not None:
        return [
            f"if {var} is not None and v_{start} is not None and {var} < v_{start}: raise Defer"
        ]
    scope[f"V_{name}"] = validator
    scope[f"A_{name}"] = field
    return [
        "try:",
        f"    V_{name}(o, A_{name}, {var})",
        "except Exception:",
        "    raise Defer from None",
    ]


def _check(
    name: str,
    var: str,
    hint: Any,
    scope: dict[str, Any],
    slow: Callable[[type[Any]], Callable[[Any, Any], Any]],
    share: bool = False,
    nested: Sequence[str] = (),
) -> list[str]:
    """The lines that check (and convert) one field's value, inside an ``if``; with ``share``,
    an id or ids of :data:`SHARED` for the strings read."""
    if hint is str:
        lines = [f"if type({var}) is not str or not ({var}.isascii() or TEXT({var})): raise Defer"]
        return [*lines, f"{var} = SHARE({var}, {var})"] if share else lines
    if hint is int:
        return [f"if type({var}) is not int or not INT_MIN <= {var} <= INT_MAX: raise Defer"]
    if hint is bool:
        return [f"if type({var}) is not bool: raise Defer"]
    if hint is float:
        return [f"{var} = finite({var})"]
    if hint is date:
        return [f"{var} = DATES.get({var}) or date_({var})"]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        scope[f"E_{name}"] = {m.value: m for m in hint}
        return [
            f"if type({var}) is not str: raise Defer",
            f"{var} = E_{name}.get({var})",
            f"if {var} is None: raise Defer",
        ]
    args = typing.get_args(hint)
    if (
        typing.get_origin(hint) is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and args[0] is str
    ):
        return [
            f"if type({var}) is not list: raise Defer",
            f"for x in {var}:",
            "    if type(x) is not str or not (x.isascii() or TEXT(x)): raise Defer",
            f"{var} = tuple([SHARE(x, x) for x in {var}])" if share else f"{var} = tuple({var})",
        ]
    if attrs.has(hint):
        scope[f"R_{name}"] = fast_reader(hint, slow, nested)
        return [f"{var} = R_{name}({var})"]
    scope[f"H_{name}"] = slow(hint)
    scope[f"T_{name}"] = hint
    return [
        "try:",
        f"    {var} = H_{name}({var}, T_{name})",
        "except Exception:",
        "    raise Defer from None",
    ]


def _plain_fields(
    cls: type[Any], scope: dict[str, Any], nested: Callable[[type[Any]], Callable[[Any], Any]]
) -> Iterator[tuple[str, str, Any, bool, bool]]:
    """Per field of ``cls``, as the writers of this module write it: its name, the expression of
    its plain value (read from ``v_<name>``: enums as values, dates as ISO strings, tuples as
    lists, a nested entity as ``nested(type)`` writes it, bound in ``scope``), its hint, whether
    it has a default (the field is then left out at its default, bound in ``scope`` as
    ``D_<name>``) and whether it may be ``None``."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        name = field.name
        var = f"v_{name}"
        hint, optional = _split_optional(hints[name])
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            value = f"{var}.value"
        elif hint is date:
            value = f"{var}.isoformat()"
        elif typing.get_origin(hint) is tuple:
            value = f"list({var})"
        elif attrs.has(hint):
            scope[f"W_{name}"] = nested(hint)
            value = f"W_{name}({var})"
        else:
            value = var
        defaulted = field.default is not attrs.NOTHING
        if defaulted:
            scope[f"D_{name}"] = field.default
        yield name, value, hint, defaulted, optional


def fast_writer(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """A function writing a ``cls`` entity as a plain dict, as the converter does: fields at
    their defaults left out, enums as values, dates as ISO strings, tuples as lists.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> write = fast_writer(Compound)
        >>> write(Compound(id="c", name="c", community="cm", households=9, kind=CompoundKind.MANAGED))
        {'id': 'c', 'name': 'c', 'community': 'cm', 'households': 9, 'kind': 'managed'}
    """
    scope: dict[str, Any] = {}
    lines = ["def write(e):", "    d = {}"]
    for name, value, _, defaulted, optional in _plain_fields(cls, scope, fast_writer):
        var = f"v_{name}"
        lines.append(f"    {var} = e.{name}")
        if not defaulted:
            lines.append(f"    d[{name!r}] = {value}")
            continue
        lines.append(f"    if {var} != D_{name}:")
        if optional and value != var:
            lines.append(f"        d[{name!r}] = None if {var} is None else {value}")
        else:
            lines.append(f"        d[{name!r}] = {value}")
    lines.append("    return d")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), scope, namespace)
    write: Callable[[Any], dict[str, Any]] = namespace["write"]
    return write


def json_dumps(value: Any) -> str:
    """``value`` as compact JSON text, as :func:`neighborparty.to_json` writes a document:
    no spaces, UTF-8 characters kept, no NaN or infinity (a ``ValueError``).

    Examples:
        >>> json_dumps({"name": "金安", "covers": ["c-1"]})
        '{"name":"金安","covers":["c-1"]}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def fast_text_writer(cls: type[Any]) -> Callable[[Any], str]:
    """A function writing a ``cls`` entity as compact JSON text: the text :func:`json_dumps`
    gives of what :func:`fast_writer` writes, made without the dict. Strings, whole numbers
    and lists of strings are written here; any other value (a float, a value of an unexpected
    type) by :func:`json_dumps`, which writes it as it always would, or refuses it.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> write = fast_text_writer(Compound)
        >>> print(write(Compound(id="c", name='"c"', community="cm", households=9, kind=CompoundKind.MANAGED)))
        {"id":"c","name":"\\"c\\"","community":"cm","households":9,"kind":"managed"}
    """
    scope: dict[str, Any] = {"ENC": _encode_string, "DUMPS": json_dumps}
    lines = ["def write(e):", "    s = ''"]
    for name, value, hint, defaulted, optional in _plain_fields(cls, scope, fast_text_writer):
        var = f"v_{name}"
        lines.append(f"    {var} = e.{name}")
        indent = "    "
        if defaulted:
            lines.append(f"    if {var} != D_{name}:")
            indent = "        "
        text = _text_of(value, hint)
        if optional and (defaulted or value != var):
            text = f"'null' if {var} is None else {text}"
        lines.append(f"{indent}s += ',\"{name}\":' + ({text})")
    lines.append("    return '{' + s[1:] + '}'")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), scope, namespace)
    write: Callable[[Any], str] = namespace["write"]
    return write


def _text_of(value: str, hint: Any) -> str:
    """The expression of the JSON text of a field's plain value ``value`` (an expression), by the
    field's hint: inline for a string, a whole number, a yes or no, a list of strings (each
    checked to be one), :func:`json_dumps` for the rest."""
    if attrs.has(hint):
        return value  # the nested writer gives text
    if hint is str or hint is date or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return f"ENC(x) if (x := {value}).__class__ is str else DUMPS(x)"
    if hint is int:
        return f"repr(x) if (x := {value}).__class__ is int else DUMPS(x)"
    if hint is bool:
        return f"('true' if x else 'false') if (x := {value}).__class__ is bool else DUMPS(x)"
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and args == (str, Ellipsis):
        var = value[len("list(") : -1]
        return (
            f"'[' + ','.join(map(ENC, {var})) + ']' "
            f"if all([y.__class__ is str for y in {var}]) else DUMPS({value})"
        )
    return f"DUMPS({value})"


def fast_columns(
    cls: type[Any],
) -> tuple[Callable[[Sequence[Any]], tuple[Any, ...]], Callable[[tuple[Any, ...]], list[Any]]]:
    """Two functions: one writing entities of ``cls`` as columns (a tuple of values per field,
    an entity field as columns of its own), and one making the same entities of the columns.

    What a pickled City holds: few containers, each value once, no key repeated; the entities
    are made as the fast reader makes them, without checking values that a City held.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> to_columns, of_columns = fast_columns(Compound)
        >>> c = Compound(id="c", name="c", community="cm", households=9, kind=CompoundKind.MANAGED)
        >>> to_columns([c])[:4]
        (('c',), ('c',), ('cm',), (9,))
        >>> of_columns(to_columns([c])) == [c]
        True
    """
    hints = typing.get_type_hints(cls)
    names = [f.name for f in attrs.fields(cls)]
    inner: dict[str, Any] = {}
    for name in names:
        hint, _ = _split_optional(hints[name])
        if attrs.has(hint):
            inner[name] = fast_columns(hint)
    scope: dict[str, Any] = {"cls": cls}
    make = [f"def make({', '.join(f'v_{n}' for n in names)}):"]
    make.extend(_build(cls, scope, names, validate=False))
    namespace: dict[str, Any] = {}
    exec("\n".join(make), scope, namespace)
    make_one = namespace["make"]
    getters = [operator.attrgetter(n) for n in names]

    def to_columns(entities: Sequence[Any]) -> tuple[Any, ...]:
        columns = []
        for name, getter in zip(names, getters, strict=True):
            column: tuple[Any, ...] = tuple(map(getter, entities))
            if name in inner:
                present = [e for e in column if e is not None]
                column = (tuple(e is not None for e in column), inner[name][0](present))
            columns.append(column)
        return tuple(columns)

    def of_columns(columns: tuple[Any, ...]) -> list[Any]:
        values = []
        for name, column in zip(names, columns, strict=True):
            if name in inner:
                present, nested = column
                made = iter(inner[name][1](nested))
                column = [next(made) if p else None for p in present]
            values.append(column)
        return list(map(make_one, *values))

    return to_columns, of_columns
